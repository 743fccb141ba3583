import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LIMITS } from "../../ipc/bindings";
import { ALLOWED_ACTIONS, sampleDetail } from "../../test/cases";
import { callsTo, ipcError, mockIpc, sampleSettings } from "../../test/ipc";
import { renderApp } from "../../test/render";
import { callbackWindow } from "./CallbackDialogs";

function openResolvedCase(handlers = {}) {
  mockIpc({
    case_get: () =>
      sampleDetail({ nextStatuses: ["closed", "open"], allowedActions: [...ALLOWED_ACTIONS.resolved] }, { status: "resolved" }),
    ...handlers,
  });
  return renderApp("/cases/case-1");
}

describe("scheduling a call-back", () => {
  it("offers the window Rust accepts: a year back, two years ahead", () => {
    expect(LIMITS.callbackDaysBack).toBe(365);
    expect(LIMITS.callbackDaysAhead).toBe(730);
    const now = new Date("2026-03-02T09:00:00Z");
    const { minDate, maxDate } = callbackWindow(now);
    expect(minDate.toISOString()).toBe("2025-03-02T09:00:00.000Z");
    expect(maxDate.toISOString()).toBe("2028-03-01T09:00:00.000Z");
  });

  it("shows Rust's refusal of a date beyond the window beside the date field", async () => {
    const { user } = openResolvedCase({
      case_schedule_callback: () =>
        Promise.reject(ipcError({ code: "validation", field: "dueAt", rule: "too_late", limit: 730 })),
    });
    await user.click(await screen.findByRole("button", { name: "Schedule call-back" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule call-back" });
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(callsTo("case_schedule_callback")).toHaveLength(1));
    const field = within(dialog).getByRole("button", { name: "Call-back date and time" });
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription("Choose a date no more than 730 days from today."),
    );
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("dialog", { name: "Schedule call-back" })).toBeInTheDocument();
  }, 15_000);

  it("says the same in Chinese, and a date too far back", async () => {
    const { user } = openResolvedCase({
      settings_get: () => sampleSettings({ language: "zh-Hans" }),
      case_schedule_callback: () =>
        Promise.reject(ipcError({ code: "validation", field: "dueAt", rule: "too_early", limit: 365 })),
    });
    await user.click(await screen.findByRole("button", { name: "安排回访" }));
    const dialog = await screen.findByRole("dialog", { name: "安排回访" });
    await user.click(within(dialog).getByRole("button", { name: "安排" }));
    const field = within(dialog).getByRole("button", { name: "回访日期和时间" });
    await waitFor(() => expect(field).toHaveAccessibleDescription("请选择今天之前不超过 365 天的日期。"));
  }, 15_000);
});

