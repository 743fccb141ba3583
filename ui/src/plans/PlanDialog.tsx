/**
 * Create a plan, or edit its fields: title, scenario, severity, owner, review and drill
 * intervals in days, trigger criteria and warning thresholds.
 */
import { NumberInput, SimpleGrid, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { PlanDetail, PlanId, Scenario, Severity } from "../ipc/bindings";
import { useSavePlan } from "../ipc/queries";
import { SCENARIOS, SEVERITIES, scenarioOptions, severityOptions } from "./model";

const FIELDS = ["title", "scenario", "severity", "owner", "reviewDays", "drillDays", "triggers", "thresholds"] as const;

export function PlanDialog({
  plan,
  opened,
  onClose,
  onSaved,
}: {
  plan?: PlanDetail;
  opened: boolean;
  onClose: () => void;
  onSaved?: (id: PlanId) => void;
}) {
  const { t } = useTranslation();
  const f = plan?.content.fields;
  const [title, setTitle] = useState(f?.title ?? "");
  const [scenario, setScenario] = useState<Scenario>(f?.scenario ?? "system_outage");
  const [severity, setSeverity] = useState<Severity>(f?.severity ?? "high");
  const [owner, setOwner] = useState(f?.owner ?? "");
  const [reviewDays, setReviewDays] = useState<number | null>(f?.reviewDays ?? 365);
  const [drillDays, setDrillDays] = useState<number | null>(f?.drillDays ?? 180);
  const [triggers, setTriggers] = useState(f?.triggers ?? "");
  const [thresholds, setThresholds] = useState(f?.thresholds ?? "");
  const { errors, save, textField, formProps } = useDialogMutation(useSavePlan(plan?.id ?? null), FIELDS, (id) => {
    onClose();
    onSaved?.(id);
  });

  const submit = () => {
    const days = (v: number | null) => (v === null ? "" : String(v));
    if (!errors.requireFilled({ title, reviewDays: days(reviewDays), drillDays: days(drillDays) })) return;
    save({ title, scenario, severity, owner, reviewDays: reviewDays ?? 0, drillDays: drillDays ?? 0, triggers, thresholds });
  };
  const days = (field: "reviewDays" | "drillDays", value: number | null, set: (v: number | null) => void) => (
    <NumberInput
      label={t(`plans.fields.${field}`)}
      value={value ?? ""}
      onChange={(v) => {
        set(v === "" ? null : Math.round(Number(v)));
        errors.clear(field);
      }}
      min={1}
      allowDecimal={false}
      required
      error={errors.fieldErrors[field]}
    />
  );

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={plan ? t("plans.plan.editTitle") : t("plans.plan.newTitle")}
      submitLabel={plan ? t("common.save") : t("plans.plan.create")}
      size="lg"
      {...formProps}
      onSubmit={submit}
    >
      <TextInput label={t("plans.fields.title")} {...textField("title", title, setTitle)} required maxLength={120} data-autofocus />
      <SimpleGrid cols={2} spacing="sm">
        <FormSelect
          label={t("plans.fields.scenario")}
          data={scenarioOptions(t)}
          value={scenario}
          onChange={(v) => isOneOf(SCENARIOS, v) && setScenario(v)}
          allowDeselect={false}
        />
        <FormSelect
          label={t("plans.fields.severity")}
          data={severityOptions(t)}
          value={severity}
          onChange={(v) => isOneOf(SEVERITIES, v) && setSeverity(v)}
          allowDeselect={false}
        />
        {days("reviewDays", reviewDays, setReviewDays)}
        {days("drillDays", drillDays, setDrillDays)}
      </SimpleGrid>
      <TextInput label={t("plans.fields.owner")} {...textField("owner", owner, setOwner)} maxLength={120} />
      <Textarea label={t("plans.fields.triggers")} {...textField("triggers", triggers, setTriggers)} autosize minRows={2} maxLength={4000} />
      <Textarea
        label={t("plans.fields.thresholds")}
        {...textField("thresholds", thresholds, setThresholds)}
        autosize
        minRows={2}
        maxLength={4000}
      />
    </FormDialog>
  );
}
