/**
 * Scenario 17: a contingency-plan drill from start to report (issue 18's E2E). On a 20-case
 * demo database with one more case logged by frontline-cli (its reference known), a plan is
 * written in the app with steps in all four phases (Monitoring, Warning, Response,
 * Recovery), published and run as a drill: three steps ticked, one skipped with a reason,
 * one left open, two log entries, the case linked. Closing it scores the drill: 3 of the 5
 * required steps done by their targets (all ticked within minutes of targets of half an
 * hour or more), so 60%. A hot-wash and an after-action review are written; the printable
 * report is opened and saved as a PDF (the save dialog is the test substitute,
 * FRONTLINE_TEST_DIALOG_DIR) whose text (pdftotext) holds the plan's title, every step, the
 * score, the log and the case. The run page and the report pass axe's WCAG 2 A/AA rules in
 * light and dark.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { clickButton, fillTextbox, submitDialog, waitForText } from "../lib/cases.mjs";
import { cliBinary } from "../lib/paths.mjs";
import { addStep, createPlan, publishPlan, startDrill } from "../lib/plans.mjs";
import { getByRole } from "../lib/queries.mjs";
import { clickWhenUncovered, typeInto, waitForAlert, waitUntilSettled } from "../lib/ui.mjs";

const PLAN = "Telephony outage drill";
/** Targets of 30 minutes or more: every tick the scenario makes is on time. */
const STEPS = [
  { phase: "Monitoring", text: "Watch the queue dashboard", offsetMinutes: 30 },
  { phase: "Warning", text: "Warn the team leads", offsetMinutes: 30 },
  { phase: "Response", text: "Switch to the backup line", offsetMinutes: 60 },
  { phase: "Response", text: "Post a status update", offsetMinutes: 60 },
  { phase: "Recovery", text: "Call back dropped callers", offsetMinutes: 120 },
];
const [WATCH, WARN, SWITCH, POST, CALL_BACK] = STEPS.map((s) => s.text);
const SKIP_REASON = "The status page was already updated by IT";
const LOG_ENTRIES = ["Carrier confirms the fault on the main trunk", "Backup line carrying all calls"];
const CASE_TITLE = "Callers hear silence after the IVR menu";
const SCORE = "60% — 3 of 5 required steps done on time";
const FILE_PREFIX = "drill-report-telephony-outage-drill-";

/** The case the scenario links, as frontline-cli logged it. */
let linkedCase = { id: "", reference: "" };

