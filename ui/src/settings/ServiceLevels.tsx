/**
 * Service levels: the SLA targets that apply, priority by priority. Each priority shows
 * the team's policy for it, or the built-in default where there is none; narrower
 * policies (a customer tier, a category) follow their priority. Custom policies are
 * edited and deleted here; a built-in default is replaced by customising it. Changes
 * save at once (no Save bar), and Rust moves the due times of open cases with them.
 */
import { ActionIcon, Alert, Badge, Button, Group, Loader, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { PriorityBadge } from "../cases/badges";
import type { EffectivePolicy, Priority, SlaPolicy } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useDeleteSlaPolicy, useSlaPolicies } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { Section } from "../shell/Section";
import { PolicyDialog, type PolicyDraft } from "./PolicyDialog";
import { formatTarget } from "./targets";

function newDraft(priority: Priority, from?: EffectivePolicy): PolicyDraft {
  return {
    id: null,
    input: {
      name: "",
      priority,
      tier: null,
      category: null,
      firstResponseMinutes: from?.firstResponseMinutes ?? null,
      resolutionMinutes: from?.resolutionMinutes ?? null,
      businessHours: from?.businessHours ?? true,
    },
  };
}

function editDraft(p: SlaPolicy): PolicyDraft {
  const { id, ...input } = p;
  return { id, input };
}

function DeleteDialog({ policy, onClose }: { policy: SlaPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteSlaPolicy();
  return (
    <ConfirmDialog
      title={t("settings.sla.deleteTitle")}
      confirmLabel={t("common.delete")}
      confirmColor="red"
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(policy.id, {
          onSuccess: () => {
            notifications.show({ message: t("settings.sla.deleted", { name: policy.name }), color: "teal" });
            onClose();
          },
        })
      }
    >
      <Text size="sm">{t("settings.sla.deleteConfirm", { name: policy.name })}</Text>
    </ConfirmDialog>
  );
}

export function ServiceLevels() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const [editing, setEditing] = useState<PolicyDraft | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicy | null>(null);

  const appliesTo = (row: EffectivePolicy) => {
    if (row.source === "built_in" || (row.tier === null && row.category === null)) {
      return t("settings.sla.allCases");
    }
    const parts = [
      row.tier && t("settings.sla.tierCustomers", { tier: t(`cases.tier.${row.tier}`) }),
      row.category && t("settings.sla.inCategory", { category: row.category }),
    ];
    return parts.filter(Boolean).join(", ");
  };

  return (
    <Section
      title={t("settings.sla.heading")}
      description={t("settings.sla.description")}
      action={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setEditing(newDraft("p3"))}
        >
          {t("settings.sla.add")}
        </Button>
      }
    >
      {policies.isPending && <Loader size="sm" aria-label={t("app.loading")} />}
      {policies.isError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          <Group justify="space-between">
            <Text size="sm">{describeError(t, policies.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void policies.refetch()}>
              {t("common.retry")}
            </Button>
          </Group>
        </Alert>
      )}
      {policies.isSuccess && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} horizontalSpacing="sm" aria-label={t("settings.sla.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.priority")}</Table.Th>
                <Table.Th>{t("settings.sla.appliesTo")}</Table.Th>
                <Table.Th>{t("fields.firstResponseMinutes")}</Table.Th>
                <Table.Th>{t("fields.resolutionMinutes")}</Table.Th>
                <Table.Th>{t("settings.sla.source")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("settings.sla.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.map((row) => {
                const key = row.source === "custom" ? row.id : `built-in-${row.priority}`;
                const label = row.source === "custom" ? row.name : t(`cases.priority.${row.priority}`);
                return (
                  <Table.Tr key={key}>
                    <Table.Td>
                      <PriorityBadge priority={row.priority} />
                    </Table.Td>
                    <Table.Td>{appliesTo(row)}</Table.Td>
                    <Table.Td>{formatTarget(t, row.firstResponseMinutes, row.businessHours)}</Table.Td>
                    <Table.Td>{formatTarget(t, row.resolutionMinutes, row.businessHours)}</Table.Td>
                    <Table.Td>
                      {row.source === "custom" ? (
                        <Text size="sm">{row.name}</Text>
                      ) : (
                        <Badge variant="light" color="gray" radius="sm" tt="none" fw={500}>
                          {t("settings.sla.builtIn")}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {row.source === "custom" ? (
                          <>
                            <Tooltip label={t("settings.sla.editNamed", { name: label })}>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={t("settings.sla.editNamed", { name: label })}
                                onClick={() => setEditing(editDraft(row))}
                              >
                                <IconPencil size={16} aria-hidden />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t("settings.sla.deleteNamed", { name: label })}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={t("settings.sla.deleteNamed", { name: label })}
                                onClick={() => setDeleting(row)}
                              >
                                <IconTrash size={16} aria-hidden />
                              </ActionIcon>
                            </Tooltip>
                          </>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-label={t("settings.sla.customiseNamed", { priority: label })}
                            onClick={() => setEditing(newDraft(row.priority, row))}
                          >
                            {t("settings.sla.customise")}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <PolicyDialog draft={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteDialog policy={deleting} onClose={() => setDeleting(null)} />}
    </Section>
  );
}
