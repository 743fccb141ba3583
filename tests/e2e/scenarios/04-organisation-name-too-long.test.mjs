/**
 * Scenario 4: an organisation name over 120 characters is refused with a translated
 * message beside the field, and nothing is stored.
 *
 * The 121 characters are typed for real, key by key: the field has no maxlength, so the
 * 121st is not dropped silently and the rule is said beside the field instead. They are
 * CJK and Latin mixed, so a check counting bytes or UTF-16 units would also show.
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { accessibleDescription, getByRole, textOf } from "../lib/queries.mjs";
import { openSection, saveSettings, typeInto, waitForHeaderText, waitForPageHeading } from "../lib/ui.mjs";

const SAVED = "East Support";
const TOO_LONG = "客服".repeat(30) + "x".repeat(61); // 121 characters
const MESSAGE = "Must be at most 120 characters.";

scenario("rejects an over-long organisation name", async (s) => {
  const { browser } = s;
  assert.equal([...TOO_LONG].length, 121);

  await openSection(browser, "Settings");
  let field = await getByRole(browser, "textbox", { name: "Organisation name" });
  await typeInto(browser, field, SAVED);
  await saveSettings(browser);
  await waitForHeaderText(browser, SAVED);

  // Typing 121 characters: all of them stay in the field.
  await typeInto(browser, field, TOO_LONG);
  const typed = await field.getValue();
  assert.equal(
    [...typed].length,
    121,
    `typing 121 characters should leave all 121 in the field (no maxlength cutting the last one off), it holds ${[...typed].length}`,
  );
  assert.equal(typed, TOO_LONG, "the field should hold exactly what was typed");

  // Save: the rule is said beside the field, and nothing is sent.
  await (await getByRole(browser, "button", { name: "Save" })).click();
  await browser
    .waitUntil(async () => (await field.getAttribute("aria-invalid")) === "true", { timeout: 15_000 })
    .catch(() => {
      throw new Error("Expected the Organisation name field to be marked invalid (aria-invalid) after saving 121 characters");
    });
  const description = await accessibleDescription(browser, field);
  assert.ok(
    description.includes(MESSAGE),
    `the field's description should include "${MESSAGE}", it was ${JSON.stringify(description)}`,
  );
  const formStatus = await getByRole(browser, "status", { name: /.*/, within: await getByRole(browser, "main") });
  assert.equal(
    await textOf(browser, formStatus),
    "Some fields need attention before saving.",
    "the Save bar should say some fields need attention",
  );
  assert.ok(
    await browser.execute((el) => document.activeElement === el, field),
    "focus should move to the field that needs attention",
  );
  await waitForHeaderText(browser, SAVED); // The header still shows the stored name.
  await checkAccessibility(s, "Settings, a field in error");

  await s.screenshot("-error");

  // Nothing was saved: reload the window and the stored name is still there.
  await browser.refresh();
  await waitForPageHeading(browser, "Settings");
  field = await getByRole(browser, "textbox", { name: "Organisation name" });
  assert.equal(await field.getValue(), SAVED, "after reloading, the Organisation name should still be the previously saved one");
  await waitForHeaderText(browser, SAVED);
});
