/**
 * Log a case in seconds, from the keyboard: Title (focused), Customer (pick or add),
 * Channel, Category (suggestions from categories in use, any text allowed), Priority.
 * Enter submits from any field whose list is closed. On success the new case opens;
 * on error the typed values stay and the message appears beside its field.
 */
import { Autocomplete, SimpleGrid, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { CustomerPicker, type PickedCustomer } from "../customers/CustomerPicker";
import type { CaseChannel, PlanRunId, Priority } from "../ipc/bindings";
import { useCaseCategories, useCreateCase, useCreateCaseForRun } from "../ipc/queries";
import { FormDialog } from "./dialogs/FormDialog";
import { FormSelect } from "./dialogs/FormSelect";
import { useDialogMutation } from "./dialogs/useDialogMutation";
import { CHANNELS, PRIORITIES, channelOptions, isOneOf, priorityOptions } from "./model";

const FIELDS = ["title", "customerId", "channel", "category", "priority"] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  title: string;
  customer: PickedCustomer | null;
  channel: CaseChannel;
  category: string;
  priority: Priority;
}

const EMPTY: Draft = { title: "", customer: null, channel: "phone", category: "", priority: "p3" };

/**
 * With `run`, the case is created from a contingency-plan run and linked to it in the
 * same write; the run page stays open and lists it.
 */
export function QuickCreateDialog({ opened, onClose, run }: { opened: boolean; onClose: () => void; run?: PlanRunId }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categories = useCaseCategories();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const create = useCreateCase();
  const createForRun = useCreateCaseForRun(run ?? "");
  // This dialog stays mounted between uses, so a saved case's values are cleared here.
  const { errors, save, formProps } = useDialogMutation(run ? createForRun : create, FIELDS, (detail) => {
    notifications.show({ message: t("cases.create.created", { reference: detail.case.reference }), color: "teal" });
    setDraft(EMPTY);
    errors.clear();
    onClose();
    if (!run) void navigate(`/cases/${detail.case.id}`);
  });

  const edit = (patch: Partial<Draft>, field: Field) => {
    setDraft((d) => ({ ...d, ...patch }));
    errors.clear(field);
  };

  const submit = () => {
    if (!errors.requireFilled({ title: draft.title })) return;
    save({
      title: draft.title.trim(),
      description: "",
      customerId: draft.customer?.id ?? null,
      channel: draft.channel,
      category: draft.category.trim(),
      priority: draft.priority,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.create.title")}
      submitLabel={t("cases.create.submit")}
      {...formProps}
      onSubmit={submit}
      hint={t("cases.create.hint")}
      size="lg"
    >
      <TextInput
        label={t("fields.title")}
        placeholder={t("cases.create.titlePlaceholder")}
        value={draft.title}
        onChange={(e) => edit({ title: e.currentTarget.value }, "title")}
        error={errors.fieldErrors.title}
        required
        data-autofocus
        maxLength={200}
      />
      <CustomerPicker
        value={draft.customer}
        onChange={(customer) => edit({ customer }, "customerId")}
        error={errors.fieldErrors.customerId}
      />
      <SimpleGrid cols={3} spacing="sm">
        <FormSelect
          label={t("fields.channel")}
          data={channelOptions(t)}
          value={draft.channel}
          onChange={(v) => isOneOf(CHANNELS, v) && edit({ channel: v }, "channel")}
          allowDeselect={false}
          error={errors.fieldErrors.channel}
        />
        <Autocomplete
          label={t("fields.category")}
          placeholder={t("cases.create.categoryPlaceholder")}
          data={categories.data ?? []}
          value={draft.category}
          onChange={(category) => edit({ category }, "category")}
          error={errors.fieldErrors.category}
          maxLength={80}
        />
        <FormSelect
          label={t("fields.priority")}
          data={priorityOptions(t)}
          value={draft.priority}
          onChange={(v) => isOneOf(PRIORITIES, v) && edit({ priority: v }, "priority")}
          allowDeselect={false}
          error={errors.fieldErrors.priority}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
