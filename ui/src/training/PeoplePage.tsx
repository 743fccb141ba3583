/**
 * The roster: every agent with employee id, team, role, hire date and whether they are
 * still here, filtered by team, role and activity (active by default). Each name opens
 * the agent's training records; "Import records…" reads many agents' records from CSV.
 * Coaching follow-ups that are due show above it.
 */
import { ActionIcon, Anchor, Button, Group, Menu, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconDots, IconFileImport, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FormSelect } from "../cases/dialogs/FormSelect";
import { FollowUpsDue } from "../coaching/FollowUpsDue";
import type { Activity, RosterAgent, RosterQuery } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRoles, useRoster, useSetLeft, useTeams } from "../ipc/queries";
import { AgentDialog } from "./AgentDialog";
import { LeftDialog } from "./LeftDialog";
import { RecordsImportDialog } from "./RecordsImportDialog";
import { roleLabel, roleLabelOf } from "./model";

const ACTIVITIES = ["active", "left"] as const;

export function PeoplePage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<RosterQuery>({ teamId: null, roleId: null, activity: "active" });
  const roster = useRoster(query);
  const teams = useTeams();
  const roles = useRoles();
  const reinstate = useSetLeft();
  const [editing, setEditing] = useState<RosterAgent | "new" | null>(null);
  const [leaving, setLeaving] = useState<RosterAgent | null>(null);
  const [importing, setImporting] = useState(false);
  const none = <Text size="sm" c="dimmed">{t("common.none")}</Text>;
  const common = { size: "xs", clearable: true, placeholder: t("cases.filters.any") } as const;

  return (
    <Stack gap="sm">
      <FollowUpsDue />
      <Group justify="space-between" align="flex-end">
        <SimpleGrid role="group" aria-label={t("training.people.filtersLabel")} cols={3} spacing="xs" style={{ flex: 1, maxWidth: 640 }}>
          <FormSelect {...common} label={t("fields.teamId")} data={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))} value={query.teamId} onChange={(v) => setQuery({ ...query, teamId: v })} />
          <FormSelect {...common} label={t("fields.roleId")} data={(roles.data ?? []).map((r) => ({ value: r.id, label: roleLabel(t, r) }))} value={query.roleId} onChange={(v) => setQuery({ ...query, roleId: v })} />
          <FormSelect
            {...common}
            label={t("training.people.activity")}
            data={ACTIVITIES.map((a) => ({ value: a, label: t(`training.people.activities.${a}`) }))}
            value={query.activity}
            onChange={(v) => setQuery({ ...query, activity: (v as Activity | null) ?? null })}
          />
        </SimpleGrid>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconFileImport size={14} aria-hidden />} onClick={() => setImporting(true)}>
            {t("training.import.open")}
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
            {t("training.people.new")}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {roster.isError
          ? describeError(t, roster.error)
          : reinstate.isError
            ? describeError(t, reinstate.error)
            : t("training.people.count", { count: roster.data?.length ?? 0 })}
      </Text>
      {roster.data && roster.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("training.people.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.name")}</Table.Th>
                <Table.Th scope="col">{t("fields.employeeId")}</Table.Th>
                <Table.Th scope="col">{t("fields.teamId")}</Table.Th>
                <Table.Th scope="col">{t("fields.roleId")}</Table.Th>
                <Table.Th scope="col">{t("fields.hiredOn")}</Table.Th>
                <Table.Th scope="col">{t("training.people.activity")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("training.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roster.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/training/people/${a.id}`}>
                      {a.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{a.employeeId || none}</Table.Td>
                  <Table.Td>{a.teamName ?? none}</Table.Td>
                  <Table.Td>{roleLabelOf(t, roles.data, a.roleId) || none}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{a.hiredOn ?? none}</Table.Td>
                  <Table.Td>{a.leftOn ? t("training.people.leftOn", { date: a.leftOn }) : t("training.people.activities.active")}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("training.people.actionsFor", { name: a.name })}>
                          <IconDots size={16} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(a)}>{t("training.edit")}</Menu.Item>
                        {a.leftOn ? (
                          <Menu.Item onClick={() => reinstate.mutate({ id: a.id, leftOn: null })}>{t("training.people.markActive")}</Menu.Item>
                        ) : (
                          <Menu.Item onClick={() => setLeaving(a)}>{t("training.people.markLeft")}</Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : roster.data ? (
        <Text c="dimmed">{t("training.people.empty")}</Text>
      ) : null}
      {editing ? <AgentDialog agent={editing === "new" ? undefined : editing} opened onClose={() => setEditing(null)} /> : null}
      {leaving ? <LeftDialog agent={leaving} opened onClose={() => setLeaving(null)} /> : null}
      {importing ? <RecordsImportDialog opened onClose={() => setImporting(false)} /> : null}
    </Stack>
  );
}
