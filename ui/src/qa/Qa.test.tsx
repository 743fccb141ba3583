import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Evaluation, EvaluationInput, Scorecard, ScorecardInput } from "../ipc/bindings";
import { sampleDetail as sampleCase } from "../test/cases";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleHistory } from "../test/training";

const card: Scorecard = {
  id: "card-call",
  name: "Phone call",
  versionId: "version-2",
  version: 2,
  evaluations: 3,
  criteria: [
    { key: "k-id", label: "Verified identity", weight: 10, points: 1, critical: true },
    { key: "k-empathy", label: "Showed empathy", weight: 30, points: 5, critical: false },
    { key: "k-resolve", label: "Resolved the issue", weight: 60, points: 4, critical: false },
  ],
};

function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    id: "eval-1",
    scorecardId: card.id,
    scorecardName: card.name,
    versionId: card.versionId,
    version: 2,
    criteria: card.criteria,
    agentId: "agent-ann",
    agentName: "Ann Lee",
    caseId: "case-1",
    caseRef: "C-0001",
    evaluator: "Grace Wu",
    evaluatedOn: "2026-02-10",
    ratings: [
      { key: "k-id", value: 1 },
      { key: "k-empathy", value: 3 },
      { key: "k-resolve", value: 4 },
    ],
    outcome: { score: 88, criticalFailed: false },
    comment: "Good close.",
    ...overrides,
  };
}

