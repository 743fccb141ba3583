/**
 * Times on case screens: one shared clock that ticks every 30 s (due times are
 * recomputed from it, never polled from Rust), durations such as "2 h 15 min", and
 * dates in the interface language.
 */
import type { TFunction } from "i18next";
import { useSyncExternalStore } from "react";

export const TICK_MS = 30_000;

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time in ms, re-rendering every 30 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => now);
}

/**
 * "3 d 4 h", "2 h 15 min", "45 min": the (up to) two largest units of `minutes`
 * (absolute). With `largest` "hours", days are not used ("30 h").
 */
export function formatDuration(
  t: TFunction,
  minutes: number,
  units: 1 | 2 = 2,
  largest: "days" | "hours" = "days",
): string {
  const total = Math.max(0, Math.round(Math.abs(minutes)));
  const days = largest === "days" ? Math.floor(total / 1440) : 0;
  const hours = Math.floor((total - days * 1440) / 60);
  const mins = total % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(t("cases.time.days", { count: days }));
    if (hours > 0) parts.push(t("cases.time.hours", { count: hours }));
  } else if (hours > 0) {
    parts.push(t("cases.time.hours", { count: hours }));
    if (mins > 0) parts.push(t("cases.time.minutes", { count: mins }));
  } else {
    parts.push(t("cases.time.minutes", { count: mins }));
  }
  return parts.slice(0, units).join(" ");
}

/**
 * A span of SLA time in the unit its policy counts: "8 business hours" (a working day,
 * neither 8 clock hours nor "1 d") or "1 h 30 min of business time"; calendar-hour spans
 * in hours, "4 h" or "30 h", as the policies set them.
 */
export function formatSlaSpan(t: TFunction, minutes: number, businessHours: boolean): string {
  const duration = formatDuration(t, minutes, 2, "hours");
  if (!businessHours) return duration;
  const total = Math.round(Math.abs(minutes));
  if (total > 0 && total % 60 === 0) return t("cases.sla.businessHoursSpan", { count: total / 60 });
  return t("cases.sla.businessTimeSpan", { duration });
}

/** "in 45 min" or "2 h overdue", from a due time and now. */
export function formatRemaining(t: TFunction, dueMs: number, nowMs: number, units: 1 | 2 = 2): string {
  const minutes = (dueMs - nowMs) / 60_000;
  if (Math.abs(minutes) < 1) return t("cases.time.dueNow");
  const duration = formatDuration(t, minutes, units);
  return minutes > 0 ? t("cases.time.dueIn", { duration }) : t("cases.time.overdue", { duration });
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, options);
    formats.set(key, f);
  }
  return f;
}

/** A date and time in the interface language, in this computer's time zone. */
export function formatDateTime(language: string, iso: string): string {
  return format(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** A short date for dense lists: today the time, otherwise the day (the detail has both). */
export function formatShortDateTime(language: string, iso: string, nowMs: number): string {
  const date = new Date(iso);
  const sameDay = new Date(nowMs).toDateString() === date.toDateString();
  return sameDay
    ? format(language, { timeStyle: "short" }).format(date)
    : format(language, { month: "numeric", day: "numeric" }).format(date);
}

export type DueState = "breached" | "at_risk" | "ok";

/**
 * A due time's state now: breached once it has passed; otherwise "at risk" exactly when
 * Rust says so (`atRisk`: its SLA rule, the last fifth of the target in business time),
 * never by a rule of the UI's own.
 */
export function dueState(dueIso: string | null, nowMs: number, atRisk: boolean): DueState | null {
  if (!dueIso) return null;
  if (Date.parse(dueIso) - nowMs < 0) return "breached";
  return atRisk ? "at_risk" : "ok";
}
