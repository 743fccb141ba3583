/**
 * Scenario 10: inputs over their bound are refused by Rust, translated, beside their own
 * field, and nothing is stored (issue #13, "Bounds on every input").
 *
 * - The case search box: 201 characters typed (the bound is 200) are said beside the
 *   box, not as a failure of the whole list; one Backspace and the list is back.
 * - A saved view's name: 81 characters typed (the bound is 80) are refused beside the
 *   Name field, nothing is saved; one Backspace and the view saves, with the 200-character
 *   search in it (a saved view is checked like a list request).
 *
 * Typed for real, key by key (no maxlength cuts the last one off); CJK and Latin mixed,
 * so a check counting bytes or UTF-16 units would show. A small demo database (made with
 * frontline-cli before the app starts) gives the Cases page its list and filters.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

import { checkAccessibility } from "../lib/a11y.mjs";
import { TIMEOUTS, scenario } from "../lib/app.mjs";
import { clickButton, getDialog, waitForCaseCount } from "../lib/cases.mjs";
import { cliBinary } from "../lib/paths.mjs";
import { accessibleDescription, getByRole, queryAllByRole, textOf, waitForNoRole } from "../lib/queries.mjs";
import { openSection } from "../lib/ui.mjs";

const CASES = 20;
const SEARCH = "退款".repeat(50) + "r".repeat(101); // 201 characters
const VIEW_NAME = "升级".repeat(20) + "v".repeat(41); // 81 characters

/** A 20-case demo database in the scenario's (not yet existing) data folder. */
function demoDatabase(s) {
  mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env };
  delete env.FRONTLINE_DB;
  delete env.FRONTLINE_DATA_DIR;
  const run = spawnSync(cliBinary(), ["--db", s.dbPath, "demo", "--cases", String(CASES)], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`frontline-cli demo failed (${run.status}): ${run.stderr}`);
}

/** Waits until `field` is marked invalid and its description includes `message`. */
async function waitForFieldError(browser, field, what, message) {
  let description = "";
  await browser
    .waitUntil(
      async () =>
        (await field.getAttribute("aria-invalid")) === "true" &&
        (description = await accessibleDescription(browser, field)).includes(message),
      { timeout: TIMEOUTS.ui, interval: 100 },
    )
    .catch(() => {
      throw new Error(`Expected ${what} to be marked invalid with "${message}" beside it; its description was ${JSON.stringify(description)}`);
    });
}

async function waitForFieldValid(browser, field, what) {
  await browser
    .waitUntil(async () => (await field.getAttribute("aria-invalid")) !== "true", { timeout: TIMEOUTS.ui, interval: 100 })
    .catch(() => {
      throw new Error(`Expected ${what} to be valid again`);
    });
}

scenario(
  "refuses over-long search text and view names beside their field",
  async (s) => {
    const { browser } = s;
    assert.equal([...SEARCH].length, 201);
    assert.equal([...VIEW_NAME].length, 81);

    await openSection(browser, "Cases");
    await waitForCaseCount(browser, `${CASES} cases`);
    await checkAccessibility(s, "Cases list, 20 demo cases");

    // Search: 201 characters, all of them kept, refused beside the box.
    const search = await getByRole(browser, "searchbox", { name: "Search cases" });
    await search.click();
    await search.addValue(SEARCH);
    assert.equal(await search.getValue(), SEARCH, "the search box should hold all 201 characters typed");
    await waitForFieldError(browser, search, "the search box", "Must be at most 200 characters.");
    const main = await getByRole(browser, "main");
    const { matches: failures } = await queryAllByRole(browser, "alert", { within: main });
    for (const alert of failures) {
      assert.doesNotMatch(await textOf(browser, alert), /could not be loaded/, "the list itself should not fail");
    }
    await checkAccessibility(s, "Cases list, search too long");
    await s.screenshot("-search");

    // 200 characters: searched (nothing matches), the box is fine again.
    await browser.keys(["Backspace"]);
    await waitForFieldValid(browser, search, "the search box");
    await waitForCaseCount(browser, "0 cases");

    // A saved view named with 81 characters: refused beside Name, nothing saved.
    await clickButton(browser, "Saved views");
    await getByRole(browser, "button", { name: "Save current view…" });
    await checkAccessibility(s, "Cases list, Saved views open");
    await clickButton(browser, "Save current view…");
    const dialog = await getDialog(browser, "Save this view");
    const name = await getByRole(browser, "textbox", { name: "Name", within: dialog });
    await name.click();
    await name.addValue(VIEW_NAME);
    assert.equal(await name.getValue(), VIEW_NAME, "the Name field should hold all 81 characters typed");
    await clickButton(browser, "Save view", { within: dialog });
    await waitForFieldError(browser, name, "the view's Name field", "Must be at most 80 characters.");
    assert.ok(await browser.execute((el) => document.body.contains(el), dialog), "the dialog should stay open");
    await checkAccessibility(s, "Save this view dialog, name too long");
    await s.screenshot("-view-name");

    // 80 characters: saved, with the 200-character search in it. (Save took the focus:
    // back into the field, at its end.)
    await name.click();
    await browser.keys(["End", "Backspace"]);
    await waitForFieldValid(browser, name, "the view's Name field");
    await clickButton(browser, "Save view", { within: dialog });
    await waitForNoRole(browser, "dialog", { name: "Save this view" });
    await clickButton(browser, "Saved views");
    await getByRole(browser, "button", { name: VIEW_NAME.slice(0, -1) });
  },
  { prepare: demoDatabase },
);
