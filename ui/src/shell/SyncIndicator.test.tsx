import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeList } from "../test/cases";
import { mockTauriEvents } from "../test/events";
import {
  callsTo,
  ipcError,
  mockIpc,
  sampleAppInfo,
  sampleSettings,
  sampleSyncStatus,
  signedInStatus,
  syncState,
} from "../test/ipc";
import { renderApp } from "../test/render";

let events: ReturnType<typeof mockTauriEvents> | null = null;

afterEach(() => {
  events?.restore();
  events = null;
});

async function statusBar() {
  return screen.findByRole("contentinfo", { name: "Status bar" });
}

/** The status bar's live region for sync (the other one says Online/Offline). */
function syncAnnouncements(bar: HTMLElement) {
  const regions = within(bar)
    .getAllByRole("status")
    .filter((el) => !/^(Online|Offline)$/.test(el.textContent ?? ""));
  expect(regions).toHaveLength(1);
  return regions[0]!;
}

describe("status bar, sync", () => {
  it("says Sync off, linking to the Sync page, when not signed in", async () => {
    mockIpc();
    const { user } = renderApp("/cases");
    const bar = await statusBar();
    const link = await within(bar).findByRole("link", { name: "Sync off" });
    await user.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Sync" })).toBeInTheDocument();
  });

  it.each([
    ["synced a minute ago", signedInStatus(), {}, "Synced 1 minute ago"],
    ["never synced", signedInStatus({ lastSyncAt: null }), {}, "Not synced yet"],
    ["receiving", signedInStatus(), { running: true, progress: { phase: "receiving", received: 340, sent: 0 } }, "Syncing… 340 received"],
    ["sending", signedInStatus(), { running: true, progress: { phase: "sending", received: 0, sent: 12 } }, "Syncing… 12 sent"],
    ["starting", signedInStatus(), { running: true, progress: null }, "Syncing…"],
    ["unreachable", signedInStatus({ lastErrorCode: "network" }), {}, "Offline — will retry"],
    ["refused", signedInStatus({ lastErrorCode: "unauthorized" }), {}, "Sync error"],
    ["cancelled", signedInStatus({ lastErrorCode: "cancelled" }), {}, "Sync cancelled"],
  ] as const)("shows %s", async (_what, status, live, text) => {
    mockIpc({ sync_state: () => syncState(status, live) });
    renderApp("/cases");
    const bar = await statusBar();
    expect(await within(bar).findByRole("link", { name: text })).toHaveAttribute("href", "#/sync");
  });

  it("shows the changes waiting and a conflicts badge that opens the conflicts", async () => {
    mockIpc({ sync_state: () => syncState(signedInStatus({ pending: 3, conflicts: 2 })) });
    const { user } = renderApp("/cases");
    const bar = await statusBar();
    expect(await within(bar).findByText("3 waiting")).toBeInTheDocument();
    await user.click(within(bar).getByRole("link", { name: "2 conflicts" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Conflicts" })).toBeInTheDocument();
  });

  it("shows conflicts even after signing out (they stay to be reviewed)", async () => {
    mockIpc({ sync_state: () => syncState(sampleSyncStatus({ conflicts: 1 })) });
    renderApp("/cases");
    const bar = await statusBar();
    expect(await within(bar).findByRole("link", { name: "1 conflict" })).toHaveAttribute("href", "#/sync/conflicts");
    expect(within(bar).getByRole("link", { name: "Sync off" })).toBeInTheDocument();
  });

  it("speaks Chinese", async () => {
    mockIpc({
      settings_get: () => sampleSettings({ language: "zh-Hans" }),
      sync_state: () => syncState(signedInStatus({ pending: 3, conflicts: 2 })),
    });
    renderApp("/cases");
    const bar = await screen.findByRole("contentinfo", { name: "状态栏" });
    expect(await within(bar).findByRole("link", { name: "1分钟前同步" })).toBeInTheDocument();
    expect(within(bar).getByText("3 项待发送")).toBeInTheDocument();
    expect(within(bar).getByRole("link", { name: "2 个冲突" })).toBeInTheDocument();
  });
});

describe("a database another program holds busy", () => {
  it("says Waiting for the database until it opens, then shows sync again", async () => {
    events = mockTauriEvents();
    let open = false;
    const unlessBusy = (answer: () => unknown) => () =>
      open ? answer() : Promise.reject(ipcError({ code: "busy" }));
    mockIpc({
      app_info: unlessBusy(() => sampleAppInfo),
      sync_state: unlessBusy(() => syncState(signedInStatus())),
    });
    renderApp("/cases");
    const bar = await statusBar();
    expect(await within(bar).findByText("Waiting for the database…")).toBeInTheDocument();
    // Not "unavailable": it is waited for.
    expect(within(bar).queryByText("App details unavailable")).not.toBeInTheDocument();
    await waitFor(() => expect(events!.listening("database-ready")).toBe(true));

    open = true;
    events.emit("database-ready", null);
    expect(await within(bar).findByRole("link", { name: "Synced 1 minute ago" })).toBeInTheDocument();
    expect(within(bar).queryByText("Waiting for the database…")).not.toBeInTheDocument();
    await waitFor(() => expect(syncAnnouncements(bar)).toHaveTextContent("Database open"));
    expect(await within(bar).findByText("Database: /home/sam/.local/share/frontline/frontline.db")).toBeInTheDocument();
  });
});

describe("sync events", () => {
  it("follows progress without asking Rust, announcing only the start and the end", async () => {
    events = mockTauriEvents();
    let running = false;
    mockIpc({ sync_state: () => syncState(signedInStatus(), { running }) });
    renderApp("/cases");
    const bar = await statusBar();
    await within(bar).findByRole("link", { name: "Synced 1 minute ago" });
    await waitFor(() => expect(events!.listening("sync-progress")).toBe(true));
    const live = syncAnnouncements(bar);
    expect(live).toBeEmptyDOMElement();
    const reads = callsTo("sync_state").length;

    running = true;
    events.emit("sync-progress", { phase: "receiving", received: 340, sent: 0 });
    // (The query cache tells its observers on the next tick.)
    expect(await within(bar).findByRole("link", { name: "Syncing… 340 received" })).toBeInTheDocument();
    await waitFor(() => expect(live).toHaveTextContent("Syncing…"));
    events.emit("sync-progress", { phase: "receiving", received: 900, sent: 0 });
    expect(await within(bar).findByRole("link", { name: "Syncing… 900 received" })).toBeInTheDocument();
    // Counts are shown, not announced.
    expect(live).toHaveTextContent(/^Syncing…$/);
    expect(callsTo("sync_state")).toHaveLength(reads);

    running = false;
    events.emit("sync-finished", { received: 900, sent: 0, conflicts: 0, errorCode: null });
    await waitFor(() => expect(within(bar).getByRole("link", { name: /^Synced / })).toBeInTheDocument());
    await waitFor(() => expect(live).toHaveTextContent("Synced just now"));
    await waitFor(() => expect(callsTo("sync_state").length).toBeGreaterThan(reads));
  });

  it("refreshes every view when pulled data arrives", async () => {
    events = mockTauriEvents();
    mockIpc({ case_list: fakeList(3), sync_state: () => syncState(signedInStatus()) });
    renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    await waitFor(() => expect(events!.listening("data-changed")).toBe(true));
    const lists = callsTo("case_list").length;
    const settings = callsTo("settings_get").length;
    events.emit("data-changed", null);
    await waitFor(() => expect(callsTo("case_list").length).toBeGreaterThan(lists));
    await waitFor(() => expect(callsTo("settings_get").length).toBeGreaterThan(settings));
  });

  it("refreshes the views when a finished sync received changes", async () => {
    events = mockTauriEvents();
    mockIpc({ case_list: fakeList(3), sync_state: () => syncState(signedInStatus()) });
    renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    await waitFor(() => expect(events!.listening("sync-finished")).toBe(true));
    const lists = callsTo("case_list").length;
    events.emit("sync-finished", { received: 5, sent: 0, conflicts: 0, errorCode: null });
    await waitFor(() => expect(callsTo("case_list").length).toBeGreaterThan(lists));
  });

  it("says when edits were replaced, with a way to the conflicts", async () => {
    events = mockTauriEvents();
    let conflicts = 0;
    mockIpc({ sync_state: () => syncState(signedInStatus({ conflicts })) });
    const { user } = renderApp("/cases");
    const bar = await statusBar();
    await within(bar).findByRole("link", { name: "Synced 1 minute ago" });
    await waitFor(() => expect(events!.listening("sync-finished")).toBe(true));

    conflicts = 2;
    events.emit("sync-finished", { received: 4, sent: 1, conflicts: 2, errorCode: null });
    expect(await screen.findByText("2 edits of yours were replaced by newer ones — review them.")).toBeInTheDocument();
    expect(await within(bar).findByRole("link", { name: "2 conflicts" })).toBeInTheDocument();
    await waitFor(() => expect(syncAnnouncements(bar)).toHaveTextContent("2 conflicts"));

    await user.click(screen.getByRole("button", { name: "Review conflicts" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Conflicts" })).toBeInTheDocument();
  });

  it("announces a failed sync by what it means", async () => {
    events = mockTauriEvents();
    let code: string | null = null;
    mockIpc({ sync_state: () => syncState(signedInStatus({ lastErrorCode: code })) });
    renderApp("/cases");
    const bar = await statusBar();
    await within(bar).findByRole("link", { name: "Synced 1 minute ago" });
    await waitFor(() => expect(events!.listening("sync-finished")).toBe(true));

    code = "network";
    events.emit("sync-finished", { received: 0, sent: 0, conflicts: 0, errorCode: "network" });
    expect(await within(bar).findByRole("link", { name: "Offline — will retry" })).toBeInTheDocument();
    await waitFor(() => expect(syncAnnouncements(bar)).toHaveTextContent("Offline — will retry"));
  });
});
