/**
 * Small, scannable markers used in the list and the detail: status, priority, VIP and
 * due time. Each carries text (and an icon where it signals urgency), never colour alone.
 */
import { Badge } from "@mantine/core";
import { IconAlertTriangle, IconClockHour4, IconCrown } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { CaseStatus, Priority } from "../ipc/bindings";
import { PRIORITY_COLOR, STATUS_COLOR, priorityLabel } from "./model";
import classes from "./badges.module.css";
import { formatRemaining, type DueState } from "./time";

export function StatusBadge({ status, size = "sm" }: { status: CaseStatus; size?: "xs" | "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === "closed" ? "outline" : "light"}
      radius="sm"
      size={size}
      tt="none"
      fw={600}
    >
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({
  priority,
  size = "sm",
  withName = false,
}: {
  priority: Priority;
  size?: "xs" | "sm" | "md" | "lg";
  /** "P2 · High" instead of "P2" (the name is always there for screen readers). */
  withName?: boolean;
}) {
  const { t } = useTranslation();
  return (
    // A native tooltip, not Mantine's: the case list draws one badge per row.
    <Badge
        title={t(`cases.priorityName.${priority}`)}
        color={PRIORITY_COLOR[priority]}
        variant={priority === "p1" ? "filled" : priority === "p2" ? "light" : "outline"}
        radius="sm"
        size={size}
        fw={700}
        miw={34}
        tt="none"
      >
        {withName ? (
          priorityLabel(t, priority)
        ) : (
          <>
            {t(`cases.priority.${priority}`)}
            <span className="visually-hidden"> {t(`cases.priorityName.${priority}`)}</span>
          </>
        )}
      </Badge>
  );
}

export function VipMark() {
  const { t } = useTranslation();
  return (
    <Badge
      color="yellow"
      variant="light"
      radius="sm"
      size="xs"
      leftSection={<IconCrown size={10} aria-hidden />}
      title={t("cases.list.vip")}
    >
      {t("cases.tier.vip")}
    </Badge>
  );
}

/** "in 45 min" / "2 h overdue", with an icon and colour when at risk or breached. */
export function DueText({
  dueAt,
  state,
  now,
  size = "sm",
  compact = false,
}: {
  dueAt: string;
  state: DueState;
  now: number;
  size?: "xs" | "sm";
  /** Only the largest unit ("2 h overdue"), for lists. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const Icon = state === "breached" ? IconAlertTriangle : state === "at_risk" ? IconClockHour4 : null;
  // Plain elements, not Mantine's: a screen of the case list draws one per row.
  return (
    <span className={classes.due} data-state={state} data-size={size}>
      {Icon && <Icon size={14} aria-hidden className={classes.dueIcon} />}
      <span className={classes.dueText}>
        {state === "breached" && <span className="visually-hidden">{t("cases.sla.status.breached")}: </span>}
        {state === "at_risk" && <span className="visually-hidden">{t("cases.sla.atRisk")}: </span>}
        {formatRemaining(t, Date.parse(dueAt), now, compact ? 1 : 2)}
      </span>
    </span>
  );
}
