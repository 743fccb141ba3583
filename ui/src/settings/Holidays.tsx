/**
 * Holidays and make-up working days of a calendar (the workspace's, or a team's named
 * one, picked at the top): days the team does not work, and weekend days it works with
 * the hours of a chosen weekday (调休). A small form adds one; a file (.ics) or a ready
 * public-holiday set adds many after a preview (`ImportDaysDialog`). Changes save at
 * once; Rust moves the due times of open cases with them. The picker offers the days Rust
 * accepts (`LIMITS.holidayDays*`: about ten years back, five ahead).
 */
import { ActionIcon, Alert, Button, Group, Loader, Menu, Select, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCalendarPlus, IconChevronDown, IconFileImport, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { useFormErrors } from "../cases/dialogs/FormDialog";
import { LIMITS, type CalendarId, type DayKind, type Holiday, type Region, type Weekday } from "../ipc/bindings";
import { useCalendars, useCreateHoliday, useDeleteHoliday, useHolidays, useHolidaySets } from "../ipc/calendars";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { Section } from "../shell/Section";
import { DayKindBadge, formatDay } from "./CalendarDay";
import { ImportDaysDialog, type ImportSource } from "./ImportDaysDialog";
import { WEEKDAYS } from "./validation";

const FIELDS = ["date", "name", "worksAs"] as const;
/** The Select's value for the workspace calendar (a named calendar's is its id). */
const WORKSPACE = "workspace";

/** A local calendar day `plusDays` after `today`, as `YYYY-MM-DD`. */
function dayAfter(today: Date, plusDays: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + plusDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The first and last day the picker offers. */
export function holidayWindow(today = new Date()): { minDate: string; maxDate: string } {
  return { minDate: dayAfter(today, -LIMITS.holidayDaysBack), maxDate: dayAfter(today, LIMITS.holidayDaysAhead) };
}

function HolidayRow({ holiday }: { holiday: Holiday }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteHoliday();
  const day = formatDay(i18n.language, holiday.date);
  const label = t(holiday.kind === "holiday" ? "settings.holidays.deleteNamed" : "settings.holidays.deleteWorkday", { day });
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={holiday.date}>{day}</time>
      </Table.Td>
      <Table.Td>{holiday.name || <Text span c="dimmed">{t("common.none")}</Text>}</Table.Td>
      <Table.Td>
        <DayKindBadge kind={holiday.kind} worksAs={holiday.worksAs} />
      </Table.Td>
      <Table.Td>
        <Group justify="flex-end">
          <Tooltip label={label}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={label}
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(holiday.id, {
                  onSuccess: () => notifications.show({ message: t("settings.holidays.deleted", { day }), color: "teal" }),
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

function AddDayForm({ calendar }: { calendar: CalendarId | null }) {
  const { t } = useTranslation();
  const create = useCreateHoliday();
  const errors = useFormErrors(FIELDS);
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<DayKind>("holiday");
  const [worksAs, setWorksAs] = useState<Weekday | null>("mon");
  const [range] = useState(() => holidayWindow());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || !errors.requireFilled({ date: date ?? "" })) return;
    if (kind === "workday" && !worksAs) {
      errors.set("worksAs", t("errors.validation.required"));
      return;
    }
    create.mutate(
      { date: date ?? "", name: name.trim(), kind, worksAs: kind === "workday" ? worksAs : null, calendarId: calendar },
      {
        onSuccess: () => {
          setDate(null);
          setName("");
          notifications.show({
            message: t(kind === "holiday" ? "settings.holidays.added" : "settings.holidays.workdayAdded"),
            color: "teal",
          });
        },
        onError: (error) => {
          const ipc = ipcErrorOf(error);
          if (ipc?.code === "validation" && ipc.rule === "duplicate" && ipc.field === "date") {
            errors.set("date", t("settings.holidays.duplicate"));
          } else {
            errors.fail(error);
          }
        },
      },
    );
  };

  const weekdayData = WEEKDAYS.map((d) => ({ value: d, label: t(`settings.weekdays.${d}`) }));
  return (
    <form onSubmit={submit} noValidate aria-label={t("settings.holidays.addForm")}>
      <Group align="flex-start" gap="sm">
        <DatePickerInput
          label={t("fields.date")}
          placeholder={t("settings.holidays.pickDate")}
          value={date}
          onChange={(value) => {
            setDate(value);
            errors.clear("date");
          }}
          valueFormat="YYYY-MM-DD"
          minDate={range.minDate}
          maxDate={range.maxDate}
          clearable
          required
          error={errors.fieldErrors.date}
          w={170}
        />
        <Select
          label={t("settings.holidays.kind")}
          data={[
            { value: "holiday", label: t("settings.holidays.kindHoliday") },
            { value: "workday", label: t("settings.holidays.kindWorkday") },
          ]}
          value={kind}
          onChange={(value) => value && setKind(value as DayKind)}
          allowDeselect={false}
          w={190}
        />
        {kind === "workday" && (
          <Select
            label={t("fields.worksAs")}
            data={weekdayData}
            value={worksAs}
            onChange={(value) => {
              setWorksAs(value as Weekday | null);
              errors.clear("worksAs");
            }}
            allowDeselect={false}
            error={errors.fieldErrors.worksAs}
            w={130}
          />
        )}
        <TextInput
          label={t("fields.name")}
          placeholder={t("settings.holidays.namePlaceholder")}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            errors.clear("name");
          }}
          error={errors.fieldErrors.name}
          autoComplete="off"
          flex={1}
          miw={150}
        />
        <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconPlus size={14} aria-hidden />}>
          {t("settings.holidays.add")}
        </Button>
      </Group>
      {errors.formError && (
        <Text size="sm" c="red" role="alert" mt="xs">
          {errors.formError}
        </Text>
      )}
    </form>
  );
}

