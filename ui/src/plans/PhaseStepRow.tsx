/**
 * One step of a plan's phase as a sortable row: a drag handle (pointer or keyboard:
 * Space to lift, arrows to move, Space to drop), its text, owner, target and articles,
 * and buttons to move it up or down, edit or remove it.
 */
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Badge, Group, Stack, Text } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPencil, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { formatDuration } from "../cases/time";
import type { LinkedArticle, Step } from "../ipc/bindings";
import { ArticleLinks } from "../knowledge/WorkLinks";

export function PhaseStepRow({
  step: s,
  first,
  last,
  articles,
  onMove,
  onEdit,
  onRemove,
}: {
  step: Step;
  first: boolean;
  last: boolean;
  articles: LinkedArticle[] | undefined;
  onMove: (up: boolean) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: s.id });
  return (
    <Group
      component="li"
      ref={setNodeRef}
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: "relative",
        zIndex: isDragging ? 1 : undefined,
        background: isDragging ? "var(--mantine-color-body)" : undefined,
        boxShadow: isDragging ? "var(--mantine-shadow-md)" : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray"
          aria-label={t("plans.step.drag", { step: s.text })}
          style={{ cursor: isDragging ? "grabbing" : "grab", touchAction: "none" }}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text style={{ whiteSpace: "pre-wrap" }}>{s.text}</Text>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t("plans.step.meta", { owner: s.ownerRole || t("plans.step.noOwner"), offset: formatDuration(t, s.offsetMinutes) })}
            </Text>
            {s.required ? null : (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {t("plans.step.optional")}
              </Badge>
            )}
          </Group>
          <ArticleLinks articles={articles} heading={t("knowledge.steps.articles")} label={t("knowledge.steps.articlesOf", { step: s.text })} />
        </Stack>
      </Group>
      <Group gap={4} wrap="nowrap">
        <ActionIcon variant="subtle" aria-label={t("plans.step.moveUp", { step: s.text })} disabled={first} onClick={() => onMove(true)}>
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="subtle" aria-label={t("plans.step.moveDown", { step: s.text })} disabled={last} onClick={() => onMove(false)}>
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="subtle" aria-label={t("plans.step.edit", { step: s.text })} onClick={onEdit}>
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="subtle" color="red" aria-label={t("plans.step.remove", { step: s.text })} onClick={onRemove}>
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </Group>
  );
}
