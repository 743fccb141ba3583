import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { OverdueStep } from "../ipc/bindings";
import { mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

// The Tauri event bus and the notification plugin, as the window would have them.
const listeners = vi.hoisted(() => new Map<string, (event: { payload: unknown }) => void>());
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn((name: string, cb: (event: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return Promise.resolve(() => listeners.delete(name));
  }),
}));
const sendNotification = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/plugin-notification", () => ({
  isPermissionGranted: () => Promise.resolve(true),
  requestPermission: () => Promise.resolve("granted"),
  sendNotification,
}));

const overdue: OverdueStep = {
  runId: "run-1",
  runKind: "drill",
  title: "Telephony outage",
  stepId: "s3",
  stepText: "Switch to the backup line",
  dueAt: "2026-03-02T09:15:00.000Z",
};

afterEach(() => vi.restoreAllMocks());

describe("a required step passing its target", () => {
  it("shows a notice leading to the run, and a desktop notification when the window is not in front", async () => {
    vi.spyOn(document, "hasFocus").mockReturnValue(false);
    mockIpc({});
    const { user } = renderApp("/cases");
    await waitFor(() => expect(listeners.has("run-steps-overdue")).toBe(true));
    listeners.get("run-steps-overdue")?.({ payload: { steps: [overdue] } });
    expect(await screen.findByText("Step overdue — Drill: Telephony outage")).toBeInTheDocument();
    await waitFor(() => expect(sendNotification).toHaveBeenCalledWith({ title: "Step overdue — Drill: Telephony outage", body: "Switch to the backup line" }));
    await user.click(screen.getByRole("button", { name: "Open the run" }));
    expect(window.location.hash).toBe("#/plans/runs/run-1");
  });
});
