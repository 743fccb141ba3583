/**
 * Scenario 6: the case search finds Chinese words (no spaces between words, so the
 * search cannot split on them): a 2-character word and a 4-character word each find
 * exactly the case that contains them, and a word no case contains finds nothing.
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { caseGrid, createCaseByKeyboard, openQueue, renderedRows, waitForCaseCount } from "../lib/cases.mjs";
import { getByRole, textOf } from "../lib/queries.mjs";
import { openSection, typeInto, waitForPageHeading } from "../lib/ui.mjs";

const CASES = [
  { title: "宽带夜间频繁断线 Broadband drops at night", priority: "P2 · High" },
  { title: "发票金额与套餐不符 Invoice does not match the plan" },
  { title: "手机信号弱 Weak mobile signal at home" },
];

/** Types `word` into "Search cases" and waits until the list shows exactly `titles`. */
async function search(browser, word, titles) {
  const box = await getByRole(browser, "searchbox", { name: "Search cases" });
  await typeInto(browser, box, word);
  assert.equal(await box.getValue(), word);
  await waitForCaseCount(browser, titles.length === 1 ? "1 case" : `${titles.length} cases`);
  const grid = await caseGrid(browser);
  let rows = [];
  await browser
    .waitUntil(
      async () => {
        rows = await renderedRows(browser, grid);
        return (
          rows.every((r) => !r.loading) &&
          rows.length === titles.length &&
          titles.every((title) => rows.some((r) => r.text.includes(title)))
        );
      },
      { timeout: 15_000, interval: 100 },
    )
    .catch(() => {
      throw new Error(
        `Searching for "${word}" should list exactly ${JSON.stringify(titles)}, but the rows were:\n  ` +
          rows.map((r) => r.text).join("\n  "),
      );
    });
  return rows;
}

scenario("finds a case by a Chinese word", async (s) => {
  const { browser } = s;
  await openSection(browser, "Cases");

  for (const c of CASES) {
    await createCaseByKeyboard(browser, c);
    await (await getByRole(browser, "link", { name: "Back to cases" })).click();
    await waitForPageHeading(browser, "Cases");
  }
  await openQueue(browser, "All cases");
  await waitForCaseCount(browser, "3 cases");

  // Two characters, in the middle of a title: only the broadband case.
  await search(browser, "断线", [CASES[0].title]);
  await checkAccessibility(s, "Cases list, search results");
  await s.screenshot("-2-characters");
  // Four characters, at the start of a title: only the invoice case.
  await search(browser, "发票金额", [CASES[1].title]);
  await s.screenshot("-4-characters");
  // A word in no case: nothing, and the list says so.
  await search(browser, "退款", []);
  const grid = await caseGrid(browser);
  assert.match(await textOf(browser, grid), /No cases match this queue and these filters\./);
  await checkAccessibility(s, "Cases list, nothing matches");
  // Cleared: all three again.
  await search(browser, "", CASES.map((c) => c.title));
});
