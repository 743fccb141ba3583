/** Create a category of the knowledge base, at the top or inside another. */
import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { KbCategoryId } from "../ipc/bindings";
import { useCategories, useSaveCategory } from "../ipc/queries";
import { categoryOptions } from "./model";

const FIELDS = ["name", "parentId"] as const;

export function CategoryDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState<KbCategoryId | null>(null);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveCategory(null), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ name })) return;
    save({ name, parentId });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("knowledge.category.newTitle")}
      submitLabel={t("knowledge.category.create")}
      {...formProps}
      onSubmit={submit}
    >
      <TextInput
        label={t("knowledge.category.name")}
        {...textField("name", name, setName)}
        required
        maxLength={80}
        data-autofocus
      />
      <FormSelect
        label={t("knowledge.category.parent")}
        placeholder={t("knowledge.category.top")}
        data={categoryOptions(categories.data ?? [])}
        value={parentId}
        onChange={setParentId}
        clearable
        error={errors.fieldErrors.parentId}
      />
    </FormDialog>
  );
}
