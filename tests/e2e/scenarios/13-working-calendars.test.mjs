/**
 * Scenario 13: working calendars as a mainland-China team keeps them. The app runs on a
 * fixed wall clock, Friday 9 October 2026, 19:00 in Shanghai (libfaketime, the app
 * process only), the day after the Golden Week. A complaint logged then, after hours,
 * would be due on Monday; the supervisor applies the shipped "Mainland China 2026"
 * holiday set (a preview first), whose make-up working day Saturday 10 October brings
 * the first response due that Saturday. Giving Wednesday, whose hours that Saturday
 * works, a lunch break moves the due time past the break. Finally a company holiday is
 * imported from an .ics file, after a preview that says which event it leaves out.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { clickButton, createCaseByKeyboard, getDialog, waitForText, waitForTimeline } from "../lib/cases.mjs";
import { getByRole, queryAllByRole, textOf, waitForNoRole } from "../lib/queries.mjs";
import { openSection, saveSettings, waitForAlert, waitUntilSettled } from "../lib/ui.mjs";

const TITLE = "国庆后退款未到账 Refund not received after the holiday";
const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Acme//Company days//EN",
  "X-WR-CALNAME:Acme company days",
  "BEGIN:VEVENT",
  "UID:offsite-2026@acme.example",
  "DTSTAMP:20260901T000000Z",
  "DTSTART;VALUE=DATE:20261012",
  "DTEND;VALUE=DATE:20261013",
  "SUMMARY:Company offsite",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:review-2026@acme.example",
  "DTSTAMP:20260901T000000Z",
  "DTSTART;TZID=Asia/Shanghai:20261014T090000",
  "DTEND;TZID=Asia/Shanghai:20261014T100000",
  "SUMMARY:Quarterly review",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

/** In the page: sets a time field as its picker would, so React sees the change. */
function setTimeField(input, value) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** In the page: gives a file input a file, as the file chooser would. */
function attachFile(input, name, content) {
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: "text/calendar" }));
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

async function setTime(browser, label, value) {
  const field = await getByRole(browser, "textbox", { name: label }).catch(() => null) ??
    (await browser.$(`input[aria-label="${label}"]`));
  await browser.execute(setTimeField, field, value);
  await browser.waitUntil(async () => (await field.getValue()) === value, {
    timeout: 5000,
    timeoutMsg: `Expected ${label} to read ${value}`,
  });
}

/** The first-response line of the case's Service level section, once it says `due`. */
async function waitForFirstResponseDue(browser, due, what) {
  const sla = await getByRole(browser, "region", { name: "Service level" });
  const pattern = new RegExp(`First response .*Due ${due.replace(/ /g, "\\s")}`, "u");
  return waitForText(browser, sla, (t) => pattern.test(t), what);
}

