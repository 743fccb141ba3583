/** Create a category of the knowledge base, at the top or inside another; or rename or move one. */
import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { Category, KbCategoryId } from "../ipc/bindings";
import { useCategories, useSaveCategory } from "../ipc/queries";
import { categoryOptions } from "./model";

const FIELDS = ["name", "parentId"] as const;

export function CategoryDialog({
  opened,
  onClose,
  category = null,
}: {
  opened: boolean;
  onClose: () => void;
  /** The category to rename or move; null to create one. */
  category?: Category | null;
}) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [name, setName] = useState(category?.name ?? "");
  const [parentId, setParentId] = useState<KbCategoryId | null>(category?.parentId ?? null);
  const { errors, save, textField, formProps } = useDialogMutation(
    useSaveCategory(category?.id ?? null),
    FIELDS,
    onClose,
  );

  const submit = () => {
    if (!errors.requireFilled({ name })) return;
    save({ name, parentId });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={category ? t("knowledge.category.editTitle", { name: category.name }) : t("knowledge.category.newTitle")}
      submitLabel={category ? t("knowledge.category.save") : t("knowledge.category.create")}
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
        data={categoryOptions((categories.data ?? []).filter((c) => c.id !== category?.id))}
        value={parentId}
        onChange={(v) => {
          setParentId(v);
          errors.clear("parentId");
        }}
        clearable
        error={errors.fieldErrors.parentId}
      />
    </FormDialog>
  );
}
