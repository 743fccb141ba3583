/**
 * The case vocabulary in display order, and how each value looks (colour, icon). Labels
 * come from the locale files (`cases.status.*`, `cases.priority.*`…); colours are never
 * the only signal: every badge also carries its text.
 */
import type { MantineColor } from "@mantine/core";
import type { TFunction } from "i18next";

import type { CaseChannel, CaseSort, CaseStatus, Priority, Queue, Tier } from "../ipc/bindings";

export const STATUSES: readonly CaseStatus[] = [
  "new",
  "open",
  "pending_customer",
  "pending_internal",
  "resolved",
  "closed",
];

export const PRIORITIES: readonly Priority[] = ["p1", "p2", "p3", "p4"];

export const CHANNELS: readonly CaseChannel[] = ["phone", "email", "chat", "social", "walk_in"];

export const TIERS: readonly Tier[] = ["standard", "vip"];

export const QUEUES: readonly Queue[] = [
  "mine",
  "unassigned",
  "breaching",
  "escalated",
  "vip",
  "awaiting_callback",
  "all",
];

export const SORTS: readonly CaseSort[] = ["created", "updated", "priority", "due", "status", "reference"];

export const STATUS_COLOR: Record<CaseStatus, MantineColor> = {
  new: "blue",
  open: "indigo",
  pending_customer: "yellow",
  pending_internal: "grape",
  resolved: "teal",
  closed: "gray",
};

export const PRIORITY_COLOR: Record<Priority, MantineColor> = {
  p1: "red",
  p2: "orange",
  p3: "blue",
  p4: "gray",
};

export function isOneOf<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return value != null && (list as readonly string[]).includes(value);
}

/** "P1 · Critical": the option label of a priority picker. */
export function priorityLabel(t: TFunction, priority: Priority): string {
  return t("cases.priorityOption", {
    priority: t(`cases.priority.${priority}`),
    name: t(`cases.priorityName.${priority}`),
  });
}

export function priorityOptions(t: TFunction) {
  return PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }));
}

export function channelOptions(t: TFunction) {
  return CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }));
}

export function tierOptions(t: TFunction) {
  return TIERS.map((v) => ({ value: v, label: t(`cases.tier.${v}`) }));
}

export function statusOptions(t: TFunction) {
  return STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }));
}
