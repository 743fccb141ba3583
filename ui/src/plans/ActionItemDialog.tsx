/** Correct an action item of a run's review: its text, owner and due day. */
import { TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { ActionItem } from "../ipc/bindings";
import { useSaveActionItem } from "../ipc/queries";

const FIELDS = ["text", "owner", "dueOn"] as const;

export function ActionItemDialog({ item, onClose }: { item: ActionItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.owner);
  const [dueOn, setDueOn] = useState<string | null>(item.dueOn);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveActionItem(item.runId, item.id), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ text, owner, dueOn: dueOn ?? "" })) return;
    save({ text, owner, dueOn: dueOn ?? "" });
  };

  return (
    <FormDialog opened onClose={onClose} title={t("plans.review.editTitle")} submitLabel={t("common.save")} {...formProps} onSubmit={submit}>
      <TextInput label={t("plans.review.itemText")} {...textField("text", text, setText)} required maxLength={300} data-autofocus />
      <TextInput label={t("plans.review.owner")} {...textField("owner", owner, setOwner)} required maxLength={120} />
      <DateInput
        label={t("fields.dueOn")}
        value={dueOn}
        onChange={(v) => {
          setDueOn(v);
          errors.clear("dueOn");
        }}
        valueFormat="YYYY-MM-DD"
        required
        error={errors.fieldErrors.dueOn}
      />
    </FormDialog>
  );
}
