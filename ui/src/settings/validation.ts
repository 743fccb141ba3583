/**
 * Client-side checks of the settings form, for fast feedback only: the Rust side
 * validates again and is authoritative. Checks return rules (the same `ValidationRule`
 * names Rust sends), not messages, so they are translated when shown and follow a
 * language switch.
 */
import { LIMITS, type IpcError, type Settings, type ValidationRule, type Weekday, type WorkingDay } from "../ipc/bindings";
import { fieldOf } from "../ipc/errors";

export const ORGANISATION_NAME_MAX = 120;

export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export interface Issue {
  rule: ValidationRule;
  limit?: number | null;
}

export interface IntervalIssues {
  start?: Issue;
  end?: Issue;
}

/** Issues of one open day: about the day as a whole, or about one of its intervals. */
export interface DayIssues {
  day?: Issue;
  intervals?: Record<number, IntervalIssues>;
}

export interface FormIssues {
  organisationName?: Issue;
  timeZone?: Issue;
  language?: Issue;
  theme?: Issue;
  /** About working hours as a whole, or a part the UI could not place in a row. */
  workingHours?: Issue;
  days?: Partial<Record<Weekday, DayIssues>>;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isValidTime(value: string): boolean {
  return TIME.test(value);
}

function checkTime(value: string): Issue | undefined {
  if (value.trim() === "") return { rule: "required" };
  if (!isValidTime(value)) return { rule: "invalid_time" };
  return undefined;
}

/** Issues found in `settings`; an empty object means the form may be sent. */
export function validateSettings(settings: Settings): FormIssues {
  const issues: FormIssues = {};

  if ([...settings.organisationName.trim()].length > ORGANISATION_NAME_MAX) {
    issues.organisationName = { rule: "too_long", limit: ORGANISATION_NAME_MAX };
  }
  if (settings.timeZone.trim() === "") issues.timeZone = { rule: "required" };

  const days: Partial<Record<Weekday, DayIssues>> = {};
  for (const day of settings.workingHours) {
    const found = validateDay(day);
    if (found) days[day.weekday] = found;
  }
  if (Object.keys(days).length > 0) issues.days = days;

  return issues;
}

/**
 * One day's issues, mirroring the calendar's rules: an open day has at least one and at
 * most `LIMITS.intervalsPerDayMax` intervals, each a valid time range, none overlapping or
 * touching another (the overlap is shown on the later interval's opening time). Closed
 * days keep their times but they are not used.
 */
export function validateDay(day: WorkingDay): DayIssues | undefined {
  if (!day.open) return undefined;
  if (day.intervals.length === 0) return { day: { rule: "required" } };
  if (day.intervals.length > LIMITS.intervalsPerDayMax) {
    return { day: { rule: "too_many", limit: LIMITS.intervalsPerDayMax } };
  }
  const intervals: Record<number, IntervalIssues> = {};
  day.intervals.forEach((interval, i) => {
    const start = checkTime(interval.start);
    let end = checkTime(interval.end);
    if (!start && !end && interval.end <= interval.start) end = { rule: "end_before_start" };
    if (start || end) intervals[i] = { ...(start && { start }), ...(end && { end }) };
  });
  if (Object.keys(intervals).length === 0) {
    const order = day.intervals.map((interval, i) => ({ ...interval, i })).sort((a, b) => a.start.localeCompare(b.start));
    for (let k = 1; k < order.length; k++) {
      if (order[k]!.start <= order[k - 1]!.end) intervals[order[k]!.i] = { start: { rule: "overlap" } };
    }
  }
  return Object.keys(intervals).length > 0 ? { intervals } : undefined;
}

export function hasIssues(issues: FormIssues): boolean {
  return Object.keys(issues).length > 0;
}

const SETTINGS_FIELDS = ["organisationName", "timeZone", "workingHours", "language", "theme"] as const;
type SettingsField = (typeof SETTINGS_FIELDS)[number];

function isSettingsField(field: string): field is SettingsField {
  return (SETTINGS_FIELDS as readonly string[]).includes(field);
}

const NESTED_HOURS = /^workingHours(?:\[(\d+)\]|\.(mon|tue|wed|thu|fri|sat|sun))(?:\.(start|end))?$/;

/**
 * Places a validation error from Rust on the form: on its field, or on one day's time
 * when the field names one (`workingHours[2].end` or `workingHours.wed.end`).
 * Returns null when the error belongs to no field of this form.
 */
export function issuesFromIpcError(error: IpcError, settings: Settings): FormIssues | null {
  if (error.code !== "validation") return null;
  const field = fieldOf(error);
  if (!field || !isSettingsField(field)) return null;
  const issue: Issue = { rule: error.rule ?? "invalid_value", limit: error.limit };

  if (field === "workingHours" && error.field) {
    const match = NESTED_HOURS.exec(error.field);
    const weekday = match?.[2] ?? settings.workingHours[Number(match?.[1])]?.weekday;
    if (match && weekday && WEEKDAYS.includes(weekday as Weekday)) {
      const part = match[3] === "start" ? "start" : "end";
      return { days: { [weekday as Weekday]: { intervals: { 0: { [part]: issue } } } } };
    }
  }
  return { [field]: issue };
}
