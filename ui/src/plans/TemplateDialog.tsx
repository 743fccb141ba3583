/**
 * Add a communication template to a plan, or edit one: kind, title (the e-mail's subject)
 * and body, with the placeholders listed. Unknown placeholders are named beside their
 * field before Rust is asked, and again if Rust refuses them.
 */
import { Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { PlanId, Template, TemplateKind } from "../ipc/bindings";
import { useSaveTemplate } from "../ipc/queries";
import { TEMPLATE_KINDS, placeholderList, unknownPlaceholders } from "./comms";

const FIELDS = ["kind", "title", "body"] as const;

export function TemplateDialog({
  plan,
  template,
  opened,
  onClose,
}: {
  plan: PlanId;
  template?: Template;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TemplateKind>(template?.kind ?? "internal");
  const [title, setTitle] = useState(template?.title ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const { errors, save, textField, formProps } = useDialogMutation(useSaveTemplate(plan, template?.id ?? null), FIELDS, onClose);
  const unknownMessage = (names: string[]) =>
    t("plans.template.unknownPlaceholders", { count: names.length, names: names.map((n) => `{${n}}`).join(", ") });

  /** Names the unknown placeholders of the first field that has any; true when none has. */
  const checkPlaceholders = (): boolean => {
    for (const [field, text] of [["title", title], ["body", body]] as const) {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) {
        errors.set(field, unknownMessage(unknown));
        return false;
      }
    }
    return true;
  };

  const submit = () => {
    if (!errors.requireFilled({ title, body }) || !checkPlaceholders()) return;
    save({ kind, title, body });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={template ? t("plans.template.editTitle") : t("plans.template.newTitle")}
      submitLabel={template ? t("common.save") : t("plans.template.add")}
      size="lg"
      {...formProps}
      onSubmit={submit}
    >
      <FormSelect
        label={t("plans.fields.templateKind")}
        data={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`plans.templateKind.${k}`) }))}
        value={kind}
        onChange={(v) => isOneOf(TEMPLATE_KINDS, v) && setKind(v)}
        allowDeselect={false}
      />
      <TextInput label={t("plans.fields.templateTitle")} {...textField("title", title, setTitle)} required maxLength={200} data-autofocus />
      <Textarea
        label={t("plans.fields.templateBody")}
        description={t("plans.template.placeholdersHint", { list: placeholderList() })}
        {...textField("body", body, setBody)}
        required
        autosize
        minRows={5}
        maxLength={8000}
      />
    </FormDialog>
  );
}

