import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ServiceReport } from "../ipc/bindings";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

function sampleReport(overrides: Partial<ServiceReport> = {}): ServiceReport {
  const period = (first: string, last: string) => ({
    firstDay: first,
    lastDay: last,
    days: 7,
    start: `${first}T00:00:00.000Z`,
    end: `${last}T00:00:00.000Z`,
  });
  return {
    kind: "weekly",
    generatedAt: "2026-12-05T09:00:00.000Z",
    organisation: "Acme Support",
    timeZone: "Asia/Shanghai",
    current: period("2026-11-29", "2026-12-05"),
    previous: period("2026-11-22", "2026-11-28"),
    kpis: [
      { key: "created", name: "Cases created", unit: "cases", current: 120, currentBasis: 120, previous: 100, previousBasis: 100 },
      { key: "first_response", name: "First response time", unit: "seconds", current: 750, currentBasis: 80, previous: 900, previousBasis: 70 },
      { key: "sla_compliance", name: "SLA compliance", unit: "percent", current: 87.5, currentBasis: 40, previous: 90, previousBasis: 38 },
      { key: "csat", name: "CSAT", unit: "percent", current: null, currentBasis: 0, previous: 80, previousBasis: 5 },
      { key: "nps", name: "NPS", unit: "score", current: 12, currentBasis: 25, previous: -4, previousBasis: 20 },
    ],
    days: [
      { day: "2026-11-29", created: 10, slaCompliance: null, slaCases: 0 },
      { day: "2026-11-30", created: 30, slaCompliance: 75, slaCases: 8 },
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
    expect(callsTo("report_service")[0]).toEqual({ kind: "weekly" });
    const report = screen.getByRole("article", { name: "Weekly service report" });
    expect(within(report).getByText("Acme Support")).toBeInTheDocument();

    const kpis = screen.getByRole("region", { name: "Key performance indicators" });
    const row = (name: string) => within(kpis).getByRole("row", { name: new RegExp(`^${name}`) });
    expect(within(row("First response time")).getByText("13 min")).toBeInTheDocument();
    expect(within(row("SLA compliance")).getByText("87.5%")).toBeInTheDocument();
    expect(within(row("SLA compliance")).getByText("-2.5 pts")).toBeInTheDocument();
    expect(within(row("CSAT")).getByText("No data")).toBeInTheDocument();
    expect(within(row("NPS")).getByText("+12")).toBeInTheDocument();

    const days = screen.getByRole("region", { name: "Day by day" });
    expect(within(days).getByRole("row", { name: /2026-11-30 30 75%/ })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Top issues (categories)" })).toHaveTextContent("退款");
    expect(screen.queryByRole("region", { name: "Root causes" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it("switches to the monthly report", async () => {
    mockIpc({ report_service: (args) => sampleReport({ kind: (args as { kind: "weekly" | "monthly" }).kind }) });
    const { user } = renderApp("/dashboard/report");
    await screen.findByRole("heading", { name: "Weekly service report", level: 1 });
    await user.click(screen.getByRole("radio", { name: "Monthly" }));
    expect(await screen.findByRole("heading", { name: "Monthly service report", level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(callsTo("report_service")).toContainEqual({ kind: "monthly" }));
  });

  it("is opened from the dashboard", async () => {
    mockIpc({ report_service: () => sampleReport() });
    const { user } = renderApp("/dashboard");
    await user.click(await screen.findByRole("link", { name: "Service report" }));
    expect(await screen.findByRole("heading", { name: "Weekly service report", level: 1 })).toBeInTheDocument();
  });
});
