/** The full edit form: every editable field of the case. */
import { Autocomplete, SimpleGrid, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { CustomerPicker, type PickedCustomer } from "../../customers/CustomerPicker";
import type { Case, CaseChannel, Priority } from "../../ipc/bindings";
import { useCaseCategories, useEditCase } from "../../ipc/queries";
import { CHANNELS, PRIORITIES, channelOptions, isOneOf, priorityOptions } from "../model";
import { FormDialog } from "./FormDialog";
import { FormSelect } from "./FormSelect";
import { useDialogMutation } from "./useDialogMutation";

export function EditCaseDialog({ kase, opened, onClose }: { kase: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const categories = useCaseCategories();
  const [title, setTitle] = useState(kase.title);
  const [description, setDescription] = useState(kase.description);
  const [customer, setCustomer] = useState<PickedCustomer | null>(
    kase.customerId ? { id: kase.customerId, name: kase.customerName ?? "" } : null,
  );
  const [channel, setChannel] = useState<CaseChannel>(kase.channel);
  const [category, setCategory] = useState(kase.category);
  const [priority, setPriority] = useState<Priority>(kase.priority);
  const { errors, save, textField, formProps } = useDialogMutation(
    useEditCase(kase.id),
    ["title", "description", "customerId", "channel", "category", "priority"] as const,
    onClose,
  );

  const submit = () => {
    if (!errors.requireFilled({ title })) return;
    save({
      title: title.trim(),
      description,
      customerId: customer?.id ?? null,
      channel,
      category: category.trim(),
      priority,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.edit.title")}
      submitLabel={t("cases.edit.submit")}
      {...formProps}
      onSubmit={submit}
      size="lg"
    >
      <TextInput
        label={t("fields.title")}
        {...textField("title", title, setTitle)}
        required
        maxLength={200}
        data-autofocus
      />
      <Textarea
        label={t("fields.description")}
        {...textField("description", description, setDescription)}
        autosize
        minRows={3}
        maxRows={12}
      />
      <CustomerPicker
        value={customer}
        onChange={(c) => {
          setCustomer(c);
          errors.clear("customerId");
        }}
        error={errors.fieldErrors.customerId}
      />
      <SimpleGrid cols={3} spacing="sm">
        <FormSelect
          label={t("fields.channel")}
          data={channelOptions(t)}
          value={channel}
          onChange={(v) => isOneOf(CHANNELS, v) && setChannel(v)}
          allowDeselect={false}
          error={errors.fieldErrors.channel}
        />
        <Autocomplete
          label={t("fields.category")}
          data={categories.data ?? []}
          value={category}
          onChange={(v) => {
            setCategory(v);
            errors.clear("category");
          }}
          error={errors.fieldErrors.category}
          maxLength={80}
        />
        <FormSelect
          label={t("fields.priority")}
          data={priorityOptions(t)}
          value={priority}
          onChange={(v) => isOneOf(PRIORITIES, v) && setPriority(v)}
          allowDeselect={false}
          error={errors.fieldErrors.priority}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
