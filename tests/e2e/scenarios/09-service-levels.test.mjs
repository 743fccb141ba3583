/**
 * Scenario 9: service levels. A supervisor customises the built-in P3 targets (the
 * priority the New case dialog starts on) to a first response in 15 minutes and a
 * resolution in 2 hours, around the clock; the Settings table then shows the team's
 * policy instead of the built-in one. A second policy for P3 is refused, each mistake
 * beside its field (0 as a target, then the duplicate priority). A holiday next month
 * is added with the date picker (a button opening a calendar, nothing to type into)
 * through its "Next month" control. A case logged from the keyboard then shows the new
 * targets in its Service level section, in clock time ("Target 2 h", not business hours).
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import {
  chooseRadio,
  clickButton,
  createCaseByKeyboard,
  fillTextbox,
  getDialog,
  waitForText,
  waitForTimeline,
} from "../lib/cases.mjs";
import { accessibleDescription, getByRole, queryAllByRole, textOf, waitForNoRole } from "../lib/queries.mjs";
import { chooseOption, openSection, waitForAlert, waitUntilSettled } from "../lib/ui.mjs";

const POLICY = "Front desk P3";
const SECOND_POLICY = "Second P3 policy";
const HOLIDAY = "Team offsite";
const TITLE = "发票抬头开错 Invoice shows the wrong company name";
const TARGET_RANGE = "Enter a whole number of minutes, from 1 minute to 365 days.";
const DUPLICATE = "A policy for this priority, tier and category already exists.";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Each body row of `table` as the texts of its cells. */
async function tableRows(browser, table) {
  const { matches: rows } = await queryAllByRole(browser, "row", { within: table });
  const out = [];
  for (const row of rows) {
    const { matches: cells } = await queryAllByRole(browser, "cell", { within: row });
    if (cells.length) out.push(await Promise.all(cells.map((cell) => textOf(browser, cell))));
  }
  return out;
}

/** Waits until the rows of `table` satisfy `test`; returns them. */
async function waitForRows(browser, table, test, what) {
  let rows = [];
  await browser
    .waitUntil(async () => test((rows = await tableRows(browser, table))), { timeout: 15_000, interval: 100 })
    .catch(() => {
      throw new Error(`Expected ${what} within 15000 ms; its rows were:\n  ${rows.map((r) => JSON.stringify(r)).join("\n  ")}`);
    });
  return rows;
}

/**
 * The rows of the Service-level targets table for priority P3. Its badge shows "P3"; the
 * name "Normal" beside it is for screen readers only, and innerText runs the two together.
 */
const p3Rows = (rows) => rows.filter((cells) => cells[0].startsWith("P3"));

/** Waits until `field` is marked invalid and its description (where Mantine puts the error) includes `message`. */
async function waitForFieldError(browser, field, fieldName, message) {
  let description = "";
  await browser
    .waitUntil(
      async () =>
        (await field.getAttribute("aria-invalid")) === "true" &&
        (description = await accessibleDescription(browser, field)).includes(message),
      { timeout: 15_000, interval: 100 },
    )
    .catch(() => {
      throw new Error(
        `Expected the ${fieldName} field to be invalid with "${message}" beside it; its description was ${JSON.stringify(description)}`,
      );
    });
}

/**
 * In the page: scrolls `el` to the middle of the window and lists the points just inside
 * its top edge where something else lies over it (e.g. the Settings Save bar's backdrop).
 */
function coveredTopEdge(el) {
  el.scrollIntoView({ block: "center" });
  const box = el.getBoundingClientRect();
  return [box.left + 12, box.left + box.width / 2, box.right - 12]
    .map((x) => [x, box.top + 2, document.elementFromPoint(x, box.top + 2)])
    .filter(([, , hit]) => hit && !el.contains(hit))
    .map(([x, y, hit]) => `(${Math.round(x)}, ${Math.round(y)}) lies under <${hit.tagName.toLowerCase()} class="${hit.className}">`);
}

