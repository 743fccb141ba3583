/**
 * The case's two SLA targets (first response, resolution): state, due time and the time
 * left, recomputed every 30 s from the due time (Rust is asked again only every 60 s).
 * At risk and breached read as text with an icon, not only as colour.
 */
import { Badge, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClockHour4,
  IconMinus,
  IconPlayerPause,
  type Icon,
} from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { CaseSla, TargetView } from "../ipc/bindings";
import { formatDateTime, formatRemaining, formatSlaSpan, useNow } from "./time";

type Shown = "met" | "breached" | "at_risk" | "running" | "paused" | "not_applicable";

/** What a target shows now: Rust's state, moved on by the client clock since it came. */
export function shownState(target: TargetView, now: number): Shown {
  if (target.status === "running" && target.dueAt) {
    const left = Date.parse(target.dueAt) - now;
    if (left < 0) return "breached";
    // At risk as Rust decided (its rule counts business time); none of the UI's own.
    if (target.atRisk) return "at_risk";
    return "running";
  }
  return target.status;
}

const LOOK: Record<Shown, { color: string; icon: Icon }> = {
  met: { color: "teal", icon: IconCircleCheck },
  breached: { color: "red", icon: IconAlertTriangle },
  at_risk: { color: "orange", icon: IconClockHour4 },
  running: { color: "blue", icon: IconClockHour4 },
  paused: { color: "gray", icon: IconPlayerPause },
  not_applicable: { color: "gray", icon: IconMinus },
};

function TargetRow({
  label,
  target,
  businessHours,
  now,
}: {
  label: string;
  target: TargetView;
  /** The policy counts business hours, so its minutes are business minutes. */
  businessHours: boolean;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const shown = shownState(target, now);
  const { color, icon: StateIcon } = LOOK[shown];
  const text = shown === "at_risk" ? t("cases.sla.atRisk") : t(`cases.sla.status.${shown}`);
  const active = target.status === "running" || (target.status === "breached" && target.remainingMinutes !== null);
  const dueMs = target.dueAt ? Date.parse(target.dueAt) : null;

  let progress: number | null = null;
  if (target.targetMinutes && dueMs !== null && (target.status === "running" || target.status === "paused")) {
    const leftMin = target.status === "paused" ? (target.remainingMinutes ?? 0) : (dueMs - now) / 60_000;
    progress = Math.min(100, Math.max(0, 100 * (1 - leftMin / target.targetMinutes)));
  }

  return (
    <Stack gap={4} data-sla-state={shown}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Badge
          color={color}
          variant={shown === "breached" || shown === "at_risk" ? "filled" : "light"}
          leftSection={<StateIcon size={12} aria-hidden />}
          radius="sm"
          tt="none"
        >
          {text}
        </Badge>
      </Group>
      {target.dueAt && (
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="xs" c="dimmed">
            {t("cases.sla.due", { time: formatDateTime(i18n.language, target.dueAt) })}
          </Text>
          {active && dueMs !== null && (
            <Text
              size="xs"
              fw={600}
              c={shown === "breached" ? "var(--mantine-color-red-text)" : shown === "at_risk" ? "var(--mantine-color-orange-text)" : undefined}
            >
              {formatRemaining(t, dueMs, now)}
            </Text>
          )}
          {target.status === "paused" && target.remainingMinutes !== null && (
            <Text size="xs" fw={600}>
              {t("cases.time.dueIn", { duration: formatSlaSpan(t, target.remainingMinutes, businessHours) })}
            </Text>
          )}
        </Group>
      )}
      {progress !== null && <Progress value={progress} color={color} size="xs" aria-hidden />}
      {target.status === "paused" && (
        <Text size="xs" c="dimmed">
          {t("cases.sla.paused")}
        </Text>
      )}
      {target.targetMinutes !== null && (
        <Text size="xs" c="dimmed">
          {t("cases.sla.target", { duration: formatSlaSpan(t, target.targetMinutes, businessHours) })}
        </Text>
      )}
    </Stack>
  );
}

export function SlaPanel({ sla }: { sla: CaseSla }) {
  const { t } = useTranslation();
  const now = useNow();
  const headingId = useId();
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb="sm">
        {t("cases.sla.heading")}
      </Title>
      <Stack gap="md">
        <TargetRow
          label={t("cases.sla.firstResponse")}
          target={sla.firstResponse}
          businessHours={sla.businessHours}
          now={now}
        />
        <TargetRow label={t("cases.sla.resolution")} target={sla.resolution} businessHours={sla.businessHours} now={now} />
        <Text size="xs" c="dimmed">
          {sla.businessHours
            ? t("cases.sla.businessHoursIn", {
                calendar: sla.calendar.name || t("settings.calendars.workspace"),
                timeZone: sla.calendar.timeZone,
              })
            : t("cases.sla.calendarHours")}
        </Text>
      </Stack>
    </Paper>
  );
}
