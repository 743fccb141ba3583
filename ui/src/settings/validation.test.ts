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

  it.each<[Partial<WorkingDay>, object]>([
    [{ start: "" }, { start: { rule: "required" } }],
    [{ end: "" }, { end: { rule: "required" } }],
    [{ start: "", end: "" }, { start: { rule: "required" }, end: { rule: "required" } }],
    [{ start: "7:00" }, { start: { rule: "invalid_time" } }],
    [{ start: "17:00", end: "09:00" }, { end: { rule: "end_before_start" } }],
    [{ start: "09:00", end: "09:00" }, { end: { rule: "end_before_start" } }],
  ])("flags an open day with %j", (day, expected) => {
    expect(validateSettings(withMonday(day))).toEqual({ days: { mon: expected } });
  });

  it("ignores the times of a closed day", () => {
    expect(validateSettings(withMonday({ open: false, start: "", end: "" }))).toEqual({});
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
      days: { [weekday]: { end: { rule: "end_before_start", limit: null } } },
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
