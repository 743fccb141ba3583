/**
 * Plans overdue for review or a drill (Rust derives them from the latest publish and the
 * latest drill), each linked to its plan; nothing when none is due. Shown on the home
 * screen and the Plans page. `enabled` false holds the request back (the home screen asks
 * once its own numbers are on screen).
 */
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { usePlanReminders } from "../ipc/queries";
import { formatDay } from "../settings/CalendarDay";

export function PlanReminders({ enabled = true }: { enabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const reminders = usePlanReminders(enabled);
  const titleId = useId();
  if (!reminders.data?.length) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {t("plans.reminders.title", { count: reminders.data.length })}
        </Title>
        <List listStyleType="none" spacing={4}>
          {reminders.data.map((r) => (
            <List.Item key={`${r.planId}-${r.kind}`}>
              <Group gap="sm" wrap="nowrap">
                <Badge variant="light" color={r.kind === "review" ? "orange" : "blue"} tt="none">
                  {t(`plans.reminders.${r.kind}`)}
                </Badge>
                <Anchor component={Link} to={`/plans/${r.planId}`}>
                  {r.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t("plans.reminders.due", {
                    date: formatDay(i18n.language, r.dueAt.slice(0, 10), "medium"),
                    count: r.daysOverdue,
                  })}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
