/**
 * Team calendars: a team in another city or country counts its SLA in its own calendar
 * (time zone, working hours, holidays) instead of the workspace's. The section lists
 * the named calendars (add, edit, remove) and, per team, which calendar it counts in.
 * Every change saves at once; Rust moves the due times of the affected open cases.
 */
import { ActionIcon, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconEdit, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog, useFormErrors } from "../cases/dialogs/FormDialog";
import type { Calendar, CalendarId, CalendarInput, Settings, WorkingDay } from "../ipc/bindings";
import { useCalendars, useCreateCalendar, useDeleteCalendar, useSetTeamCalendar, useUpdateCalendar } from "../ipc/calendars";
import { describeError, placeError } from "../ipc/errors";
import { useTeams } from "../ipc/people";
import { useSettings, useTimeZones } from "../ipc/queries";
import { Section } from "../shell/Section";
import { groupTimeZones } from "./timeZones";
import { validateDay, type DayIssues } from "./validation";
import { WorkingHoursEditor } from "./WorkingHoursEditor";

const FIELDS = ["name", "timeZone", "workingHours"] as const;
const WORKSPACE = "workspace";

function CalendarDialog({
  editing,
  defaults,
  onClose,
}: {
  editing: Calendar | null;
  defaults: Settings | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCalendar();
  const update = useUpdateCalendar();
  const timeZones = useTimeZones();
  const errors = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<CalendarInput>(() =>
    editing
      ? { name: editing.name, timeZone: editing.timeZone, workingHours: editing.workingHours }
      : { name: "", timeZone: defaults?.timeZone ?? "UTC", workingHours: defaults?.workingHours ?? [] },
  );
  const [dayIssues, setDayIssues] = useState<Partial<Record<WorkingDay["weekday"], DayIssues>>>({});
  const zones = useMemo(
    () => groupTimeZones(timeZones.data ?? [], draft.timeZone, t("settings.organisation.otherZones")),
    [timeZones.data, draft.timeZone, t],
  );
  const pending = create.isPending || update.isPending;

  const submit = () => {
    if (!errors.requireFilled({ name: draft.name, timeZone: draft.timeZone })) return;
    const found: Partial<Record<WorkingDay["weekday"], DayIssues>> = {};
    for (const day of draft.workingHours) {
      const issues = validateDay(day);
      if (issues) found[day.weekday] = issues;
    }
    setDayIssues(found);
    if (Object.keys(found).length > 0) return;
    const done = {
      onSuccess: () => {
        notifications.show({ message: t("settings.calendars.saved", { name: draft.name.trim() }), color: "teal" });
        onClose();
      },
      onError: (error: unknown) => errors.fail(error),
    };
    if (editing) update.mutate({ id: editing.id, input: draft }, done);
    else create.mutate(draft, done);
  };

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={editing ? t("settings.calendars.editTitle", { name: editing.name }) : t("settings.calendars.newTitle")}
      size="xl"
      submitLabel={t("common.save")}
      pending={pending}
      formError={errors.formError}
      onSubmit={submit}
    >
      <Group grow align="flex-start">
        <TextInput
          label={t("fields.name")}
          placeholder={t("settings.calendars.namePlaceholder")}
          value={draft.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setDraft((d) => ({ ...d, name }));
            errors.clear("name");
          }}
          error={errors.fieldErrors.name}
          required
          data-autofocus
        />
        <Select
          label={t("fields.timeZone")}
          data={zones}
          value={draft.timeZone || null}
          onChange={(value) => {
            setDraft((d) => ({ ...d, timeZone: value ?? "" }));
            errors.clear("timeZone");
          }}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t("settings.organisation.noTimeZoneMatch")}
          maxDropdownHeight={240}
          error={errors.fieldErrors.timeZone}
          required
        />
      </Group>
      <Text size="sm" fw={500}>
        {t("fields.workingHours")}
      </Text>
      {errors.fieldErrors.workingHours && (
        <Text size="sm" c="red" role="alert">
          {errors.fieldErrors.workingHours}
        </Text>
      )}
      <WorkingHoursEditor
        days={draft.workingHours}
        issues={dayIssues}
        onChange={(day) => {
          setDraft((d) => ({ ...d, workingHours: d.workingHours.map((x) => (x.weekday === day.weekday ? day : x)) }));
          setDayIssues((current) => {
            const next = { ...current };
            delete next[day.weekday];
            return next;
          });
          errors.clear("workingHours");
        }}
      />
    </FormDialog>
  );
}

