/**
 * Scenario 1: the app starts on a data folder that does not exist yet, creates a private
 * database there, and shows its full window: header, the seven sections, the status bar.
 * Then every section, on that empty database, passes axe's WCAG 2 A/AA rules in light
 * and dark.
 */
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { waitForText } from "../lib/cases.mjs";
import { getByRole, queryAllByRole, textOf } from "../lib/queries.mjs";
import { mainNav, navLinkNames, openSection, waitForHeaderText, waitForPageHeading } from "../lib/ui.mjs";

const SECTIONS = ["Dashboard", "Cases", "Customers", "Customer voice", "Training", "Plans", "Knowledge base", "Sync", "Settings"];

scenario("opens on an empty database", async (s) => {
  const { browser } = s;

  const nav = await mainNav(browser, "Main");
  // One navigation landmark, and it is the named one (Mantine's AppShell.Navbar used to
  // wrap it in a second, unnamed <nav>).
  const landmarks = await queryAllByRole(browser, "navigation", { includeHidden: true });
  assert.deepEqual(landmarks.seen, ["Main"], "the window should have exactly one navigation landmark, named Main");
  assert.ok(await browser.execute((a, b) => a === b, landmarks.matches[0], nav), "the one navigation landmark should be the main navigation");
  assert.deepEqual(await navLinkNames(browser), SECTIONS, "the main navigation should list the nine sections in order");
  await waitForPageHeading(browser, "Dashboard"); // The home screen opens by default.
  await waitForHeaderText(browser, "No organisation name set");

  const statusBar = await getByRole(browser, "contentinfo", { name: "Status bar" });
  let text = "";
  await browser
    .waitUntil(async () => (text = await textOf(browser, statusBar)).includes(`Database: ${s.dbPath}`), { timeout: 15_000 })
    .catch(() => {
      throw new Error(`Expected the status bar to show "Database: ${s.dbPath}", but it read: ${JSON.stringify(text)}`);
    });
  assert.match(text, /\b(Online|Offline)\b/, `the status bar should say Online or Offline, it read: ${JSON.stringify(text)}`);
  assert.match(text, /\bSync off\b/, `the status bar should say sync is off (never signed in), it read: ${JSON.stringify(text)}`);

  // The harness's environment really reached the app process.
  assert.equal(s.appEnvironment().FRONTLINE_DATA_DIR, s.dataDir, "the app process should have this scenario's FRONTLINE_DATA_DIR");

  assert.ok(existsSync(s.dbPath), `the database file should have been created at ${s.dbPath}`);
  const fileMode = statSync(s.dbPath).mode & 0o777;
  assert.equal(fileMode.toString(8), "600", `the database file should be private to the user (0600), it is 0${fileMode.toString(8)}`);
  const dirMode = statSync(s.dataDir).mode & 0o777;
  assert.equal(dirMode.toString(8), "700", `the data folder the app created should be private (0700), it is 0${dirMode.toString(8)}`);

  // Every section on an empty database passes axe's WCAG 2 A/AA rules, light and dark.
  await getByRole(browser, "heading", { name: "No cases yet" });
  await checkAccessibility(s, "Dashboard, empty database (demo data offer)");
  // What each section shows once loaded (not its loader).
  const main = await getByRole(browser, "main");
  const loaded = {
    Cases: () => getByRole(browser, "heading", { name: "No cases yet" }),
    Customers: () => waitForText(browser, main, (t) => t.includes("No customers yet."), "the Customers page to say there are none"),
    "Knowledge base": () =>
      waitForText(browser, main, (t) => t.includes("No articles yet."), "the Knowledge base to say there are none"),
    Sync: () => getByRole(browser, "form", { name: "Sign in to your team's server" }),
    Settings: () => getByRole(browser, "textbox", { name: "Organisation name" }),
  };
  for (const section of SECTIONS.slice(1)) {
    await openSection(browser, section);
    await loaded[section]?.();
    await checkAccessibility(s, `${section}, empty database`);
  }
});
