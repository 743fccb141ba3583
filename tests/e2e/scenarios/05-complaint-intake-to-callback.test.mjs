/**
 * Scenario 5: a complaint from intake to call-back (回访). The case is logged from the
 * keyboard alone (the focus never leaves the dialog), assigned to an agent (the person
 * at this computer, added through the "My cases" prompt: an empty database has no
 * agents), escalated, put on Pending customer (the resolution SLA pauses), reopened,
 * resolved with root cause and summary, and the call-back offered on resolving is
 * scheduled and then recorded with CSAT 5 and NPS 9. The timeline shows every step.
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import {
  chooseMenuItem,
  chooseRadio,
  clickButton,
  createCaseByKeyboard,
  fillTextbox,
  focusIsInside,
  getDialog,
  openCaseFromList,
  openQueue,
  submitDialog,
  waitForAlertMatching,
  waitForCaseCount,
  waitForText,
  waitForTimeline,
} from "../lib/cases.mjs";
import { getByRole, textOf } from "../lib/queries.mjs";
import { chooseOption, openSection, waitForPageHeading } from "../lib/ui.mjs";

const TITLE = "宽带夜间频繁断线 Broadband drops at night";
const CUSTOMER = "王小明";
const AGENT = "李娜";
const DEPARTMENT = "Network Operations";
const REASON = "夜间断线已持续一周，客户第三次来电 Third call this week";
const ROOT_CAUSE = "光猫固件缺陷导致夜间自动重启 ONT firmware reboots nightly";
const SUMMARY = "远程升级光猫固件，连续三晚无断线 Firmware upgraded remotely";
const OUTCOME = "客户确认未再断线 No drops since the upgrade";
const COMMENT = "处理很快，谢谢";

/** The text of the case's header: reference, status, priority, title, actions. */
async function caseHeaderText(browser) {
  const toolbar = await getByRole(browser, "toolbar", { name: "Case actions" });
  return textOf(browser, await toolbar.parentElement());
}

