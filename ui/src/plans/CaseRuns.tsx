/** On a case page: the contingency-plan runs the case is linked to, each opening its run. */
import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDateTime } from "../cases/time";
import type { CaseId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCaseRuns } from "../ipc/queries";
import { KindBadge } from "./Badges";

export function CaseRuns({ caseId }: { caseId: CaseId }) {
  const { t, i18n } = useTranslation();
  const runs = useCaseRuns(caseId);
  if (!runs.isError && !runs.data?.length) return null;
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby="case-runs-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="case-runs-title">
          {t("plans.cases.caseRuns")}
        </Title>
        {runs.isError ? (
          <Text size="sm" c="red">
            {describeError(t, runs.error)}
          </Text>
        ) : (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
            {(runs.data ?? []).map((r) => (
              <Group component="li" key={r.id} gap="xs">
                <KindBadge kind={r.kind} />
                <Anchor component={Link} to={`/plans/runs/${r.id}`} size="sm">
                  {r.planTitle || t("plans.run.untitled")}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(i18n.language, r.startedAt)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