scenario(
  "working calendars: a make-up Saturday from the shipped holiday set, a lunch break, an .ics import",
  async (s) => {
    const { browser } = s;

    // The workspace works in Shanghai (the computer's zone here), Monday–Friday 09:00–17:00.
    await openSection(browser, "Settings");
    const zone = await getByRole(browser, "combobox", { name: "Time zone" });
    await browser.waitUntil(async () => (await zone.getValue()) === "Asia/Shanghai", {
      timeout: 15_000,
      timeoutMsg: "Expected a new workspace to start in the computer's time zone, Asia/Shanghai",
    });

    // 1. Friday 19:00, after hours: without make-up days the first response (P3: four
    //    business hours) is due on Monday at 13:00.
    await openSection(browser, "Cases");
    await createCaseByKeyboard(browser, { title: TITLE });
    await waitForTimeline(browser, ["Case logged (P3 · Normal, Phone)"]);
    await waitForFirstResponseDue(browser, "Oct 12, 2026, 1:00 PM", "the first response due Monday 13:00");
    const caseUrl = await browser.getUrl();

    // 2. The shipped set for mainland China 2026, previewed, then added.
    await openSection(browser, "Settings");
    const days = await getByRole(browser, "region", { name: "Holidays and make-up days" });
    await clickButton(browser, "Add public holidays", { within: days });
    const item = await getByRole(browser, "menuitem", { name: "Mainland China 2026" });
    await waitUntilSettled(browser, item, "the holiday set menu");
    await item.click();
    let dialog = await getDialog(browser, "Add Mainland China 2026 to Workspace calendar");
    const preview = await getByRole(browser, "table", { name: "Days in the file", within: dialog });
    const { matches: previewRows } = await queryAllByRole(browser, "row", { within: preview });
    assert.equal(previewRows.length, 29, "the preview should list the set's 28 days under its header row");
    await waitForText(
      browser,
      dialog,
      (t) => t.includes("Source: 国务院办公厅关于2026年部分节假日安排的通知"),
      "the preview to name the State Council notice as its source",
    );
    await checkAccessibility(s, "Holiday set preview");
    await clickButton(browser, "Add 28 days", { within: dialog });
    await waitForAlert(browser, "28 days added");
    await waitForNoRole(browser, "dialog", { name: "Add Mainland China 2026 to Workspace calendar" });
    const table = await getByRole(browser, "table", { name: "Holidays and make-up days", within: days });
    await waitForText(
      browser,
      table,
      (t) => /Saturday, October 10, 2026\s+调休上班\s+Working day · Wednesday hours/u.test(t),
      "the list to show Saturday 10 October as a make-up day with Wednesday's hours",
    );

    // The case is now due on the make-up Saturday, at 13:00.
    await browser.url(caseUrl);
    await waitForFirstResponseDue(browser, "Oct 10, 2026, 1:00 PM", "the first response due Saturday 13:00");

    // 3. A lunch break on Wednesday (12:00–13:30): the Saturday works Wednesday's hours,
    //    so three hours before the break and one after it: due 14:30.
    await openSection(browser, "Settings");
    await setTime(browser, "Wednesday closing time", "12:00");
    await clickButton(browser, "Add interval on Wednesday");
    await setTime(browser, "Wednesday opening time, interval 2", "13:30");
    await setTime(browser, "Wednesday closing time, interval 2", "17:00");
    await checkAccessibility(s, "Settings, a split shift");
    await saveSettings(browser);
    await browser.url(caseUrl);
    await waitForFirstResponseDue(browser, "Oct 10, 2026, 2:30 PM", "the first response due Saturday 14:30, past the break");
    await checkAccessibility(s, "Case detail, counted in the workspace calendar");

    // 4. A company day off from an .ics file: previewed (the timed meeting left out), added.
    await openSection(browser, "Settings");
    const file = join(s.root, "company-days.ics");
    writeFileSync(file, ICS);
    await clickButton(browser, "Import .ics file…");
    dialog = await getDialog(browser, "Import holidays into Workspace calendar");
    const input = await dialog.$('input[type="file"]');
    await browser.execute(attachFile, input, "company-days.ics", ICS);
    const imported = await getByRole(browser, "table", { name: "Days in the file", within: dialog });
    await waitForText(browser, imported, (t) => t.includes("Monday, October 12, 2026") && t.includes("Company offsite"), "the preview to list the offsite day");
    const text = await textOf(browser, dialog);
    assert.ok(text.includes("1 day to add, 0 already listed."), `the preview should count one new day, it read ${JSON.stringify(text)}`);
    assert.ok(
      text.includes("Quarterly review: it has a time of day, so it is not a whole-day holiday"),
      `the preview should say why the meeting is left out, it read ${JSON.stringify(text)}`,
    );
    await checkAccessibility(s, ".ics import preview");
    await clickButton(browser, "Add 1 day", { within: dialog });
    await waitForAlert(browser, "1 day added");
    const list = await getByRole(browser, "table", { name: "Holidays and make-up days" });
    await waitForText(browser, list, (t) => /Monday, October 12, 2026\s+Company offsite\s+Holiday/u.test(t), "the offsite day in the list");
    await checkAccessibility(s, "Settings, holidays and make-up days listed");
    await s.screenshot("-settings");
  },
  { clock: { at: "2026-10-09 19:00:00", timeZone: "Asia/Shanghai" } },
);
