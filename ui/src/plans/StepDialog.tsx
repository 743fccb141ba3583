/** Add a step to a phase, or edit one: text, owner role, target offset, required. */
import { Checkbox, NumberInput, SimpleGrid, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { Phase, PlanId, Step } from "../ipc/bindings";
import { useSaveStep } from "../ipc/queries";
import { PHASES, phaseOptions } from "./model";

const FIELDS = ["text", "ownerRole", "offsetMinutes"] as const;
/** Rust's limit (thirty days), so the field refuses what Rust would. */
const MAX_OFFSET_MINUTES = 60 * 24 * 30;

export function StepDialog({
  plan,
  step,
  phase: initialPhase,
  opened,
  onClose,
}: {
  plan: PlanId;
  step?: Step;
  phase: Phase;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(step?.phase ?? initialPhase);
  const [text, setText] = useState(step?.text ?? "");
  const [ownerRole, setOwnerRole] = useState(step?.ownerRole ?? "");
  const [offset, setOffset] = useState<number | null>(step?.offsetMinutes ?? 0);
  const [required, setRequired] = useState(step?.required ?? true);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveStep(plan, step?.id ?? null), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ text, offsetMinutes: offset === null ? "" : String(offset) })) return;
    save({ phase, text, ownerRole, offsetMinutes: offset ?? 0, required });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={step ? t("plans.step.editTitle") : t("plans.step.newTitle", { phase: t(`plans.phase.${initialPhase}`) })}
      submitLabel={step ? t("common.save") : t("plans.step.add")}
      {...formProps}
      onSubmit={submit}
    >
      <Textarea label={t("plans.fields.text")} {...textField("text", text, setText)} required autosize minRows={2} maxLength={2000} data-autofocus />
      <SimpleGrid cols={2} spacing="sm">
        <FormSelect label={t("plans.fields.phase")} data={phaseOptions(t)} value={phase} onChange={(v) => isOneOf(PHASES, v) && setPhase(v)} allowDeselect={false} />
        <TextInput label={t("plans.fields.ownerRole")} {...textField("ownerRole", ownerRole, setOwnerRole)} maxLength={120} />
        <NumberInput
          label={t("plans.fields.offsetMinutes")}
          description={t("plans.step.offsetHint")}
          value={offset ?? ""}
          onChange={(v) => {
            setOffset(v === "" ? null : Math.round(Number(v)));
            errors.clear("offsetMinutes");
          }}
          min={0}
          max={MAX_OFFSET_MINUTES}
          allowDecimal={false}
          required
          error={errors.fieldErrors.offsetMinutes}
        />
        <Checkbox label={t("plans.fields.required")} checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} mt="xl" />
      </SimpleGrid>
    </FormDialog>
  );
}