export function Holidays() {
  const { t, i18n } = useTranslation();
  const holidays = useHolidays();
  const calendars = useCalendars();
  const sets = useHolidaySets();
  const [picked, setPicked] = useState(WORKSPACE);
  const [importing, setImporting] = useState<ImportSource | null>(null);
  const named = calendars.data ?? [];
  // A calendar removed meanwhile (here or by a sync) falls back to the workspace's.
  const calendar = named.some((c) => c.id === picked) ? (picked as CalendarId) : null;
  const shown = (holidays.data ?? []).filter((h) => h.calendarId === calendar);
  const regionName = (region: Region) => t(`settings.holidays.regions.${region}`);

  return (
    <Section title={t("settings.holidays.heading")} description={t("settings.holidays.description")}>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        {named.length > 0 ? (
          <Select
            label={t("settings.holidays.calendar")}
            data={[
              { value: WORKSPACE, label: t("settings.calendars.workspace") },
              ...named.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={calendar ?? WORKSPACE}
            onChange={(value) => value && setPicked(value)}
            allowDeselect={false}
            w={240}
          />
        ) : (
          <span />
        )}
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconFileImport size={14} aria-hidden />}
            onClick={() => setImporting({ kind: "file" })}
          >
            {t("settings.holidays.importIcs")}
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconCalendarPlus size={14} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
                disabled={!sets.data}
              >
                {t("settings.holidays.addSet")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(sets.data ?? []).map((s) => (
                <Menu.Item key={s.id} onClick={() => setImporting({ kind: "set", set: s })}>
                  {t("settings.holidays.setName", { region: regionName(s.region), year: s.year })}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <AddDayForm calendar={calendar} />

      {holidays.isPending && <Loader size="sm" mt="md" aria-label={t("app.loading")} />}
      {holidays.isError && (
        <Alert color="red" variant="light" mt="md" icon={<IconAlertTriangle size={18} aria-hidden />}>
          <Group justify="space-between">
            <Text size="sm">{describeError(t, holidays.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void holidays.refetch()}>
              {t("common.retry")}
            </Button>
          </Group>
        </Alert>
      )}
      {holidays.isSuccess &&
        (shown.length === 0 ? (
          <Text size="sm" c="dimmed" mt="md">
            {t("settings.holidays.empty")}
          </Text>
        ) : (
          <Table verticalSpacing={4} horizontalSpacing="sm" mt="md" aria-label={t("settings.holidays.heading")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.date")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("settings.holidays.kind")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("settings.sla.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((h) => (
                <HolidayRow key={h.id} holiday={h} />
              ))}
            </Table.Tbody>
          </Table>
        ))}

      {importing && (
        <ImportDaysDialog
          source={importing}
          calendar={calendar}
          calendarName={named.find((c) => c.id === calendar)?.name ?? t("settings.calendars.workspace")}
          language={i18n.language}
          onClose={() => setImporting(null)}
        />
      )}
    </Section>
  );
}
