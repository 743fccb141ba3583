import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeList } from "../test/cases";
import { mockTauriEvents } from "../test/events";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

let events: ReturnType<typeof mockTauriEvents> | null = null;

afterEach(() => {
  events?.restore();
  events = null;
});

describe("SLA breach alerts", () => {
  it("tells the supervisor when a case breaches its SLA and opens it", async () => {
    events = mockTauriEvents();
    mockIpc({ case_list: fakeList(3) });
    const { user } = renderApp("/cases");
    await waitFor(() => expect(events!.listening("sla-breached")).toBe(true));
    const before = callsTo("case_list").length;

    events.emit("sla-breached", { cases: [{ id: "case-2", reference: "C-A1-00002", title: "Router keeps dropping" }] });
    expect(await screen.findByText("SLA breached")).toBeInTheDocument();
    expect(screen.getByText("C-A1-00002 · Router keeps dropping")).toBeInTheDocument();
    // The lists are refreshed.
    await waitFor(() => expect(callsTo("case_list").length).toBeGreaterThan(before));

    await user.click(screen.getByRole("button", { name: "Open case" }));
    await waitFor(() => expect(window.location.hash).toBe("#/cases/case-2"));
  });
});
