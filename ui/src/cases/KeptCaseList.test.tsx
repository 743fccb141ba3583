import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { fakeList, stubGridBox } from "../test/cases";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

stubGridBox();

/** The Cases grid once it is in the document, seen or not (a hidden one has no role for queries). */
async function drawnGrid(): Promise<HTMLElement> {
  return waitFor(() => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    expect(grid).not.toBeNull();
    return grid!;
  });
}

async function openSection(name: string) {
  const nav = await screen.findByRole("navigation", { name: "Main" });
  fireEvent.click(within(nav).getByRole("link", { name }));
}

function casesTimings(): number[] {
  return (callsTo("app_log_timing") as { timing: string; ms: number }[])
    .filter((call) => call.timing === "cases_first_rows")
    .map((call) => call.ms);
}

/**
 * The Cases timings logged when `open` opens Cases at 9 s, on a clock that read 1 s while
 * the Dashboard was shown and the list drawn ahead: a visit timed from its drawing would
 * log 8000 ms.
 */
async function timedVisit(open: () => Promise<void> | void): Promise<number[]> {
  mockIpc({ case_list: fakeList(50) });
  const now = vi.spyOn(performance, "now").mockReturnValue(1_000);
  try {
    renderApp("/dashboard");
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });
    await drawnGrid();
    now.mockReturnValue(9_000);
    await open();
    await waitFor(() => expect(casesTimings()).toHaveLength(1));
  } finally {
    now.mockRestore();
  }
  return casesTimings();
}

describe("the Cases list drawn ahead of its visits", () => {
  it("is drawn hidden once the Dashboard has loaded its first page, and opening Cases shows that same list", async () => {
    mockIpc({ case_list: fakeList(50) });
    renderApp("/dashboard");
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });

    const grid = await drawnGrid();
    expect(within(grid).getByText("Case number 0")).not.toBeVisible();
    expect(screen.queryByRole("grid")).toBeNull();
    expect(screen.getAllByRole("heading", { level: 1 }).map((h) => h.textContent)).toEqual(["Dashboard"]);

    await openSection("Cases");
    expect(await screen.findByRole("grid", { name: "Case list" })).toBe(grid);
    expect(within(grid).getByText("Case number 0")).toBeVisible();
    expect(screen.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();

    // Left: that copy is gone, and a fresh one is drawn, hidden, for the next visit.
    await openSection("Dashboard");
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });
    expect(grid).not.toBeInTheDocument();
    const next = await drawnGrid();
    expect(next).not.toBe(grid);
    expect(next).not.toBeVisible();
  });

  it("starts each visit afresh, without what was open when it was left", async () => {
    mockIpc({ case_list: fakeList(50) });
    renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    fireEvent.keyDown(document.documentElement, { key: "n" });
    expect(await screen.findByRole("dialog", { name: "New case" })).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "1", ctrlKey: true });
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });
    fireEvent.keyDown(document.documentElement, { key: "2", ctrlKey: true });
    await screen.findByRole("grid", { name: "Case list" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it("answers its shortcuts only while it is on screen", async () => {
    mockIpc({ case_list: fakeList(50) });
    renderApp("/dashboard");
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });
    await drawnGrid();

    fireEvent.keyDown(document.documentElement, { key: "n" });
    expect(screen.queryByRole("dialog", { name: "New case" })).toBeNull();

    await openSection("Cases");
    await screen.findByRole("grid", { name: "Case list" });
    fireEvent.keyDown(document.documentElement, { key: "n" });
    expect(await screen.findByRole("dialog", { name: "New case" })).toBeInTheDocument();
  });

  it("times a visit from the navbar's request, not from when it was drawn", async () => {
    expect(await timedVisit(() => openSection("Cases"))).toEqual([0]);
  });

  it("times a visit no navbar request started from when it was shown", async () => {
    // A link elsewhere in the app, or Back, rather than the navbar.
    expect(await timedVisit(() => void (window.location.hash = "#/cases"))).toEqual([0]);
  });
});
