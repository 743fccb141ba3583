/**
 * Scenario 3: the organisation name is saved in the database, not in the webview: it is
 * still in the header and in Settings after the app quits and starts again.
 */
import assert from "node:assert/strict";

import { scenario } from "../lib/app.mjs";
import { getByRole } from "../lib/queries.mjs";
import { openSection, saveSettings, typeInto, waitForHeaderText } from "../lib/ui.mjs";

const NAME = "华东客服中心 East Support";

scenario("keeps the organisation name across a restart", async (s) => {
  let browser = s.browser;

  await openSection(browser, "Settings");
  const field = await getByRole(browser, "textbox", { name: "Organisation name" });
  await typeInto(browser, field, NAME);
  assert.equal(await field.getValue(), NAME, "the Organisation name field should hold what was typed");
  await saveSettings(browser);
  await waitForHeaderText(browser, NAME);

  const firstPid = s.appPid;
  browser = await s.restart();
  assert.notEqual(s.appPid, firstPid, "the restart should have started a new app process");

  await waitForHeaderText(browser, NAME);
  await openSection(browser, "Settings");
  const again = await getByRole(browser, "textbox", { name: "Organisation name" });
  assert.equal(await again.getValue(), NAME, "after a restart the Organisation name field should show the saved name");
});
