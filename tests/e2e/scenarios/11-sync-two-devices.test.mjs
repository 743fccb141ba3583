/**
 * Scenario 11: two devices share cases through a real sync server.
 *
 * A real `frontline-server` on loopback (its own SQLite data folder, a workspace and a
 * supervisor made with its admin commands) and two devices: the app under test, and
 * `frontline-cli` on a database of its own.
 *
 * - The CLI signs in, logs "Refund not received" and syncs, before the app starts.
 * - The app signs in on the Sync page, by keyboard and accessible names only (server
 *   address, workspace, e-mail, password, device name); the focus moves to the sync
 *   state that replaced the form, the status bar says it is synced, and the Cases page
 *   has the CLI's case.
 * - A case logged in the app goes out on "Sync now" (or the background sync soon after
 *   the change): the CLI receives it on its next sync.
 * - The server's device list has the device name typed in the form.
 * - A conflicting edit: the app renames the CLI's case; the CLI, without having pulled
 *   that, renames it too, later, and syncs. Whichever reaches the server first, the CLI's
 *   newer edit wins and the app's value is listed on the app's Conflicts page (reached
 *   from the status bar's "1 conflict"); "Keep mine" puts it back, and the CLI receives it.
 *
 * The app keeps its device token in a file (`FRONTLINE_CREDENTIALS=file`): the scenario's
 * private D-Bus has no keyring.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

import { checkAccessibility } from "../lib/a11y.mjs";
import { TIMEOUTS, scenario } from "../lib/app.mjs";
import {
  clickButton,
  createCaseByKeyboard,
  fillTextbox,
  getDialog,
  openCaseFromList,
  submitDialog,
  waitForCaseCount,
  waitForFocus,
  waitForText,
} from "../lib/cases.mjs";
import { appBinary, cliBinary, requireTool } from "../lib/paths.mjs";
import { Child, freePort, pollUntil } from "../lib/processes.mjs";
import { getByRole, queryAllByRole, textOf } from "../lib/queries.mjs";
import { clickWhenUncovered, openSection, waitForPageHeading } from "../lib/ui.mjs";

const WORKSPACE = "support";
const EMAIL = "ann@example.com";
const PASSWORD = "correct horse battery staple";
const DEVICE_NAME = "Front desk";
const FROM_CLI = "Refund not received";
const FROM_APP = "Parcel lost in transit";
const RENAMED_IN_APP = "Refund not received (bank transfer)";
const RENAMED_IN_CLI = "Refund not received (card)";
/** Syncs run in the background: a generous wait for one to come round. */
const SYNC_WAIT = 60_000;

// Inherited by tauri-driver, WebKitWebDriver and the app (and by the CLI below).
process.env.FRONTLINE_CREDENTIALS = "file";

/** `frontline-server`, beside the app binary unless FRONTLINE_SERVER_BINARY says. */
function serverBinary() {
  const path = process.env.FRONTLINE_SERVER_BINARY || join(dirname(appBinary()), "frontline-server");
  return requireTool(path, "Build it beside the app with `cargo build --release -p frontline-server`, or set FRONTLINE_SERVER_BINARY.");
}