scenario("customises service levels and a new case follows them", async (s) => {
  const { browser } = s;
  await openSection(browser, "Settings");

  // The Service levels section: nothing lies over its top (heading, border) in view.
  const levels = await getByRole(browser, "region", { name: "Service levels" });
  let covered = [];
  await browser
    .waitUntil(async () => (covered = await browser.execute(coveredTopEdge, levels)).length === 0, { timeout: 15_000, interval: 100 })
    .catch(() => {
      throw new Error(`Expected the top of the Service levels section to be uncovered, but ${covered.join("; ")}`);
    });

  // 1. The built-in P3 targets, in business hours.
  const table = await getByRole(browser, "table", { name: "Service-level targets", within: levels });
  await waitForRows(
    browser,
    table,
    (rows) => JSON.stringify(p3Rows(rows).map((r) => r.slice(1, 5))) === JSON.stringify([["All cases", "4 business hours", "24 business hours", "Built-in"]]),
    "the P3 row to show the built-in 4 and 24 business hours",
  );

  // 2. Customise them: 15 minutes to first response, 2 hours to resolve, around the clock.
  await clickButton(browser, "Customise the P3 targets", { within: table });
  let dialog = await getDialog(browser, "New SLA policy");
  await fillTextbox(browser, "Name", POLICY, { within: dialog });
  const priority = await getByRole(browser, "combobox", { name: "Priority", within: dialog });
  assert.equal(await priority.getValue(), "P3 · Normal", "customising P3 should start a policy for P3");
  await chooseRadio(browser, "Clock", "Around the clock", { within: dialog });
  await fillTextbox(browser, "First response", "15", { within: dialog });
  await chooseOption(browser, "First response unit", "minutes");
  await fillTextbox(browser, "Resolution", "2", { within: dialog });
  const resolutionUnit = await getByRole(browser, "combobox", { name: "Resolution unit", within: dialog });
  assert.equal(await resolutionUnit.getValue(), "hours", "the built-in resolution target is whole hours, so its unit should be hours");
  await clickButton(browser, "Add policy", { within: dialog });
  await waitForAlert(browser, "Policy added");
  await waitForNoRole(browser, "dialog", { name: "New SLA policy" });

  // The table shows the team's policy in place of the built-in one.
  await waitForRows(
    browser,
    table,
    (rows) => JSON.stringify(p3Rows(rows).map((r) => r.slice(1, 5))) === JSON.stringify([["All cases", "15 min", "2 h", POLICY]]),
    `the P3 row to show "${POLICY}" with 15 min and 2 h`,
  );
  await getByRole(browser, "button", { name: `Edit ${POLICY}`, within: table });
  await getByRole(browser, "button", { name: `Delete ${POLICY}`, within: table });
  await waitForNoRole(browser, "button", { name: "Customise the P3 targets", within: table });
  await checkAccessibility(s, "Settings, a team SLA policy");

  // 3. A second policy for P3: 0 as a target is refused beside its field, then the
  //    duplicate priority beside Priority; nothing is added.
  await clickButton(browser, "Add policy", { within: levels });
  dialog = await getDialog(browser, "New SLA policy");
  await fillTextbox(browser, "Name", SECOND_POLICY, { within: dialog });
  const firstResponse = await fillTextbox(browser, "First response", "0", { within: dialog });
  await clickButton(browser, "Add policy", { within: dialog });
  await waitForFieldError(browser, firstResponse, "First response", TARGET_RANGE);
  await fillTextbox(browser, "First response", "1", { within: dialog });
  await browser.waitUntil(async () => (await firstResponse.getAttribute("aria-invalid")) !== "true", {
    timeout: 15_000,
    timeoutMsg: "Expected the First response error to go once the amount was changed",
  });
  await clickButton(browser, "Add policy", { within: dialog });
  const duplicatePriority = await getByRole(browser, "combobox", { name: "Priority", within: dialog });
  assert.equal(await duplicatePriority.getValue(), "P3 · Normal", "a new policy should start on P3");
  await waitForFieldError(browser, duplicatePriority, "Priority", DUPLICATE);
  await checkAccessibility(s, "New SLA policy dialog, a field in error");
  await clickButton(browser, "Cancel", { within: dialog });
  await waitForNoRole(browser, "dialog", { name: "New SLA policy" });
  const rows = await tableRows(browser, table);
  assert.equal(p3Rows(rows).length, 1, `P3 should still have exactly one policy, the rows were ${JSON.stringify(rows)}`);

  // 4. A holiday, picked in the calendar: the 1st of next month.
  const now = new Date();
  const [year, month] = now.getMonth() === 11 ? [now.getFullYear() + 1, 0] : [now.getFullYear(), now.getMonth() + 1];
  const fullDay = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(new Date(Date.UTC(year, month, 1)));
  const isoDay = `${year}-${String(month + 1).padStart(2, "0")}-01`;
  const holidays = await getByRole(browser, "region", { name: "Holidays and make-up days" });
  await waitForText(browser, holidays, (t) => t.includes("No holidays or make-up days yet."), "the Holidays section to say there are none yet");
  const form = await getByRole(browser, "form", { name: "Add a holiday", within: holidays });
  const date = await clickButton(browser, "Date", { within: form });
  const nextMonth = await getByRole(browser, "button", { name: "Next month" });
  await waitUntilSettled(browser, nextMonth, "the calendar");
  await nextMonth.click();
  await getByRole(browser, "button", { name: `${MONTHS[month]} ${year}` }); // The calendar's month heading.
  const dayButton = await getByRole(browser, "button", { name: `1 ${MONTHS[month]} ${year}` });
  await waitUntilSettled(browser, dayButton, "the calendar");
  await checkAccessibility(s, "Settings, holiday calendar open");
  await dayButton.click();
  await waitForText(browser, date, (t) => t === isoDay, `the Date field to show ${isoDay}`);
  await fillTextbox(browser, "Name", HOLIDAY, { within: form });
  await clickButton(browser, "Add holiday", { within: form });
  await waitForAlert(browser, "Holiday added");
  const holidayTable = await getByRole(browser, "table", { name: "Holidays and make-up days", within: holidays });
  await waitForRows(
    browser,
    holidayTable,
    (r) => JSON.stringify(r) === JSON.stringify([[fullDay, HOLIDAY, "Holiday", ""]]),
    `the Holidays table to list ${fullDay} (${HOLIDAY})`,
  );
  await getByRole(browser, "button", { name: `Remove the holiday on ${fullDay}`, within: holidayTable });
  await waitForText(browser, date, (t) => t === "Pick a date", "the Date field to be empty again after adding");
  await checkAccessibility(s, "Settings, a holiday added");

  await browser.execute((el) => el.scrollIntoView({ block: "start" }), levels);
  await s.screenshot("-settings");

  // 5. A case logged from the keyboard, on the dialog's own priority (P3).
  await openSection(browser, "Cases");
  await createCaseByKeyboard(browser, { title: TITLE }, async (step, newCase) => {
    if (step !== "Priority") return;
    const field = await getByRole(browser, "combobox", { name: "Priority", within: newCase });
    assert.equal(await field.getValue(), "P3 · Normal", "the New case dialog should start on P3");
  });
  await waitForTimeline(browser, ["Case logged (P3 · Normal, Phone)"]);

  // Its Service level section: the new targets, in clock time.
  const sla = await getByRole(browser, "region", { name: "Service level" });
  const text = await waitForText(
    browser,
    sla,
    (t) => t.includes("Target 15 min") && t.includes("Target 2 h"),
    'the Service level section to show "Target 15 min" and "Target 2 h"',
  );
  assert.match(
    text,
    /^Service level First response (Running|At risk) Due .+ in \d+ min Target 15 min Resolution (Running|At risk) Due .+ in (2 h|1 h \d+ min) Target 2 h Targets count around the clock\.$/,
    `the Service level section should show both targets running in clock time, it read ${JSON.stringify(text)}`,
  );
  assert.ok(!text.includes("business"), `no target should be in business hours, it read ${JSON.stringify(text)}`);
  await checkAccessibility(s, "Case detail, targets around the clock");
});
