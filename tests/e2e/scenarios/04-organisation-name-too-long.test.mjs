/**
 * Scenario 4: an organisation name over 120 characters is refused with a translated
 * message beside the field, and nothing is stored.
 *
 * The field has maxlength=120, so typing stops at 120 characters: the scenario checks
 * that first. The only way to get a longer value into the form is past maxlength, so the
 * scenario then puts 121 characters in the way React sees a paste, to check the error
 * path (message beside the field, nothing saved).
 */
import assert from "node:assert/strict";

import { scenario } from "../lib/app.mjs";
import { accessibleDescription, getByRole, setValueBypassingMaxLength, textOf } from "../lib/queries.mjs";
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

  // Typing 121 characters: the field keeps the first 120.
  await typeInto(browser, field, TOO_LONG);
  const typed = await field.getValue();
  assert.equal([...typed].length, 120, `typing 121 characters should leave 120 in the field (maxlength), it holds ${[...typed].length}`);

  // 121 characters past maxlength: Save shows the rule beside the field.
  await setValueBypassingMaxLength(browser, field, TOO_LONG);
  assert.equal(await field.getValue(), TOO_LONG, "the field should now hold 121 characters");
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

  await s.screenshot("-error");

  // Nothing was saved: reload the window and the stored name is still there.
  await browser.refresh();
  await waitForPageHeading(browser, "Settings");
  field = await getByRole(browser, "textbox", { name: "Organisation name" });
  assert.equal(await field.getValue(), SAVED, "after reloading, the Organisation name should still be the previously saved one");
  await waitForHeaderText(browser, SAVED);
});
