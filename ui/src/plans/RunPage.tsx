/**
 * A run: which plan and version, what kind (always marked), the commander, time since
 * activation; the checklist, the incident log, closing, and once closed the score, the
 * hot-wash and the after-action review with its action items.
 */
import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { formatDateTime, formatDuration, useNow } from "../cases/time";
import type { RunView } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRun } from "../ipc/queries";
import { ActionDialog, type RunDialogAction } from "./ActionDialog";
import { KindBadge } from "./Badges";
import { RunCases } from "./RunCases";
import { RunChecklist } from "./RunChecklist";
import { RunContacts } from "./RunContacts";
import { RunLog } from "./RunLog";
import { RunReview } from "./RunReview";
import { RunScoreCard } from "./RunScoreCard";
import { RunTemplates } from "./RunTemplates";

export function RunPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const run = useRun(id);
  if (run.isError) return <Text role="alert">{describeError(t, run.error)}</Text>;
  if (!run.data) return <Text c="dimmed">{t("common.loading")}</Text>;
  return <Run run={run.data} />;
}

function Run({ run }: { run: RunView }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [action, setAction] = useState<RunDialogAction | null>(null);
  const s = run.summary;
  const end = s.closedAt ? Date.parse(s.closedAt) : now;
  const elapsed = (end - Date.parse(s.startedAt)) / 60_000;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/plans/${s.planId}`} size="sm">
        {t("plans.run.backToPlan")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <KindBadge kind={s.kind} />
            <Title order={2} size="h3">
              {run.versionTitle}
            </Title>
          </Group>
          <Text size="sm">{t("plans.run.commander", { name: s.commander })}</Text>
          <Text size="sm" c="dimmed">
            {t("plans.run.activated", { time: formatDateTime(i18n.language, s.startedAt), elapsed: formatDuration(t, elapsed) })}
          </Text>
          {s.closedAt ? (
            <Text size="sm" c="dimmed">
              {t("plans.run.closedAt", { time: formatDateTime(i18n.language, s.closedAt) })}
            </Text>
          ) : null}
        </Stack>
        {s.closedAt ? (
          <Button size="xs" variant="default" component={Link} to={`/print/runs/${s.id}`} leftSection={<IconPrinter size={14} aria-hidden />}>
            {t("plans.print.printReport")}
          </Button>
        ) : (
          <Button size="xs" color="red" variant="light" onClick={() => setAction({ kind: "close" })}>
            {t("plans.action.close")}
          </Button>
        )}
      </Group>
      {run.score ? <RunScoreCard score={run.score} /> : null}
      {s.closedAt ? <RunReview run={s.id} /> : null}
      <RunChecklist run={run} onSkip={(step) => setAction({ kind: "skip", step })} onNote={(step) => setAction({ kind: "note", step })} />
      <RunContacts contacts={run.contacts} />
      <RunTemplates run={s.id} templates={run.templates} />
      <RunCases run={s.id} />
      <RunLog run={run} />
      {action ? <ActionDialog run={s.id} action={action} onClose={() => setAction(null)} /> : null}
    </Stack>
  );
}
