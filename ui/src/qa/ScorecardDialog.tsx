/**
 * Make or edit a scorecard: its name and its criteria, each with a label, a weight
 * relative to the others, the points it is rated out of (1 for yes/no) and whether a 0
 * fails the whole evaluation. Saving changed criteria makes a new version in Rust;
 * evaluations already made keep theirs.
 */
import { ActionIcon, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { Criterion, Scorecard } from "../ipc/bindings";
import { useSaveScorecard } from "../ipc/queries";

const FIELDS = ["name", "criteria", "criterionLabel", "weight", "points"] as const;

const blank = (): Criterion => ({ key: "", label: "", weight: 10, points: 1, critical: false });

export function ScorecardDialog({ scorecard, opened, onClose }: { scorecard?: Scorecard; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(scorecard?.name ?? "");
  const [criteria, setCriteria] = useState<Criterion[]>(scorecard?.criteria ?? [blank()]);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveScorecard(scorecard?.id ?? null), FIELDS, onClose);
  const change = (i: number, patch: Partial<Criterion>) => {
    setCriteria((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
    errors.clear("criteria");
    for (const f of Object.keys(patch)) errors.clear((f === "label" ? "criterionLabel" : f) as (typeof FIELDS)[number]);
  };
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={scorecard ? t("qa.scorecards.editTitle") : t("qa.scorecards.newTitle")}
      submitLabel={scorecard ? t("common.save") : t("qa.scorecards.create")}
      {...formProps}
      onSubmit={() => {
        if (!errors.requireFilled({ name })) return;
        save({ name, criteria });
      }}
    >
      <TextInput label={t("fields.name")} {...textField("name", name, setName)} required maxLength={120} data-autofocus />
      {scorecard && scorecard.evaluations > 0 ? (
        <Text size="sm" c="dimmed">
          {t("qa.scorecards.versionNote", { count: scorecard.evaluations })}
        </Text>
      ) : null}
      <Stack gap="xs" role="group" aria-label={t("qa.scorecards.criteria")}>
        {criteria.map((c, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t("qa.scorecards.criterion", { n: i + 1 })}
              value={c.label}
              onChange={(e) => change(i, { label: e.currentTarget.value })}
              maxLength={200}
              required
              error={i === 0 ? errors.fieldErrors.criterionLabel : undefined}
            />
            <NumberInput
              w={90}
              label={t("qa.scorecards.weight")}
              value={c.weight}
              onChange={(v) => change(i, { weight: Math.round(Number(v) || 0) })}
              min={1}
              max={100}
              allowDecimal={false}
              error={i === 0 ? errors.fieldErrors.weight : undefined}
            />
            <NumberInput
              w={90}
              label={t("qa.scorecards.points")}
              value={c.points}
              onChange={(v) => change(i, { points: Math.round(Number(v) || 0) })}
              min={1}
              max={10}
              allowDecimal={false}
              error={i === 0 ? errors.fieldErrors.points : undefined}
            />
            <Checkbox
              mb={8}
              label={t("qa.scorecards.critical")}
              checked={c.critical}
              onChange={(e) => change(i, { critical: e.currentTarget.checked })}
            />
            <ActionIcon
              mb={4}
              variant="subtle"
              color="red"
              aria-label={t("qa.scorecards.removeCriterion", { n: i + 1 })}
              disabled={criteria.length === 1}
              onClick={() => setCriteria((cs) => cs.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {errors.fieldErrors.criteria ? (
          <Text size="sm" c="red" role="alert">
            {errors.fieldErrors.criteria}
          </Text>
        ) : null}
        <Group justify="space-between">
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCriteria((cs) => [...cs, blank()])}>
            {t("qa.scorecards.addCriterion")}
          </Button>
          <Text size="sm" c="dimmed">
            {t("qa.scorecards.totalWeight", { total })}
          </Text>
        </Group>
      </Stack>
    </FormDialog>
  );
}
