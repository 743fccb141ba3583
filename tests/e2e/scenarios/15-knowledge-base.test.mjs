/**
 * Scenario 15: the knowledge base in the real app. On a 20-case demo database (made with
 * frontline-cli before the app starts), with a contingency plan made and published in the
 * app: write an SOP whose text is Chinese, publish it, find it by a Chinese word (the word
 * marked in its snippet), link it to a case and see it from the case's page and the case
 * from the article's, link it to a step of the plan and see it beside the step on the
 * plan's page and in the checklist of a run, edit it and publish again, and compare the
 * two versions line by line. Each screen passes axe's WCAG 2 A/AA rules in light and dark.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario, TIMEOUTS } from "../lib/app.mjs";
import {
  caseGrid,
  clickButton,
  fillTextbox,
  openQueue,
  waitForCaseCount,
} from "../lib/cases.mjs";
import { cliBinary } from "../lib/paths.mjs";
import { addStep, createPlan, publishPlan, startDrill } from "../lib/plans.mjs";
import { getByRole, queryAllByRole, textOf } from "../lib/queries.mjs";
import { clickWhenUncovered, openSection, typeInto, waitForAlert, waitForPageHeading } from "../lib/ui.mjs";

const CASES = 20;
const TITLE = "退款申请处理 SOP";
const FIRST_TEXT = ["# 步骤", "", "- 核对订单号", "- 确认退款金额"];
const CHANGED_LINE = "- 三个工作日内回电";
const PLAN = "Telephony outage";
const STEP = "Switch to the backup line";

function demoDatabase(s) {
  mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env };
  delete env.FRONTLINE_DB;
  delete env.FRONTLINE_DATA_DIR;
  const run = spawnSync(cliBinary(), ["--db", s.dbPath, "demo", "--cases", String(CASES)], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`frontline-cli demo failed (${run.status}): ${run.stderr}`);
}

/** Types `lines` into the textbox `name`, replacing its text, each line ended with Enter. */
async function typeLines(browser, name, lines) {
  const field = await getByRole(browser, "textbox", { name });
  await typeInto(browser, field, lines[0]);
  for (const line of lines.slice(1)) {
    await browser.keys(["Enter"]);
    if (line) await field.addValue(line);
  }
}

/** Saves the editor's form: its button, below a long text, is brought to mid-screen first. */
async function save(browser) {
  const button = await getByRole(browser, "button", { name: "Save" });
  await browser.execute((el) => el.scrollIntoView({ block: "center" }), button);
  await clickWhenUncovered(browser, button, "Save");
}

