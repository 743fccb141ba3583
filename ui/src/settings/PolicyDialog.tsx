/**
 * Create or edit an SLA policy: name, priority, optional tier and category, the clock
 * (business or calendar hours) and the two targets, each an amount in minutes or hours
 * (empty: no target). Rust validates again and its errors are shown beside the field;
 * a clash with another policy's priority/tier/category is shown beside the priority.
 */
import { Autocomplete, Group, NumberInput, Radio, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog, useFormErrors } from "../cases/dialogs/FormDialog";
import { PRIORITIES, isOneOf, priorityLabel } from "../cases/model";
import type { Priority, SlaPolicyId, SlaPolicyInput, Tier } from "../ipc/bindings";
import { ipcErrorOf } from "../ipc/errors";
import { useCaseCategories, useCreateSlaPolicy, useUpdateSlaPolicy } from "../ipc/queries";
import { TARGET_UNITS, toAmount, toMinutes, type TargetUnit } from "./targets";

const FIELDS = ["name", "priority", "tier", "category", "firstResponseMinutes", "resolutionMinutes"] as const;
type Field = (typeof FIELDS)[number];
type TargetField = "firstResponseMinutes" | "resolutionMinutes";

const TIERS: readonly Tier[] = ["standard", "vip"];
/** The tier select's value for "any customer" (a Select value cannot be null). */
const ANY_TIER = "any";

interface TargetDraft {
  amount: number | string;
  unit: TargetUnit;
}

/** What the dialog edits: a stored policy (with its id) or a new one. */
export interface PolicyDraft {
  id: SlaPolicyId | null;
  input: SlaPolicyInput;
}

function TargetInput({
  field,
  value,
  error,
  onChange,
}: {
  field: TargetField;
  value: TargetDraft;
  error: string | undefined;
  onChange: (value: TargetDraft) => void;
}) {
  const { t } = useTranslation();
  const label = t(`fields.${field}`);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        label={label}
        description={t("settings.sla.emptyMeansNoTarget")}
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount })}
        min={0}
        allowNegative={false}
        decimalScale={2}
        error={error}
        flex={1}
      />
      <Select
        label={t("settings.sla.unitOf", { field: label })}
        data={TARGET_UNITS.map((u) => ({ value: u, label: t(`settings.sla.units.${u}`) }))}
        value={value.unit}
        onChange={(unit) => {
          if (isOneOf(TARGET_UNITS, unit)) onChange({ ...value, unit });
        }}
        allowDeselect={false}
        // Wide enough for "First response unit" on one line, so both rows line up.
        w={170}
        // Below the amount's description, so both fields line up.
        mt={22}
      />
    </Group>
  );
}