function run(what, command, args, env = {}) {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.status ?? result.error?.message}): ${result.stderr}`);
  }
  return result.stdout;
}

/** Device B: the CLI on its own database. */
function cli(s, ...args) {
  const env = { FRONTLINE_PASSWORD: PASSWORD };
  return run(`frontline-cli ${args[0]}`, cliBinary(), ["--db", join(s.root, "cli", "frontline.db"), ...args], env);
}

function cliCaseTitles(s) {
  const page = JSON.parse(cli(s, "case", "list", "--json", "--limit", "50"));
  return page.rows.map((r) => r.title);
}

/** Syncs the CLI device until it has a case titled `title`; returns its titles then. */
async function waitForCliTitle(s, title) {
  let titles = [];
  await pollUntil(
    `"${title}" on the CLI device`,
    async () => {
      cli(s, "sync");
      titles = cliCaseTitles(s);
      return titles.includes(title);
    },
    { timeoutMs: SYNC_WAIT, intervalMs: 1000 },
  ).catch((error) => {
    throw new Error(`${error.message}; the CLI device has ${JSON.stringify(titles)}`);
  });
  return titles;
}

/** The server (added to the scenario's children, so it is stopped with them), and device B. */
async function prepare(s) {
  const server = serverBinary();
  const data = join(s.root, "server");
  mkdirSync(data, { recursive: true, mode: 0o700 });
  mkdirSync(join(s.root, "cli"), { recursive: true, mode: 0o700 });
  run("workspace create", server, ["workspace", "create", WORKSPACE, "--data", data]);
  run("user add", server, ["user", "add", "--workspace", WORKSPACE, "--email", EMAIL, "--role", "supervisor", "--data", data], {
    FRONTLINE_PASSWORD: PASSWORD,
  });
  const port = await freePort();
  s.serverUrl = `http://127.0.0.1:${port}`;
  s.serverData = data;
  const child = new Child("frontline-server", server, ["serve", "--listen", `127.0.0.1:${port}`, "--data", data], {
    env: process.env,
    logFile: join(s.logsDir, "server.log"),
  });
  s.children.push(child);
  await pollUntil(
    `frontline-server on port ${port}`,
    async () => (await fetch(`${s.serverUrl}/healthz`, { signal: AbortSignal.timeout(1000) })).ok,
    { timeoutMs: 30_000, child },
  );

  cli(s, "login", "--server", s.serverUrl, "--workspace", WORKSPACE, "--user", EMAIL, "--device-name", "Laptop (CLI)");
  s.cliCase = JSON.parse(cli(s, "case", "new", "--title", FROM_CLI, "--priority", "P2", "--json")).id;
  cli(s, "sync");
}

/** The status bar's sync link, once its name matches `pattern`. */
async function waitForSyncLink(browser, pattern, timeout = SYNC_WAIT) {
  const bar = await getByRole(browser, "contentinfo", { name: "Status bar" });
  let names = [];
  await browser
    .waitUntil(
      async () => {
        const { matches } = await queryAllByRole(browser, "link", { within: bar });
        names = await Promise.all(matches.map((el) => textOf(browser, el).catch(() => "")));
        return names.some((n) => pattern.test(n));
      },
      { timeout, interval: 200 },
    )
    .catch(() => {
      throw new Error(`Expected the status bar's sync link to match ${pattern}; its links read ${JSON.stringify(names)}`);
    });
}

