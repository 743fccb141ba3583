/**
 * Saved views: apply one (its filters, queue and sort replace the current ones),
 * delete one, or save the current list under a name. Views live on this device.
 */
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Modal,
  Popover,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBookmark, IconBookmarkPlus, IconFileExport, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { datedFileName, useCasesCsvExport } from "../export/useCasesCsvExport";
import { ipcErrorMessage, ipcErrorOf, placeError } from "../ipc/errors";
import { CASE_PAGE_SIZE, useDeleteView, useSaveView, useSavedViews } from "../ipc/queries";
import { fromCaseQuery, toListQuery, type ListState } from "./listState";
import classes from "./SavedViews.module.css";

function SaveViewDialog({ state, opened, onClose }: { state: ListState; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveView();
  const [name, setName] = useState("");
  const [error, setError] = useState<{ field: "name" | null; message: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError({ field: "name", message: t("errors.validation.required") });
      return;
    }
    save.mutate(
      { name: name.trim(), query: { ...toListQuery(state, null), offset: 0, limit: CASE_PAGE_SIZE } },
      {
        onSuccess: (view) => {
          notifications.show({ message: t("cases.views.saved", { name: view.name }), color: "teal" });
          setName("");
          setError(null);
          onClose();
        },
        onError: (e) => {
          const ipc = ipcErrorOf(e);
          // The name is this dialog's field; any other part Rust refuses is the list's
          // current search or filters, which the dialog names as such.
          if (ipc?.code === "validation" && ipc.field !== "name") {
            setError({ field: null, message: t("cases.views.queryRefused", { message: ipcErrorMessage(t, ipc) }) });
          } else {
            setError(placeError(t, e, ["name"] as const));
          }
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("cases.views.saveTitle")} size="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("cases.views.name")}
            placeholder={t("cases.views.namePlaceholder")}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error?.field === "name" ? error.message : undefined}
            data-autofocus
            required
          />
          {error && error.field === null && (
            <Text size="sm" c="red" role="alert">
              {error.message}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("cases.views.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SavedViews({ state, onApply }: { state: ListState; onApply: (state: ListState) => void }) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const remove = useDeleteView();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const csv = useCasesCsvExport();

  return (
    <>
      <Popover opened={open} onChange={setOpen} position="bottom-end" width={280} trapFocus shadow="md">
        <Popover.Target>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconBookmark size={16} aria-hidden />}
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
          >
            {t("cases.views.label")}
          </Button>
        </Popover.Target>
        <Popover.Dropdown p={6}>
          <Stack gap={2}>
            {(views.data ?? []).length === 0 && (
              <Text size="sm" c="dimmed" px="xs" py={6}>
                {t("cases.views.none")}
              </Text>
            )}
            {(views.data ?? []).map((view) => (
              <Group key={view.id} gap={4} wrap="nowrap" className={classes.item}>
                <UnstyledButton
                  className={classes.apply}
                  onClick={() => {
                    onApply(fromCaseQuery(view.query));
                    setOpen(false);
                  }}
                >
                  <Text size="sm" truncate>
                    {view.name}
                  </Text>
                </UnstyledButton>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t("export.exportView", { name: view.name })}
                  loading={csv.running}
                  onClick={() => {
                    setOpen(false);
                    csv.start(view.query, datedFileName(view.name, "csv"));
                  }}
                >
                  <IconFileExport size={14} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t("cases.views.delete", { name: view.name })}
                  loading={remove.isPending && remove.variables === view.id}
                  onClick={() =>
                    remove.mutate(view.id, {
                      onSuccess: () =>
                        notifications.show({ message: t("cases.views.deleted", { name: view.name }) }),
                    })
                  }
                >
                  <IconTrash size={14} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Divider my={4} />
            <Button
              variant="subtle"
              size="xs"
              justify="flex-start"
              leftSection={<IconBookmarkPlus size={14} aria-hidden />}
              onClick={() => {
                setOpen(false);
                setSaving(true);
              }}
            >
              {t("cases.views.save")}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <SaveViewDialog state={state} opened={saving} onClose={() => setSaving(false)} />
      {csv.dialog}
    </>
  );
}
