/**
 * Sync in words: how long ago something happened, why the last sync failed (from its
 * code, never from Rust's English detail), and a conflict's row, field and values as a
 * supervisor knows them ("P2 · High", "Phone", "Mon–Fri 09:00–17:30"), not as stored.
 */
import type { TFunction } from "i18next";

import type { Conflict, ErrorCode, SyncRole } from "../ipc/bindings";
import { ipcErrorMessage, KNOWN_FIELDS, type KnownField } from "../ipc/errors";
import { formatDateTime } from "../cases/time";
import { formatTarget } from "../settings/targets";

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(language: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(language);
  if (!f) {
    f = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
    relativeFormats.set(language, f);
  }
  return f;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "2 minutes ago", "3 hours ago", "yesterday", in the interface language. */
export function timeAgo(t: TFunction, language: string, iso: string, nowMs: number): string {
  const elapsed = nowMs - Date.parse(iso);
  if (Number.isNaN(elapsed)) return t("common.none");
  if (elapsed < 60_000) return t("sync.justNow");
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return relativeFormat(language).format(-Math.floor(elapsed / ms), unit);
  }
  return t("sync.justNow");
}

/** Codes a failed sync records (`SyncStatus.lastErrorCode`, `SyncFinished.errorCode`). */
export type SyncErrorKind = "offline" | "cancelled" | "error";

export function syncErrorKind(code: string): SyncErrorKind {
  if (code === "network") return "offline";
  if (code === "cancelled") return "cancelled";
  return "error";
}

/** What went wrong with the last sync and what to do about it. */
export function syncErrorMessage(t: TFunction, code: string): string {
  // "Cancelled; nothing was changed" is not true of a sync: what arrived is kept.
  if (code === "cancelled") return t("sync.status.cancelledNote");
  return ipcErrorMessage(t, { code: code as ErrorCode, message: "", field: null, rule: null, limit: null });
}

export function roleLabel(t: TFunction, role: SyncRole): string {
  return t(`sync.roles.${role}`);
}

const TABLES = ["cases", "customers", "agents", "teams", "sla_policies", "holidays", "workspace_settings", "case_tags"] as const;
type KnownTable = (typeof TABLES)[number];

function isKnownTable(table: string): table is KnownTable {
  return (TABLES as readonly string[]).includes(table);
}

/** What kind of record: "Case", "Customer", "SLA policy"… */
export function tableLabel(t: TFunction, table: string): string {
  return isKnownTable(table) ? t(`sync.conflicts.tables.${table}`) : table;
}

/** The record, for people: "C-A1-00001 · Refund not received", a customer's name. */
export function rowLabel(t: TFunction, conflict: Conflict): string {
  if (conflict.table === "workspace_settings") return t("sync.conflicts.tables.workspace_settings");
  return conflict.label.trim() || tableLabel(t, conflict.table);
}

function isKnownField(field: string): field is KnownField {
  return (KNOWN_FIELDS as readonly string[]).includes(field);
}

/** The field's label, as the forms name it. */
export function fieldLabel(t: TFunction, conflict: Conflict): string {
  return isKnownField(conflict.field) ? t(`fields.${conflict.field}`) : conflict.field;
}

const WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

interface StoredDay {
  weekday: string;
  open: boolean;
  start: string;
  end: string;
}

function weekdayShort(language: string, day: (typeof WEEK)[number]): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day), 12));
  return new Intl.DateTimeFormat(language, { weekday: "short", timeZone: "UTC" }).format(date);
}

/** Working hours as runs of days with the same hours: "Mon–Fri 09:00–17:30". */
function formatWeek(t: TFunction, language: string, raw: string): string | null {
  let days: StoredDay[];
  try {
    days = JSON.parse(raw) as StoredDay[];
    if (!Array.isArray(days)) return null;
  } catch {
    return null;
  }
  const byDay = new Map(days.map((d) => [d.weekday, d]));
  const runs: { from: (typeof WEEK)[number]; to: (typeof WEEK)[number]; hours: string }[] = [];
  for (const day of WEEK) {
    const d = byDay.get(day);
    if (!d?.open) continue;
    const hours = `${d.start}–${d.end}`;
    const last = runs[runs.length - 1];
    if (last && last.hours === hours && WEEK.indexOf(last.to) === WEEK.indexOf(day) - 1) last.to = day;
    else runs.push({ from: day, to: day, hours });
  }
  if (runs.length === 0) return t("settings.hours.closed");
  return runs
    .map((r) =>
      r.from === r.to
        ? `${weekdayShort(language, r.from)} ${r.hours}`
        : `${weekdayShort(language, r.from)}–${weekdayShort(language, r.to)} ${r.hours}`,
    )
    .join(", ");
}

/** A stored value as the screens show it; `null` is shown as empty. */
export function formatConflictValue(
  t: TFunction,
  language: string,
  conflict: Conflict,
  value: string | null,
): string {
  if (conflict.field === "deletedAt") {
    return value ? t("sync.conflicts.deletedOn", { date: formatDateTime(language, value) }) : t("sync.conflicts.notDeleted");
  }
  if (value === null || value === "") return t("sync.conflicts.empty");
  switch (conflict.field) {
    case "priority":
      return value === "p1" || value === "p2" || value === "p3" || value === "p4"
        ? t("cases.priorityOption", { priority: t(`cases.priority.${value}`), name: t(`cases.priorityName.${value}`) })
        : value;
    case "channel":
      return value === "phone" || value === "email" || value === "chat" || value === "social" || value === "walk_in"
        ? t(`cases.channel.${value}`)
        : value;
    case "tier":
      return value === "standard" || value === "vip" ? t(`cases.tier.${value}`) : value;
    case "businessHours":
      return value === "1" || value === "true" ? t("settings.sla.clockBusiness") : t("settings.sla.clockCalendar");
    case "firstResponseMinutes":
    case "resolutionMinutes": {
      const minutes = Number(value);
      return Number.isInteger(minutes) ? formatTarget(t, minutes, false) : value;
    }
    case "workingHours":
      return formatWeek(t, language, value) ?? value;
    case "createdAt":
      return formatDateTime(language, value);
    default:
      return value;
  }
}
