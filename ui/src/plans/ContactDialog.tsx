/** Add a contact to a plan's call tree, or edit one: name, role, phones, e-mail, backup. */
import { SimpleGrid, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { PlanContact, PlanContactId, PlanId } from "../ipc/bindings";
import { useSaveContact } from "../ipc/queries";

const FIELDS = ["name", "role", "phone", "mobile", "email", "backupId"] as const;
const NO_BACKUP = "none";

export function ContactDialog({
  plan,
  contact,
  contacts,
  opened,
  onClose,
}: {
  plan: PlanId;
  contact?: PlanContact;
  /** The plan's contacts, the backups to pick from. */
  contacts: PlanContact[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact?.name ?? "");
  const [role, setRole] = useState(contact?.role ?? "");
  const [phone, setPhone] = useState(contact?.phone ?? "");
  const [mobile, setMobile] = useState(contact?.mobile ?? "");
  const [email, setEmail] = useState(contact?.email ?? "");
  const [backup, setBackup] = useState<PlanContactId>(contact?.backupId ?? NO_BACKUP);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveContact(plan, contact?.id ?? null), FIELDS, onClose);
  const backups = [
    { value: NO_BACKUP, label: t("plans.contact.noBackup") },
    ...contacts.filter((c) => c.id !== contact?.id).map((c) => ({ value: c.id, label: c.role ? `${c.name} (${c.role})` : c.name })),
  ];

  const submit = () => {
    if (!errors.requireFilled({ name })) return;
    save({ name, role, phone, mobile, email, backupId: backup === NO_BACKUP ? null : backup });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={contact ? t("plans.contact.editTitle") : t("plans.contact.newTitle")}
      submitLabel={contact ? t("common.save") : t("plans.contact.add")}
      {...formProps}
      onSubmit={submit}
    >
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t("plans.fields.contactName")} {...textField("name", name, setName)} required maxLength={120} data-autofocus />
        <TextInput label={t("plans.fields.contactRole")} {...textField("role", role, setRole)} maxLength={120} />
        <TextInput label={t("plans.fields.phone")} type="tel" {...textField("phone", phone, setPhone)} maxLength={40} />
        <TextInput label={t("plans.fields.mobile")} type="tel" {...textField("mobile", mobile, setMobile)} maxLength={40} />
        <TextInput label={t("plans.fields.email")} type="email" {...textField("email", email, setEmail)} maxLength={254} />
        <FormSelect
          label={t("plans.fields.backup")}
          data={backups}
          value={backup}
          onChange={(v) => {
            setBackup(v ?? NO_BACKUP);
            errors.clear("backupId");
          }}
          allowDeselect={false}
          error={errors.fieldErrors.backupId}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
