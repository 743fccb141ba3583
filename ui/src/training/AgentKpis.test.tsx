import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { LeaderboardRequest } from "../ipc/bindings";
import { sampleLeaderboard } from "../test/dashboard";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleHistory } from "../test/training";

describe("agent profile KPIs", () => {
  it("shows the agent's case KPIs of the last 30 days with the cases each rests on", async () => {
    const board = sampleLeaderboard("agent");
    const li = board.rows[0]!;
    mockIpc({ training_history: () => sampleHistory(), kpi_leaderboard: () => ({ ...board, rows: [{ ...li, id: "agent-ann", name: "Ann Lee" }] }) });
    renderApp("/training/people/agent-ann");
    const section = await screen.findByRole("region", { name: "Case KPIs, last 30 days" });
    expect(await within(section).findByText("90%")).toBeInTheDocument();
    expect(within(section).getByText("CSAT")).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Open in the dashboard" })).toHaveAttribute("href", "#/dashboard?agent=agent-ann");
    const request = (callsTo("kpi_leaderboard")[0] as { request: LeaderboardRequest }).request;
    expect(request).toMatchObject({ by: "agent", period: { preset: "30d" }, filter: { assignees: ["agent-ann"] } });
  });

  it("says so when the agent had no cases", async () => {
    mockIpc({ training_history: () => sampleHistory(), kpi_leaderboard: () => ({ ...sampleLeaderboard("agent"), rows: [] }) });
    renderApp("/training/people/agent-ann");
    expect(await screen.findByText("No cases in the last 30 days.")).toBeInTheDocument();
  });
});
