/**
 * KPI targets as the UI shows them: each KPI Rust knows, the leaderboard column it is
 * shown in, and its target as people say it — a share in percent, a duration in minutes
 * (Rust keeps seconds). Whether a target is "at least" or "at most" is Rust's
 * `direction`, never decided here.
 */
import type { KpiDirection, KpiMetric, Verdict } from "../ipc/bindings";
import type { Column } from "../dashboard/leaderboard";

/** The KPIs in Rust's order, each with the leaderboard column that shows it. */
export const METRICS: readonly { kpi: KpiMetric; column: Column; unit: "percent" | "minutes"; direction: KpiDirection }[] = [
  { kpi: "first_response", column: "firstResponse", unit: "minutes", direction: "lower" },
  { kpi: "resolution", column: "resolution", unit: "minutes", direction: "lower" },
  { kpi: "handle_time", column: "handleTime", unit: "minutes", direction: "lower" },
  { kpi: "first_contact_resolution", column: "firstContactResolution", unit: "percent", direction: "higher" },
  { kpi: "sla_compliance", column: "slaCompliance", unit: "percent", direction: "higher" },
  { kpi: "csat", column: "csat", unit: "percent", direction: "higher" },
];

export const metricOf = (kpi: KpiMetric) => METRICS.find((m) => m.kpi === kpi)!;

/** Most minutes a duration target may give (Rust's 30 days). */
export const MAX_MINUTES = 30 * 24 * 60;

/** The value a form shows for a stored target: percent as is, seconds as minutes. */
export function toInput(kpi: KpiMetric, value: number): number {
  return metricOf(kpi).unit === "minutes" ? Math.round((value / 60) * 100) / 100 : value;
}

/** The value Rust stores for what the form holds. */
export function fromInput(kpi: KpiMetric, value: number): number {
  return metricOf(kpi).unit === "minutes" ? Math.round(value * 60) : value;
}

/**
 * "≥ 90%" or "≤ 6 min": the comparison as the mathematical sign and the value in the
 * reader's language by Intl (percent, or minutes as a unit), so no phrase is needed.
 */
export function targetText(language: string, kpi: KpiMetric, direction: KpiDirection, value: number | null): string {
  if (value === null) return "";
  const unit = metricOf(kpi).unit;
  const n =
    unit === "percent"
      ? new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 }).format(value / 100)
      : new Intl.NumberFormat(language, { style: "unit", unit: "minute", unitDisplay: "short", maximumFractionDigits: 2 }).format(toInput(kpi, value));
  return `${direction === "higher" ? "≥" : "≤"} ${n}`;
}

/** Each verdict's colour; its icon and text say the same, so colour is never alone. */
export const VERDICT_COLOR: Record<Verdict, string> = { met: "teal", missed: "red", no_data: "gray" };