describe("QA", () => {
  it("lists scorecards and makes one with weighted criteria", async () => {
    mockIpc({ qa_scorecard_list: () => [card], qa_scorecard_create: () => "card-2" });
    const { user } = renderApp("/training/qa");
    const table = await screen.findByRole("table", { name: "QA scorecards" });
    const row = within(table).getByRole("row", { name: /Phone call/ });
    expect(within(row).getByText(/Verified identity \(10 · Critical\)/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "QA" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("button", { name: "New scorecard" }));
    const dialog = await screen.findByRole("dialog", { name: "New scorecard" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Chat");
    await user.type(within(dialog).getByRole("textbox", { name: "Criterion 1" }), "Greeting");
    await user.click(within(dialog).getByRole("button", { name: "Add criterion" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Criterion 2" }), "Accuracy");
    const weights = within(dialog).getAllByRole("textbox", { name: "Weight" });
    await user.clear(weights[1]!);
    await user.type(weights[1]!, "90");
    await user.click(within(dialog).getAllByRole("checkbox", { name: "Critical" })[1]!);
    expect(within(dialog).getByText("Total weight 100")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Create scorecard" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("qa_scorecard_create")[0] as { input: ScorecardInput }).input;
    expect(input).toEqual({
      name: "Chat",
      criteria: [
        { key: "", label: "Greeting", weight: 10, points: 1, critical: false },
        { key: "", label: "Accuracy", weight: 90, points: 1, critical: true },
      ],
    });
  });

  it("shows Rust's refusal of a criterion beside its field", async () => {
    mockIpc({
      qa_scorecard_list: () => [],
      qa_scorecard_create: () => {
        throw ipcError({ code: "validation", field: "criterionLabel", rule: "duplicate", message: "duplicate" });
      },
    });
    const { user } = renderApp("/training/qa");
    await user.click(await screen.findByRole("button", { name: "New scorecard" }));
    const dialog = await screen.findByRole("dialog", { name: "New scorecard" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Chat");
    await user.type(within(dialog).getByRole("textbox", { name: "Criterion 1" }), "Greeting");
    await user.click(within(dialog).getByRole("button", { name: "Create scorecard" }));
    await waitFor(() => expect(callsTo("qa_scorecard_create")).toHaveLength(1));
    expect(await within(dialog).findByRole("textbox", { name: "Criterion 1" })).toHaveAccessibleDescription(/already/i);
  });

  it("evaluates an agent from their page, with not applicable sent as null, and shows their trend", async () => {
    mockIpc({
      training_history: () => sampleHistory(),
      course_list: () => [],
      qa_scorecard_list: () => [card],
      qa_agent: () => ({
        evaluations: [evaluation(), evaluation({ id: "eval-0", evaluatedOn: "2026-01-20", caseId: null, caseRef: null, outcome: { score: 0, criticalFailed: true } })],
        months: [
          { month: "2026-01", average: 0, count: 1 },
          { month: "2026-02", average: 88, count: 1 },
        ],
        average: 44,
      }),
      qa_evaluate: () => "eval-2",
    });
    const { user } = renderApp("/training/people/agent-ann");
    const trend = await screen.findByRole("table", { name: "Ann Lee's mean QA score per month" });
    expect(within(trend).getByRole("row", { name: /2026-02 88 1/ })).toBeInTheDocument();
    expect(screen.getByText("Mean score 44 over 2 evaluations")).toBeInTheDocument();
    const list = screen.getByRole("table", { name: "Ann Lee's QA evaluations" });
    expect(within(list).getByRole("link", { name: "C-0001" })).toHaveAttribute("href", "#/cases/case-1");
    expect(within(list).getByText("Critical failed")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Evaluate" }));
    const dialog = await screen.findByRole("dialog", { name: "Evaluate Ann Lee" });
    await user.type(within(dialog).getByRole("textbox", { name: "Evaluator" }), "Grace Wu");
    await user.click(within(dialog).getByRole("button", { name: "Save evaluation" }));
    expect(await within(dialog).findByText("Rate “Verified identity”, or mark it not applicable.")).toBeInTheDocument();
    expect(callsTo("qa_evaluate")).toHaveLength(0);

    const rate = async (label: string, option: string) => {
      await user.click(within(dialog).getByRole("combobox", { name: label }));
      await user.click(await screen.findByRole("option", { name: option }));
    };
    await rate("Verified identity", "Not applicable");
    await rate("Showed empathy", "3 of 5");
    await rate("Resolved the issue", "4 of 4");
    await user.click(within(dialog).getByRole("button", { name: "Save evaluation" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("qa_evaluate")[0] as { input: EvaluationInput }).input;
    expect(input).toMatchObject({
      versionId: "version-2",
      agentId: "agent-ann",
      caseId: null,
      evaluator: "Grace Wu",
      ratings: [
        { key: "k-id", value: null },
        { key: "k-empathy", value: 3 },
        { key: "k-resolve", value: 4 },
      ],
    });
  });

  it("shows calibration on the case page: two evaluators and where they differ", async () => {
    mockIpc({
      case_get: () => sampleCase(),
      qa_case: () => ({
        evaluations: [evaluation(), evaluation({ id: "eval-2", evaluator: "Hao Lin", outcome: { score: 67, criticalFailed: false } })],
        spread: 21,
        criteria: [
          { key: "k-id", label: "Verified identity", low: 1, high: 1 },
          { key: "k-empathy", label: "Showed empathy", low: 2, high: 4 },
        ],
      }),
    });
    renderApp(`/cases/${sampleCase().case.id}`);
    const panel = await screen.findByRole("region", { name: "Quality evaluations" });
    expect(await within(panel).findByText("Evaluators are 21 points apart on this case.")).toBeInTheDocument();
    const list = within(panel).getByRole("table", { name: "Evaluations of this case" });
    expect(within(list).getAllByRole("link", { name: "Ann Lee" })[0]).toHaveAttribute("href", "#/training/people/agent-ann");
    expect(within(list).getByText("Hao Lin")).toBeInTheDocument();
    const criteria = within(panel).getByRole("table", { name: "Ratings per criterion, lowest and highest" });
    expect(within(criteria).getByRole("row", { name: /^Showed empathy ?\(evaluators differ\) 2 4$/ })).toBeInTheDocument();
    expect(within(criteria).getByRole("row", { name: /^Verified identity 1 1$/ })).toBeInTheDocument();
  });
});
