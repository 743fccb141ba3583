import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, LeaderboardRequest } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { sampleCharts, sampleDashboard } from "../test/dashboard";
import { callsTo, mockIpc, sampleSettings, withCases } from "../test/ipc";
import { renderApp } from "../test/render";

const withCharts = sampleDashboard({ created: 5 }, {}, sampleCharts());

function lastListQuery(): CaseQuery | undefined {
  return callsTo("case_list")
    .map((args) => (args as { query: CaseQuery }).query)
    .filter((q) => q.limit === 100)
    .at(-1);
}

async function chart(name: string) {
  return screen.findByRole("region", { name });
}

describe("dashboard charts", () => {
  it("draws each chart, named, with the table one switch away", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts });
    renderApp("/dashboard");
    for (const name of ["Cases created by channel", "SLA compliance trend", "CSAT and NPS trend", "Backlog by age and priority", "Top categories", "Top root causes"]) {
      const card = await chart(name);
      expect(within(card).getByRole("img", { name: `${name}: chart. Choose Table to read its numbers.` })).toBeInTheDocument();
    }
  });

  it("says no data, not 0, for charts of an empty period", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => sampleDashboard() });
    renderApp("/dashboard");
    const card = await chart("SLA compliance trend");
    expect(within(card).getByText("No data")).toBeInTheDocument();
    expect(within(card).queryByRole("radio", { name: "Table" })).not.toBeInTheDocument();
  });

  it("shows a chart's numbers as a table whose numbers open their cases", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts, case_list: fakeList(3) });
    const { user } = renderApp("/dashboard");
    const card = await chart("Cases created by channel");
    await user.click(within(card).getByRole("radio", { name: "Table" }));
    const table = within(card).getByRole("table", { name: "Cases created by channel: the numbers" });
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Day", "Total", "Phone", "E-mail", "Chat", "Social media", "Walk-in"]);
    const first = within(table).getByRole("row", { name: /^Nov 2 5 3 2 0 0 0$/ });
    await user.click(within(first).getByRole("link", { name: "3" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
    await waitFor(() =>
      expect(lastListQuery()).toMatchObject({
        createdFrom: "2026-11-01T16:00:00.000Z",
        createdTo: "2026-11-02T16:00:00.000Z",
        channels: ["phone"],
      }),
    );
  });

  it("gives the SLA trend as shares of the cases they rest on", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts });
    const { user } = renderApp("/dashboard");
    const card = await chart("SLA compliance trend");
    await user.click(within(card).getByRole("radio", { name: "Table" }));
    const table = within(card).getByRole("table");
    expect(within(table).getByRole("row", { name: "Nov 3 75% (3 of 4)" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Nov 2 No data" })).toBeInTheDocument();
    const satisfaction = await chart("CSAT and NPS trend");
    await user.click(within(satisfaction).getByRole("radio", { name: "Table" }));
    expect(within(satisfaction).getByRole("row", { name: "Nov 3 50% (1 of 2) -50 (2 answers)" })).toBeInTheDocument();
  });

  it("opens a backlog cell's cases: that priority, created in that age band, still open", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts, case_list: fakeList(2) });
    const { user } = renderApp("/dashboard");
    const card = await chart("Backlog by age and priority");
    await user.click(within(card).getByRole("radio", { name: "Table" }));
    const row = within(card).getByRole("row", { name: /^1–3 days 2 0 0 0 2$/ });
    await user.click(within(row).getAllByRole("link")[0]!);
    await waitFor(() =>
      expect(lastListQuery()).toMatchObject({
        priorities: ["p1"],
        statuses: ["new", "open", "pending_customer", "pending_internal"],
        createdFrom: "2026-11-21T08:00:00.001Z",
        createdTo: "2026-12-01T01:00:00.000Z",
      }),
    );
  });

  it("opens a root cause's resolved cases, and the list says so", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts, case_list: fakeList(3) });
    const { user } = renderApp("/dashboard");
    const card = await chart("Top root causes");
    await user.click(within(card).getByRole("radio", { name: "Table" }));
    await user.click(within(card).getByRole("link", { name: "3" }));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ rootCauses: ["Outage"], resolvedFrom: "2026-11-01T16:00:00.000Z" }));
    const pill = await screen.findByRole("button", { name: "Remove the filter “Root cause: Outage”" });
    await user.click(pill);
    await waitFor(() => expect(lastListQuery()?.rootCauses).toEqual([]));
  });

  it("speaks Traditional Chinese", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => withCharts, settings_get: () => sampleSettings({ language: "zh-Hant" }) });
    renderApp("/dashboard");
    expect(await chart("按管道的新建案件")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "排行榜" })).toBeInTheDocument();
  });
});

