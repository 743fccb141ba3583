import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ActionItem, OpenActionItem, RunReview } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { samplePlan, sampleRun, sampleRunSummary } from "../test/plans";
import { renderApp } from "../test/render";

const closed = () =>
  sampleRun({
    summary: { ...sampleRunSummary, closedAt: "2026-03-02T10:00:00.000Z" },
    score: { required: 4, onTime: 2, percent: 50, phases: [{ phase: "response", targetMinutes: 15, actualMinutes: 40 }] },
  });

const item = (overrides: Partial<ActionItem> = {}): ActionItem => ({
  id: "ai-1",
  runId: "run-1",
  text: "Test the IVR failover",
  owner: "Bo Wang",
  dueOn: "2026-03-20",
  doneOn: null,
  overdue: false,
  ...overrides,
});

const review = (overrides: Partial<RunReview> = {}): RunReview => ({
  hotWash: "",
  wentWell: "",
  wentWrong: "",
  items: [],
  ...overrides,
});

describe("reviewing a closed run", () => {
  it("shows no review while the run is active", async () => {
    mockIpc({ plan_run_get: () => sampleRun() });
    renderApp("/plans/runs/run-1");
    await screen.findByRole("region", { name: "Linked cases" });
    expect(screen.queryByRole("region", { name: "Hot-wash" })).not.toBeInTheDocument();
    expect(callsTo("plan_run_review")).toHaveLength(0);
  });

  it("saves the hot-wash and the review, each on its own", async () => {
    mockIpc({ plan_run_get: closed, plan_run_review: () => review({ wentWrong: "Callbacks late" }) });
    const { user } = renderApp("/plans/runs/run-1");
    const hotWash = await screen.findByRole("region", { name: "Hot-wash" });
    await user.click(within(hotWash).getByRole("button", { name: "Save hot-wash" }));
    expect(within(hotWash).getByText("This field is required.")).toBeInTheDocument();
    expect(callsTo("plan_run_hot_wash_save")).toHaveLength(0);
    await user.type(within(hotWash).getByRole("textbox", { name: "Hot-wash notes" }), "Backup line slow to route");
    await user.click(within(hotWash).getByRole("button", { name: "Save hot-wash" }));
    await waitFor(() => expect(callsTo("plan_run_hot_wash_save")).toEqual([{ run: "run-1", text: "Backup line slow to route" }]));
    expect(await within(hotWash).findByRole("status")).toHaveTextContent("Saved.");

    const aar = screen.getByRole("region", { name: "After-action review" });
    expect(within(aar).getByRole("textbox", { name: "What went wrong" })).toHaveValue("Callbacks late");
    await user.type(within(aar).getByRole("textbox", { name: "What went well" }), "Leads warned fast");
    await user.click(within(aar).getByRole("button", { name: "Save review" }));
    await waitFor(() =>
      expect(callsTo("plan_run_review_save")).toEqual([{ run: "run-1", input: { wentWell: "Leads warned fast", wentWrong: "Callbacks late" } }]),
    );
  });

  it("adds an action item, with Rust's refusal beside its field, and ticks one done", async () => {
    let refuse = true;
    mockIpc({
      plan_run_get: closed,
      plan_run_review: () => review({ items: [item({ id: "ai-0", text: "Update the call tree", overdue: true })] }),
      plan_action_item_add: () => {
        if (!refuse) return "ai-new";
        refuse = false;
        return Promise.reject(ipcError({ code: "validation", field: "dueOn", rule: "before_run_start" }));
      },
    });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Action items" });
    const existing = await within(section).findByRole("checkbox", { name: "Update the call tree" });
    expect(within(section).getByText("Overdue")).toBeInTheDocument();
    await user.click(existing);
    await waitFor(() => expect(callsTo("plan_action_item_set_done")).toEqual([{ id: "ai-0", done: true }]));

    const form = within(section).getByRole("form", { name: "Add action item" });
    await user.click(within(form).getByRole("button", { name: "Add action item" }));
    expect(within(form).getAllByText("This field is required.")).toHaveLength(3);
    await user.type(within(form).getByRole("textbox", { name: "Action" }), "Test the IVR failover");
    await user.type(within(form).getByRole("textbox", { name: "Owner" }), "Bo Wang");
    await user.type(within(form).getByRole("textbox", { name: "Due" }), "2026-03-01");
    await user.click(within(form).getByRole("button", { name: "Add action item" }));
    expect(await within(form).findByText("Choose a day on or after the day the run started.")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Add action item" }));
    await waitFor(() => expect(callsTo("plan_action_item_add")).toHaveLength(2));
    expect(callsTo("plan_action_item_add")[1]).toEqual({
      run: "run-1",
      input: { text: "Test the IVR failover", owner: "Bo Wang", dueOn: "2026-03-01" },
    });
    await waitFor(() => expect(within(form).getByRole("textbox", { name: "Action" })).toHaveValue(""));
  });
});

describe("open action items on the plan's page", () => {
  it("lists them with the run they came from", async () => {
    const open: OpenActionItem[] = [{ item: item(), runKind: "drill", runStartedAt: "2026-03-02T09:00:00.000Z" }];
    mockIpc({ plan_get: () => samplePlan(), plan_open_action_items: () => open });
    renderApp("/plans/plan-1");
    const section = await screen.findByRole("region", { name: "1 open action item from runs" });
    expect(within(section).getByRole("checkbox", { name: "Test the IVR failover" })).not.toBeChecked();
    expect(within(section).getByRole("link", { name: /From the run of/ })).toHaveAttribute("href", "#/plans/runs/run-1");
  });
});

describe("printing", () => {
  it("prints a plan with its phases, contacts and templates, on the paper size chosen", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const { user } = renderApp("/print/plans/plan-1");
    const sheet = await screen.findByRole("article", { name: "Telephony outage" });
    expect(within(sheet).getByRole("region", { name: "Response" })).toHaveTextContent("Switch to the backup line");
    expect(within(sheet).getByRole("region", { name: "Call tree" })).toHaveTextContent("Ann Lee");
    expect(within(sheet).getByRole("region", { name: "Communication templates" })).toHaveTextContent("War room open");
    const pageRules = () => [...document.querySelectorAll("style")].map((s) => s.textContent ?? "").filter((s) => s.startsWith("@page"));
    expect(pageRules()).toEqual(["@page { size: A4; margin: 16mm 14mm; }"]);
    await user.click(screen.getByRole("radio", { name: "Letter" }));
    await waitFor(() => expect(pageRules()).toEqual(["@page { size: letter; margin: 0.6in 0.55in; }"]));
    await user.click(screen.getByRole("button", { name: "Print or save as PDF" }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("prints a finished run's report with its score, log, review and action items", async () => {
    mockIpc({
      plan_run_get: closed,
      plan_run_review: () => review({ hotWash: "Backup line slow", items: [item()] }),
    });
    renderApp("/print/runs/run-1");
    const sheet = await screen.findByRole("article", { name: "Run report: Telephony outage" });
    expect(within(sheet).getByRole("region", { name: "Score" })).toHaveTextContent("50%");
    expect(within(sheet).getByRole("region", { name: "Incident log" })).toHaveTextContent("Carrier confirms the fault");
    expect(within(sheet).getByRole("region", { name: "Hot-wash" })).toHaveTextContent("Backup line slow");
    expect(within(sheet).getByRole("region", { name: "After-action review" })).toHaveTextContent("Nothing written.");
    expect(within(sheet).getByRole("region", { name: "Action items" })).toHaveTextContent("Test the IVR failover");
  });
});

describe("starting from an example", () => {
  it("copies the example picked, in the language picked, and opens the new plan", async () => {
    mockIpc({
      plan_starter_list: (args) => {
        const { language } = args as { language: string };
        const title = language === "zh-Hant" ? "公關危機" : "Public-relations crisis";
        return [{ key: "pr_crisis", title, triggers: "A complaint spreading\nmore", steps: 11 }];
      },
      plan_get: () => samplePlan({ id: "plan-new", status: "draft", versions: [] }),
    });
    const { user } = renderApp("/plans");
    await user.click(await screen.findByRole("button", { name: "Start from an example" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Copy into a new plan" }));
    expect(await within(dialog).findByText("Choose an example.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: "Language of the example" }));
    await user.click(await screen.findByRole("option", { name: "繁體中文" }));
    await user.click(await within(dialog).findByRole("radio", { name: "公關危機" }));
    expect(within(dialog).getByText("11 steps · A complaint spreading")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Copy into a new plan" }));
    await waitFor(() => expect(callsTo("plan_starter_copy")).toEqual([{ key: "pr_crisis", language: "zh-Hant" }]));
    expect(await screen.findByRole("heading", { name: "Telephony outage" })).toBeInTheDocument();
  });
});
