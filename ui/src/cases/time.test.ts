import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { dueState, formatDuration, formatRemaining, formatSlaSpan } from "./time";

const en = createI18n("en").t;
const hans = createI18n("zh-Hans").t;

describe("durations", () => {
  it.each([
    [0, "0 min"],
    [45, "45 min"],
    [60, "1 h"],
    [135, "2 h 15 min"],
    [1440, "1 d"],
    [1530, "1 d 1 h"],
    [-95, "1 h 35 min"],
  ])("%s minutes read %s", (minutes, text) => {
    expect(formatDuration(en, minutes)).toBe(text);
  });

  it("speaks Chinese", () => {
    expect(formatDuration(hans, 135)).toBe("2 小时 15 分钟");
    expect(formatRemaining(hans, 0, 30 * 60_000)).toBe("已超时 30 分钟");
  });

  it("says how long until due, or how long overdue", () => {
    expect(formatRemaining(en, 45 * 60_000, 0)).toBe("in 45 min");
    expect(formatRemaining(en, 0, 125 * 60_000)).toBe("2 h 5 min overdue");
    expect(formatRemaining(en, 20_000, 0)).toBe("due now");
  });
});

describe("SLA spans", () => {
  it.each([
    [480, true, "8 business hours"],
    [60, true, "1 business hour"],
    [1440, true, "24 business hours"],
    [90, true, "1 h 30 min of business time"],
    [30, true, "30 min of business time"],
    [240, false, "4 h"],
    [1440, false, "24 h"],
    [1530, false, "25 h 30 min"],
  ])("%s minutes (business hours: %s) read %s", (minutes, business, text) => {
    expect(formatSlaSpan(en, minutes, business)).toBe(text);
  });

  it("never turns business hours into days", () => {
    expect(formatSlaSpan(en, 480, true)).not.toMatch(/\bd\b/);
    expect(formatDuration(en, 480)).toBe("8 h");
    expect(formatDuration(en, 1500, 2, "hours")).toBe("25 h");
  });

  it("speaks Chinese", () => {
    expect(formatSlaSpan(hans, 480, true)).toBe("8 个工作小时");
    expect(formatSlaSpan(hans, 90, true)).toBe("1 小时 30 分钟工作时间");
    expect(formatSlaSpan(createI18n("zh-Hant").t, 480, true)).toBe("8 個工作小時");
  });
});

describe("due state", () => {
  it("is breached when past, at risk only when Rust says so, ok otherwise", () => {
    expect(dueState(null, 0, true)).toBeNull();
    expect(dueState(new Date(-1).toISOString(), 0, false)).toBe("breached");
    expect(dueState(new Date(-1).toISOString(), 0, true)).toBe("breached");
    // Due in 10 minutes is not at risk unless Rust says so (no threshold of the UI's own) ...
    expect(dueState(new Date(10 * 60_000).toISOString(), 0, false)).toBe("ok");
    // ... and due in days is at risk when Rust says so (the last fifth of a long target).
    expect(dueState(new Date(3 * 24 * 60 * 60_000).toISOString(), 0, true)).toBe("at_risk");
  });
});
