/**
 * One row per weekday (Monday first): an Open switch and the day's opening intervals
 * (a lunch break or an evening shift makes two or more). Times are "HH:MM" 24-hour
 * strings, edited with the platform's native time field; an interval is added or removed
 * with a button beside it, and any problem is said under the row, tied to its fields.
 */
import { ActionIcon, Button, Group, Input, Stack, Switch, Table, Text, Tooltip } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { LIMITS, type OpeningInterval, type WorkingDay } from "../ipc/bindings";
import { ruleMessage } from "../ipc/errors";
import classes from "./SettingsPage.module.css";
import type { DayIssues, Issue } from "./validation";

export interface WorkingHoursEditorProps {
  days: WorkingDay[];
  issues?: Partial<Record<WorkingDay["weekday"], DayIssues>>;
  onChange: (day: WorkingDay) => void;
}

/** A new interval after the day's last one: an hour after it ends, two hours long. */
function nextInterval(intervals: OpeningInterval[]): OpeningInterval {
  const last = intervals[intervals.length - 1];
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const text = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const from = last && /^\d\d:\d\d$/.test(last.end) ? Math.min(minutes(last.end) + 60, 21 * 60) : 9 * 60;
  return { start: text(from), end: text(Math.min(from + 120, 23 * 60 + 59)) };
}

function DayRow({ day, issues, onChange }: { day: WorkingDay; issues?: DayIssues; onChange: (d: WorkingDay) => void }) {
  const { t } = useTranslation();
  const dayName = t(`settings.weekdays.${day.weekday}`);
  const message = (issue?: Issue) => (issue ? ruleMessage(t, issue.rule, issue.limit) : undefined);
  const errorId = `working-hours-${day.weekday}-error`;
  const lines = [
    message(issues?.day),
    ...day.intervals.flatMap((_, i) => {
      const found = issues?.intervals?.[i];
      return [message(found?.start), message(found?.end)];
    }),
  ];
  // One message per kind under the row (both times empty says "required" once).
  const errorText = [...new Set(lines.filter(Boolean))].join(" ");
  const setInterval = (i: number, patch: Partial<OpeningInterval>) =>
    onChange({ ...day, intervals: day.intervals.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const label = (kind: "start" | "end", i: number) =>
    i === 0
      ? t(kind === "start" ? "settings.hours.startOn" : "settings.hours.endOn", { day: dayName })
      : t(kind === "start" ? "settings.hours.startOnNth" : "settings.hours.endOnNth", { day: dayName, n: i + 1 });

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {dayName}
      </Table.Th>
      <Table.Td>
        <Switch
          checked={day.open}
          onChange={(event) => onChange({ ...day, open: event.currentTarget.checked })}
          aria-label={t("settings.hours.openOn", { day: dayName })}
          size="sm"
        />
      </Table.Td>
      <Table.Td>
        {day.open ? (
          <Stack gap={4}>
            {day.intervals.map((interval, i) => {
              const found = issues?.intervals?.[i];
              const field = (kind: "start" | "end") => (
                <Input
                  type="time"
                  size="xs"
                  w={132}
                  value={interval[kind]}
                  onChange={(event) => setInterval(i, { [kind]: event.currentTarget.value })}
                  aria-label={label(kind, i)}
                  error={Boolean(found?.[kind])}
                  // Mantine would replace aria-describedby; the row's message is ours.
                  withAria={false}
                  aria-invalid={found?.[kind] ? true : undefined}
                  aria-describedby={errorText ? errorId : undefined}
                />
              );
              const removeLabel = t("settings.hours.removeInterval", { day: dayName, n: i + 1 });
              return (
                <Group key={i} gap="xs" wrap="nowrap">
                  {field("start")}
                  <Text size="sm" c="dimmed" aria-hidden>
                    {t("settings.hours.until")}
                  </Text>
                  {field("end")}
                  {day.intervals.length > 1 && (
                    <Tooltip label={removeLabel}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={removeLabel}
                        onClick={() => onChange({ ...day, intervals: day.intervals.filter((_, k) => k !== i) })}
                      >
                        <IconX size={14} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              );
            })}
            {day.intervals.length < LIMITS.intervalsPerDayMax && (
              <Button
                variant="subtle"
                size="compact-xs"
                w="fit-content"
                leftSection={<IconPlus size={12} aria-hidden />}
                aria-label={t("settings.hours.addIntervalOn", { day: dayName })}
                onClick={() => onChange({ ...day, intervals: [...day.intervals, nextInterval(day.intervals)] })}
              >
                {t("settings.hours.addInterval")}
              </Button>
            )}
            {errorText && (
              <Text id={errorId} size="xs" c="red">
                {errorText}
              </Text>
            )}
          </Stack>
        ) : (
          // Same height as a row of time fields, so rows do not jump when toggled.
          <Text size="sm" c="dimmed" lh="30px">
            {t("settings.hours.closed")}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function WorkingHoursEditor({ days, issues, onChange }: WorkingHoursEditorProps) {
  const { t } = useTranslation();

  return (
    <Table verticalSpacing={6} horizontalSpacing="sm" className={classes.hoursTable}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t("settings.hours.day")}</Table.Th>
          <Table.Th w="14%">{t("settings.hours.open")}</Table.Th>
          <Table.Th>{t("settings.hours.hours")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {days.map((day) => (
          <DayRow key={day.weekday} day={day} issues={issues?.[day.weekday]} onChange={onChange} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
