import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { invoke } from "@tauri-apps/api/core";
import { describe, expect, it, vi } from "vitest";

import type { CaseQuery } from "../ipc/bindings";
import { fakeList, minutesFromNow, sampleSummary, stubGridBox } from "../test/cases";
import { markOpening } from "../shell/openingMark";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

stubGridBox();

function pageRequests(): CaseQuery[] {
  return callsTo("case_list")
    .map((args) => (args as { query: CaseQuery }).query)
    .filter((q) => q.limit === 100);
}

async function grid() {
  return screen.findByRole("grid", { name: "Case list" });
}

describe("case list", () => {
  it("requests the first page of the queue and shows the total", async () => {
    mockIpc({ case_list: fakeList(1234) });
    renderApp("/cases");
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
    expect(await screen.findByText("1,234 cases")).toBeInTheDocument();
    expect(pageRequests()[0]).toEqual({
      queue: "all",
      me: null,
      text: null,
      statuses: [],
      priorities: [],
      channels: [],
      categories: [],
      assignees: [],
      customerIds: [],
      tag: null,
      createdFrom: null,
      createdTo: null,
      teams: [],
      tiers: [],
      resolvedFrom: null,
      resolvedTo: null,
      callbackDueFrom: null,
      callbackDueTo: null,
      journeyStages: [],
      rootCauses: [],
      sort: "created",
      descending: true,
      offset: 0,
      limit: 100,
    });
    const list = await grid();
    expect(list).toHaveAttribute("aria-rowcount", "1235");
    expect(await within(list).findByText("Case number 0")).toBeInTheDocument();
    // Only the rows in view are in the DOM.
    expect(within(list).getAllByRole("row").length).toBeLessThan(60);
  });

  it("keeps the column headers in their own row group, the element that sticks", async () => {
    mockIpc({ case_list: fakeList(1234) });
    renderApp("/cases");
    const list = await grid();
    const [headerGroup, body] = within(list).getAllByRole("rowgroup");
    // The header row alone in a row group: sticky on the row itself would scroll away
    // with its row group, so the row group carries the sticky class.
    expect(within(headerGroup!).getAllByRole("row")).toHaveLength(1);
    expect(within(headerGroup!).getByRole("columnheader", { name: "Ref." })).toBeInTheDocument();
    expect(headerGroup!.className).toMatch(/headerGroup/);
    expect(body!.className).not.toMatch(/headerGroup/);
  });

  it("names every column header, and each sort button its column and how the list is sorted", async () => {
    mockIpc({ case_list: fakeList(10) });
    const { user } = renderApp("/cases");
    const list = await grid();
    const headers = within(list).getAllByRole("columnheader");
    expect(headers).toHaveLength(9);
    for (const header of headers) expect(header).toHaveAccessibleName();
    expect(headers.slice(1).map((h) => h.getAttribute("aria-label"))).toEqual([
      "Ref.",
      "Priority",
      "Title",
      "Customer",
      "Status",
      "Assignee",
      "Due",
      "Created",
    ]);

    // The list opens newest first: only Created carries a sort state.
    const created = within(list).getByRole("columnheader", { name: "Created" });
    expect(created).toHaveAttribute("aria-sort", "descending");
    expect(within(created).getByRole("button")).toHaveAccessibleName("Created, sorted descending");
    const priority = within(list).getByRole("columnheader", { name: "Priority" });
    expect(priority).not.toHaveAttribute("aria-sort");
    expect(within(priority).getByRole("button")).toHaveAccessibleName("Priority, not sorted");
    // Title is not sortable: a plain header, no button.
    expect(within(within(list).getByRole("columnheader", { name: "Title" })).queryByRole("button")).toBeNull();

    await user.click(within(priority).getByRole("button"));
    await waitFor(() => expect(within(priority).getByRole("button")).toHaveAccessibleName("Priority, sorted ascending"));
    expect(priority).toHaveAttribute("aria-sort", "ascending");
    expect(within(created).getByRole("button")).toHaveAccessibleName("Created, not sorted");
    expect(created).not.toHaveAttribute("aria-sort");
  });

  it("names a row's title link by the title alone, its category apart", async () => {
    mockIpc({ case_list: fakeList(3) });
    renderApp("/cases");
    const list = await grid();
    const link = await within(list).findByRole("link", { name: "Case number 1" });
    expect(link).toHaveAccessibleName("Case number 1");
    expect(link).not.toHaveTextContent("Billing");
    // Read as one cell, title and category are separated.
    const cell = link.closest('[role="gridcell"]')!;
    expect(cell).toHaveTextContent(/^Case number 1, Billing$/);
  });

  it("fetches the page under the scroll position by its offset", async () => {
    mockIpc({ case_list: fakeList(100_000) });
    renderApp("/cases");
    const list = await grid();
    await within(list).findByText("Case number 0");
    list.scrollTop = 36 * 25_000;
    fireEvent.scroll(list);
    expect(await within(list).findByText("Case number 25010")).toBeInTheDocument();
    const offsets = pageRequests().map((q) => q.offset);
    expect(offsets).toContain(25_000);
    expect(offsets).not.toContain(100);
    const row = within(list).getByText("Case number 25010").closest('[role="row"]');
    expect(row).toHaveAttribute("aria-rowindex", "25012");
  });

  it("sends the queue, search text (debounced) and sort to Rust", async () => {
    mockIpc({ case_list: fakeList(10) });
    const { user } = renderApp("/cases");
    await grid();
    await user.click(screen.getByRole("tab", { name: "Breaching" }));
    await waitFor(() => expect(pageRequests().at(-1)?.queue).toBe("breaching"));

    await user.type(screen.getByRole("searchbox", { name: "Search cases" }), "退款 refund");
    await waitFor(() => expect(pageRequests().at(-1)?.text).toBe("退款 refund"), { timeout: 2000 });
    // One request for the finished text, none per keystroke.
    expect(pageRequests().filter((q) => q.text && q.text !== "退款 refund")).toEqual([]);

    await user.click(within(await grid()).getByRole("button", { name: /Priority/ }));
    await waitFor(() => expect(pageRequests().at(-1)).toMatchObject({ sort: "priority", descending: false }));
    expect(within(await grid()).getByRole("columnheader", { name: /Priority/ })).toHaveAttribute("aria-sort", "ascending");
  });

  it("says beside the search box when Rust refuses a search text as too long", async () => {
    const list = fakeList(10);
    mockIpc({
      case_list: (args) => {
        const { query } = args as { query: CaseQuery };
        if ([...(query.text ?? "")].length > 200) {
          return Promise.reject(ipcError({ code: "validation", field: "text", rule: "too_long", limit: 200 }));
        }
        return list(args);
      },
    });
    const { user } = renderApp("/cases");
    await grid();
    const box = screen.getByRole("searchbox", { name: "Search cases" });
    fireEvent.change(box, { target: { value: "退".repeat(201) } });
    await waitFor(() => expect(box).toHaveAccessibleDescription("Must be at most 200 characters."), { timeout: 2000 });
    expect(box).toHaveAttribute("aria-invalid", "true");
    // Not a failure of the whole list.
    expect(screen.queryByText("Cases could not be loaded")).not.toBeInTheDocument();
    expect(box).toHaveValue("退".repeat(201));

    await user.type(box, "{Backspace}");
    await waitFor(() => expect(box).not.toHaveAttribute("aria-invalid", "true"), { timeout: 2000 });
    expect(await grid()).toBeInTheDocument();
  });

  it("offers one clear button in the search box, named, and clearing keeps the focus there", async () => {
    mockIpc({ case_list: fakeList(10) });
    const { user } = renderApp("/cases");
    await grid();
    const box = screen.getByRole("searchbox", { name: "Search cases" });
    // Not type="search": the browser would draw a second, unnamed clear button of its own.
    expect(box).not.toHaveAttribute("type", "search");
    expect(screen.queryByRole("button", { name: "Clear search" })).not.toBeInTheDocument();

    await user.type(box, "refund");
    await waitFor(() => expect(pageRequests().at(-1)?.text).toBe("refund"), { timeout: 2000 });
    expect(screen.getAllByRole("button", { name: "Clear search" })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Clear search" }));
    expect(box).toHaveValue("");
    expect(box).toHaveFocus();
    // Back to the list before the search: its page, loaded moments ago, is shown from the cache.
    await waitFor(() => expect(window.location.hash).not.toContain("q="));
    expect(pageRequests().filter((q) => q.text === null)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Clear search" })).not.toBeInTheDocument();
  });

  it("keeps the focus on a row whose data arrives while it has the focus", async () => {
    // Pages after the first wait until released, so the far rows are placeholders first.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pages = fakeList(100_000);
    mockIpc({
      case_list: async (args) => {
        if ((args as { query: CaseQuery }).query.offset > 0) await gate;
        return pages(args);
      },
    });
    renderApp("/cases");
    const list = await grid();
    await within(list).findByText("Case number 0");
    list.scrollTop = 36 * 50_000;
    fireEvent.scroll(list);
    // Row 50,010 (aria-rowindex 50,012) is still loading: a keyboard user lands on it.
    const placeholder = await waitFor(() => {
      const el = list.querySelector<HTMLElement>('[role="row"][aria-rowindex="50012"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(within(placeholder).getByText("Loading…")).toBeInTheDocument();
    act(() => placeholder.focus());
    expect(placeholder).toHaveFocus();

    await act(async () => release());
    const loaded = (await within(list).findByText("Case number 50010")).closest('[role="row"]');
    expect(loaded).toHaveAttribute("aria-rowindex", "50012");
    // The same row keeps the focus: it is not replaced by a new element (focus would
    // fall back to the page and arrow keys would stop working).
    expect(loaded).toHaveFocus();
  });

  it("highlights rows that are breached, or at risk as Rust decided", async () => {
    mockIpc({
      case_list: fakeList(4, (i) =>
        sampleSummary(i, {
          resolutionDueAt: [minutesFromNow(-30), minutesFromNow(40), minutesFromNow(600), minutesFromNow(20)][i]!,
          // Rust's rule: the last fifth of the target, in business time. Row 2 is in the
          // last fifth of a long target; row 3, due sooner, is not (a short target).
          atRisk: [false, true, true, false][i]!,
        }),
      ),
    });
    renderApp("/cases");
    const list = await grid();
    const row = async (n: number) => (await within(list).findByText(`Case number ${n}`)).closest('[role="row"]');
    expect(await row(0)).toHaveAttribute("data-sla", "breached");
    expect(within((await row(0)) as HTMLElement).getByText(/30 min overdue/)).toBeInTheDocument();
    expect(within((await row(0)) as HTMLElement).getByText(/Breached/)).toBeInTheDocument();
    expect(await row(1)).toHaveAttribute("data-sla", "at_risk");
    expect(within((await row(1)) as HTMLElement).getByText(/in 40 min/)).toBeInTheDocument();
    expect(within((await row(1)) as HTMLElement).getByText(/At risk/)).toBeInTheDocument();
    expect(await row(2)).toHaveAttribute("data-sla", "at_risk");
    expect(await row(3)).not.toHaveAttribute("data-sla");
    expect(within((await row(3)) as HTMLElement).getByText(/in 20 min/)).toBeInTheDocument();
  });

  it("shows the first rows before the queue counts, which fill in after a described placeholder", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const list = fakeList(1234);
    mockIpc({
      case_list: list,
      case_queue_counts: async () => {
        await gate;
        return { all: 1234, mine: null, unassigned: 17, breaching: 3, escalated: 5, vip: 40, awaitingCallback: 2 };
      },
    });
    renderApp("/cases");
    const grid_ = await grid();
    expect(await within(grid_).findByText("Case number 0")).toBeInTheDocument();
    // The list did not wait for the counts: they are asked for once its rows are drawn.
    await waitFor(() => expect(callsTo("case_queue_counts")).toHaveLength(1));
    const calls = vi.mocked(invoke).mock.calls.map(([cmd]) => cmd);
    expect(calls.indexOf("case_list")).toBeLessThan(calls.indexOf("case_queue_counts"));
    const tabs = screen.getByRole("tablist", { name: "Queues" });
    expect(tabs).toHaveAttribute("aria-busy", "true");
    const unassigned = screen.getByRole("tab", { name: "Unassigned" });
    expect(unassigned).toHaveAccessibleDescription("Counting…");
    const placeholder = document.getElementById("queue-count-unassigned")!;
    expect(placeholder.className).toBe(document.getElementById("queue-count-all")!.className);

    await act(async () => release());
    await waitFor(() => expect(unassigned).toHaveAccessibleDescription("17"));
    expect(screen.getByRole("tab", { name: "Breaching" })).toHaveAccessibleDescription("3");
    expect(screen.getByRole("tab", { name: "All cases" })).toHaveAccessibleDescription("1,234");
    expect(tabs).not.toHaveAttribute("aria-busy");
    // The count takes the placeholder's place, in the same box.
    expect(document.getElementById("queue-count-unassigned")!.className).toBe(placeholder.className);
    // "My cases" has no count until the user says who they are.
    expect(document.getElementById("queue-count-mine")).toBeNull();
  });

  it("logs how long the first rows took to show, once", async () => {
    mockIpc({ case_list: fakeList(50) });
    renderApp("/cases");
    await within(await grid()).findByText("Case number 0");
    await waitFor(() => expect(callsTo("app_log_timing")).toHaveLength(1));
    const [call] = callsTo("app_log_timing") as { timing: string; ms: number }[];
    expect(call!.timing).toBe("cases_first_rows");
    expect(call!.ms).toBeGreaterThanOrEqual(0);
  });

  it("times the first rows from the navbar's request, not from its own first render", async () => {
    mockIpc({ case_list: fakeList(50) });
    const now = vi.spyOn(performance, "now").mockReturnValue(1_000);
    markOpening("/cases");
    now.mockReturnValue(5_000);
    try {
      renderApp("/cases");
      await within(await grid()).findByText("Case number 0");
      await waitFor(() => expect(callsTo("app_log_timing")).toHaveLength(1));
    } finally {
      now.mockRestore();
    }
    const [call] = callsTo("app_log_timing") as { timing: string; ms: number }[];
    expect(call).toEqual({ timing: "cases_first_rows", ms: 4_000 });
  });

  it("moves between rows with the arrow keys, selects with Space and opens with Enter", async () => {
    mockIpc({ case_list: fakeList(50), case_get: () => Promise.reject({ code: "not_found", message: "", field: null, rule: null, limit: null }) });
    const { user } = renderApp("/cases");
    const list = await grid();
    await within(list).findByText("Case number 0");
    const first = within(list).getByText("Case number 0").closest('[role="row"]') as HTMLElement;
    act(() => first.focus());
    await user.keyboard("{ArrowDown}{ArrowDown}");
    const third = within(list).getByText("Case number 2").closest('[role="row"]') as HTMLElement;
    expect(third).toHaveFocus();
    await user.keyboard(" ");
    expect(third).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("toolbar", { name: "Bulk actions" })).toHaveTextContent("1 selected");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(window.location.hash).toBe("#/cases/case-2"));
  });
});
