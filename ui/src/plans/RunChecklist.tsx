/**
 * A run's checklist, phase by phase: each step with its owner, target time, time since
 * activation and state (overdue highlighted), the knowledge-base articles linked to it (at
 * hand mid-incident), and Done / Skip / Note while the run is open.
 */
import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { formatDateTime, formatDuration } from "../cases/time";
import type { LinkedArticle, RunItem, RunView, Step } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRecordRun } from "../ipc/queries";
import { ArticleLinks, useStepArticles } from "../knowledge/WorkLinks";
import { StateBadge } from "./Badges";
import { PHASES } from "./model";

export function RunChecklist({
  run,
  onSkip,
  onNote,
}: {
  run: RunView;
  onSkip: (step: Step) => void;
  onNote: (step: Step) => void;
}) {
  const { t } = useTranslation();
  const record = useRecordRun(run.summary.id);
  const articles = useStepArticles(run.summary.planId);
  const open = !run.summary.closedAt;
  return (
    <Stack gap="sm">
      {record.isError ? (
        <Text size="sm" c="red" role="alert">
          {describeError(t, record.error)}
        </Text>
      ) : null}
      {PHASES.map((phase) => {
        const items = run.items.filter((i) => i.step.phase === phase);
        if (items.length === 0) return null;
        return (
          <Paper withBorder p="sm" key={phase} component="section" aria-labelledby={`run-phase-${phase}`}>
            <Title order={3} size="h5" id={`run-phase-${phase}`} mb="xs">
              {t(`plans.phase.${phase}`)}
            </Title>
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
              {items.map((item) => (
                <Item
                  key={item.step.id}
                  item={item}
                  articles={articles.get(item.step.id)}
                  open={open}
                  onTick={() => record.mutate({ kind: "tick", step: item.step.id })}
                  onSkip={() => onSkip(item.step)}
                  onNote={() => onNote(item.step)}
                />
              ))}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function Item({
  item,
  articles,
  open,
  onTick,
  onSkip,
  onNote,
}: {
  item: RunItem;
  articles: LinkedArticle[] | undefined;
  open: boolean;
  onTick: () => void;
  onSkip: () => void;
  onNote: () => void;
}) {
  const { t, i18n } = useTranslation();
  const overdue = item.state === "overdue";
  const settled = item.state === "done" || item.state === "skipped";
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      p={4}
      // Marked by a red edge, not a red fill: the row's dimmed text is only measured
      // against the window's own surfaces (theme.ts), and on the red tint in the dark
      // theme it fell below 4.5:1. The badge and the bold text say "overdue" in words.
      style={{
        borderRadius: "var(--mantine-radius-sm)",
        borderInlineStart: `3px solid ${overdue ? "var(--mantine-color-red-filled)" : "transparent"}`,
      }}
    >
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap="xs">
          <StateBadge state={item.state} />
          <Text fw={overdue ? 600 : undefined} style={{ whiteSpace: "pre-wrap" }}>
            {item.step.text}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t("plans.item.meta", {
            owner: item.step.ownerRole || t("plans.step.noOwner"),
            due: formatDateTime(i18n.language, item.dueAt),
            offset: formatDuration(t, item.step.offsetMinutes),
          })}
          {item.step.required ? "" : ` · ${t("plans.step.optional")}`}
        </Text>
        {item.settledAt ? (
          <Text size="xs">
            {t(`plans.item.${item.state === "done" ? "doneAt" : "skippedAt"}`, {
              time: formatDateTime(i18n.language, item.settledAt),
            })}
            {item.reason ? ` — ${item.reason}` : ""}
          </Text>
        ) : null}
        <ArticleLinks
          articles={articles}
          heading={t("knowledge.steps.articles")}
          label={t("knowledge.steps.articlesOf", { step: item.step.text })}
        />
      </Stack>
      {open ? (
        <Group gap={4} wrap="nowrap">
          {item.state === "done" ? null : (
            <Button size="compact-xs" onClick={onTick} aria-label={t("plans.item.tickNamed", { step: item.step.text })}>
              {t("plans.item.tick")}
            </Button>
          )}
          {settled ? null : (
            <Button size="compact-xs" variant="default" onClick={onSkip} aria-label={t("plans.item.skipNamed", { step: item.step.text })}>
              {t("plans.item.skip")}
            </Button>
          )}
          <Button size="compact-xs" variant="subtle" onClick={onNote} aria-label={t("plans.item.noteNamed", { step: item.step.text })}>
            {t("plans.item.note")}
          </Button>
        </Group>
      ) : null}
    </Group>
  );
}