/** Waits until `element`'s text satisfies `test`; returns that text. */
async function waitForTextOf(browser, element, test, what) {
  let text = "";
  await browser.waitUntil(async () => test((text = await textOf(browser, element))), {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected ${what}; the text was: ${text}`,
  });
  return text;
}

/** Opens the combobox `name` and picks the option whose text starts with `prefix`. */
async function chooseOptionStarting(browser, name, prefix) {
  const combobox = await getByRole(browser, "combobox", { name });
  await combobox.click();
  const listbox = await getByRole(browser, "listbox", { name });
  let option;
  await browser.waitUntil(
    async () => {
      const { matches } = await queryAllByRole(browser, "option", { within: listbox });
      for (const candidate of matches) {
        if ((await textOf(browser, candidate)).startsWith(prefix)) {
          option = candidate;
          return true;
        }
      }
      return false;
    },
    { timeout: TIMEOUTS.ui, timeoutMsg: `Expected an option starting "${prefix}" in ${name}` },
  );
  await clickWhenUncovered(browser, option, `the option "${prefix}…"`);
}

scenario(
  "knowledge base: write an SOP, publish, find it in Chinese, link it to a case, compare versions",
  async (s) => {
    const { browser } = s;

    // 0. A published plan with a step in its Response phase, due at activation: overdue
    // while the scenario looks at the run, so the overdue row is held to the contrast check
    // in both themes too.
    await createPlan(browser, PLAN);
    await addStep(browser, { phase: "Response", text: STEP, offsetMinutes: 0 });
    await publishPlan(browser);

    // 1. Write and publish.
    await openSection(browser, "Knowledge base");
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "New article" }), "New article");
    await getByRole(browser, "form", { name: "New article" });
    await fillTextbox(browser, "Title", TITLE);
    await typeLines(browser, "Body", FIRST_TEXT);
    await checkAccessibility(s, "Knowledge base, new article");
    await save(browser);
    const article = await getByRole(browser, "article", { name: TITLE });
    await waitForTextOf(browser, article, (t) => t.includes("确认退款金额"), "the saved text, rendered");
    await clickButton(browser, "Publish");
    await waitForAlert(browser, "Published; the version is kept in the history.");
    const history = await getByRole(browser, "table", { name: "History" });
    await waitForTextOf(browser, history, (t) => t.includes("Version 1"), "version 1 in the history");
    await checkAccessibility(s, "Knowledge base, a published article");

    // 2. Found by a Chinese word, the word marked.
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "All articles" }), "All articles");
    await typeInto(browser, await getByRole(browser, "searchbox", { name: "Search articles" }), "退款");
    await getByRole(browser, "link", { name: TITLE });
    // The article is listed before the search too: wait for the results, not the link.
    let marked = [];
    await browser
      .waitUntil(
        async () =>
          (marked = await browser.execute(() => [...document.querySelectorAll("main li mark")].map((m) => m.textContent))).includes("退款"),
        { timeout: TIMEOUTS.ui, interval: 100 },
      )
      .catch(() => {});
    assert.ok(marked.includes("退款"), `Expected "退款" marked in the results, got ${JSON.stringify(marked)}`);
    await checkAccessibility(s, "Knowledge base, search results");

    // 3. Linked to a case: seen from the case, and the case from the article.
    await openSection(browser, "Cases");
    await openQueue(browser, "All cases");
    await waitForCaseCount(browser, `${CASES} cases`);
    const grid = await caseGrid(browser);
    let links = [];
    await browser.waitUntil(async () => (links = (await queryAllByRole(browser, "link", { within: grid })).matches).length > 0, {
      timeout: TIMEOUTS.ui,
      timeoutMsg: "Expected the case list to list a case",
    });
    const caseTitle = await textOf(browser, links[0]);
    await clickWhenUncovered(browser, links[0], "the first case");
    const panel = await getByRole(browser, "region", { name: "Knowledge base" });
    const find = await getByRole(browser, "combobox", { name: "Link an article", within: panel });
    await typeInto(browser, find, "退款");
    await chooseOptionStarting(browser, "Link an article", TITLE);
    await clickButton(browser, "Link", { within: panel });
    const linked = await getByRole(browser, "link", { name: TITLE, within: panel });
    await checkAccessibility(s, "Case page with a linked article");
    await clickWhenUncovered(browser, linked, "the linked article");
    const cases = await getByRole(browser, "region", { name: "Linked cases" });
    await waitForTextOf(browser, cases, (t) => caseTitle.split(" ").some((part) => part.length > 3 && t.includes(part)), "the case among the linked cases");

    // 4. Linked to the plan's step: seen beside the step on the plan's page and in a run's
    // checklist, and the step from the article.
    const steps = await getByRole(browser, "region", { name: "Plan steps" });
    await chooseOptionStarting(browser, "Plan", PLAN);
    await chooseOptionStarting(browser, "Step", `Response · ${STEP}`);
    await clickButton(browser, "Link to step", { within: steps });
    const stepLink = await getByRole(browser, "link", { name: `${PLAN} · Response: ${STEP}`, within: steps });
    await checkAccessibility(s, "Knowledge base, an article linked to a case and a plan step");
    await browser.execute((el) => el.scrollIntoView({ block: "center" }), stepLink);
    await clickWhenUncovered(browser, stepLink, "the linked step");
    const response = await getByRole(browser, "region", { name: "Response" });
    await getByRole(browser, "link", { name: TITLE, within: response });
    await checkAccessibility(s, "Plan page with a step's article");
    await startDrill(browser, "Ann Lee");
    const checklist = await getByRole(browser, "region", { name: "Response" });
    await waitForTextOf(browser, checklist, (t) => t.includes(STEP), "the step in the run's checklist");
    const runArticle = await getByRole(browser, "link", { name: TITLE, within: checklist });
    await checkAccessibility(s, "Run checklist with a step's article");
    await browser.execute((el) => el.scrollIntoView({ block: "center" }), runArticle);
    await clickWhenUncovered(browser, runArticle, "the step's article");
    await getByRole(browser, "article", { name: TITLE });

    // 5. Edited and published again; the two versions compared.
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "Edit" }), "Edit");
    await getByRole(browser, "form", { name: "Edit article" });
    await typeLines(browser, "Body", [...FIRST_TEXT, CHANGED_LINE]);
    await save(browser);
    await getByRole(browser, "article", { name: TITLE });
    await clickButton(browser, "Publish");
    await waitForTextOf(browser, await getByRole(browser, "table", { name: "History" }), (t) => t.includes("Version 2"), "version 2 in the history");
    await chooseOptionStarting(browser, "Older", "Version 1");
    await chooseOptionStarting(browser, "Newer", "Version 2");
    let diff = "";
    await browser.waitUntil(
      async () => {
        diff = await browser.execute(() => document.querySelector('main ol[aria-label="Differences"]')?.textContent ?? "");
        return diff.includes("Added:") && diff.includes("三个工作日内回电");
      },
      { timeout: TIMEOUTS.ui, timeoutMsg: `Expected the added line in the comparison; it read: ${diff}` },
    );
    assert.ok(!diff.includes("Removed:"), `Nothing was removed between the versions; the comparison read: ${diff}`);
    await waitForPageHeading(browser, "Knowledge base");
    await checkAccessibility(s, "Knowledge base, two versions compared");
  },
  { prepare: demoDatabase },
);
