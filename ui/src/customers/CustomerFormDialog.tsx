/** Create or edit a customer: name (required), company, contact details, tier, notes. */
import { Input, SegmentedControl, SimpleGrid, TextInput, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog, useFormErrors } from "../cases/dialogs/FormDialog";
import type { Customer, CustomerInput, Tier } from "../ipc/bindings";
import { useCreateCustomer, useUpdateCustomer } from "../ipc/queries";

const FIELDS = ["name", "company", "email", "phone", "tier", "notes"] as const;

function inputOf(customer: Customer | null): CustomerInput {
  return {
    name: customer?.name ?? "",
    company: customer?.company ?? "",
    email: customer?.email ?? "",
    phone: customer?.phone ?? "",
    tier: customer?.tier ?? "standard",
    notes: customer?.notes ?? "",
  };
}

export function CustomerFormDialog({
  customer,
  opened,
  onClose,
  onSaved,
}: {
  /** null: a new customer. */
  customer: Customer | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? "");
  const [draft, setDraft] = useState<CustomerInput>(() => inputOf(customer));
  const errors = useFormErrors(FIELDS);
  const tierLabel = useId();
  const pending = create.isPending || update.isPending;

  const edit = (patch: Partial<CustomerInput>, field: (typeof FIELDS)[number]) => {
    setDraft((d) => ({ ...d, ...patch }));
    errors.clear(field);
  };

  const submit = () => {
    if (!errors.requireFilled({ name: draft.name })) return;
    const input = { ...draft, name: draft.name.trim() };
    if (customer) {
      update.mutate(input, {
        onSuccess: () => {
          notifications.show({ message: t("customers.saved"), color: "teal" });
          onSaved?.({ ...customer, ...input });
          onClose();
        },
        onError: errors.fail,
      });
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          notifications.show({ message: t("customers.created", { name: created.name }), color: "teal" });
          onSaved?.(created);
          onClose();
        },
        onError: errors.fail,
      });
    }
  };

  const text = (field: "name" | "company" | "email" | "phone", extra: object = {}) => (
    <TextInput
      label={t(`fields.${field}`)}
      value={draft[field]}
      onChange={(e) => edit({ [field]: e.currentTarget.value }, field)}
      error={errors.fieldErrors[field]}
      {...extra}
    />
  );

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={customer ? t("customers.editTitle") : t("customers.createTitle")}
      submitLabel={customer ? t("customers.save") : t("customers.create")}
      pending={pending}
      formError={errors.formError}
      onSubmit={submit}
      size="lg"
    >
      <SimpleGrid cols={2} spacing="sm">
        {text("name", { required: true, "data-autofocus": true, autoComplete: "off" })}
        {text("company", { autoComplete: "off" })}
        {text("email", { type: "email", autoComplete: "off" })}
        {text("phone", { type: "tel", autoComplete: "off" })}
      </SimpleGrid>
      <Input.Wrapper label={t("fields.tier")} labelProps={{ id: tierLabel, component: "div" }} error={errors.fieldErrors.tier}>
        <SegmentedControl
          aria-labelledby={tierLabel}
          value={draft.tier}
          onChange={(v) => edit({ tier: v as Tier }, "tier")}
          data={[
            { value: "standard", label: t("cases.tier.standard") },
            { value: "vip", label: t("cases.tier.vip") },
          ]}
          mt={4}
        />
      </Input.Wrapper>
      <Textarea
        label={t("fields.notes")}
        value={draft.notes}
        onChange={(e) => edit({ notes: e.currentTarget.value }, "notes")}
        error={errors.fieldErrors.notes}
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}