describe("leaderboard", () => {
  function boardRequests(): LeaderboardRequest[] {
    return callsTo("kpi_leaderboard").map((args) => (args as { request: LeaderboardRequest }).request);
  }

  function names(): string[] {
    const table = screen.getByRole("table", { name: "Leaderboard" });
    return within(table)
      .getAllByRole("rowheader")
      .map((h) => h.textContent ?? "");
  }

  it("ranks agents by cases resolved, with each value's sample size", async () => {
    mockIpc(withCases);
    renderApp("/dashboard");
    await screen.findByRole("table", { name: "Leaderboard" });
    expect(names()).toEqual(["Zhao Lei", "Li Na", "Wang Fang", "Unassigned"]);
    expect(boardRequests()[0]).toMatchObject({ by: "agent", period: { preset: "30d" } });
    const wang = screen.getByRole("row", { name: /^Wang Fang/ });
    expect(within(wang).getByText("100%")).toBeInTheDocument();
    expect(within(wang).getAllByText("2 cases").length).toBeGreaterThan(0);
    const resolved = screen.getByRole("columnheader", { name: "Resolved" });
    expect(resolved).toHaveAttribute("aria-sort", "descending");
  });

  it("sorts by any column, no data last either way", async () => {
    mockIpc(withCases);
    const { user } = renderApp("/dashboard");
    await screen.findByRole("table", { name: "Leaderboard" });
    await user.click(screen.getByRole("button", { name: "CSAT" }));
    expect(names()).toEqual(["Wang Fang", "Li Na", "Zhao Lei", "Unassigned"]);
    await user.click(screen.getByRole("button", { name: "CSAT" }));
    expect(screen.getByRole("columnheader", { name: "CSAT" })).toHaveAttribute("aria-sort", "ascending");
    expect(names()).toEqual(["Zhao Lei", "Li Na", "Wang Fang", "Unassigned"]);
    // Times: fastest first on the first click.
    await user.click(screen.getByRole("button", { name: "First response" }));
    expect(names()).toEqual(["Wang Fang", "Li Na", "Zhao Lei", "Unassigned"]);
  });

  it("ranks teams when asked, and keeps that in the URL", async () => {
    mockIpc(withCases);
    const { user } = renderApp("/dashboard");
    await screen.findByRole("table", { name: "Leaderboard" });
    await user.click(screen.getByRole("radio", { name: "Teams" }));
    await waitFor(() => expect(boardRequests().at(-1)?.by).toBe("team"));
    expect(window.location.hash).toContain("board=team");
    expect(await screen.findByRole("columnheader", { name: "Team" })).toBeInTheDocument();
  });

  it("opens an agent's resolved cases from the count", async () => {
    mockIpc({ ...withCases, case_list: fakeList(2) });
    const { user } = renderApp("/dashboard");
    await screen.findByRole("table", { name: "Leaderboard" });
    const li = screen.getByRole("row", { name: /^Li Na/ });
    await user.click(within(li).getByRole("link", { name: "10" }));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ assignees: ["agent-1"], resolvedFrom: "2026-11-01T16:00:00.000Z" }));
  });
});