scenario("handles a complaint from intake to call-back", async (s) => {
  const { browser } = s;
  await openSection(browser, "Cases");

  // 1. Intake, by keyboard only.
  const reference = await createCaseByKeyboard(
    browser,
    { title: TITLE, customer: CUSTOMER, category: "网络故障", priority: "P2 · High" },
    async (step, dialog) => {
      assert.ok(await focusIsInside(browser, dialog), `after ${step}, the focus should still be inside the New case dialog`);
      if (step === "Priority") {
        await checkAccessibility(s, "New case dialog, filled in");
        assert.ok(await focusIsInside(browser, dialog), "after the accessibility check, the focus should still be inside the New case dialog");
      }
    },
  );
  s.log(`case ${reference} created by keyboard`);
  const summaryText = await caseHeaderText(browser);
  assert.ok(summaryText.includes(reference), `the case page should show its reference ${reference}, it read ${JSON.stringify(summaryText)}`);
  for (const expected of ["New", "P2 · High", CUSTOMER, "Phone", "网络故障"]) {
    assert.ok(summaryText.includes(expected), `the case header should show "${expected}", it read ${JSON.stringify(summaryText)}`);
  }
  await waitForTimeline(browser, ["Case logged (P2 · High, Phone)"]);
  await checkAccessibility(s, "Case detail, a new case");

  // 2. An agent: the person at this computer adds themself from the "My cases" prompt.
  await (await getByRole(browser, "link", { name: "Back to cases" })).click();
  await waitForPageHeading(browser, "Cases");
  await openQueue(browser, "My cases");
  await getByRole(browser, "heading", { name: "Who are you?" });
  await checkAccessibility(s, "Cases, My cases asking who you are");
  await fillTextbox(browser, "Your name", AGENT);
  await clickButton(browser, "Add me as an agent");
  await waitForCaseCount(browser, "0 cases"); // My cases, now that the app knows who "me" is.
  await openQueue(browser, "Unassigned");
  await waitForCaseCount(browser, "1 case");
  await checkAccessibility(s, "Cases list, Unassigned queue with one case");
  await openCaseFromList(browser, TITLE);

  // 3. Assign.
  await clickButton(browser, "Assign");
  let dialog = await getDialog(browser, "Assign case");
  await getByRole(browser, "button", { name: "Close", within: dialog }); // Its ✕ has a name.
  await chooseOption(browser, "Agent", AGENT);
  await checkAccessibility(s, "Assign case dialog");
  await submitDialog(browser, dialog, "Assign case", "Save assignment");
  await waitForTimeline(browser, [`Assigned to ${AGENT}`]);

  // 4. Escalate to level 2.
  await clickButton(browser, "Escalate");
  dialog = await getDialog(browser, "Escalate case");
  await fillTextbox(browser, "Department", DEPARTMENT, { within: dialog });
  await chooseRadio(browser, "Level", "2 · Manager", { within: dialog });
  await fillTextbox(browser, "Reason", REASON, { within: dialog });
  await checkAccessibility(s, "Escalate case dialog");
  await submitDialog(browser, dialog, "Escalate case", "Confirm escalation");
  await waitForTimeline(browser, [`Escalated to ${DEPARTMENT} (level 2)`]);
  const details = await getByRole(browser, "region", { name: "Details" });
  await waitForText(browser, details, (t) => t.includes(`Escalation ${DEPARTMENT} · level 2`), "Details to show the escalation");

  // 5. Pending customer: the resolution clock pauses.
  const sla = await getByRole(browser, "region", { name: "Service level" });
  await chooseMenuItem(browser, "Change status", "Pending customer");
  await waitForAlertMatching(browser, /^Status changed to Pending customer$/);
  await waitForText(
    browser,
    sla,
    (t) => /Resolution Paused\b/.test(t) && t.includes("Paused while waiting for the customer"),
    'the Service level section to show the resolution target as "Paused while waiting for the customer"',
  );

  // 6. Back to Open: the clock runs again.
  await chooseMenuItem(browser, "Change status", "Open");
  await waitForAlertMatching(browser, /^Status changed to Open$/);
  await waitForText(
    browser,
    sla,
    (t) => /Resolution (Running|At risk)\b/.test(t) && !t.includes("Paused"),
    "the Service level section to show the resolution target running again",
  );

  // 7. Resolve with root cause and summary.
  await chooseMenuItem(browser, "Change status", "Resolved");
  dialog = await getDialog(browser, "Resolve case");
  await fillTextbox(browser, "Root cause", ROOT_CAUSE, { within: dialog });
  await fillTextbox(browser, "Resolution summary", SUMMARY, { within: dialog });
  await checkAccessibility(s, "Resolve case dialog");
  await submitDialog(browser, dialog, "Resolve case", "Resolve");

  // 8. The call-back is offered at once; the suggested time is taken.
  dialog = await getDialog(browser, "Schedule call-back");
  await waitForText(browser, dialog, (t) => t.includes("The case is resolved."), "the call-back offer to say the case is resolved");
  const when = await textOf(browser, await getByRole(browser, "button", { name: "Call-back date and time", within: dialog }));
  assert.match(when, /^\d{1,2} [A-Z][a-z]{2} \d{4} 10:00$/, `the suggested call-back time should be tomorrow 10:00, it was ${JSON.stringify(when)}`);
  await checkAccessibility(s, "Schedule call-back dialog");
  await submitDialog(browser, dialog, "Schedule call-back", "Schedule");
  await waitForTimeline(browser, ["Call-back scheduled for"]);

  // 9. Record the call-back with CSAT 5 and NPS 9.
  await clickButton(browser, "Record call-back");
  dialog = await getDialog(browser, "Record call-back");
  await fillTextbox(browser, "Outcome", OUTCOME, { within: dialog });
  await chooseRadio(browser, "CSAT", "5", { within: dialog });
  await chooseRadio(browser, "NPS", "9", { within: dialog });
  await fillTextbox(browser, "Comment", COMMENT, { within: dialog });
  await checkAccessibility(s, "Record call-back dialog");
  await submitDialog(browser, dialog, "Record call-back", "Save call-back");

  // 10. The timeline tells the whole story, newest first; the case is Resolved.
  const entries = await waitForTimeline(browser, ["Call-back made"]);
  const expected = [
    "Call-back made",
    "Call-back scheduled for",
    "Resolved",
    "Status changed from Open to Resolved",
    "Status changed from Pending customer to Open",
    "Status changed from New to Pending customer",
    `Escalated to ${DEPARTMENT} (level 2)`,
    `Assigned to ${AGENT}`,
    "Case logged (P2 · High, Phone)",
  ];
  assert.deepEqual(
    entries.map((e, i) => (e.startsWith(expected[i] ?? "\0") ? expected[i] : e)),
    expected,
    "the timeline should list every step, newest first",
  );
  const callback = entries[0];
  for (const part of [`Outcome: ${OUTCOME}`, "CSAT 5/5 · NPS 9/10", `Comment: ${COMMENT}`]) {
    assert.ok(callback.includes(part), `the call-back entry should include "${part}", it read ${JSON.stringify(callback)}`);
  }
  assert.ok(entries[2].includes(`Root cause: ${ROOT_CAUSE}`), `the Resolved entry should give the root cause, it read ${JSON.stringify(entries[2])}`);

  const headerText = await caseHeaderText(browser);
  assert.match(headerText, new RegExp(`^${reference} Resolved `), `the case header should say Resolved, it read ${JSON.stringify(headerText)}`);
  const facts = await textOf(browser, details);
  for (const part of [`Assignee ${AGENT}`, "CSAT 5/5", "NPS 9/10", `“${COMMENT}”`, `Root cause ${ROOT_CAUSE}`]) {
    assert.ok(facts.includes(part), `Details should include "${part}", it read ${JSON.stringify(facts)}`);
  }
  // The first-response and resolution targets are both met.
  await waitForText(browser, sla, (t) => /First response Met\b/.test(t) && /Resolution Met\b/.test(t), "both SLA targets to read Met");
  await checkAccessibility(s, "Case detail, resolved with a call-back");
});