function cli(s, args) {
  const env = { ...process.env };
  delete env.FRONTLINE_DB;
  delete env.FRONTLINE_DATA_DIR;
  const run = spawnSync(cliBinary(), ["--db", s.dbPath, ...args], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`frontline-cli ${args[0]} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** A 20-case demo database and one case with a known title and reference. */
function prepare(s) {
  mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  cli(s, ["demo", "--cases", "20"]);
  const out = cli(s, ["case", "new", "--title", CASE_TITLE, "--priority", "P2", "--category", "Outage", "--json"]);
  linkedCase = JSON.parse(out);
  assert.ok(linkedCase.reference, `frontline-cli case new should print the reference; it printed ${out}`);
}

const pad = (n) => String(n).padStart(2, "0");
const localDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

scenario(
  "plan drill: author, publish, run, tick, log, link a case, close, review, score and the report as a PDF",
  async (s) => {
    const { browser } = s;

    // 1. A plan with steps in all four phases, published.
    await createPlan(browser, PLAN);
    for (const step of STEPS) await addStep(browser, step);
    await publishPlan(browser);
    for (const phase of ["Monitoring", "Warning", "Response", "Recovery"]) {
      const region = await getByRole(browser, "region", { name: phase });
      const texts = STEPS.filter((st) => st.phase === phase).map((st) => st.text);
      await waitForText(browser, region, (t) => texts.every((x) => t.includes(x)), `${phase} to list ${texts.join(", ")}`);
    }

    // 2. A drill: three steps ticked, one skipped with its reason, one left open.
    const dayStarted = localDay(new Date());
    await startDrill(browser, "Ann Lee");
    const log = await getByRole(browser, "region", { name: "Incident log" });
    for (const step of [WATCH, WARN, SWITCH]) {
      await clickButton(browser, `Mark done: ${step}`);
      await waitForText(browser, log, (t) => t.includes(`Done: ${step}`), `the log to record "${step}" done`);
    }
    await clickButton(browser, `Skip: ${POST}`);
    const skip = await getByRole(browser, "dialog", { name: "Skip this step" });
    await fillTextbox(browser, "Reason", SKIP_REASON, { within: skip });
    await submitDialog(browser, skip, "Skip this step", "Skip step");
    await waitForText(browser, log, (t) => t.includes(`Skipped: ${POST} — ${SKIP_REASON}`), "the log to record the skip and its reason");

    // 3. Log entries.
    for (const entry of LOG_ENTRIES) {
      await typeInto(browser, await getByRole(browser, "textbox", { name: "New log entry" }), entry);
      await clickButton(browser, "Add to log");
      await waitForText(browser, log, (t) => t.includes(entry), `the log to hold "${entry}"`);
    }

    // 4. The case linked, found by a word of its title.
    const cases = await getByRole(browser, "region", { name: "Linked cases" });
    await browser.execute((el) => el.scrollIntoView({ block: "center" }), cases);
    await typeInto(browser, await getByRole(browser, "combobox", { name: "Link a case", within: cases }), "silence");
    const listbox = await getByRole(browser, "listbox", { name: "Link a case" });
    await waitUntilSettled(browser, listbox, "the list of cases found");
    const option = await getByRole(browser, "option", { name: `${linkedCase.reference} · ${CASE_TITLE}`, within: listbox });
    await clickWhenUncovered(browser, option, "the case found");
    await clickButton(browser, "Link", { within: cases });
    await getByRole(browser, "link", { name: linkedCase.reference, within: cases });
    await waitForText(browser, cases, (t) => t.includes(CASE_TITLE), "the linked case's title");
    await checkAccessibility(s, "Run page: an active drill with ticks, a skip, log entries and a linked case");

    // 5. Closed: scored 3 of 5 required steps on time, the open Recovery step not done.
    await clickButton(browser, "Close the run");
    const close = await getByRole(browser, "dialog", { name: "Close this run?" });
    await submitDialog(browser, close, "Close this run?", "Close the run");
    const score = await getByRole(browser, "region", { name: "Score" });
    const scoreText = await waitForText(browser, score, (t) => t.includes(SCORE), `the score "${SCORE}"`);
    assert.ok(scoreText.includes("Not done"), `Recovery, whose only step is open, should read "Not done"; the score read ${JSON.stringify(scoreText)}`);
    await waitForText(browser, log, (t) => t.includes("Run closed"), "the log to record the close");
    assert.equal(
      (await browser.execute(() => document.querySelectorAll('button[aria-label^="Mark done:"]').length)),
      0,
      "a closed run offers no tick",
    );

    // 6. Hot-wash and after-action review.
    const hotWash = await getByRole(browser, "region", { name: "Hot-wash" });
    await fillTextbox(browser, "Hot-wash notes", "Routing to the backup line took 4 minutes", { within: hotWash });
    await clickButton(browser, "Save hot-wash", { within: hotWash });
    await waitForText(browser, hotWash, (t) => t.includes("Saved."), "the hot-wash saved");
    const review = await getByRole(browser, "region", { name: "After-action review" });
    await browser.execute((el) => el.scrollIntoView({ block: "center" }), review);
    await fillTextbox(browser, "What went well", "Team leads were warned within a minute", { within: review });
    await fillTextbox(browser, "What went wrong", "Nobody owned the status page", { within: review });
    await clickButton(browser, "Save review", { within: review });
    await waitForText(browser, review, (t) => t.includes("Saved."), "the review saved");
    await checkAccessibility(s, "Run page: a closed drill with its score, hot-wash and review");

    // 7. The printable report, saved as a PDF that holds the plan and every step.
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: "Print report" }), "Print report");
    const sheet = await getByRole(browser, "article", { name: `Run report: ${PLAN}` });
    await waitForText(browser, sheet, (t) => t.includes("60%") && t.includes(CASE_TITLE), "the report with its score and case");
    await checkAccessibility(s, "Run report, printable");
    await clickButton(browser, "Save as PDF");
    // The file is named for the day the run started in the workspace's zone (here the
    // computer's): the day read just before starting it, or, past midnight since, today.
    const names = [...new Set([dayStarted, localDay(new Date())])].map((day) => `${FILE_PREFIX}${day}.pdf`);
    await browser.waitUntil(() => names.some((n) => existsSync(join(s.dialogDir, n))), {
      timeout: 30_000,
      timeoutMsg: `Expected the app to save one of ${names.join(", ")} in ${s.dialogDir}`,
    });
    const pdfPath = await s.waitForSavedFile(names.find((n) => existsSync(join(s.dialogDir, n))), 30_000);
    await waitForAlert(browser, `PDF saved to ${pdfPath}`);
    const text = spawnSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    if (text.error) throw new Error(`pdftotext could not run (${text.error.message}); apt-get install poppler-utils`);
    assert.equal(text.status, 0, `pdftotext failed: ${text.stderr}`);
    for (const expected of [
      PLAN,
      ...STEPS.map((st) => st.text),
      "Monitoring",
      "Warning",
      "Response",
      "Recovery",
      "Drill",
      "60%",
      "Required steps done on time: 3 / 5",
      SKIP_REASON,
      ...LOG_ENTRIES,
      `${linkedCase.reference} · ${CASE_TITLE}`,
      "Team leads were warned within a minute",
      "Nobody owned the status page",
    ]) {
      assert.ok(text.stdout.includes(expected), `the PDF's text should contain "${expected}"; it read:\n${text.stdout}`);
    }
    assert.ok(!text.stdout.includes(`Done: ${CALL_BACK}`), `the open step "${CALL_BACK}" is not logged as done`);
  },
  { prepare, dialogs: true },
);
