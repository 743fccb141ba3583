import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ReportRequest, ServiceReport } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

function sampleReport(overrides: Partial<ServiceReport> = {}): ServiceReport {
  const period = (first: string, last: string) => ({
    firstDay: first,
    lastDay: last,
    days: 7,
    start: `${first}T00:00:00.000Z`,
    end: `${last}T00:00:00.000Z`,
  });
  const share = (percent: number | null, cases: number) => ({
    percent,
    hits: percent === null ? 0 : Math.round((percent * cases) / 100),
    cases,
  });
  return {
    kind: "weekly",
    period: { unit: "week", name: "2026-W48", earlier: "2026-11-16", later: null },
    generatedAt: "2026-12-05T09:00:00.000Z",
    organisation: "Acme Support",
    timeZone: "Asia/Shanghai",
    current: period("2026-11-23", "2026-11-29"),
    previous: period("2026-11-16", "2026-11-22"),
    kpis: [
      { key: "created", name: "Cases created", unit: "cases", current: 120, currentBasis: 120, previous: 100, previousBasis: 100 },
      { key: "first_response", name: "First response time", unit: "seconds", current: 750, currentBasis: 80, previous: 900, previousBasis: 70 },
      { key: "sla_compliance", name: "SLA compliance", unit: "percent", current: 87.5, currentBasis: 40, previous: 90, previousBasis: 38 },
      { key: "csat", name: "CSAT", unit: "percent", current: null, currentBasis: 0, previous: 80, previousBasis: 5 },
      { key: "nps", name: "NPS", unit: "score", current: 12, currentBasis: 25, previous: -4, previousBasis: 20 },
    ],
    days: [
      {
        day: "2026-11-23",
        created: 10,
        slaCompliance: share(null, 0),
        csat: share(null, 0),
        nps: { score: null, promoters: 0, passives: 0, detractors: 0 },
      },
      {
        day: "2026-11-24",
        created: 30,
        slaCompliance: share(75, 8),
        csat: share(50, 4),
        nps: { score: -25, promoters: 1, passives: 1, detractors: 2 },
      },
    ],
    topCategories: [
      { name: "Billing", cases: 50 },
      { name: "退款", cases: 20 },
    ],
    topRootCauses: [],
    ...overrides,
  };
}

describe("service report", () => {
  it("shows the KPIs beside the previous period, the days and the top issues, and prints", async () => {
    mockIpc({ report_service: () => sampleReport() });
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const { user } = renderApp("/dashboard/report?kind=weekly");
    expect(await screen.findByRole("heading", { name: "Weekly service report", level: 1 })).toBeInTheDocument();
    expect(callsTo("report_service")[0]).toEqual({ request: { kind: "weekly", of: null } });
    const report = screen.getByRole("article", { name: "Weekly service report" });
    expect(within(report).getByText("Acme Support")).toBeInTheDocument();

    const kpis = screen.getByRole("region", { name: "Key performance indicators" });
    const row = (name: string) => within(kpis).getByRole("row", { name: new RegExp(`^${name}`) });
    expect(within(row("First response time")).getByText("13 min")).toBeInTheDocument();
    // Signed as numbers are, in the language's own sign (as the dashboard's tiles do).
    expect(within(row("First response time")).getByText("-3 min")).toBeInTheDocument();
    expect(within(row("SLA compliance")).getByText("87.5%")).toBeInTheDocument();
    expect(within(row("SLA compliance")).getByText("-2.5 pts")).toBeInTheDocument();
    expect(within(row("CSAT")).getByText("No data")).toBeInTheDocument();
    expect(within(row("NPS")).getByText("+12")).toBeInTheDocument();

    const days = screen.getByRole("region", { name: "Day by day" });
    expect(within(days).getByRole("row", { name: /2026-11-24 30 75% 50% -25/ })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Top issues (categories)" })).toHaveTextContent("退款");
    expect(screen.queryByRole("region", { name: "Root causes" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it("switches to the monthly report", async () => {
    mockIpc({ report_service: (args) => sampleReport({ kind: (args as { request: ReportRequest }).request.kind }) });
    const { user } = renderApp("/dashboard/report");
    await screen.findByRole("heading", { name: "Weekly service report", level: 1 });
    await user.click(screen.getByRole("radio", { name: "Monthly" }));
    expect(await screen.findByRole("heading", { name: "Monthly service report", level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(callsTo("report_service")).toContainEqual({ request: { kind: "monthly", of: null } }));
  });

  it("moves to the week before, and back, as far as the last complete week", async () => {
    mockIpc({
      report_service: (args) =>
        (args as { request: ReportRequest }).request.of === "2026-11-16"
          ? sampleReport({ period: { unit: "week", name: "2026-W47", earlier: "2026-11-09", later: "2026-11-23" } })
          : sampleReport(),
    });
    const { user } = renderApp("/dashboard/report?kind=weekly");
    const nav = await screen.findByRole("group", { name: "Week" });
    await within(nav).findByText("2026-W48");
    expect(within(nav).getByRole("button", { name: "Next week" })).toBeDisabled();
    await user.click(within(nav).getByRole("button", { name: "Previous week" }));
    expect(await within(nav).findByText("2026-W47")).toBeInTheDocument();
    expect(callsTo("report_service")).toContainEqual({ request: { kind: "weekly", of: "2026-11-16" } });
    await user.click(within(nav).getByRole("button", { name: "Next week" }));
    await waitFor(() => expect(callsTo("report_service")).toContainEqual({ request: { kind: "weekly", of: "2026-11-23" } }));
  });

  it("saves the PDF where Rust's dialog says and shows the path, or says why not", async () => {
    mockIpc({ report_service: () => sampleReport(), report_save_pdf: () => "/home/ann/service-report-2026-W48.pdf" });
    const { user } = renderApp("/dashboard/report?kind=weekly&of=2026-11-25");
    await screen.findByRole("heading", { name: "Weekly service report", level: 1 });
    await user.click(screen.getByRole("button", { name: "Save as PDF" }));
    const saved = await screen.findByText("PDF saved to /home/ann/service-report-2026-W48.pdf");
    expect(saved).toHaveAttribute("role", "status");
    expect(callsTo("report_save_pdf")[0]).toEqual({ request: { kind: "weekly", of: "2026-11-25" } });

    mockIpc({ report_service: () => sampleReport(), report_save_pdf: rejectWith(ipcError({ code: "no_report_font" })) });
    await user.click(screen.getByRole("button", { name: "Save as PDF" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The PDF could not be saved");
    expect(alert).toHaveTextContent("fonts-noto-cjk");
  });

  it("says nothing when the save dialog is closed", async () => {
    mockIpc({ report_service: () => sampleReport(), report_save_pdf: () => null });
    const { user } = renderApp("/dashboard/report");
    await screen.findByRole("heading", { name: "Weekly service report", level: 1 });
    await user.click(screen.getByRole("button", { name: "Save as PDF" }));
    await waitFor(() => expect(callsTo("report_save_pdf")).toHaveLength(1));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByText(/PDF saved/)).not.toBeInTheDocument();
  });

  it("is opened from the dashboard", async () => {
    mockIpc({ report_service: () => sampleReport() });
    const { user } = renderApp("/dashboard");
    await user.click(await screen.findByRole("link", { name: "Service report" }));
    expect(await screen.findByRole("heading", { name: "Weekly service report", level: 1 })).toBeInTheDocument();
  });
});