scenario(
  "two devices share cases through a real sync server",
  async (s) => {
    const { browser } = s;
    await openSection(browser, "Cases");
    await waitForSyncLink(browser, /^Sync off$/, TIMEOUTS.ui);

    // Sign in on the Sync page.
    await openSection(browser, "Sync");
    const form = await getByRole(browser, "form", { name: "Sign in to your team's server" });
    await fillTextbox(browser, "Server address", s.serverUrl, { within: form });
    await fillTextbox(browser, "Workspace", WORKSPACE, { within: form });
    await fillTextbox(browser, "E-mail", EMAIL, { within: form });
    // A password field has no ARIA role: found as the form's one password input, and
    // checked to be named "Password" as a screen reader would hear it.
    const password = await form.$("input[type=password]");
    assert.equal(await browser.getElementComputedLabel(password.elementId), "Password");
    await password.click();
    await password.addValue(PASSWORD);
    await fillTextbox(browser, "Device name", DEVICE_NAME, { within: form });
    await checkAccessibility(s, "Sync, sign-in form filled in");
    await s.screenshot("-sign-in");
    await clickButton(browser, "Sign in", { within: form });

    // Signed in: the form gives way to the state (its notice may come and go unseen).
    const status = await getByRole(browser, "region", { name: "Sync status", timeout: SYNC_WAIT });
    // The focus follows to what replaced the form (a screen reader says where it is).
    await waitForFocus(browser, "heading", "Sync status", SYNC_WAIT);
    await getByRole(browser, "region", { name: "Account and device" });
    await waitForSyncLink(browser, /^Synced /);
    await waitForText(browser, status, (t) => !t.includes("Not yet"), "the Sync status to show a last sync");
    await checkAccessibility(s, "Sync, signed in");
    await s.screenshot("-signed-in");

    // The CLI's case arrived.
    await openSection(browser, "Cases");
    await waitForCaseCount(browser, "1 case", SYNC_WAIT);
    await getByRole(browser, "link", { name: new RegExp(`^${FROM_CLI}`) });

    // A case logged here goes out with Sync now (or the background sync, whichever runs first).
    await createCaseByKeyboard(browser, { title: FROM_APP, priority: "P3 · Normal" });
    await openSection(browser, "Sync");
    const syncNow = await getByRole(browser, "button", { name: "Sync now" });
    if ((await syncNow.getAttribute("aria-disabled")) !== "true") await syncNow.click();
    let titles = await waitForCliTitle(s, FROM_APP);
    assert.deepEqual([...titles].sort(), [FROM_APP, FROM_CLI].sort());
    await waitForSyncLink(browser, /^Synced /);

    // The server lists the app under the name typed in the form.
    const devices = run("device list", serverBinary(), ["device", "list", "--workspace", WORKSPACE, "--data", s.serverData]);
    assert.match(devices, new RegExp(DEVICE_NAME));
    assert.ok(existsSync(`${s.dbPath}.sync-token`), "the app should keep its device token beside its database");

    // A conflicting edit. The app renames the CLI's case (and may send it at once)...
    await openSection(browser, "Cases");
    await openCaseFromList(browser, FROM_CLI);
    await clickButton(browser, "Edit");
    const edit = await getDialog(browser, "Edit case");
    await fillTextbox(browser, "Title", RENAMED_IN_APP, { within: edit });
    await checkAccessibility(s, "Edit case dialog");
    await submitDialog(browser, edit, "Edit case", "Save changes");
    await waitForPageHeading(browser, RENAMED_IN_APP);
    // ...the CLI, not having pulled that, renames it after, and syncs: its edit is newer.
    cli(s, "case", "set", s.cliCase, `title=${RENAMED_IN_CLI}`);
    cli(s, "sync");
    await openSection(browser, "Sync");
    const again = await getByRole(browser, "button", { name: "Sync now" });
    if ((await again.getAttribute("aria-disabled")) !== "true") await again.click();
    await waitForSyncLink(browser, /^1 conflict$/);
    await s.screenshot("-conflict-badge");
    const bar = await getByRole(browser, "contentinfo", { name: "Status bar" });
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "1 conflict", within: bar }), "the conflicts badge");
    await waitForPageHeading(browser, "Conflicts");
    const list = await getByRole(browser, "list", { name: "Conflicts to review" });
    await waitForText(browser, list, (t) => t.includes(RENAMED_IN_APP) && t.includes(RENAMED_IN_CLI), "the conflict to show both titles");
    await checkAccessibility(s, "Conflicts, one to review");
    await s.screenshot("-conflicts");
    await clickButton(browser, /^Keep mine: /);
    await getByRole(browser, "heading", { name: "No conflicts", timeout: SYNC_WAIT });
    await checkAccessibility(s, "Conflicts, none left");
    // "Keep mine" is a new edit of the app's: it goes out and wins on the CLI too.
    await openSection(browser, "Sync");
    const last = await getByRole(browser, "button", { name: "Sync now" });
    if ((await last.getAttribute("aria-disabled")) !== "true") await last.click();
    titles = await waitForCliTitle(s, RENAMED_IN_APP);
    assert.ok(!titles.includes(RENAMED_IN_CLI), `the CLI's value gave way: ${JSON.stringify(titles)}`);
  },
  { prepare, timeout: 300_000 },
);
