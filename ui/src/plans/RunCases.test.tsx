import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, NewCase, RunCase } from "../ipc/bindings";
import { sampleDetail, sampleSummary } from "../test/cases";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { sampleRun, sampleRunSummary } from "../test/plans";
import { renderApp } from "../test/render";

const linked: RunCase[] = [{ id: "case-7", reference: "C-A1-00007", title: "Calls dropped", status: "open" }];

describe("cases of a run", () => {
  it("lists the linked cases, each opening its case page, and unlinks one", async () => {
    mockIpc({ plan_run_get: () => sampleRun(), plan_run_cases: () => linked });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Linked cases" });
    expect(await within(section).findByRole("link", { name: "C-A1-00007" })).toHaveAttribute("href", "#/cases/case-7");
    expect(within(section).getByText("Calls dropped")).toBeInTheDocument();
    expect(within(section).getByText("Open")).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Unlink C-A1-00007" }));
    await waitFor(() => expect(callsTo("plan_run_unlink_case")).toEqual([{ run: "run-1", caseId: "case-7" }]));
  });

  it("links a case found by the Cases search, without offering one already linked", async () => {
    mockIpc({
      plan_run_get: () => sampleRun(),
      plan_run_cases: () => linked,
      case_list: (args) => {
        const { query } = args as { query: CaseQuery };
        const rows = query.text
          ? [sampleSummary(7, { title: "Calls dropped" }), sampleSummary(8, { title: "Calls dropped at night" })]
          : [];
        return { rows, total: rows.length };
      },
    });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Linked cases" });
    await within(section).findByRole("link", { name: "C-A1-00007" });
    expect(within(section).getByRole("button", { name: "Link" })).toBeDisabled();
    await user.type(within(section).getByRole("combobox", { name: "Link a case" }), "dropped");
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["C-A1-00008 · Calls dropped at night"]);
    await user.click(options[0]!);
    await user.click(within(section).getByRole("button", { name: "Link" }));
    await waitFor(() => expect(callsTo("plan_run_link_case")).toEqual([{ run: "run-1", caseId: "case-8" }]));
    expect((callsTo("case_list")[0] as { query: CaseQuery }).query.text).toBe("dropped");
  });

  it("says why a case could not be linked", async () => {
    mockIpc({
      plan_run_get: () => sampleRun(),
      case_list: () => ({ rows: [sampleSummary(9)], total: 1 }),
      plan_run_link_case: () => Promise.reject(ipcError({ code: "not_found" })),
    });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Linked cases" });
    expect(await within(section).findByText("No cases linked to this run yet.")).toBeInTheDocument();
    await user.type(within(section).getByRole("combobox", { name: "Link a case" }), "9");
    await user.click(await screen.findByRole("option", { name: "C-A1-00009 · Case number 9" }));
    await user.click(within(section).getByRole("button", { name: "Link" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent("The item was not found. It may have been deleted.");
  });

  it("creates a case from the run through the quick-create form and stays on the run", async () => {
    mockIpc({
      plan_run_get: () => sampleRun(),
      case_categories: () => [],
      plan_run_create_case: (args) =>
        sampleDetail({}, { id: "case-new", reference: "C-A1-00042", title: (args as { input: NewCase }).input.title }),
    });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Linked cases" });
    await user.click(within(section).getByRole("button", { name: "New case from this run" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: "Title" }), "Complaint: line dead");
    await user.click(within(dialog).getByRole("button", { name: "Create case" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const args = callsTo("plan_run_create_case")[0] as { run: string; input: NewCase };
    expect(args.run).toBe("run-1");
    expect(args.input).toMatchObject({ title: "Complaint: line dead", channel: "phone", priority: "p3" });
    expect(callsTo("case_create")).toHaveLength(0);
    expect(screen.getByRole("region", { name: "Linked cases" })).toBeInTheDocument();
  });
});

describe("runs of a case", () => {
  it("shows the runs a case is linked to on its page, each opening its run", async () => {
    mockIpc({ case_get: () => sampleDetail({}, { id: "case-7" }), plan_runs_of_case: () => [sampleRunSummary] });
    renderApp("/cases/case-7");
    const section = await screen.findByRole("region", { name: "Contingency-plan runs" });
    expect(within(section).getByText("Drill")).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Telephony outage" })).toHaveAttribute("href", "#/plans/runs/run-1");
    expect(callsTo("plan_runs_of_case")).toEqual([{ caseId: "case-7" }]);
  });

  it("shows nothing when the case is in no run", async () => {
    mockIpc({ case_get: () => sampleDetail({}, { id: "case-7" }) });
    renderApp("/cases/case-7");
    await screen.findByRole("heading", { level: 1 });
    await waitFor(() => expect(callsTo("plan_runs_of_case")).toHaveLength(1));
    expect(screen.queryByRole("region", { name: "Contingency-plan runs" })).toBeNull();
  });
});
