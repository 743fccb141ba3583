/**
 * One phase of a plan: its steps in order, each with its owner, target and whether it is
 * required, and the knowledge-base articles linked to it; add, edit, remove, and reorder
 * by dragging a step's handle (pointer or keyboard) or with its up and down buttons.
 * A drop is shown at once and saved as one write of the step's place (Rust keys it
 * between its new neighbours).
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { LinkedArticle, Phase, PlanStepId, Step } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useMoveStep, usePlaceStep, useRemoveStep } from "../ipc/queries";
import { PhaseStepRow } from "./PhaseStepRow";

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
  const place = usePlaceStep();
  const remove = useRemoveStep();
  // The order just dropped, shown until the plan is read again with the step in place.
  const [dropped, setDropped] = useState<{ from: Step[]; order: Step[] } | null>(null);
  const shown = dropped && dropped.from === steps ? dropped.order : steps;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const failed = move.error ?? place.error ?? remove.error;
  const titleId = `phase-${phase}`;
  const textOf = (id: string | number | undefined) => shown.find((s) => s.id === id)?.text ?? "";
  const placeOf = (id: string | number | undefined) => shown.findIndex((s) => s.id === id) + 1;

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = shown.findIndex((s) => s.id === active.id);
    const to = shown.findIndex((s) => s.id === over.id);
    if (from < 0 || to < 0) return;
    setDropped({ from: steps, order: arrayMove(shown, from, to) });
    place.mutate({ id: String(active.id), index: to }, { onError: () => setDropped(null) });
  };

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
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.step.none")}
          </Text>
        ) : (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{
              screenReaderInstructions: { draggable: t("plans.step.dragInstructions") },
              announcements: {
                onDragStart: ({ active }) => t("plans.step.dragStart", { step: textOf(active.id) }),
                onDragOver: ({ active, over }) =>
                  over ? t("plans.step.dragOver", { step: textOf(active.id), place: placeOf(over.id), count: shown.length }) : undefined,
                onDragEnd: ({ active, over }) =>
                  over ? t("plans.step.dragEnd", { step: textOf(active.id), place: placeOf(over.id), count: shown.length }) : undefined,
                onDragCancel: ({ active }) => t("plans.step.dragCancel", { step: textOf(active.id) }),
              },
            }}
          >
            <SortableContext items={shown.map((s) => s.id)} strategy={verticalListSortingStrategy}>
              <Stack component="ol" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
                {shown.map((s, i) => (
                  <PhaseStepRow
                    key={s.id}
                    step={s}
                    first={i === 0}
                    last={i === shown.length - 1}
                    articles={articles.get(s.id)}
                    onMove={(up) => move.mutate({ id: s.id, up })}
                    onEdit={() => onEdit(s)}
                    onRemove={() => remove.mutate(s.id)}
                  />
                ))}
              </Stack>
            </SortableContext>
          </DndContext>
        )}
      </Stack>
    </Paper>
  );
}
