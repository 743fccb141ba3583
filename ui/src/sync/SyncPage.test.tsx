import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { SignIn, SyncStatus } from "../ipc/bindings";
import {
  callsTo,
  ipcError,
  mockIpc,
  rejectWith,
  sampleAppInfo,
  sampleSettings,
  sampleSyncStatus,
  signedInStatus,
  syncState,
} from "../test/ipc";
import { renderApp } from "../test/render";

/** Text only a screen reader gets (live regions), left out when looking for what is shown. */
const VISUALLY_HIDDEN = "script, style, .visually-hidden";

/** The Sync status section's live region, which says each phase of a running sync. */
function phaseAnnouncement(status: HTMLElement) {
  const regions = within(status)
    .getAllByRole("status")
    .filter((el) => el.classList.contains("visually-hidden"));
  expect(regions).toHaveLength(1);
  return regions[0]!;
}

async function signInForm() {
  return screen.findByRole("form", { name: "Sign in to your team's server" });
}

/** Types the fields of the sign-in form (the device name only when given). */
async function fillSignIn(user: ReturnType<typeof renderApp>["user"], values: Partial<SignIn> = {}) {
  const form = await signInForm();
  const v = { server: "https://sync.acme.test", workspace: "acme", email: "sam@acme.test", password: "correct horse", ...values };
  if (v.server) await user.type(within(form).getByRole("textbox", { name: "Server address" }), v.server);
  if (v.workspace) await user.type(within(form).getByRole("textbox", { name: "Workspace" }), v.workspace);
  if (v.email) await user.type(within(form).getByRole("textbox", { name: "E-mail" }), v.email);
  if (v.password) await user.type(within(form).getByLabelText("Password"), v.password);
  if (v.deviceName) await user.type(within(form).getByRole("textbox", { name: "Device name" }), v.deviceName);
  return form;
}

