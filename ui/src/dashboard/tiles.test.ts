import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { sampleDashboard } from "../test/dashboard";
import { dashboardTiles, formatDuration } from "./tiles";

const t = createI18n().t;

describe("durations", () => {
  it.each([
    [0, "0 s"],
    [45, "45 s"],
    [90, "2 min"],
    [3_600, "1 h"],
    [3_900, "1 h 5 min"],
    [86_400, "1 d"],
    [90_000, "1 d 1 h"],
    [-600, "10 min"],
  ])("%d seconds read %s", (seconds, text) => {
    expect(formatDuration(t, seconds)).toBe(text);
  });
});

describe("tiles", () => {
  it("say no data, with no sample and no change, for periods without cases", () => {
    const tiles = dashboardTiles(t, "en", sampleDashboard());
    expect(tiles.map((tile) => tile.id)).toEqual([
      "firstResponse",
      "resolution",
      "slaCompliance",
      "firstContactResolution",
      "handleTime",
      "csat",
      "nps",
      "backlog",
      "callbacksDue",
      "callbacksOverdue",
    ]);
    for (const tile of tiles.slice(0, 7)) {
      expect([tile.id, tile.value, tile.previous, tile.change, tile.basis]).toEqual([tile.id, "No data", "No data", null, null]);
    }
    // Counts are real zeros.
    expect(tiles.slice(7).map((tile) => tile.value)).toEqual(["0", "0", "0"]);
  });

  it("judge a change by which way is better for the KPI", () => {
    const d = sampleDashboard(
      { slaCompliance: { percent: 80, hits: 8, cases: 10 }, callbacks: { due: 9, overdue: 1, followUp: { percent: 50, hits: 2, cases: 4 } } },
      { slaCompliance: { percent: 90, hits: 9, cases: 10 }, callbacks: { due: 3, overdue: 4, followUp: { percent: null, hits: 0, cases: 0 } } },
    );
    const byId = Object.fromEntries(dashboardTiles(t, "en", d).map((tile) => [tile.id, tile]));
    expect(byId.slaCompliance?.change).toEqual({ text: "-10 pts", tone: "worse" });
    expect(byId.callbacksOverdue?.change).toEqual({ text: "-3", tone: "better" });
    expect(byId.callbacksDue?.change).toEqual({ text: "+6", tone: "neutral" });
    expect(byId.callbacksDue?.detail).toBe("50% done on time");
  });
});
