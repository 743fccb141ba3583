/**
 * Scenario 12: the screens that need data to show what they hold pass axe's WCAG 2 A/AA
 * rules in light and dark (every other scenario checks the screens it passes through;
 * scenario 1 the sections of an empty database). On a 20-case demo database (made with
 * frontline-cli before the app starts): the All cases queue, a demo case (tags, SLA
 * badges, a timeline), the customer list and a customer's page, the New customer dialog,
 * the Dashboard's KPI tiles, an agent's profile (training, case KPIs, QA trend, coaching)
 * and the QA scorecards, and the Sync page, which offers to clear the demo data, with its
 * confirmation open.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { caseGrid, clickButton, getDialog, openQueue, waitForCaseCount } from "../lib/cases.mjs";
import { cliBinary } from "../lib/paths.mjs";
import { getByRole, queryAllByRole, textOf, waitForNoRole } from "../lib/queries.mjs";
import { clickWhenUncovered, openSection, waitForPageHeading } from "../lib/ui.mjs";

const CASES = 20;

/** A 20-case demo database in the scenario's (not yet existing) data folder. */
function demoDatabase(s) {
  mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env };
  delete env.FRONTLINE_DB;
  delete env.FRONTLINE_DATA_DIR;
  const run = spawnSync(cliBinary(), ["--db", s.dbPath, "demo", "--cases", String(CASES)], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`frontline-cli demo failed (${run.status}): ${run.stderr}`);
}

/** Clicks the first link inside `container` and returns its text. */
async function openFirstLink(browser, container, what) {
  let links = [];
  await browser.waitUntil(async () => (links = (await queryAllByRole(browser, "link", { within: container })).matches).length > 0, {
    timeout: 15_000,
    timeoutMsg: `Expected ${what} to list at least one link`,
  });
  const text = await textOf(browser, links[0]);
  await clickWhenUncovered(browser, links[0], `the first link of ${what}`);
  return text;
}

scenario(
  "screens with data pass the accessibility check",
  async (s) => {
    const { browser } = s;
    await openSection(browser, "Cases");

    await openQueue(browser, "All cases");
    await waitForCaseCount(browser, `${CASES} cases`);
    await checkAccessibility(s, "Cases list, All cases queue of demo data");

    await openFirstLink(browser, await caseGrid(browser), "the case list");
    await getByRole(browser, "toolbar", { name: "Case actions" });
    await getByRole(browser, "region", { name: "Timeline" });
    await checkAccessibility(s, "Case detail, a demo case");

    await openSection(browser, "Customers");
    const customers = await getByRole(browser, "table", { name: "Customer list" });
    await checkAccessibility(s, "Customers, demo customers");
    const name = await openFirstLink(browser, customers, "the customer list");
    await waitForPageHeading(browser, name);
    await getByRole(browser, "heading", { name: "Cases of this customer" });
    await getByRole(browser, "grid", { name: "Case list" });
    await checkAccessibility(s, "Customer page");

    await openSection(browser, "Customers");
    await clickButton(browser, "New customer");
    const create = await getDialog(browser, "New customer");
    await checkAccessibility(s, "New customer dialog");
    await clickButton(browser, "Cancel", { within: create });
    await waitForNoRole(browser, "dialog", { name: "New customer" });

    await openSection(browser, "Dashboard");
    await waitForPageHeading(browser, "Dashboard");
    const tiles = await getByRole(browser, "list", { name: "Key performance indicators" });
    await browser.waitUntil(async () => (await queryAllByRole(browser, "listitem", { within: tiles })).matches.length >= 8, {
      timeout: 15_000,
      timeoutMsg: "Expected the dashboard to show its KPI tiles",
    });
    await checkAccessibility(s, "Dashboard, demo data, last 30 days");

    await openSection(browser, "Training");
    const agent = await openFirstLink(browser, await getByRole(browser, "table", { name: "Agents" }), "the agent list");
    await getByRole(browser, "heading", { name: agent });
    await getByRole(browser, "table", { name: `${agent}'s QA evaluations` });
    await getByRole(browser, "heading", { name: "Coaching" });
    await checkAccessibility(s, "Agent profile, a demo agent");

    await openSection(browser, "Training");
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "QA" }), "the QA tab");
    await getByRole(browser, "table", { name: "QA scorecards" });
    await checkAccessibility(s, "QA scorecards");

    await openSection(browser, "Sync");
    await getByRole(browser, "button", { name: "Clear demo data" });
    await checkAccessibility(s, "Sync, demo data to clear first");
    await clickButton(browser, "Clear demo data");
    const confirm = await getDialog(browser, "Clear demo data?");
    await checkAccessibility(s, "Clear demo data confirmation");
    await clickButton(browser, "Cancel", { within: confirm });
    await waitForNoRole(browser, "dialog", { name: "Clear demo data?" });
  },
  { prepare: demoDatabase },
);
