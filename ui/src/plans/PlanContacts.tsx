/**
 * A plan's call tree on its page: the contacts in call order, each with role, phones,
 * e-mail and backup; add, edit, remove, and move up or down (buttons, so the keyboard
 * reorders).
 */
import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import type { PlanContact } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useMoveContact, useRemoveContact } from "../ipc/queries";

/** "Office 010 5555 0100 · Mobile 139…": the contact's ways to be reached, in words. */
export function contactMeta(t: TFunction, c: PlanContact): string {
  return [
    c.phone ? t("plans.contact.phoneValue", { phone: c.phone }) : null,
    c.mobile ? t("plans.contact.mobileValue", { mobile: c.mobile }) : null,
    c.email || null,
  ]
    .filter((p): p is string => p !== null)
    .join(" · ");
}

export function backupName(contacts: PlanContact[], c: PlanContact): string | null {
  return contacts.find((o) => o.id === c.backupId)?.name ?? null;
}

export function PlanContacts({
  contacts,
  onAdd,
  onEdit,
}: {
  contacts: PlanContact[];
  onAdd: () => void;
  onEdit: (contact: PlanContact) => void;
}) {
  const { t } = useTranslation();
  const move = useMoveContact();
  const remove = useRemoveContact();
  const failed = move.error ?? remove.error;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-contacts-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id="plan-contacts-title">
            {t("plans.contact.title")}
          </Title>
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
            {t("plans.contact.add")}
          </Button>
        </Group>
        {failed ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, failed)}
          </Text>
        ) : null}
        {contacts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.contact.none")}
          </Text>
        ) : (
          <Stack component="ol" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
            {contacts.map((c, i) => {
              const backup = backupName(contacts, c);
              return (
                <Group component="li" key={c.id} justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text>{c.role ? t("plans.contact.nameRole", { name: c.name, role: c.role }) : c.name}</Text>
                    <Text size="xs" c="dimmed">
                      {contactMeta(t, c) || t("plans.contact.noWay")}
                    </Text>
                    {backup ? (
                      <Text size="xs" c="dimmed">
                        {t("plans.contact.backupValue", { name: backup })}
                      </Text>
                    ) : null}
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t("plans.contact.moveUp", { name: c.name })}
                      disabled={i === 0}
                      onClick={() => move.mutate({ id: c.id, up: true })}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t("plans.contact.moveDown", { name: c.name })}
                      disabled={i === contacts.length - 1}
                      onClick={() => move.mutate({ id: c.id, up: false })}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label={t("plans.contact.edit", { name: c.name })} onClick={() => onEdit(c)}>
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("plans.contact.remove", { name: c.name })}
                      onClick={() => remove.mutate(c.id)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
