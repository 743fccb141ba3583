/**
 * Holidays: days the team does not work, so business-hours SLA clocks skip them. A
 * small form adds one (date picker and optional name); each listed day can be removed.
 * Changes save at once; Rust moves the due times of open cases with them. The picker
 * offers the days Rust accepts (`LIMITS.holidayDays*`: about ten years back, five ahead).
 */
import { ActionIcon, Alert, Button, Group, Loader, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { useFormErrors } from "../cases/dialogs/FormDialog";
import { LIMITS, type Holiday } from "../ipc/bindings";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { useCreateHoliday, useDeleteHoliday, useHolidays } from "../ipc/queries";
import { Section } from "../shell/Section";

const FIELDS = ["date", "name"] as const;

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

/** A `YYYY-MM-DD` day in the interface language ("Thu, 1 Oct 2026"), read as a calendar date. */
function formatDay(language: string, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

function HolidayRow({ holiday }: { holiday: Holiday }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteHoliday();
  const day = formatDay(i18n.language, holiday.date);
  const label = t("settings.holidays.deleteNamed", { day });
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={holiday.date}>{day}</time>
      </Table.Td>
      <Table.Td>{holiday.name || <Text span c="dimmed">{t("common.none")}</Text>}</Table.Td>
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

export function Holidays() {
  const { t } = useTranslation();
  const holidays = useHolidays();
  const create = useCreateHoliday();
  const errors = useFormErrors(FIELDS);
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [range] = useState(() => holidayWindow());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || !errors.requireFilled({ date: date ?? "" })) return;
    create.mutate(
      { date: date ?? "", name: name.trim() },
      {
        onSuccess: () => {
          setDate(null);
          setName("");
          notifications.show({ message: t("settings.holidays.added"), color: "teal" });
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

  return (
    <Section title={t("settings.holidays.heading")} description={t("settings.holidays.description")}>
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
            w={200}
          />
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
            miw={180}
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
        (holidays.data.length === 0 ? (
          <Text size="sm" c="dimmed" mt="md">
            {t("settings.holidays.empty")}
          </Text>
        ) : (
          <Table verticalSpacing={4} horizontalSpacing="sm" mt="md" aria-label={t("settings.holidays.heading")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.date")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("settings.sla.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holidays.data.map((h) => (
                <HolidayRow key={h.id} holiday={h} />
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Section>
  );
}
