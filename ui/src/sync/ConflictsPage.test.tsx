import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Conflict } from "../ipc/bindings";
import { callsTo, mockIpc, sampleConflict, sampleSettings, signedInStatus, syncState } from "../test/ipc";
import { renderApp } from "../test/render";

/** Conflicts served from a list that `sync_resolve_conflict` shrinks, as Rust would. */
function serve(initial: Conflict[]) {
  let open = [...initial];
  return {
    sync_state: () => syncState(signedInStatus({ conflicts: open.length })),
    sync_conflicts: () => open,
    sync_resolve_conflict: (args: Record<string, unknown> | undefined) => {
      open = open.filter((c) => c.id !== (args as { id: number }).id);
      return null;
    },
  };
}

async function conflictList() {
  return screen.findByRole("list", { name: "Conflicts to review" });
}

describe("Conflicts", () => {
  it("lists what, which field, both values and when, with named buttons", async () => {
    mockIpc(serve([sampleConflict()]));
    renderApp("/sync/conflicts");
    expect(await screen.findByRole("heading", { level: 1, name: "Conflicts" })).toBeInTheDocument();
    const list = await conflictList();
    const item = within(list).getByRole("article", { name: "C-K7-00001 · Refund not received Field: Title" });
    expect(within(item).getByRole("link", { name: "C-K7-00001 · Refund not received" })).toHaveAttribute(
      "href",
      "#/cases/case-1",
    );
    expect(within(item).getByText("Case")).toBeInTheDocument();
    expect(within(item).getByText("Your value").nextElementSibling).toHaveTextContent(
      "Refund not received after cancellation",
    );
    expect(within(item).getByText("Value kept").nextElementSibling).toHaveTextContent("Refund missing");
    expect(within(item).getByText("Found 5 minutes ago")).toBeInTheDocument();
    const keep = within(item).getByRole("button", { name: "Keep mine: Title of C-K7-00001 · Refund not received" });
    const accept = within(item).getByRole("button", {
      name: "Accept theirs: Title of C-K7-00001 · Refund not received",
    });
    expect(keep).toHaveTextContent("Keep mine");
    expect(accept).toHaveTextContent("Accept theirs");
  });

  it("keeps mine by calling Rust with keep_mine, then moves to the next conflict", async () => {
    mockIpc(
      serve([
        sampleConflict({ id: 1 }),
        sampleConflict({ id: 2, field: "priority", mine: "p1", theirs: "p3" }),
      ]),
    );
    const { user } = renderApp("/sync/conflicts");
    const list = await conflictList();
    const priority = within(list).getByRole("article", { name: /Field: Priority$/ });
    expect(within(priority).getByText("Your value").nextElementSibling).toHaveTextContent("P1 · Critical");
    expect(within(priority).getByText("Value kept").nextElementSibling).toHaveTextContent("P3 · Normal");

    await user.click(within(list).getByRole("button", { name: /^Keep mine: Title of/ }));
    expect(callsTo("sync_resolve_conflict")).toEqual([{ id: 1, resolution: "keep_mine" }]);
    expect(await screen.findByText("Your value is back: Title of C-K7-00001 · Refund not received")).toBeInTheDocument();
    await waitFor(() => expect(within(list).getAllByRole("article")).toHaveLength(1));
    await waitFor(() => expect(within(list).getByRole("article", { name: /Field: Priority$/ })).toHaveFocus());
  });

  it("accepts theirs with accept_theirs; after the last one, says there are none and takes the focus there", async () => {
    mockIpc(serve([sampleConflict({ id: 7 })]));
    const { user } = renderApp("/sync/conflicts");
    const list = await conflictList();
    await user.click(within(list).getByRole("button", { name: /^Accept theirs: Title of/ }));
    expect(callsTo("sync_resolve_conflict")).toEqual([{ id: 7, resolution: "accept_theirs" }]);
    expect(await screen.findByText("Kept the other value: Title of C-K7-00001 · Refund not received")).toBeInTheDocument();
    const none = await screen.findByRole("heading", { name: "No conflicts" });
    await waitFor(() => expect(none).toHaveFocus());
    // The status bar follows: no conflicts badge any more.
    const bar = screen.getByRole("contentinfo", { name: "Status bar" });
    await waitFor(() => expect(within(bar).queryByRole("link", { name: /conflict/ })).not.toBeInTheDocument());
  });

  it("asks which of two SLA policies for the same scope to keep", async () => {
    mockIpc(
      serve([
        sampleConflict({
          id: 3,
          kind: "duplicate",
          table: "sla_policies",
          rowId: "pol-a",
          field: "",
          label: "VIP billing",
          mine: "VIP billing",
          theirs: "VIP billing (Shanghai)",
        }),
      ]),
    );
    const { user } = renderApp("/sync/conflicts");
    const list = await conflictList();
    const item = within(list).getByRole("article", { name: /^Two SLA policies for the same scope/ });
    expect(within(item).getByText("SLA policy")).toBeInTheDocument();
    expect(within(item).getByText("This device's").nextElementSibling).toHaveTextContent("VIP billing");
    expect(within(item).getByText("The other").nextElementSibling).toHaveTextContent("VIP billing (Shanghai)");
    expect(within(item).getByRole("button", { name: "Keep this device's policy “VIP billing”" })).toHaveTextContent(
      "Keep this device's",
    );
    await user.click(within(item).getByRole("button", { name: "Keep the other policy “VIP billing (Shanghai)”" }));
    expect(callsTo("sync_resolve_conflict")).toEqual([{ id: 3, resolution: "accept_theirs" }]);
    expect(await screen.findByText("Policy “VIP billing (Shanghai)” kept")).toBeInTheDocument();
  });

  it("shows values as the screens do, and an empty value as empty", async () => {
    mockIpc(
      serve([
        sampleConflict({ id: 1, field: "channel", mine: "walk_in", theirs: "email" }),
        sampleConflict({ id: 2, table: "customers", rowId: "cust-1", label: "Wang Fang", field: "notes", mine: null, theirs: "Prefers calls" }),
        sampleConflict({
          id: 3,
          table: "workspace_settings",
          rowId: "workspace",
          label: "",
          field: "workingHours",
          mine: JSON.stringify(
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((weekday, i) => ({
              weekday,
              open: i < 5,
              start: "09:00",
              end: "17:30",
            })),
          ),
          theirs: null,
        }),
      ]),
    );
    renderApp("/sync/conflicts");
    const list = await conflictList();
    const channel = within(list).getByRole("article", { name: /Field: Channel$/ });
    expect(within(channel).getByText("Your value").nextElementSibling).toHaveTextContent("Walk-in");
    expect(within(channel).getByText("Value kept").nextElementSibling).toHaveTextContent("E-mail");
    const notes = within(list).getByRole("article", { name: "Wang Fang Field: Notes" });
    expect(within(notes).getByText("Your value").nextElementSibling).toHaveTextContent("(empty)");
    const hours = within(list).getByRole("article", { name: "Team settings Field: Working hours" });
    expect(within(hours).getByText("Your value").nextElementSibling).toHaveTextContent("Mon–Fri 09:00–17:30");
  });

  it("says so when there are none", async () => {
    mockIpc();
    renderApp("/sync/conflicts");
    expect(await screen.findByRole("heading", { name: "No conflicts" })).toBeInTheDocument();
    expect(screen.getByText(/Nothing needs your review/)).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Conflicts to review" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to Sync" })).toHaveAttribute("href", "#/sync");
  });

  it("names fields and buttons in Chinese", async () => {
    mockIpc({ ...serve([sampleConflict()]), settings_get: () => sampleSettings({ language: "zh-Hans" }) });
    renderApp("/sync/conflicts");
    expect(await screen.findByRole("heading", { level: 1, name: "冲突" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "待处理的冲突" });
    expect(
      within(list).getByRole("button", { name: "保留我的：C-K7-00001 · Refund not received 的标题" }),
    ).toBeInTheDocument();
    expect(within(list).getByText("当前保留的值")).toBeInTheDocument();
  });
});
