import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { RunReview } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { sampleRun, sampleRunSummary } from "../test/plans";
import { renderApp } from "../test/render";

const closed = () =>
  sampleRun({
    summary: { ...sampleRunSummary, closedAt: "2026-03-02T10:00:00.000Z" },
    score: { required: 4, onTime: 2, percent: 50, phases: [{ phase: "response", targetMinutes: 15, actualMinutes: 40 }] },
  });

const review = (): RunReview => ({ hotWash: "", wentWell: "", wentWrong: "", items: [] });

const PATH = "/home/ann/drill-report-telephony-outage-2026-03-02.pdf";

async function openReport() {
  const view = renderApp("/print/runs/run-1");
  await screen.findByRole("article", { name: "Run report: Telephony outage" });
  return view;
}

describe("saving a run's report as a PDF", () => {
  it("asks Rust to save the run's report, shows it working, then says where the file went", async () => {
    let answer: (path: string | null) => void = () => {};
    mockIpc({
      plan_run_get: closed,
      plan_run_review: review,
      plan_run_save_pdf: () => new Promise((resolve) => (answer = resolve)),
    });
    const { user } = await openReport();
    const save = screen.getByRole("button", { name: "Save as PDF" });
    // The print button beside it no longer offers a PDF too.
    expect(screen.getByRole("button", { name: "Print" })).toBeEnabled();
    expect(screen.queryByRole("button", { name: "Print or save as PDF" })).toBeNull();
    await user.click(save);
    await waitFor(() => expect(save).toHaveAttribute("data-loading", "true"));
    expect(save).toBeDisabled();
    expect(callsTo("plan_run_save_pdf")).toEqual([{ id: "run-1" }]);

    answer(PATH);
    expect(await screen.findByText(`PDF saved to ${PATH}`)).toBeInTheDocument();
    await waitFor(() => expect(save).not.toHaveAttribute("data-loading"));
    expect(save).toBeEnabled();
  });

  it("says why the PDF could not be made, in words the user can act on", async () => {
    mockIpc({ plan_run_get: closed, plan_run_review: review, plan_run_save_pdf: rejectWith(ipcError({ code: "no_report_font" })) });
    const { user } = await openReport();
    await user.click(screen.getByRole("button", { name: "Save as PDF" }));
    expect(await screen.findByText("The PDF could not be saved")).toBeInTheDocument();
    expect(screen.getByText(/Install Noto Sans CJK \(Debian\/Ubuntu: fonts-noto-cjk\)/)).toBeInTheDocument();
    expect(screen.queryByText(/PDF saved to/)).not.toBeInTheDocument();
  });

  it("says nothing when the save dialog is closed", async () => {
    mockIpc({ plan_run_get: closed, plan_run_review: review, plan_run_save_pdf: () => null });
    const { user } = await openReport();
    await user.click(screen.getByRole("button", { name: "Save as PDF" }));
    await waitFor(() => expect(callsTo("plan_run_save_pdf")).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole("button", { name: "Save as PDF" })).toBeEnabled());
    expect(screen.queryByText(/PDF saved to/)).not.toBeInTheDocument();
    expect(screen.queryByText("The PDF could not be saved")).not.toBeInTheDocument();
  });

  it("is offered only once the report has loaded", async () => {
    mockIpc({ plan_run_get: closed, plan_run_review: () => new Promise(() => {}) });
    renderApp("/print/runs/run-1");
    const save = await screen.findByRole("button", { name: "Save as PDF" });
    expect(save).toBeDisabled();
    expect(callsTo("plan_run_save_pdf")).toHaveLength(0);
  });
});