function CalendarRow({ calendar, onEdit }: { calendar: Calendar; onEdit: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteCalendar();
  const teams = useTeams();
  const names = (teams.data ?? []).filter((team) => calendar.teams.includes(team.id)).map((team) => team.name);
  const removeLabel = t("settings.calendars.remove", { name: calendar.name });
  const editLabel = t("settings.calendars.edit", { name: calendar.name });
  return (
    <Table.Tr>
      <Table.Td fw={500}>{calendar.name}</Table.Td>
      <Table.Td>{calendar.timeZone}</Table.Td>
      <Table.Td>{names.length > 0 ? names.join(", ") : <Text span c="dimmed">{t("common.none")}</Text>}</Table.Td>
      <Table.Td>
        <Group justify="flex-end" gap={4} wrap="nowrap">
          <Tooltip label={editLabel}>
            <ActionIcon variant="subtle" aria-label={editLabel} onClick={onEdit}>
              <IconEdit size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={removeLabel}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={removeLabel}
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(calendar.id, {
                  onSuccess: () =>
                    notifications.show({ message: t("settings.calendars.removed", { name: calendar.name }), color: "teal" }),
                  onError: (error) => notifications.show({ message: describeError(t, error), color: "red" }),
                })
              }
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function TeamCalendars({ calendars }: { calendars: Calendar[] }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const setCalendar = useSetTeamCalendar();
  if (!teams.data || teams.data.length === 0) return null;
  const data = [
    { value: WORKSPACE, label: t("settings.calendars.workspace") },
    ...calendars.map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Table verticalSpacing={4} horizontalSpacing="sm" mt="md" aria-label={t("settings.calendars.teamsTable")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("settings.calendars.team")}</Table.Th>
          <Table.Th>{t("settings.calendars.countsIn")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.data.map((team) => (
          <Table.Tr key={team.id}>
            <Table.Th scope="row" fw={500}>
              {team.name}
            </Table.Th>
            <Table.Td>
              <Select
                aria-label={t("settings.calendars.countsInFor", { team: team.name })}
                data={data}
                value={team.calendarId ?? WORKSPACE}
                onChange={(value) =>
                  setCalendar.mutate(
                    { team: team.id, calendar: !value || value === WORKSPACE ? null : (value as CalendarId) },
                    {
                      onError: (error) =>
                        notifications.show({ message: placeError(t, error, []).message, color: "red" }),
                    },
                  )
                }
                allowDeselect={false}
                size="xs"
                w={240}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Calendars() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const settings = useSettings();
  const [editing, setEditing] = useState<Calendar | "new" | null>(null);
  const list = calendars.data ?? [];

  return (
    <Section title={t("settings.calendars.heading")} description={t("settings.calendars.description")}>
      <Stack gap="xs">
        <Group justify="flex-end">
          <Button variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
            {t("settings.calendars.add")}
          </Button>
        </Group>
        {calendars.isError && (
          <Text size="sm" c="red" role="alert">
            {describeError(t, calendars.error)}
          </Text>
        )}
        {calendars.isSuccess &&
          (list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("settings.calendars.empty")}
            </Text>
          ) : (
            <Table verticalSpacing={4} horizontalSpacing="sm" aria-label={t("settings.calendars.heading")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("fields.name")}</Table.Th>
                  <Table.Th>{t("fields.timeZone")}</Table.Th>
                  <Table.Th>{t("settings.calendars.teams")}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t("settings.sla.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <CalendarRow key={c.id} calendar={c} onEdit={() => setEditing(c)} />
                ))}
              </Table.Tbody>
            </Table>
          ))}
        <TeamCalendars calendars={list} />
      </Stack>
      {editing && (
        <CalendarDialog
          editing={editing === "new" ? null : editing}
          defaults={settings.data}
          onClose={() => setEditing(null)}
        />
      )}
    </Section>
  );
}
