import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, DashboardRequest } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { sampleDashboard } from "../test/dashboard";
import { callsTo, ipcError, mockIpc, rejectWith, sampleSettings, withCases } from "../test/ipc";
import { renderApp } from "../test/render";

function requests(): DashboardRequest[] {
  return callsTo("kpi_dashboard").map((args) => (args as { request: DashboardRequest }).request);
}

async function tile(name: string) {
  return screen.findByRole("region", { name });
}

/** 30 days with some of everything; the previous 30 days had no resolved cases. */
const busy = sampleDashboard(
  {
    created: 40,
    resolved: 3,
    firstResponse: { meanSeconds: 3_900, cases: 3 },
    resolution: { meanSeconds: 22_200, cases: 3 },
    slaCompliance: { percent: (2 / 3) * 100, hits: 2, cases: 3 },
    nps: { score: 100 / 3, promoters: 2, passives: 0, detractors: 1 },
    backlog: {
      total: 7,
      byAge: [],
      byPriority: [
        { priority: "p1", cases: 2 },
        { priority: "p2", cases: 0 },
        { priority: "p3", cases: 5 },
        { priority: "p4", cases: 0 },
      ],
    },
  },
  { created: 30, firstResponse: { meanSeconds: 4_500, cases: 10 }, backlog: { total: 9, byAge: [], byPriority: [] } },
);

