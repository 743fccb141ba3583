import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { KpiTarget, TargetStatus } from "../ipc/bindings";
import { sampleLeaderboard } from "../test/dashboard";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleAgent, sampleHistory } from "../test/training";

const roleCsat: KpiTarget = { scope: { kind: "role", roleId: "role-agent" }, kpi: "csat", value: 90 };
const annAht: KpiTarget = { scope: { kind: "agent", agentId: "agent-ann" }, kpi: "handle_time", value: 300 };

describe("KPI targets", () => {
  it("shows each role's targets by KPI, with durations in minutes, and saves a cell when it loses focus", async () => {
    mockIpc({ target_list: () => [roleCsat, { ...roleCsat, kpi: "handle_time", value: 360 }], target_set: () => null });
    const { user } = renderApp("/training/targets");
    const table = await screen.findByRole("table", { name: "KPI targets by KPI and role" });
    const csat = within(table).getByRole("textbox", { name: "CSAT target for Agent" });
    expect(csat).toHaveValue("90 %");
    expect(within(table).getByRole("textbox", { name: "AHT target for Agent" })).toHaveValue("6 min");
    const fcr = within(table).getByRole("textbox", { name: "FCR target for Senior agent" });
    await user.type(fcr, "75");
    await user.tab();
    await waitFor(() => expect(callsTo("target_set")).toHaveLength(1));
    expect(callsTo("target_set")[0]).toEqual({ scope: { kind: "role", roleId: "role-senior_agent" }, kpi: "first_contact_resolution", value: 75 });
    await user.clear(csat);
    await user.tab();
    await waitFor(() => expect(callsTo("target_set")).toHaveLength(2));
    expect(callsTo("target_set")[1]).toMatchObject({ kpi: "csat", value: null });
  });

  it("sets an agent's own target in seconds and says Rust's range in minutes", async () => {
    mockIpc({
      target_list: () => [annAht],
      roster_list: () => [sampleAgent()],
      target_set: () => Promise.reject(ipcError({ code: "validation", field: "targetSeconds", rule: "out_of_range", limit: 2592000 })),
    });
    const { user } = renderApp("/training/targets");
    const own = await screen.findByRole("table", { name: "Agents' own KPI targets" });
    expect(within(own).getByText("≤ 5 min")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Set an agent's own target" });
    await within(form).findByRole("option", { name: "Ann Lee" });
    await user.selectOptions(within(form).getByRole("combobox", { name: "Agent" }), "agent-ann");
    await user.selectOptions(within(form).getByRole("combobox", { name: "KPI" }), "first_response");
    await user.type(within(form).getByRole("textbox", { name: "Target" }), "99999");
    await user.click(within(form).getByRole("button", { name: "Set target" }));
    await waitFor(() => expect(callsTo("target_set")).toHaveLength(1));
    expect(callsTo("target_set")[0]).toEqual({ scope: { kind: "agent", agentId: "agent-ann" }, kpi: "first_response", value: 5999940 });
    expect(await screen.findByText("Must be a number from 0 to 43,200.")).toBeInTheDocument();
  });

  it("shows on the agent's page each KPI beside its target, met or missed in words", async () => {
    const board = sampleLeaderboard("agent");
    const row = { ...board.rows[0]!, id: "agent-ann", name: "Ann Lee" };
    const status: TargetStatus[] = [
      { target: { kpi: "handle_time", direction: "lower", value: 300, own: true }, actual: 420, cases: 12, verdict: "missed" },
      { target: { kpi: "csat", direction: "higher", value: 85, own: false }, actual: 90, cases: 10, verdict: "met" },
    ];
    mockIpc({ training_history: () => sampleHistory(), kpi_leaderboard: () => ({ ...board, rows: [row] }), target_agent_status: () => status });
    renderApp("/training/people/agent-ann");
    const section = await screen.findByRole("region", { name: "Case KPIs, last 30 days" });
    expect(await within(section).findByText("Own target ≤ 5 min: missed")).toBeInTheDocument();
    expect(within(section).getByText("Target ≥ 85%: met")).toBeInTheDocument();
    expect(callsTo("target_agent_status")[0]).toEqual({ agent: "agent-ann" });
  });

  it("shows an agent without cases their targets with no data", async () => {
    const status: TargetStatus[] = [{ target: { kpi: "csat", direction: "higher", value: 90, own: false }, actual: null, cases: 0, verdict: "no_data" }];
    mockIpc({ training_history: () => sampleHistory(), kpi_leaderboard: () => ({ ...sampleLeaderboard("agent"), rows: [] }), target_agent_status: () => status });
    renderApp("/training/people/agent-ann");
    expect(await screen.findByText("Target ≥ 90%: no data")).toBeInTheDocument();
    expect(screen.getByText("No cases in the last 30 days.")).toBeInTheDocument();
  });
});
