import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, Evidence, FeedbackInput, FeedbackQuery, InsightInput } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleFeedback, sampleInsight, sampleInsightDetail, samplePainPoints } from "../test/voc";

describe("pain points", () => {
  it("shows a real table with stage and cause headers, each cell's count and CSAT in words", async () => {
    mockIpc({ voc_pain_points: () => samplePainPoints() });
    renderApp("/voice/pain-points");
    expect(await screen.findByRole("heading", { level: 1, name: "Customer voice" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: /Cases created 2026-02-01 to 2026-03-02/ });
    expect(within(table).getByRole("columnheader", { name: "Tariff" })).toBeInTheDocument();
    expect(within(table).getByRole("rowheader", { name: "Billing" })).toBeInTheDocument();
    const cell = within(table).getByRole("button", { name: "Billing, Tariff: 3 cases CSAT 50 % of 2" });
    // The visible text is part of the name (label in name): the count in words.
    expect(cell).toHaveTextContent("3 cases");
    expect(cell.getAttribute("aria-label")).toContain(cell.textContent);
    expect(cell).toHaveTextContent("CSAT 50 % of 2");
    // A cell without answers says so rather than 0 %.
    expect(within(table).getByRole("button", { name: "Billing, Duplicate: 1 case CSAT: no answers" })).toBeInTheDocument();
    expect(screen.getByText(/4 cases without a journey stage, 2 with a stage but no root cause yet/)).toBeInTheDocument();
    expect(screen.getByText("No feedback given in this period has both a journey stage and a theme.")).toBeInTheDocument();
    expect(callsTo("voc_pain_points")).toContainEqual({ request: { period: { preset: "30d", from: null, to: null } } });
  });

  it("moves between cells with the arrow keys, one cell in the Tab order", async () => {
    mockIpc({ voc_pain_points: () => samplePainPoints() });
    renderApp("/voice/pain-points");
    const table = await screen.findByRole("table", { name: /Cases created/ });
    const tariff = within(table).getByRole("button", { name: /^Billing, Tariff/ });
    const duplicate = within(table).getByRole("button", { name: /^Billing, Duplicate/ });
    const renewal = within(table).getByRole("button", { name: /^Renewal, Duplicate/ });
    expect(tariff).toHaveAttribute("tabindex", "0");
    expect(duplicate).toHaveAttribute("tabindex", "-1");
    tariff.focus();
    fireEvent.keyDown(tariff, { key: "ArrowRight" });
    expect(duplicate).toHaveFocus();
    fireEvent.keyDown(duplicate, { key: "ArrowDown" });
    expect(renewal).toHaveFocus();
    expect(renewal).toHaveAttribute("tabindex", "0");
    // Past the edge: focus stays.
    fireEvent.keyDown(renewal, { key: "ArrowDown" });
    expect(renewal).toHaveFocus();
  });

  it("drills a cell down to its cases, narrowed to its stage, cause and period", async () => {
    mockIpc({ voc_pain_points: () => samplePainPoints(), case_list: fakeList(3) });
    const { user } = renderApp("/voice/pain-points");
    const table = await screen.findByRole("table", { name: /Cases created/ });
    await user.click(within(table).getByRole("button", { name: /^Billing, Tariff/ }));
    await user.click(await screen.findByRole("menuitem", { name: "Show 3 cases" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
    expect(await screen.findByText("Journey stage: Billing")).toBeInTheDocument();
    expect(screen.getByText("Root cause: Tariff")).toBeInTheDocument();
    await waitFor(() =>
      expect(callsTo("case_list").map((a) => (a as { query: CaseQuery }).query)).toContainEqual(
        expect.objectContaining({
          journeyStages: ["stage-billing"],
          rootCauses: ["Tariff"],
          createdFrom: "2026-01-31T23:00:00.000Z",
          createdTo: "2026-03-02T23:00:00.000Z",
        }),
      ),
    );
  });

  it("raises an insight from a cell with the cell's cases as evidence", async () => {
    mockIpc({
      voc_pain_points: () => samplePainPoints(),
      case_list: fakeList(3),
      insight_create: () => "ins-9",
      insight_get: () => sampleInsightDetail(),
    });
    const { user } = renderApp("/voice/pain-points");
    const table = await screen.findByRole("table", { name: /Cases created/ });
    await user.click(within(table).getByRole("button", { name: /^Billing, Tariff/ }));
    await user.click(await screen.findByRole("menuitem", { name: "Raise an insight…" }));
    const dialog = await screen.findByRole("dialog", { name: "Raise an insight" });
    expect(within(dialog).getByRole("textbox", { name: "Title" })).toHaveValue("Billing: Tariff");
    expect(await within(dialog).findByText("Cites 3 cases of 3 in the cell.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Raise insight" }));
    await waitFor(() => expect(callsTo("insight_create")).toHaveLength(1));
    const { input, evidence } = callsTo("insight_create")[0] as { input: InsightInput; evidence: Evidence };
    expect(input.title).toBe("Billing: Tariff");
    expect(evidence.caseIds).toHaveLength(3);
    const evidenceQuery = callsTo("case_list")
      .map((a) => (a as { query: CaseQuery }).query)
      .find((q) => q.limit === 500);
    expect(evidenceQuery).toMatchObject({ journeyStages: ["stage-billing"], rootCauses: ["Tariff"], offset: 0 });
    expect(await screen.findByRole("heading", { level: 2, name: "Renewal letters arrive late" })).toBeInTheDocument();
  });
});

describe("feedback", () => {
  it("lists feedback and narrows it by the filters in the URL", async () => {
    mockIpc({ feedback_list: () => ({ rows: [sampleFeedback()], total: 1 }) });
    renderApp("/voice/feedback?stage=stage-renewal&theme=letters&from=2026-02-01&to=2026-03-02");
    const table = await screen.findByRole("table", { name: "Feedback" });
    expect(within(table).getByText("The renewal letter came too late")).toBeInTheDocument();
    expect(within(table).getByText("Negative")).toBeInTheDocument();
    expect(within(table).getByText("Renewal")).toBeInTheDocument();
    expect(screen.getByText("1 entry")).toBeInTheDocument();
    const query = (callsTo("feedback_list")[0] as { query: FeedbackQuery }).query;
    expect(query).toMatchObject({ journeyStages: ["stage-renewal"], themes: ["letters"], from: "2026-02-01", to: "2026-03-02", offset: 0 });
  });

  it("records feedback, and puts Rust's refusal beside the field it names", async () => {
    let calls = 0;
    mockIpc({
      feedback_create: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(ipcError({ code: "validation", field: "themes", rule: "too_long", limit: 40 }))
          : "fb-2";
      },
    });
    const { user } = renderApp("/voice/feedback");
    await user.click(await screen.findByRole("button", { name: "Record feedback" }));
    const dialog = await screen.findByRole("dialog", { name: "Record feedback" });
    await user.click(within(dialog).getByRole("button", { name: "Record feedback" }));
    expect(within(dialog).getByRole("textbox", { name: "What the customer said" })).toHaveAccessibleDescription(
      "This field is required.",
    );
    expect(callsTo("feedback_create")).toHaveLength(0);
    await user.type(within(dialog).getByRole("textbox", { name: "What the customer said" }), "Too slow");
    await user.click(within(dialog).getByRole("button", { name: "Record feedback" }));
    expect(await within(dialog).findByText("Must be at most 40 characters.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Record feedback" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("feedback_create")[1] as { input: FeedbackInput }).input;
    expect(input).toMatchObject({ text: "Too slow", source: "survey", sentiment: "neutral", themes: [], csat: null });
    expect(input.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("insights", () => {
  it("lists insights with overdue reviews said in words, and filters overdue ones", async () => {
    mockIpc({ insight_list: () => [sampleInsight()] });
    const { user } = renderApp("/voice/insights");
    const table = await screen.findByRole("table", { name: "Insights" });
    expect(within(table).getByRole("link", { name: "Renewal letters arrive late" })).toBeInTheDocument();
    expect(within(table).getByText("Review overdue")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Overdue reviews only" }));
    await waitFor(() => expect(callsTo("insight_list")).toContainEqual({ query: expect.objectContaining({ overdueOnly: true }) }));
  });

  it("moves an insight along its workflow and says when Rust refuses the move", async () => {
    mockIpc({
      insight_get: () => sampleInsightDetail(),
      insight_set_status: rejectWith(ipcError({ code: "invalid_transition" })),
    });
    const { user } = renderApp("/voice/insights/ins-1");
    expect(await screen.findByRole("heading", { level: 2, name: "Renewal letters arrive late" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "C-K7-00001" })).toHaveAttribute("href", "#/cases/case-1");
    await user.click(screen.getByRole("button", { name: "Mark accepted" }));
    await waitFor(() => expect(callsTo("insight_set_status")).toEqual([{ id: "ins-1", to: "accepted" }]));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });

  it("saves the hand-over through Rust's save dialog, offering the title as the file name", async () => {
    mockIpc({ insight_get: () => sampleInsightDetail(), insight_save_handover: () => "/home/ann/Renewal letters arrive late.md" });
    const { user } = renderApp("/voice/insights/ins-1");
    await user.click(await screen.findByRole("button", { name: "Save as…" }));
    await user.click(await screen.findByRole("menuitem", { name: "Markdown file (.md)" }));
    expect(await screen.findByText("Saved to /home/ann/Renewal letters arrive late.md")).toHaveAttribute("role", "status");
    const [call] = callsTo("insight_save_handover") as [{ fileName: string; contents: string }];
    expect(call.fileName).toBe("Renewal letters arrive late.md");
    expect(call.contents).toMatch(/^# Renewal letters arrive late/);

    mockIpc({ insight_get: () => sampleInsightDetail(), insight_save_handover: rejectWith(ipcError({ code: "file" })) });
    await user.click(screen.getByRole("button", { name: "Save as…" }));
    await user.click(await screen.findByRole("menuitem", { name: "Web page (.html)" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(callsTo("insight_save_handover").at(-1)).toMatchObject({ fileName: "Renewal letters arrive late.html" });
  });

  it("removes one piece of evidence", async () => {
    mockIpc({ insight_get: () => sampleInsightDetail(), insight_unlink: () => null });
    const { user } = renderApp("/voice/insights/ins-1");
    await user.click(await screen.findByRole("button", { name: "Remove case C-K7-00001 from the evidence" }));
    await waitFor(() =>
      expect(callsTo("insight_unlink")).toEqual([{ id: "ins-1", evidence: { caseIds: ["case-1"], feedbackIds: [] } }]),
    );
  });

  it("deletes an insight after asking, and returns to the list", async () => {
    mockIpc({ insight_get: () => sampleInsightDetail(), insight_delete: () => null });
    const { user } = renderApp("/voice/insights/ins-1");
    await user.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this insight?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(callsTo("insight_delete")).toEqual([{ id: "ins-1" }]));
    expect(await screen.findByRole("checkbox", { name: "Overdue reviews only" })).toBeInTheDocument();
  });

  it("shows the printable hand-over page without the window's frame", async () => {
    mockIpc({ insight_get: () => sampleInsightDetail() });
    renderApp("/print/insights/ins-1");
    expect(await screen.findByRole("heading", { level: 1, name: "Renewal letters arrive late" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Print" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    // Values are text, never markup.
    expect(screen.getByText("Letters | arrive <late>")).toBeInTheDocument();
  });
});

describe("journey stages in settings", () => {
  it("adds, renames, moves and retires stages", async () => {
    mockIpc({
      journey_stage_create: () => "stage-new",
      journey_stage_rename: () => null,
      journey_stage_reorder: () => null,
      journey_stage_set_retired: () => null,
    });
    const { user } = renderApp("/settings");
    const section = await screen.findByRole("region", { name: "Customer journey stages" });
    await user.type(within(section).getByRole("textbox", { name: "New stage name" }), "Repair");
    await user.click(within(section).getByRole("button", { name: "Add stage" }));
    await waitFor(() => expect(callsTo("journey_stage_create")).toEqual([{ name: "Repair" }]));
    await user.click(within(section).getByRole("button", { name: "Move Purchase up" }));
    await waitFor(() => expect(callsTo("journey_stage_reorder")).toHaveLength(1));
    const ids = (callsTo("journey_stage_reorder")[0] as { ids: string[] }).ids;
    expect(ids.slice(0, 2)).toEqual(["stage-purchase", "stage-awareness"]);
    await user.click(within(section).getByRole("button", { name: "Retire Cancellation" }));
    await waitFor(() => expect(callsTo("journey_stage_set_retired")).toEqual([{ id: "stage-cancellation", retired: true }]));
    await user.click(within(section).getByRole("button", { name: "Rename Use" }));
    const name = within(section).getByRole("textbox", { name: "Name of Use" });
    await user.clear(name);
    await user.type(name, "Everyday use{Enter}");
    await waitFor(() => expect(callsTo("journey_stage_rename")).toEqual([{ id: "stage-use", name: "Everyday use" }]));
  });
});
