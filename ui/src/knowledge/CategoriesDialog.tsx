/**
 * The category tree, to rename, move or delete a category. Deleting asks first, saying
 * how many articles and subcategories move up to the parent (or to the top level); Rust
 * moves them and deletes the category in one transaction.
 */
import { ActionIcon, Group, Modal, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Category } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCategories, useCategoryUsage, useDeleteCategory } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { CategoryDialog } from "./CategoryDialog";

function DeleteCategory({ category, parent, onClose }: { category: Category; parent: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const usage = useCategoryUsage(category.id);
  const remove = useDeleteCategory();
  const where = parent ? t("knowledge.category.intoParent", { name: parent }) : t("knowledge.category.toTop");
  return (
    <ConfirmDialog
      title={t("knowledge.category.deleteTitle", { name: category.name })}
      confirmLabel={t("knowledge.category.delete")}
      confirmColor="red"
      confirmIcon={<IconTrash size={14} aria-hidden />}
      pending={remove.isPending}
      error={remove.error ?? (usage.isError ? usage.error : null)}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(category.id, {
          onSuccess: () => {
            notifications.show({ message: t("knowledge.category.deleted", { name: category.name }) });
            onClose();
          },
        })
      }
    >
      <Text size="sm">
        {usage.data
          ? usage.data.articles + usage.data.subcategories > 0
            ? t("knowledge.category.deleteMoves", {
                articles: t("knowledge.category.articles", { count: usage.data.articles }),
                subcategories: t("knowledge.category.subcategories", { count: usage.data.subcategories }),
                where,
              })
            : t("knowledge.category.deleteEmpty")
          : t("app.loading")}
      </Text>
    </ConfirmDialog>
  );
}

export function CategoriesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  const all = categories.data ?? [];
  const nameOf = (id: string | null) => all.find((c) => c.id === id)?.name ?? null;
  const busy = editing !== null || deleting !== null;
  return (
    <>
      <Modal
        opened={!busy}
        onClose={onClose}
        title={t("knowledge.category.manageTitle")}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {categories.isError ? (
          <Text c="red">{describeError(t, categories.error)}</Text>
        ) : all.length === 0 ? (
          <Text c="dimmed">{t("knowledge.category.none")}</Text>
        ) : (
          <Stack
            gap={2}
            component="ul"
            aria-label={t("knowledge.category.tree")}
            style={{ listStyle: "none", padding: 0, margin: 0 }}
          >
            {all.map((c) => (
              <Group component="li" key={c.id} justify="space-between" wrap="nowrap" pl={c.depth * 20}>
                <Text size="sm">{c.name}</Text>
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={t("knowledge.category.renameNamed", { name: c.name })}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t("knowledge.category.renameNamed", { name: c.name })}
                      onClick={() => setEditing(c)}
                    >
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t("knowledge.category.deleteNamed", { name: c.name })}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("knowledge.category.deleteNamed", { name: c.name })}
                      onClick={() => setDeleting(c)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Modal>
      {editing ? <CategoryDialog opened category={editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <DeleteCategory category={deleting} parent={nameOf(deleting.parentId)} onClose={() => setDeleting(null)} />
      ) : null}
    </>
  );
}
