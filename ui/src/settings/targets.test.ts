import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { formatMinutes, formatTarget, toAmount, toMinutes, TARGET_MINUTES_MAX } from "./targets";

const t = createI18n().t;

describe("targets in human terms", () => {
  it("says calendar time with every unit it needs", () => {
    expect(formatMinutes(t, 120)).toBe("2 h");
    expect(formatMinutes(t, 45)).toBe("45 min");
    expect(formatMinutes(t, 1680)).toBe("1 d 4 h");
    expect(formatMinutes(t, 1710)).toBe("1 d 4 h 30 min");
    expect(formatMinutes(t, 2880)).toBe("2 d");
  });

  it("says business time in hours, never days", () => {
    expect(formatTarget(t, 240, true)).toBe("4 business hours");
    expect(formatTarget(t, 60, true)).toBe("1 business hour");
    expect(formatTarget(t, 2400, true)).toBe("40 business hours");
    expect(formatTarget(t, 90, true)).toBe("1 h 30 min of business time");
    expect(formatTarget(t, 30, true)).toBe("30 min of business time");
    expect(formatTarget(t, 120, false)).toBe("2 h");
    expect(formatTarget(t, null, true)).toBe("No target");
  });
});

describe("form amounts", () => {
  it("shows whole hours in hours and the rest in minutes", () => {
    expect(toAmount(240)).toEqual({ amount: 4, unit: "hours" });
    expect(toAmount(90)).toEqual({ amount: 90, unit: "minutes" });
    expect(toAmount(null)).toEqual({ amount: "", unit: "hours" });
  });

  it("turns amounts into minutes within Rust's bounds", () => {
    expect(toMinutes(1.5, "hours")).toBe(90);
    expect(toMinutes("", "hours")).toBeNull();
    expect(toMinutes(0, "minutes")).toBe("invalid");
    expect(toMinutes(0.5, "minutes")).toBe("invalid");
    expect(toMinutes(TARGET_MINUTES_MAX / 60, "hours")).toBe(TARGET_MINUTES_MAX);
    expect(toMinutes(TARGET_MINUTES_MAX + 1, "minutes")).toBe("invalid");
  });
});