describe("dashboard", () => {
  it("asks for the last 30 days with no filter and shows every tile", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy });
    renderApp("/dashboard");
    expect(await screen.findByRole("heading", { level: 1, name: "Dashboard" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "Key performance indicators" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(10);
    expect(requests()[0]).toEqual({
      period: { preset: "30d", from: null, to: null },
      filter: { teams: [], assignees: [], channels: [], categories: [], priorities: [], tiers: [] },
    });
    expect(
      screen.getByText("2026-11-02 to 2026-12-01, compared with 2026-10-03 to 2026-11-01 (days in Asia/Shanghai)"),
    ).toBeInTheDocument();
  });

  it("words values, changes and samples, and says no data rather than 0 or NaN", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy });
    renderApp("/dashboard");
    const frt = await tile("First response time");
    expect(within(frt).getByText("1 h 5 min")).toBeInTheDocument();
    expect(within(frt).getByText("Previous period: 1 h 15 min")).toBeInTheDocument();
    expect(within(frt).getByText("-10 min on the previous period, better")).toBeInTheDocument();
    expect(within(frt).getByText("Over 3 cases")).toBeInTheDocument();

    const sla = await tile("SLA compliance");
    expect(within(sla).getByText("66.7%")).toBeInTheDocument();
    expect(within(sla).getByText("2 of 3 cases")).toBeInTheDocument();
    expect(within(sla).getByText("Previous period: No data")).toBeInTheDocument();
    // No change is claimed against a period without data.
    expect(within(sla).queryByText(/on the previous period/)).not.toBeInTheDocument();

    const csat = await tile("CSAT");
    expect(within(csat).getByText("No data")).toBeInTheDocument();
    expect(within(csat).queryByText(/NaN|^0%$/)).not.toBeInTheDocument();

    expect(within(await tile("NPS")).getByText("+33")).toBeInTheDocument();
    const backlog = await tile("Backlog");
    expect(within(backlog).getByText("7")).toBeInTheDocument();
    expect(within(backlog).getByText("P1: 2 · P2: 0 · P3: 5 · P4: 0")).toBeInTheDocument();
    expect(within(backlog).getByText("-2 on the previous period, better")).toBeInTheDocument();
  });

  it("asks again when the period or a filter changes, and keeps both in the URL", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy, team_list: () => [{ id: "team-1", name: "Tier 2", calendarId: null }] });
    const { user } = renderApp("/dashboard");
    await tile("Backlog");
    await user.click(screen.getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(requests().at(-1)?.period).toEqual({ preset: "7d", from: null, to: null }));
    expect(window.location.hash).toContain("period=7d");

    await user.click(screen.getByRole("combobox", { name: "Priorities" }));
    await user.click(await screen.findByRole("option", { name: "P1 · Critical" }));
    await waitFor(() => expect(requests().at(-1)?.filter.priorities).toEqual(["p1"]));
    await user.click(screen.getByRole("combobox", { name: "Teams" }));
    await user.click(await screen.findByRole("option", { name: "Tier 2" }));
    await waitFor(() => expect(requests().at(-1)?.filter.teams).toEqual(["team-1"]));
    expect(window.location.hash).toContain("priority=p1");
    expect(window.location.hash).toContain("team=team-1");
  });

  it("drills down from a tile to the case list of the cases it counts", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy, case_list: fakeList(3) });
    const { user } = renderApp("/dashboard?priority=p1");
    const sla = await tile("SLA compliance");
    await user.click(within(sla).getByRole("link", { name: "Show cases: SLA compliance" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
    await waitFor(() => expect(callsTo("case_list").length).toBeGreaterThan(0));
    const sent = callsTo("case_list")
      .map((args) => (args as { query: CaseQuery }).query)
      .filter((q) => q.limit === 100)
      .at(-1);
    expect(sent).toMatchObject({
      resolvedFrom: "2026-11-01T16:00:00.000Z",
      resolvedTo: "2026-12-01T16:00:00.000Z",
      sort: "updated",
    });
    // The list says how the tile narrowed it, and the narrowing can be removed.
    const remove = await screen.findByRole("button", { name: /^Remove the filter “Resolved .+ – .+”$/ });
    await user.click(remove);
    await waitFor(() => {
      const last = callsTo("case_list")
        .map((args) => (args as { query: CaseQuery }).query)
        .filter((q) => q.limit === 100)
        .at(-1);
      expect(last?.resolvedFrom).toBeNull();
    });
  });

  it("says beside the days why a custom period was refused", async () => {
    mockIpc({ ...withCases,
      kpi_dashboard: rejectWith(ipcError({ code: "validation", field: "period", rule: "invalid_value", limit: 366 })),
    });
    renderApp("/dashboard?period=custom&from=2024-01-01&to=2025-06-01");
    expect(await screen.findByText("A period can be at most 366 days long.")).toBeInTheDocument();
    expect(requests()[0]?.period).toEqual({ preset: "custom", from: "2024-01-01", to: "2025-06-01" });
  });

  it("asks for nothing until a custom period has both days", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy });
    renderApp("/dashboard?period=custom&from=2026-11-01");
    expect(await screen.findByText("Choose the first and last day.")).toBeInTheDocument();
    expect(requests()).toEqual([]);
  });

  it("says how to start on an empty database, with demo data and the way to Cases", async () => {
    mockIpc();
    const { user } = renderApp("/dashboard");
    expect(await screen.findByRole("heading", { level: 2, name: "No cases yet" })).toBeInTheDocument();
    expect(screen.getByText(/The numbers fill in as cases are logged/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Load demo data" })).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Go to Cases" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
  });

  it("keeps the Cases list loaded once its tiles are shown, so Cases opens on rows without asking again", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy, case_list: fakeList(3) });
    const { user } = renderApp("/dashboard");
    await screen.findByRole("list", { name: "Key performance indicators" });
    await waitFor(() => expect(callsTo("case_list")).toHaveLength(1));
    const [warm] = callsTo("case_list") as { query: CaseQuery }[];
    expect(warm!.query).toMatchObject({ queue: "all", text: null, offset: 0, limit: 100 });
    await user.click(screen.getByRole("link", { name: /^Cases/ }));
    const list = await screen.findByRole("grid", { name: "Case list" });
    // Drawn from the kept page: its rows are counted at once, and page 0 was not asked for again.
    expect(list).toHaveAttribute("aria-rowcount", "4");
    expect(callsTo("case_list").filter((args) => (args as { query: CaseQuery }).query.offset === 0)).toHaveLength(1);
  });

  it("logs how long its numbers took to show, once", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy });
    renderApp("/dashboard");
    await screen.findByRole("list", { name: "Key performance indicators" });
    await waitFor(() => expect(callsTo("app_log_timing")).toHaveLength(1));
    const [call] = callsTo("app_log_timing") as { timing: string; ms: number }[];
    expect(call!.timing).toBe("dashboard_first_numbers");
    expect(call!.ms).toBeGreaterThanOrEqual(0);
  });

  it("explains a failure it cannot place", async () => {
    mockIpc({ ...withCases, kpi_dashboard: rejectWith(ipcError({ code: "storage" })) });
    renderApp("/dashboard");
    expect(await screen.findByText("The dashboard could not be computed")).toBeInTheDocument();
    expect(screen.getByText(/could not be read or written/)).toBeInTheDocument();
  });

  it("speaks Simplified Chinese, no data included", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => busy, settings_get: () => sampleSettings({ language: "zh-Hans" }) });
    renderApp("/dashboard");
    const csat = await screen.findByRole("region", { name: "CSAT" });
    expect(within(csat).getByText("暂无数据")).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "SLA 达成率" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "30 天" })).toBeInTheDocument();
  });
});
