import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { PlanInput, RunAction, RunInput, StepInput } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { samplePlan, samplePlanSummary, sampleRun, sampleRunSummary } from "../test/plans";
import { renderApp } from "../test/render";

describe("plans list", () => {
  it("lists plans with scenario, severity, status and last drill, and the active runs", async () => {
    mockIpc({ plan_list: () => [samplePlanSummary], plan_run_active: () => [sampleRunSummary] });
    renderApp("/plans");
    expect(await screen.findByRole("heading", { level: 1, name: "Plans" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Contingency plans" });
    const row = within(table).getByRole("row", { name: /Telephony outage/ });
    expect(within(row).getByText("System outage")).toBeInTheDocument();
    expect(within(row).getByText("High")).toBeInTheDocument();
    expect(within(row).getByText("Published")).toBeInTheDocument();
    expect(within(row).getByText("Never")).toBeInTheDocument();
    const active = await screen.findByRole("region", { name: "1 active run" });
    expect(within(active).getByText("Drill")).toBeInTheDocument();
    expect(within(active).getByRole("link", { name: "Telephony outage" })).toHaveAttribute("href", "#/plans/runs/run-1");
  });

  it("creates a plan and opens it, with Rust's refusal beside its field", async () => {
    let calls = 0;
    mockIpc({
      plan_create: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(ipcError({ code: "validation", field: "drillDays", rule: "invalid_value" })) : "plan-1";
      },
      plan_get: () => samplePlan({ status: "draft", versions: [] }),
    });
    const { user } = renderApp("/plans");
    await user.click(await screen.findByRole("button", { name: "New plan" }));
    const dialog = await screen.findByRole("dialog", { name: "New contingency plan" });
    await user.type(within(dialog).getByRole("textbox", { name: "Title" }), "Telephony outage");
    await user.click(within(dialog).getByRole("button", { name: "Create plan" }));
    expect(await within(dialog).findByText("This value is not valid.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Create plan" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Telephony outage" })).toBeInTheDocument();
    const input = (callsTo("plan_create")[1] as { input: PlanInput }).input;
    expect(input).toMatchObject({ title: "Telephony outage", scenario: "system_outage", reviewDays: 365, drillDays: 180 });
    expect(screen.getByRole("button", { name: "Start a run" })).toBeDisabled();
  });
});

describe("plan editor", () => {
  it("shows the four phases with their steps and reorders by keyboard", async () => {
    mockIpc({ plan_get: () => samplePlan(), plan_step_move: () => null });
    const { user } = renderApp("/plans/plan-1");
    const response = await screen.findByRole("region", { name: "Response" });
    for (const phase of ["Monitoring", "Warning", "Recovery"]) expect(screen.getByRole("region", { name: phase })).toBeInTheDocument();
    const items = within(response).getAllByRole("listitem");
    expect(items.map((i) => within(i).getByText(/Switch|Post/).textContent)).toEqual(["Switch to the backup line", "Post a status notice"]);
    expect(within(response).getByText("Optional")).toBeInTheDocument();
    expect(within(response).getByRole("button", { name: "Move up: Switch to the backup line" })).toBeDisabled();
    const down = within(response).getByRole("button", { name: "Move down: Switch to the backup line" });
    down.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(callsTo("plan_step_move")).toEqual([{ id: "s3", up: false }]));
  });

  it("adds a step to a phase, with Rust's refusal of its offset beside the field", async () => {
    let calls = 0;
    mockIpc({
      plan_get: () => samplePlan({ status: "draft" }),
      plan_step_add: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(ipcError({ code: "validation", field: "offsetMinutes", rule: "invalid_value", limit: 43200 }))
          : "s9";
      },
    });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Add step to Warning" }));
    const dialog = await screen.findByRole("dialog", { name: "New step in Warning" });
    await user.type(within(dialog).getByRole("textbox", { name: "Step" }), "Open the war room");
    const offset = within(dialog).getByRole("textbox", { name: /Target/ });
    await user.clear(offset);
    await user.type(offset, "10");
    await user.click(within(dialog).getByRole("button", { name: "Add step" }));
    expect(await within(dialog).findByText("This value is not valid.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add step" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const args = callsTo("plan_step_add")[1] as { plan: string; input: StepInput };
    expect(args).toEqual({
      plan: "plan-1",
      input: { phase: "warning", text: "Open the war room", ownerRole: "", offsetMinutes: 10, required: true },
    });
  });

  it("says why a plan without steps cannot be published", async () => {
    mockIpc({
      plan_get: () => samplePlan({ status: "draft", versions: [], content: { ...samplePlan().content, steps: [] } }),
      plan_publish: () => Promise.reject(ipcError({ code: "validation", field: "steps", rule: "no_steps" })),
    });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Publish" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Add at least one step before publishing the plan.");
  });

  it("starts a drill with a commander and opens its checklist", async () => {
    mockIpc({ plan_get: () => samplePlan(), plan_run_start: () => "run-1", plan_run_get: () => sampleRun() });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Start a run" }));
    const dialog = await screen.findByRole("dialog", { name: "Start a run of this plan" });
    await user.type(within(dialog).getByRole("textbox", { name: "Incident commander" }), "Ann Lee");
    await user.click(within(dialog).getByRole("button", { name: "Start a run" }));
    expect(await screen.findByText("Commander: Ann Lee")).toBeInTheDocument();
    expect((callsTo("plan_run_start")[0] as { input: RunInput }).input).toEqual({ planId: "plan-1", kind: "drill", commander: "Ann Lee" });
  });
});

describe("run", () => {
  it("shows each step's state with overdue ones marked, and the incident log", async () => {
    mockIpc({ plan_run_get: () => sampleRun() });
    renderApp("/plans/runs/run-1");
    const response = await screen.findByRole("region", { name: "Response" });
    expect(within(response).getAllByText("Overdue")).toHaveLength(2);
    expect(screen.getByText(/Leads already on the floor/, { selector: "p" })).toBeInTheDocument();
    const log = screen.getByRole("region", { name: "Incident log" });
    expect(within(log).getByText("Done: Watch the queue")).toBeInTheDocument();
    expect(within(log).getByText("Skipped: Warn the team leads — Leads already on the floor")).toBeInTheDocument();
    expect(within(log).getByText("Carrier confirms the fault")).toBeInTheDocument();
  });

  it("ticks, skips with a reason, logs and closes", async () => {
    mockIpc({ plan_run_get: () => sampleRun(), plan_run_record: () => "e9" });
    const { user } = renderApp("/plans/runs/run-1");
    await user.click(await screen.findByRole("button", { name: "Mark done: Switch to the backup line" }));
    await user.click(screen.getByRole("button", { name: "Skip: Post a status notice" }));
    const dialog = await screen.findByRole("dialog", { name: "Skip this step" });
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Website is down too");
    await user.click(within(dialog).getByRole("button", { name: "Skip step" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await user.type(screen.getByRole("textbox", { name: "New log entry" }), "Press called");
    await user.click(screen.getByRole("button", { name: "Add to log" }));
    await user.click(screen.getByRole("button", { name: "Close the run" }));
    const close = await screen.findByRole("dialog", { name: "Close this run?" });
    await user.click(within(close).getByRole("button", { name: "Close the run" }));
    await waitFor(() => expect(callsTo("plan_run_record")).toHaveLength(4));
    const actions = callsTo("plan_run_record").map((c) => (c as { action: RunAction }).action);
    expect(actions).toEqual([
      { kind: "tick", step: "s3" },
      { kind: "skip", step: "s4", reason: "Website is down too" },
      { kind: "log", text: "Press called" },
      { kind: "close" },
    ]);
  });

  it("shows a closed run's score and no more actions", async () => {
    mockIpc({
      plan_run_get: () =>
        sampleRun({
          summary: { ...sampleRunSummary, closedAt: "2026-03-02T10:30:00.000Z" },
          score: {
            required: 4,
            onTime: 3,
            percent: 75,
            phases: [{ phase: "response", targetMinutes: 20, actualMinutes: 35 }],
          },
        }),
    });
    renderApp("/plans/runs/run-1");
    const score = await screen.findByRole("region", { name: "Score" });
    expect(within(score).getByText("75% — 3 of 4 required steps done on time")).toBeInTheDocument();
    expect(within(score).getByText("35 min (late)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Mark done/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "New log entry" })).not.toBeInTheDocument();
  });
});

describe("reminders and active runs everywhere", () => {
  const reminders = [
    { planId: "plan-1", title: "Telephony outage", kind: "drill", dueAt: "2026-03-01T09:00:00.000Z", daysOverdue: 12 },
    { planId: "plan-2", title: "Contact-volume surge", kind: "review", dueAt: "2026-03-10T09:00:00.000Z", daysOverdue: 1 },
  ];

  it("lists plans overdue for review or a drill on the home screen, each linked to its plan", async () => {
    mockIpc({ plan_reminders: () => reminders });
    renderApp("/dashboard");
    const section = await screen.findByRole("region", { name: "2 plans due for review or a drill" });
    const items = within(section).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "Drill overdueTelephony outagedue Mar 1, 2026, 12 days ago",
      "Review overdueContact-volume surgedue Mar 10, 2026, 1 day ago",
    ]);
    expect(within(section).getByRole("link", { name: "Telephony outage" })).toHaveAttribute("href", "#/plans/plan-1");
  });

  it("shows nothing when no plan is due", async () => {
    mockIpc({ plan_list: () => [samplePlanSummary] });
    renderApp("/plans");
    await screen.findByRole("table", { name: "Contingency plans" });
    expect(callsTo("plan_reminders").length).toBeGreaterThan(0);
    expect(screen.queryByRole("region", { name: /due for review/ })).toBeNull();
  });

  it("puts one active run in the header on every screen, linked to its checklist, its kind said", async () => {
    mockIpc({ plan_run_active: () => [sampleRunSummary] });
    renderApp("/settings");
    const link = await screen.findByRole("link", { name: "Drill: Telephony outage" });
    expect(link).toHaveAttribute("href", "#/plans/runs/run-1");
  });

  it("offers several active runs from a menu in the header", async () => {
    const incident = { ...sampleRunSummary, id: "run-2", kind: "incident" as const, planTitle: "Contact-volume surge" };
    mockIpc({ plan_run_active: () => [sampleRunSummary, incident] });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "2 active runs" }));
    const menu = await screen.findByRole("menu");
    expect(within(menu).getAllByRole("menuitem").map((i) => i.textContent)).toEqual([
      "Drill: Telephony outage",
      "Real incident: Contact-volume surge",
    ]);
  });
});