export function PolicyDialog({ draft, onClose }: { draft: PolicyDraft; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSlaPolicy();
  const update = useUpdateSlaPolicy();
  const categories = useCaseCategories();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState(draft.input.name);
  const [priority, setPriority] = useState<Priority>(draft.input.priority);
  const [tier, setTier] = useState<Tier | null>(draft.input.tier);
  const [category, setCategory] = useState(draft.input.category ?? "");
  const [businessHours, setBusinessHours] = useState(draft.input.businessHours);
  const [targets, setTargets] = useState<Record<TargetField, TargetDraft>>({
    firstResponseMinutes: toAmount(draft.input.firstResponseMinutes),
    resolutionMinutes: toAmount(draft.input.resolutionMinutes),
  });
  const pending = create.isPending || update.isPending;

  const touched = (field: Field) => errors.clear(field);

  const fail = (error: unknown) => {
    const ipc = ipcErrorOf(error);
    if (ipc?.code === "validation" && ipc.rule === "duplicate" && ipc.field === "priority") {
      errors.set("priority", t("settings.sla.duplicate"));
    } else if (
      ipc?.code === "validation" &&
      ipc.rule === "invalid_value" &&
      (ipc.field === "firstResponseMinutes" || ipc.field === "resolutionMinutes")
    ) {
      errors.set(ipc.field, t("settings.sla.targetRange"));
    } else {
      errors.fail(error);
    }
  };

  const submit = () => {
    if (!errors.requireFilled({ name })) return;
    const firstResponse = toMinutes(targets.firstResponseMinutes.amount, targets.firstResponseMinutes.unit);
    const resolution = toMinutes(targets.resolutionMinutes.amount, targets.resolutionMinutes.unit);
    for (const [field, minutes] of [
      ["firstResponseMinutes", firstResponse],
      ["resolutionMinutes", resolution],
    ] as const) {
      if (minutes === "invalid") {
        errors.set(field, t("settings.sla.targetRange"));
        return;
      }
    }
    const input: SlaPolicyInput = {
      name: name.trim(),
      priority,
      tier,
      category: category.trim() || null,
      firstResponseMinutes: firstResponse as number | null,
      resolutionMinutes: resolution as number | null,
      businessHours,
    };
    const done = (message: string) => {
      notifications.show({ message, color: "teal" });
      onClose();
    };
    if (draft.id) {
      update.mutate({ id: draft.id, input }, { onSuccess: () => done(t("settings.sla.saved")), onError: fail });
    } else {
      create.mutate(input, { onSuccess: () => done(t("settings.sla.created")), onError: fail });
    }
  };

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={draft.id ? t("settings.sla.editTitle") : t("settings.sla.addTitle")}
      submitLabel={draft.id ? t("settings.sla.save") : t("settings.sla.add")}
      pending={pending}
      formError={errors.formError}
      onSubmit={submit}
      size="lg"
    >
      <TextInput
        label={t("fields.name")}
        placeholder={t("settings.sla.namePlaceholder")}
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          touched("name");
        }}
        error={errors.fieldErrors.name}
        required
        data-autofocus
        autoComplete="off"
      />
      <SimpleGrid cols={3} spacing="sm">
        <Select
          label={t("fields.priority")}
          data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }))}
          value={priority}
          onChange={(value) => {
            if (isOneOf(PRIORITIES, value)) setPriority(value);
            touched("priority");
          }}
          allowDeselect={false}
          error={errors.fieldErrors.priority}
        />
        <Select
          label={t("fields.tier")}
          data={[
            { value: ANY_TIER, label: t("settings.sla.anyTier") },
            ...TIERS.map((v) => ({ value: v, label: t(`cases.tier.${v}`) })),
          ]}
          value={tier ?? ANY_TIER}
          onChange={(value) => {
            setTier(isOneOf(TIERS, value) ? value : null);
            touched("tier");
            touched("priority");
          }}
          allowDeselect={false}
          error={errors.fieldErrors.tier}
        />
        <Autocomplete
          label={t("fields.category")}
          placeholder={t("settings.sla.anyCategory")}
          data={categories.data ?? []}
          value={category}
          onChange={(value) => {
            setCategory(value);
            touched("category");
            touched("priority");
          }}
          error={errors.fieldErrors.category}
          autoComplete="off"
        />
      </SimpleGrid>
      <Radio.Group
        label={t("settings.sla.clock")}
        value={businessHours ? "business" : "calendar"}
        onChange={(value) => setBusinessHours(value === "business")}
      >
        <Stack gap={6} mt={6}>
          <Radio value="business" label={t("settings.sla.clockBusiness")} />
          <Radio value="calendar" label={t("settings.sla.clockCalendar")} />
        </Stack>
      </Radio.Group>
      {(["firstResponseMinutes", "resolutionMinutes"] as const).map((field) => (
        <TargetInput
          key={field}
          field={field}
          value={targets[field]}
          error={errors.fieldErrors[field]}
          onChange={(value) => {
            setTargets((current) => ({ ...current, [field]: value }));
            touched(field);
          }}
        />
      ))}
    </FormDialog>
  );
}
