import { describe, expect, it } from "vitest";

import type { WorkingDay } from "../ipc/bindings";
import { sampleSettings } from "../test/ipc";
import { isValidTime, issuesFromIpcError, validateSettings } from "./validation";

function withMonday(day: Partial<WorkingDay>) {
  const settings = sampleSettings();
  settings.workingHours[0] = { ...settings.workingHours[0]!, ...day };
  return settings;
}

describe("isValidTime", () => {
  it.each(["00:00", "09:30", "23:59"])("accepts %s", (value) => {
    expect(isValidTime(value)).toBe(true);
  });
  it.each(["", "9:30", "24:00", "12:60", "12:00:00", "noon", " 09:00"])("rejects %j", (value) => {
    expect(isValidTime(value)).toBe(false);
  });
});

describe("validateSettings", () => {
  it("accepts the sample settings", () => {
    expect(validateSettings(sampleSettings())).toEqual({});
  });

  const interval = (start: string, end: string) => ({ start, end });

  it.each<[{ start: string; end: string }, object]>([
    [interval("", "17:30"), { start: { rule: "required" } }],
    [interval("09:00", ""), { end: { rule: "required" } }],
    [interval("", ""), { start: { rule: "required" }, end: { rule: "required" } }],
    [interval("7:00", "17:30"), { start: { rule: "invalid_time" } }],
    [interval("17:00", "09:00"), { end: { rule: "end_before_start" } }],
    [interval("09:00", "09:00"), { end: { rule: "end_before_start" } }],
  ])("flags an open day's interval %j", (day, expected) => {
    expect(validateSettings(withMonday({ intervals: [day] }))).toEqual({ days: { mon: { intervals: { 0: expected } } } });
  });

  it("accepts a lunch break and flags overlapping or touching intervals on the later one", () => {
    const lunch = [interval("13:30", "18:00"), interval("09:00", "12:00")];
    expect(validateSettings(withMonday({ intervals: lunch }))).toEqual({});
    expect(validateSettings(withMonday({ intervals: [interval("09:00", "12:00"), interval("12:00", "18:00")] }))).toEqual({
      days: { mon: { intervals: { 1: { start: { rule: "overlap" } } } } },
    });
    expect(validateSettings(withMonday({ intervals: [interval("11:00", "18:00"), interval("09:00", "12:00")] }))).toEqual({
      days: { mon: { intervals: { 0: { start: { rule: "overlap" } } } } },
    });
  });

  it("requires an interval on an open day and allows at most the limit", () => {
    expect(validateSettings(withMonday({ intervals: [] }))).toEqual({ days: { mon: { day: { rule: "required" } } } });
    const seven = Array.from({ length: 7 }, (_, h) => interval(`0${h}:00`, `0${h}:30`));
    expect(validateSettings(withMonday({ intervals: seven }))).toEqual({
      days: { mon: { day: { rule: "too_many", limit: 6 } } },
    });
  });

  it("ignores the times of a closed day", () => {
    expect(validateSettings(withMonday({ open: false, intervals: [interval("", "")] }))).toEqual({});
  });

  it("flags an organisation name over 120 characters, counting characters not bytes", () => {
    expect(validateSettings(sampleSettings({ organisationName: "客".repeat(120) }))).toEqual({});
    // 120 characters outside the BMP are 240 UTF-16 code units: still 120 characters.
    expect(validateSettings(sampleSettings({ organisationName: "\u{20000}".repeat(120) }))).toEqual({});
    expect(validateSettings(sampleSettings({ organisationName: "\u{20000}".repeat(121) }))).toEqual({
      organisationName: { rule: "too_long", limit: 120 },
    });
    expect(validateSettings(sampleSettings({ organisationName: "a".repeat(121) }))).toEqual({
      organisationName: { rule: "too_long", limit: 120 },
    });
  });

  it("requires a time zone", () => {
    expect(validateSettings(sampleSettings({ timeZone: "" }))).toEqual({
      timeZone: { rule: "required" },
    });
  });
});

describe("issuesFromIpcError", () => {
  const settings = sampleSettings();
  const validation = (field: string | null, rule: "too_long" | "end_before_start" | null = null) => ({
    code: "validation" as const,
    message: "",
    field,
    rule,
    limit: null,
  });

  it("places a field error on the field", () => {
    expect(issuesFromIpcError(validation("organisationName", "too_long"), settings)).toEqual({
      organisationName: { rule: "too_long", limit: null },
    });
  });

  it.each([
    ["workingHours[1].end", "tue"],
    ["workingHours.sun.end", "sun"],
  ])("places %s on that day's row", (field, weekday) => {
    expect(issuesFromIpcError(validation(field, "end_before_start"), settings)).toEqual({
      days: { [weekday]: { intervals: { 0: { end: { rule: "end_before_start", limit: null } } } } },
    });
  });

  it("keeps a working-hours error it cannot place on the section", () => {
    expect(issuesFromIpcError(validation("workingHours[9].end", "end_before_start"), settings)).toEqual({
      workingHours: { rule: "end_before_start", limit: null },
    });
  });

  it("returns null for errors that belong to no field", () => {
    expect(issuesFromIpcError(validation(null), settings)).toBeNull();
    expect(issuesFromIpcError(validation("nodeId"), settings)).toBeNull();
    expect(issuesFromIpcError({ ...validation("timeZone"), code: "storage" }, settings)).toBeNull();
  });
});
