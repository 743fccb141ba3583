import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { dueState, formatDuration, formatRemaining } from "./time";

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

describe("due state", () => {
  it("is breached when past, at risk within the hour, ok otherwise", () => {
    expect(dueState(null, 0)).toBeNull();
    expect(dueState(new Date(-1).toISOString(), 0)).toBe("breached");
    expect(dueState(new Date(59 * 60_000).toISOString(), 0)).toBe("at_risk");
    expect(dueState(new Date(61 * 60_000).toISOString(), 0)).toBe("ok");
  });
});
