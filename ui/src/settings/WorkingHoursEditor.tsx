/**
 * One row per weekday (Monday first): an Open switch and opening/closing times. Times
 * are "HH:MM" 24-hour strings, edited with the platform's native time field.
 */
import { Group, Input, Stack, Switch, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { WorkingDay } from "../ipc/bindings";
import { ruleMessage } from "../ipc/errors";
import classes from "./SettingsPage.module.css";
import type { DayIssues } from "./validation";

export interface WorkingHoursEditorProps {
  days: WorkingDay[];
  issues?: Partial<Record<WorkingDay["weekday"], DayIssues>>;
  onChange: (day: WorkingDay) => void;
}

export function WorkingHoursEditor({ days, issues, onChange }: WorkingHoursEditorProps) {
  const { t } = useTranslation();

  return (
    <Table verticalSpacing={6} horizontalSpacing="sm" className={classes.hoursTable}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">{t("settings.hours.day")}</Table.Th>
          <Table.Th w="18%">{t("settings.hours.open")}</Table.Th>
          <Table.Th>{t("settings.hours.hours")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {days.map((day) => {
          const dayName = t(`settings.weekdays.${day.weekday}`);
          const dayIssues = issues?.[day.weekday];
          const startMessage =
            dayIssues?.start && ruleMessage(t, dayIssues.start.rule, dayIssues.start.limit);
          const endMessage =
            dayIssues?.end && ruleMessage(t, dayIssues.end.rule, dayIssues.end.limit);
          // One line under the row; the same message twice (both times empty) is said once.
          const errorText = [...new Set([startMessage, endMessage].filter(Boolean))].join(" ");
          const errorId = `working-hours-${day.weekday}-error`;
          return (
            <Table.Tr key={day.weekday}>
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
                    <Group gap="xs" wrap="nowrap">
                      <Input
                        type="time"
                        size="xs"
                        w={132}
                        value={day.start}
                        onChange={(event) => onChange({ ...day, start: event.currentTarget.value })}
                        aria-label={t("settings.hours.startOn", { day: dayName })}
                        error={Boolean(startMessage)}
                        // Mantine would replace aria-describedby; the row's message is ours.
                        withAria={false}
                        aria-invalid={startMessage ? true : undefined}
                        aria-describedby={errorText ? errorId : undefined}
                      />
                      <Text size="sm" c="dimmed" aria-hidden>
                        {t("settings.hours.until")}
                      </Text>
                      <Input
                        type="time"
                        size="xs"
                        w={132}
                        value={day.end}
                        onChange={(event) => onChange({ ...day, end: event.currentTarget.value })}
                        aria-label={t("settings.hours.endOn", { day: dayName })}
                        error={Boolean(endMessage)}
                        // Mantine would replace aria-describedby; the row's message is ours.
                        withAria={false}
                        aria-invalid={endMessage ? true : undefined}
                        aria-describedby={errorText ? errorId : undefined}
                      />
                    </Group>
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
        })}
      </Table.Tbody>
    </Table>
  );
}
