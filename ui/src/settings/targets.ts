/**
 * SLA targets in human terms and in the policy form's units. Rust stores a target as
 * whole minutes (or none); the screen says "4 business hours", "2 h" or "1 d 4 h 30 min"
 * and the form edits an amount in minutes or hours.
 */
import type { TFunction } from "i18next";

/** Longest target Rust accepts: 365 days (`TARGET_MINUTES_MAX`). */
export const TARGET_MINUTES_MAX = 365 * 24 * 60;

export type TargetUnit = "minutes" | "hours";
export const TARGET_UNITS: readonly TargetUnit[] = ["minutes", "hours"];
const MINUTES_PER: Record<TargetUnit, number> = { minutes: 1, hours: 60 };

/** Every non-zero unit of `minutes`, exactly: "1 d 4 h 30 min", "2 h", "45 min". */
export function formatMinutes(t: TFunction, minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(t("cases.time.days", { count: days }));
  if (hours > 0) parts.push(t("cases.time.hours", { count: hours }));
  if (mins > 0 || parts.length === 0) parts.push(t("cases.time.minutes", { count: mins }));
  return parts.join(" ");
}

/**
 * A target as the table shows it. Business time is said in hours ("40 business
 * hours"), never days: a business day is as long as the team's working day.
 */
export function formatTarget(t: TFunction, minutes: number | null, businessHours: boolean): string {
  if (minutes === null) return t("settings.sla.noTarget");
  if (!businessHours) return formatMinutes(t, minutes);
  if (minutes % 60 === 0) return t("settings.sla.businessHours", { count: minutes / 60 });
  const hours = Math.floor(minutes / 60);
  const duration = [
    hours > 0 ? t("cases.time.hours", { count: hours }) : null,
    t("cases.time.minutes", { count: minutes % 60 }),
  ]
    .filter(Boolean)
    .join(" ");
  return t("settings.sla.businessDuration", { duration });
}

/** How the form shows a stored target: whole hours in hours, anything else in minutes. */
export function toAmount(minutes: number | null): { amount: number | ""; unit: TargetUnit } {
  if (minutes === null) return { amount: "", unit: "hours" };
  return minutes % 60 === 0 ? { amount: minutes / 60, unit: "hours" } : { amount: minutes, unit: "minutes" };
}

/**
 * The minutes the form's amount means: null for an empty amount (no target), "invalid"
 * for anything that is not a whole number of minutes between 1 and 365 days.
 */
export function toMinutes(amount: number | string, unit: TargetUnit): number | null | "invalid" {
  if (amount === "" || amount === null) return null;
  const value = typeof amount === "number" ? amount : Number(amount);
  const minutes = value * MINUTES_PER[unit];
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > TARGET_MINUTES_MAX) return "invalid";
  return minutes;
}
