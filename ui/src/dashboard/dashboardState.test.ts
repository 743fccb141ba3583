import { describe, expect, it } from "vitest";

import {
  DEFAULT_DASHBOARD,
  activeDashboardFilters,
  readDashboardState,
  toDashboardRequest,
  writeDashboardState,
  type DashboardState,
} from "./dashboardState";

const busy: DashboardState = {
  preset: "custom",
  from: "2026-11-01",
  to: "2026-11-30",
  teams: ["t1"],
  assignees: ["a1", "a2"],
  channels: ["chat"],
  categories: ["Billing"],
  priorities: ["p1"],
  tiers: ["vip"],
  board: "team",
};

describe("dashboard state in the URL", () => {
  it("writes nothing for the defaults: the last 30 days, unfiltered", () => {
    expect(writeDashboardState(DEFAULT_DASHBOARD).toString()).toBe("");
    expect(readDashboardState(new URLSearchParams())).toEqual(DEFAULT_DASHBOARD);
  });

  it("round-trips every field", () => {
    expect(readDashboardState(writeDashboardState(busy))).toEqual(busy);
    expect(activeDashboardFilters(busy)).toBe(6);
  });

  it("ignores values it does not know", () => {
    const state = readDashboardState(new URLSearchParams("period=week&channel=fax&tier=gold&from=soon"));
    expect(state).toEqual(DEFAULT_DASHBOARD);
  });
});

describe("the request sent to Rust", () => {
  it("sends a preset without days, and a custom period with both", () => {
    expect(toDashboardRequest({ ...busy, preset: "7d" })?.period).toEqual({ preset: "7d", from: null, to: null });
    expect(toDashboardRequest(busy)).toEqual({
      period: { preset: "custom", from: "2026-11-01", to: "2026-11-30" },
      filter: {
        teams: ["t1"],
        assignees: ["a1", "a2"],
        channels: ["chat"],
        categories: ["Billing"],
        priorities: ["p1"],
        tiers: ["vip"],
      },
    });
  });

  it("asks for nothing while a custom period lacks a day", () => {
    expect(toDashboardRequest({ ...busy, to: null })).toBeNull();
  });
});
