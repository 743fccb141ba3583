import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { sampleDashboard } from "../test/dashboard";
import { mockIpc, withCases } from "../test/ipc";
import { renderApp } from "../test/render";

describe("review reminders on the home screen", () => {
  it("lists published articles past their review date, each linking to it", async () => {
    mockIpc({
      ...withCases,
      kpi_dashboard: () => sampleDashboard(),
      kb_review_due: () => ({
        articles: [
          { id: "art-1", title: "退款流程", kind: "sop", owner: "Mei Chen", reviewOn: "2026-11-20", daysOverdue: 12 },
          { id: "art-2", title: "Outage script", kind: "call_script", owner: "", reviewOn: "2026-12-02", daysOverdue: 0 },
        ],
        total: 3,
      }),
    });
    renderApp("/dashboard");
    const panel = await screen.findByRole("region", { name: "3 articles due for review" });
    expect(within(panel).getByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
    expect(within(panel).getByText("Review 12 days overdue (since Nov 20, 2026)")).toBeInTheDocument();
    expect(within(panel).getByText("Owner: Mei Chen")).toBeInTheDocument();
    expect(within(panel).getByRole("link", { name: "Outage script" })).toHaveAttribute("href", "#/knowledge/art-2");
    expect(within(panel).getByText("Review due today")).toBeInTheDocument();
    expect(within(panel).getByText("and 1 more")).toBeInTheDocument();
  });

  it("shows nothing when no article is due", async () => {
    mockIpc({ ...withCases, kpi_dashboard: () => sampleDashboard() });
    renderApp("/dashboard");
    await screen.findByRole("list", { name: "Key performance indicators" });
    expect(screen.queryByRole("region", { name: /due for review/ })).not.toBeInTheDocument();
  });
});
