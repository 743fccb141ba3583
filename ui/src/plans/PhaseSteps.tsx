/**
 * One phase of a plan: its steps in order, each with its owner, target and whether it is
 * required, and the knowledge-base articles linked to it; add, edit, remove, and move up
 * or down (buttons, so the keyboard reorders).
 */
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { formatDuration } from "../cases/time";
import type { LinkedArticle, Phase, PlanStepId, Step } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useMoveStep, useRemoveStep } from "../ipc/queries";
import { ArticleLinks } from "../knowledge/WorkLinks";

export function PhaseSteps({
  phase,
  steps,
  articles,
  onAdd,
  onEdit,
}: {
  phase: Phase;
  steps: Step[];
  articles: Map<PlanStepId, LinkedArticle[]>;
  onAdd: () => void;
  onEdit: (step: Step) => void;
}) {
  const { t } = useTranslation();
  const move = useMoveStep();
  const remove = useRemoveStep();
  const failed = move.error ?? remove.error;
  const titleId = `phase-${phase}`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id={titleId}>
            {t(`plans.phase.${phase}`)}
          </Title>
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
            {t("plans.step.addTo", { phase: t(`plans.phase.${phase}`) })}
          </Button>
        </Group>
        {failed ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, failed)}
          </Text>
        ) : null}
        {steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.step.none")}
          </Text>
        ) : (
          <Stack component="ol" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
            {steps.map((s, i) => (
              <Group component="li" key={s.id} justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text style={{ whiteSpace: "pre-wrap" }}>{s.text}</Text>
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      {t("plans.step.meta", {
                        owner: s.ownerRole || t("plans.step.noOwner"),
                        offset: formatDuration(t, s.offsetMinutes),
                      })}
                    </Text>
                    {s.required ? null : (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {t("plans.step.optional")}
                      </Badge>
                    )}
                  </Group>
                  <ArticleLinks
                    articles={articles.get(s.id)}
                    heading={t("knowledge.steps.articles")}
                    label={t("knowledge.steps.articlesOf", { step: s.text })}
                  />
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("plans.step.moveUp", { step: s.text })}
                    disabled={i === 0}
                    onClick={() => move.mutate({ id: s.id, up: true })}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("plans.step.moveDown", { step: s.text })}
                    disabled={i === steps.length - 1}
                    onClick={() => move.mutate({ id: s.id, up: false })}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" aria-label={t("plans.step.edit", { step: s.text })} onClick={() => onEdit(s)}>
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("plans.step.remove", { step: s.text })}
                    onClick={() => remove.mutate(s.id)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
