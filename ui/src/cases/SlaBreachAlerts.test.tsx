import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeList } from "../test/cases";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

type Listener = (event: { event: string; id: number; payload: unknown }) => void;
// @tauri-apps/api/event calls the bridge directly (not through the mocked `invoke`).
const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: (cb: Listener) => number; invoke: (cmd: string, args: unknown) => Promise<unknown> };
};

afterEach(() => {
  delete w.__TAURI_INTERNALS__;
  delete (window as { __TAURI_EVENT_PLUGIN_INTERNALS__?: unknown }).__TAURI_EVENT_PLUGIN_INTERNALS__;
});

describe("SLA breach alerts", () => {
  it("tells the supervisor when a case breaches its SLA and opens it", async () => {
    let listener: Listener | undefined;
    const bridge: { cmd: string; args: unknown }[] = [];
    w.__TAURI_INTERNALS__ = {
      transformCallback: (cb) => {
        listener = cb;
        return 7;
      },
      invoke: async (cmd, args) => {
        bridge.push({ cmd, args });
        return 7;
      },
    };
    (window as { __TAURI_EVENT_PLUGIN_INTERNALS__?: unknown }).__TAURI_EVENT_PLUGIN_INTERNALS__ = {
      unregisterListener: () => undefined,
    };
    mockIpc({ case_list: fakeList(3) });
    const { user } = renderApp("/cases");
    await waitFor(() => expect(listener).toBeDefined());
    await waitFor(() => expect(bridge[0]).toMatchObject({ cmd: "plugin:event|listen", args: { event: "sla-breached" } }));
    const before = callsTo("case_list").length;

    act(() =>
      listener!({
        event: "sla-breached",
        id: 7,
        payload: { cases: [{ id: "case-2", reference: "C-A1-00002", title: "Router keeps dropping" }] },
      }),
    );
    expect(await screen.findByText("SLA breached")).toBeInTheDocument();
    expect(screen.getByText("C-A1-00002 · Router keeps dropping")).toBeInTheDocument();
    // The lists are refreshed.
    await waitFor(() => expect(callsTo("case_list").length).toBeGreaterThan(before));

    await user.click(screen.getByRole("button", { name: "Open case" }));
    await waitFor(() => expect(window.location.hash).toBe("#/cases/case-2"));
  });
});
