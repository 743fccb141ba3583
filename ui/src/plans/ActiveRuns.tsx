/** The runs not closed yet, each linked to its checklist; nothing when there are none. */
import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDateTime } from "../cases/time";
import { useActiveRuns } from "../ipc/queries";
import { KindBadge } from "./Badges";

export function ActiveRuns() {
  const { t, i18n } = useTranslation();
  const runs = useActiveRuns();
  if (!runs.data?.length) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="active-runs-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="active-runs-title">
          {t("plans.active.title", { count: runs.data.length })}
        </Title>
        {runs.data.map((r) => (
          <Group key={r.id} gap="sm">
            <KindBadge kind={r.kind} />
            <Anchor component={Link} to={`/plans/runs/${r.id}`}>
              {r.planTitle || t("plans.run.untitled")}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t("plans.active.since", { time: formatDateTime(i18n.language, r.startedAt), commander: r.commander })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