describe("Sync page, signed out", () => {
  it("offers the sign-in form and says the password is not stored", async () => {
    mockIpc();
    renderApp("/sync");
    expect(await screen.findByRole("heading", { level: 1, name: "Sync" })).toBeInTheDocument();
    const form = await signInForm();
    expect(within(form).getByRole("textbox", { name: "Server address" })).toHaveAttribute(
      "placeholder",
      "https://sync.example.com",
    );
    expect(within(form).getByText(/Your password is not stored/)).toBeInTheDocument();
    expect(within(form).getByRole("button", { name: "Sign in" })).toBeInTheDocument();
  });

  it("fills in the server and workspace this database signed in to before", async () => {
    mockIpc({ sync_state: () => syncState(sampleSyncStatus({ server: "https://sync.acme.test", workspace: "acme" })) });
    renderApp("/sync");
    const form = await signInForm();
    expect(within(form).getByRole("textbox", { name: "Server address" })).toHaveValue("https://sync.acme.test");
    expect(within(form).getByRole("textbox", { name: "Workspace" })).toHaveValue("acme");
  });

  it("marks empty fields beside them and sends nothing", async () => {
    mockIpc();
    const { user } = renderApp("/sync");
    const form = await signInForm();
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    const server = within(form).getByRole("textbox", { name: "Server address" });
    expect(server).toHaveAccessibleDescription(/This field is required/);
    expect(server).toHaveFocus();
    expect(within(form).getByLabelText("Password")).toHaveAccessibleDescription(/This field is required/);
    expect(callsTo("sync_sign_in")).toEqual([]);
  });

  it("shows an address Rust refuses beside the address field", async () => {
    mockIpc({ sync_sign_in: rejectWith(ipcError({ code: "validation", field: "server", rule: "invalid_value" })) });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user, { server: "sync.acme.test" });
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    const server = within(form).getByRole("textbox", { name: "Server address" });
    await waitFor(() => expect(server).toHaveAccessibleDescription(/Enter the full address, starting with https:\/\//));
    expect(server).toHaveFocus();
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();
    // Typing again clears the message.
    await user.type(server, "x");
    expect(server).not.toHaveAccessibleDescription(/Enter the full address/);
  });

  it("says clearly when the password is refused", async () => {
    mockIpc({ sync_sign_in: rejectWith(ipcError({ code: "unauthorized" })) });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user);
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Not signed in");
    expect(alert).toHaveTextContent("The server did not accept this e-mail and password. Check both and try again.");
  });

  it.each([
    ["network", /The sync server cannot be reached/],
    ["rate_limited", /Too many sign-in attempts/],
    ["update_required", /needs a newer version of Frontline/],
  ] as const)("translates a %s failure in the form's alert", async (code, text) => {
    mockIpc({ sync_sign_in: rejectWith(ipcError({ code })) });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user);
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(text);
  });

  it("sends the device name when one is given, and lets it be left empty", async () => {
    mockIpc({ sync_sign_in: () => signedInStatus() });
    const { user } = renderApp("/sync");
    const form = await signInForm();
    const device = within(form).getByRole("textbox", { name: "Device name" });
    expect(device).toHaveAccessibleDescription(/Leave empty to use the computer's name/);
    await fillSignIn(user, { deviceName: "  Front desk laptop " });
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(callsTo("sync_sign_in")).toHaveLength(1));
    expect(callsTo("sync_sign_in")[0]).toMatchObject({ input: { deviceName: "Front desk laptop" } });
  });

  it("shows a device name Rust refuses beside the device name field", async () => {
    mockIpc({
      sync_sign_in: rejectWith(ipcError({ code: "validation", field: "deviceName", rule: "too_long", limit: 128 })),
    });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user, { deviceName: "Laptop" });
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    const device = within(form).getByRole("textbox", { name: "Device name" });
    await waitFor(() => expect(device).toHaveAccessibleDescription(/128/));
    expect(device).toHaveFocus();
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("puts a database of another workspace beside the workspace field", async () => {
    mockIpc({ sync_sign_in: rejectWith(ipcError({ code: "other_workspace" })) });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user, { workspace: "globex" });
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    await waitFor(() =>
      expect(within(form).getByRole("textbox", { name: "Workspace" })).toHaveAccessibleDescription(
        /This database belongs to another workspace/,
      ),
    );
  });

  it("says Signing in… while it waits, then shows the state and moves the focus to it", async () => {
    let signedIn = false;
    let answer: (status: SyncStatus) => void = () => {};
    mockIpc({
      sync_state: () => syncState(signedIn ? signedInStatus({ lastSyncAt: null }) : sampleSyncStatus()),
      sync_sign_in: () =>
        new Promise<SyncStatus>((resolve) => {
          answer = (status) => {
            signedIn = true;
            resolve(status);
          };
        }),
    });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user, { server: "  https://sync.acme.test/  ", workspace: " acme " });
    await user.click(within(form).getByRole("button", { name: "Sign in" }));

    const button = await within(form).findByRole("button", { name: "Signing in…" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(within(form).getAllByRole("status").some((s) => s.textContent === "Signing in…")).toBe(true);
    expect(callsTo("sync_sign_in")).toEqual([
      {
        input: {
          server: "https://sync.acme.test/",
          workspace: "acme",
          email: "sam@acme.test",
          password: "correct horse",
          deviceName: "",
        },
      },
    ]);

    answer(signedInStatus({ lastSyncAt: null }));
    const heading = await screen.findByRole("heading", { name: "Sync status" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByRole("form", { name: "Sign in to your team's server" })).not.toBeInTheDocument();
    expect(await screen.findByText("Signed in to acme")).toBeInTheDocument();
  });
});

describe("Sync page, when the state is read slowly", () => {
  /** A promise the test settles, and the function that settles it. */
  function gate() {
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  it("says it signed in and moves the focus, although the form is gone before the state is read again", async () => {
    let signedIn = false;
    const reread = gate();
    mockIpc({
      sync_state: async () => {
        if (!signedIn) return syncState(sampleSyncStatus());
        await reread.opened;
        return syncState(signedInStatus({ lastSyncAt: null }));
      },
      sync_sign_in: () => {
        signedIn = true;
        return signedInStatus({ lastSyncAt: null });
      },
    });
    const { user } = renderApp("/sync");
    const form = await fillSignIn(user);
    await user.click(within(form).getByRole("button", { name: "Sign in" }));
    const heading = await screen.findByRole("heading", { name: "Sync status" });
    expect(form).not.toBeInTheDocument();

    reread.open();
    expect(await screen.findByText("Signed in to acme")).toBeInTheDocument();
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("says it signed out and moves the focus, although the dialog is gone before the state is read again", async () => {
    let signedIn = true;
    const reread = gate();
    const signedOut = sampleSyncStatus({ server: "https://sync.acme.test", workspace: "acme" });
    mockIpc({
      sync_state: async () => {
        if (signedIn) return syncState(signedInStatus());
        await reread.opened;
        return syncState(signedOut);
      },
      sync_sign_out: () => {
        signedIn = false;
        return signedOut;
      },
    });
    const { user } = renderApp("/sync");
    const account = await screen.findByRole("region", { name: "Account and device" });
    await user.click(within(account).getByRole("button", { name: "Sign out" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out of acme?" });
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await signInForm();
    expect(dialog).not.toBeInTheDocument();

    reread.open();
    expect(await screen.findByText("Signed out. The data stays on this computer.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { name: "Sign in to your team's server" })).toHaveFocus());
  });

  it("says the demo data was cleared, although the block is gone before every view is read again", async () => {
    let demo = true;
    const reread = gate();
    mockIpc({
      sync_state: () => syncState(sampleSyncStatus({ holdsDemoData: demo })),
      // Another view on screen answers late: the state (read first) has already
      // replaced the block when clearing is done.
      app_info: async () => {
        if (!demo) await reread.opened;
        return sampleAppInfo;
      },
      demo_clear: () => {
        demo = false;
        return { cases: 20 };
      },
    });
    const { user } = renderApp("/sync");
    const block = await screen.findByRole("region", { name: "Clear the demo data before signing in" });
    await user.click(within(block).getByRole("button", { name: "Clear demo data" }));
    const dialog = await screen.findByRole("dialog", { name: "Clear demo data?" });
    await user.click(within(dialog).getByRole("button", { name: "Clear demo data" }));
    await signInForm();
    expect(block).not.toBeInTheDocument();

    reread.open();
    expect(await screen.findByText("Demo data cleared: 20 cases removed")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { name: "Sign in to your team's server" })).toHaveFocus());
  });
});

describe("Sync page, demo data", () => {
  it("blocks signing in until the demo data is cleared, after a confirmation", async () => {
    let demo = true;
    mockIpc({
      sync_state: () => syncState(sampleSyncStatus({ holdsDemoData: demo })),
      demo_clear: () => {
        demo = false;
        return { cases: 1000 };
      },
    });
    const { user } = renderApp("/sync");
    const block = await screen.findByRole("region", { name: "Clear the demo data before signing in" });
    expect(within(block).getByText(/must never reach your team/)).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Sign in to your team's server" })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Server address" })).not.toBeInTheDocument();

    await user.click(within(block).getByRole("button", { name: "Clear demo data" }));
    const dialog = await screen.findByRole("dialog", { name: "Clear demo data?" });
    expect(dialog).toHaveTextContent(/removes every case, customer, agent and team the demo data created/);
    expect(dialog).toHaveTextContent(/Cases and customers you entered yourself stay/);
    expect(dialog).toHaveTextContent(/This cannot be undone/);
    // Cancel first: nothing happens.
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(callsTo("demo_clear")).toEqual([]);

    await user.click(within(block).getByRole("button", { name: "Clear demo data" }));
    const again = await screen.findByRole("dialog", { name: "Clear demo data?" });
    await user.click(within(again).getByRole("button", { name: "Clear demo data" }));
    expect(await screen.findByText("Demo data cleared: 1,000 cases removed")).toBeInTheDocument();
    expect(callsTo("demo_clear")).toHaveLength(1);

    await signInForm();
    await waitFor(() => expect(screen.getByRole("heading", { name: "Sign in to your team's server" })).toHaveFocus());
  });
});

describe("Sync page, signed in", () => {
  it("shows the workspace, account, device and how sync is doing", async () => {
    mockIpc({ sync_state: () => syncState(signedInStatus({ pending: 2 })) });
    renderApp("/sync");
    const account = await screen.findByRole("region", { name: "Account and device" });
    const fact = (label: string) => within(account).getByText(label).nextElementSibling;
    expect(fact("Workspace")).toHaveTextContent("acme");
    expect(fact("Signed in as")).toHaveTextContent("sam@acme.test");
    expect(fact("Role")).toHaveTextContent("Supervisor");
    expect(fact("This device's code")).toHaveTextContent("K7");
    expect(fact("Server")).toHaveTextContent("https://sync.acme.test");

    const status = screen.getByRole("region", { name: "Sync status" });
    expect(within(status).getByText("Last synced").nextElementSibling).toHaveTextContent("1 minute ago");
    expect(within(status).getByText("Changes waiting to be sent").nextElementSibling).toHaveTextContent("2 changes");
    expect(screen.getByRole("region", { name: "Conflicts" })).toHaveTextContent("No conflicts");
  });

  it("syncs now, shows the progress, and cancels", async () => {
    let running = false;
    mockIpc({
      sync_state: () =>
        syncState(signedInStatus(), running ? { running, progress: { phase: "receiving", received: 340, sent: 0 } } : {}),
      sync_now: () => {
        running = true;
        return null;
      },
      sync_cancel: () => null,
    });
    const { user } = renderApp("/sync");
    const status = await screen.findByRole("region", { name: "Sync status" });
    const syncNow = within(status).getByRole("button", { name: "Sync now" });
    expect(syncNow).not.toHaveAttribute("aria-disabled");
    expect(within(status).queryByRole("button", { name: "Cancel sync" })).not.toBeInTheDocument();

    await user.click(syncNow);
    expect(callsTo("sync_now")).toHaveLength(1);
    await waitFor(() => expect(syncNow).toHaveAttribute("aria-disabled", "true"));
    // Pressing it again while it runs asks for nothing more.
    await user.click(syncNow);
    expect(callsTo("sync_now")).toHaveLength(1);

    expect(within(status).getByRole("progressbar", { name: "Sync progress" })).toBeInTheDocument();
    expect(within(status).getByText("Syncing…", { ignore: VISUALLY_HIDDEN })).toBeInTheDocument();
    // Said once by the page's live region, which stays for the next phase.
    expect(phaseAnnouncement(status)).toHaveTextContent(/^Syncing…$/);

    await user.click(within(status).getByRole("button", { name: "Cancel sync" }));
    expect(callsTo("sync_cancel")).toHaveLength(1);
  });

  it("shows a running sync's phase and counts", async () => {
    mockIpc({
      sync_state: () => syncState(signedInStatus(), { running: true, progress: { phase: "sending", received: 1200, sent: 35 } }),
    });
    renderApp("/sync");
    const status = await screen.findByRole("region", { name: "Sync status" });
    expect(within(status).getByText("Sending changes…", { ignore: VISUALLY_HIDDEN })).toBeInTheDocument();
    expect(within(status).getByText("1,200 received · 35 sent")).toBeInTheDocument();
    // The phase is spoken, the counts are not.
    expect(phaseAnnouncement(status)).toHaveTextContent(/^Sending changes…$/);
    expect(within(status).getByRole("button", { name: "Sync now" })).toHaveAttribute("aria-disabled", "true");
    expect(within(status).getByRole("button", { name: "Cancel sync" })).toBeInTheDocument();
  });

  it.each([
    ["network", "The server could not be reached", /The sync server cannot be reached\. Check the address and the network/],
    ["unauthorized", "The last sync did not finish", /this device was signed out there\. Sign in again/],
    ["clock_ahead", "The last sync did not finish", /Check this computer's date and time/],
    ["server", "The last sync did not finish", /The sync server failed\. Frontline tries again later/],
    ["cancelled", "The last sync was cancelled", /What had arrived is kept; Sync now picks up where it stopped/],
  ] as const)("says what the last %s error means and what to do", async (code, title, text) => {
    mockIpc({
      sync_state: () => syncState(signedInStatus({ lastErrorCode: code, lastError: "English detail for the log" })),
    });
    renderApp("/sync");
    const status = await screen.findByRole("region", { name: "Sync status" });
    expect(within(status).getByText(title)).toBeInTheDocument();
    expect(within(status).getByText(text)).toBeInTheDocument();
    expect(status).not.toHaveTextContent("English detail for the log");
  });

  it("says when changes from a newer Frontline are kept aside", async () => {
    mockIpc({ sync_state: () => syncState(signedInStatus({ parked: 3 })) });
    renderApp("/sync");
    expect(
      await screen.findByText("3 changes come from a newer version of Frontline; update Frontline to see them."),
    ).toBeInTheDocument();
  });

  it("links to the conflicts waiting for review", async () => {
    mockIpc({ sync_state: () => syncState(signedInStatus({ conflicts: 2 })) });
    const { user } = renderApp("/sync");
    const region = await screen.findByRole("region", { name: "Conflicts" });
    expect(region).toHaveTextContent("2 conflicts to review");
    await user.click(within(region).getByRole("link", { name: "Review conflicts" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Conflicts" })).toBeInTheDocument();
    expect(window.location.hash).toBe("#/sync/conflicts");
  });

  it("signs out after saying the data stays, then offers the form again", async () => {
    let signedIn = true;
    mockIpc({
      sync_state: () => syncState(signedIn ? signedInStatus({ pending: 4 }) : sampleSyncStatus({ server: "https://sync.acme.test", workspace: "acme" })),
      sync_sign_out: () => {
        signedIn = false;
        return sampleSyncStatus({ server: "https://sync.acme.test", workspace: "acme" });
      },
    });
    const { user } = renderApp("/sync");
    const account = await screen.findByRole("region", { name: "Account and device" });
    await user.click(within(account).getByRole("button", { name: "Sign out" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out of acme?" });
    expect(dialog).toHaveTextContent(/Everything stays on this computer/);
    expect(dialog).toHaveTextContent(/If you sign in again later, this computer sends all its data again/);
    expect(dialog).toHaveTextContent(/4 changes have not been sent yet/);
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));

    expect(await screen.findByText("Signed out. The data stays on this computer.")).toBeInTheDocument();
    expect(callsTo("sync_sign_out")).toHaveLength(1);
    const form = await signInForm();
    expect(within(form).getByRole("textbox", { name: "Workspace" })).toHaveValue("acme");
    await waitFor(() => expect(screen.getByRole("heading", { name: "Sign in to your team's server" })).toHaveFocus());
  });
});

describe("Sync page, in Chinese", () => {
  it.each([
    ["zh-Hans", "同步状态", "立即同步", "工作区", "1分钟前"],
    ["zh-Hant", "同步狀態", "立即同步", "工作區", "1 分鐘前"],
  ] as const)("speaks %s", async (language, heading, button, workspace, ago) => {
    mockIpc({
      settings_get: () => sampleSettings({ language }),
      sync_state: () => syncState(signedInStatus()),
    });
    renderApp("/sync");
    const status = await screen.findByRole("region", { name: heading });
    expect(within(status).getByRole("button", { name: button })).toBeInTheDocument();
    expect(within(status).getByText(ago)).toBeInTheDocument();
    expect(screen.getByText(workspace)).toBeInTheDocument();
  });
});
