/**
 * Scenario 8: an invalid status move cannot even be asked for: the "Change status" menu
 * offers only the moves the workflow allows. A new case can go to Open, Pending customer,
 * Pending internal or Resolved, not Closed; once resolved, it can only be closed or
 * reopened; once closed, only reopened.
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import {
  chooseMenuItem,
  clickButton,
  closeMenuWithEscape,
  createCaseByKeyboard,
  fillTextbox,
  getDialog,
  openMenu,
  submitDialog,
  waitForAlertMatching,
  waitForTimeline,
} from "../lib/cases.mjs";
import { waitForNoRole } from "../lib/queries.mjs";
import { openSection } from "../lib/ui.mjs";

const TITLE = "密码重置邮件收不到 Password reset e-mail never arrives";

/**
 * Opens the Change status menu, reads its items (with `s`, checks the screen with the
 * menu open), and closes it again with Escape.
 */
async function offeredMoves(browser, s) {
  const { menu, names } = await openMenu(browser, "Change status");
  if (s) await checkAccessibility(s, "Case detail, Change status menu open");
  await closeMenuWithEscape(browser, menu, "Change status");
  return names;
}

scenario("offers only valid status moves", async (s) => {
  const { browser } = s;
  await openSection(browser, "Cases");
  await createCaseByKeyboard(browser, { title: TITLE });

  assert.deepEqual(
    await offeredMoves(browser, s),
    ["Open", "Pending customer", "Pending internal", "Resolved"],
    "a New case should offer exactly Open, Pending customer, Pending internal and Resolved (not Closed)",
  );

  await chooseMenuItem(browser, "Change status", "Resolved");
  const resolve = await getDialog(browser, "Resolve case");
  await fillTextbox(browser, "Root cause", "邮件被收件方服务器拦截 Blocked by the recipient's server", { within: resolve });
  await fillTextbox(browser, "Resolution summary", "更换发信域名后已收到 Arrived after changing the sender domain", { within: resolve });
  await submitDialog(browser, resolve, "Resolve case", "Resolve");
  const offer = await getDialog(browser, "Schedule call-back");
  await checkAccessibility(s, "Schedule call-back offer after resolving");
  await clickButton(browser, "Not now", { within: offer });
  await waitForNoRole(browser, "dialog", { name: "Schedule call-back" });

  assert.deepEqual(await offeredMoves(browser), ["Open", "Closed"], "a Resolved case should offer exactly Open (reopen) and Closed");

  await chooseMenuItem(browser, "Change status", "Closed");
  await waitForAlertMatching(browser, /^Status changed to Closed$/);
  await waitForTimeline(browser, ["Status changed from Resolved to Closed"]);
  assert.deepEqual(await offeredMoves(browser), ["Open"], "a Closed case should offer only Open (reopen)");
  await checkAccessibility(s, "Case detail, a closed case");
});
