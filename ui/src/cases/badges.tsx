/**
 * Small, scannable markers used in the list and the detail: status, priority, VIP and
 * due time. Each carries text (and an icon where it signals urgency), never colour alone.
 */
import { Badge, type MantineColor } from "@mantine/core";
import { IconAlertTriangle, IconClockHour4, IconCrown } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { CaseStatus, Priority } from "../ipc/bindings";
import { PRIORITY_COLOR, STATUS_COLOR, priorityLabel } from "./model";
import classes from "./badges.module.css";
import { formatRemaining, type DueState } from "./time";

type MarkSize = "xs" | "sm" | "md" | "lg";
type MarkVariant = "filled" | "light" | "outline";

/**
 * A badge drawn as one plain element from the theme's colour variables (the same ones
 * Mantine's Badge uses, contrast-adjusted in `theme.ts`): the case list draws two per
 * row, and Mantine's Badge costs two elements and a style resolver each (issue 15).
 */
function Mark({
  color,
  variant,
  size,
  bold,
  title,
  children,
}: {
  color: MantineColor;
  variant: MarkVariant;
  size: MarkSize;
  bold?: boolean;
  title?: string;
  children: ReactNode;
}) {
  const style: CSSProperties =
    variant === "filled"
      ? { background: `var(--mantine-color-${color}-filled)` }
      : variant === "light"
        ? { background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)` }
        : { borderColor: `var(--mantine-color-${color}-outline)`, color: `var(--mantine-color-${color}-outline)` };
  return (
    <span className={classes.mark} data-variant={variant} data-size={size} data-bold={bold || undefined} title={title} style={style}>
      {children}
    </span>
  );
}

export function StatusBadge({ status, size = "sm" }: { status: CaseStatus; size?: MarkSize }) {
  const { t } = useTranslation();
  return <StatusMark t={t} status={status} size={size} />;
}

/** A status badge in the caller's language: the case list's cells share one `t`. */
export function StatusMark({ t, status, size }: { t: TFunction; status: CaseStatus; size: MarkSize }) {
  return (
    <Mark color={STATUS_COLOR[status]} variant={status === "closed" ? "outline" : "light"} size={size}>
      {t(`cases.status.${status}`)}
    </Mark>
  );
}

export function PriorityBadge({
  priority,
  size = "sm",
  withName = false,
}: {
  priority: Priority;
  size?: MarkSize;
  /** "P2 · High" instead of "P2" (the name is always there for screen readers). */
  withName?: boolean;
}) {
  const { t } = useTranslation();
  return <PriorityMark t={t} priority={priority} size={size} withName={withName} />;
}

/** A priority badge in the caller's language: the case list's cells share one `t`. */
export function PriorityMark({
  t,
  priority,
  size,
  withName = false,
}: {
  t: TFunction;
  priority: Priority;
  size: MarkSize;
  withName?: boolean;
}) {
  return (
    <Mark
      title={t(`cases.priorityName.${priority}`)}
      color={PRIORITY_COLOR[priority]}
      variant={priority === "p1" ? "filled" : priority === "p2" ? "light" : "outline"}
      size={size}
      bold
    >
      {withName ? (
        priorityLabel(t, priority)
      ) : (
        <>
          {t(`cases.priority.${priority}`)}
          <span className="visually-hidden"> {t(`cases.priorityName.${priority}`)}</span>
        </>
      )}
    </Mark>
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
  t,
  dueAt,
  state,
  now,
  size = "sm",
  compact = false,
}: {
  t: TFunction;
  dueAt: string;
  state: DueState;
  now: number;
  size?: "xs" | "sm";
  /** Only the largest unit ("2 h overdue"), for lists. */
  compact?: boolean;
}) {
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
