/**
 * Scenario 16: training compliance and QA in the real app (issue 17), on a fixed wall clock
 * (libfaketime): Tuesday 12 January 2027, 10:00 in Shanghai, with a 20-case demo database
 * made by frontline-cli on the same clock before the app starts. The supervisor adds a
 * course valid for 12 months with a pass mark of 80, two agents in the Agent role and makes
 * the course required of that role: the matrix shows both agents' cells as Missing. A
 * session of the course is scheduled for the day, both agents enrolled and their scores
 * typed in the keyboard grid (92 passes, 64 fails); the matrix then shows the one who passed
 * as Compliant (green), expiring on 12 January 2028, and the other still Missing. The app is
 * restarted with the clock moved to 23 December 2027, 20 days before that expiry (inside
 * the 30 days of crates/core/src/training/expiry.rs): the cell reads Expiring (yellow) and
 * the agent is in "who needs what in the next 30 days". QA: a case logged by keyboard and
 * assigned to the agent is evaluated on the demo's scorecard (79 in January); after the
 * clock moved it is evaluated again (95 in December), and the agent's profile shows both
 * months in the trend and the mean of 87 over 2 evaluations. The matrix, the session, the
 * evaluation dialog and the profile pass axe's WCAG 2 A/AA rules in light and dark.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

import { checkAccessibility } from "../lib/a11y.mjs";
import { fixedClockEnvironment, scenario, TIMEOUTS } from "../lib/app.mjs";
import {
  clickButton,
  createCaseByKeyboard,
  fillTextbox,
  getDialog,
  submitDialog,
  waitForFocus,
  waitForText,
} from "../lib/cases.mjs";
import { cliBinary } from "../lib/paths.mjs";
import { getByRole, namesOfRole, queryAllByRole, textOf } from "../lib/queries.mjs";
import { clickWhenUncovered, openSection, typeInto, waitUntilSettled } from "../lib/ui.mjs";

const CLOCK = { at: "2027-01-12 10:00:00", timeZone: "Asia/Shanghai" };
const SESSION_DAY = "2027-01-12";
/** 12 months after the session: the first day the completion no longer counts. */
const EXPIRES = "2028-01-12";
/** 20 days before EXPIRES: expiring (30 days or fewer), not yet expired. */
const NEAR_EXPIRY = "2027-12-23 10:00:00";
const NEAR_EXPIRY_DAY = "2027-12-23";

const CASES = 20;
const COURSE = "Call recording consent";
const PASSES = { name: "Zofia Marchetti", employeeId: "E9001", score: "92" };
const FAILS = { name: "Ravi Lindqvist", employeeId: "E9002", score: "64" };
const CASE_TITLE = "Caller asked whether the call was recorded";
const EVALUATOR = "Ann Lee (QA)";
/**
 * The demo's scorecard, "Phone call quality": each criterion with its weight and points.
 * The score is the weighted share of the points given (crates/core/src/qa/score.rs).
 */
const SCORECARD = "Phone call quality";
const CRITERIA = [
  "Verified the caller's identity", // weight 10, 1 point, critical
  "Greeted and used the customer's name", // weight 10, 2 points
  "Listened and showed empathy", // weight 25, 5 points
  "Resolved the issue or set a clear next step", // weight 40, 5 points
  "Logged the case accurately", // weight 15, 3 points
];
/** 10·1 + 10·1 + 25·4/5 + 40·3/5 + 15·1 = 79. */
const JANUARY = { ratings: ["1 of 1", "2 of 2", "4 of 5", "3 of 5", "3 of 3"], score: "79" };
/** 10·1 + 10·1 + 25·1 + 40·1 + 15·2/3 = 95. */
const DECEMBER = { ratings: ["1 of 1", "2 of 2", "5 of 5", "5 of 5", "2 of 3"], score: "95" };

/** A 20-case demo database, made on the scenario's clock, so its dates are around it. */
function demoDatabase(s) {
  mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, ...fixedClockEnvironment(CLOCK) };
  delete env.FRONTLINE_DB;
  delete env.FRONTLINE_DATA_DIR;
  const run = spawnSync(cliBinary(), ["--db", s.dbPath, "demo", "--cases", String(CASES)], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`frontline-cli demo failed (${run.status}): ${run.stderr}`);
}

/** Opens one of the Training section's pages (People, Courses, …) from its row of links. */
async function openTrainingPage(browser, page) {
  await openSection(browser, "Training");
  const pages = await getByRole(browser, "navigation", { name: "Training pages" });
  const link = await getByRole(browser, "link", { name: page, within: pages });
  await clickWhenUncovered(browser, link, `the ${page} page link`);
  await browser.waitUntil(async () => (await link.getAttribute("aria-current")) === "page", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the ${page} page to be the current Training page`,
  });
}

/**
 * Picks `optionName` in the select `name` inside `within` (a dialog: the page behind may
 * have a select of the same name), typing `search` first into a searchable one: in place
 * of the value shown, or with `add` (a multi-select, where Backspace would remove the
 * last value picked) after it.
 */
async function pick(browser, name, optionName, { within, search, add = false } = {}) {
  const combobox = await getByRole(browser, "combobox", { name, within });
  await clickWhenUncovered(browser, combobox, `the ${name} field`);
  if (search && add) await combobox.addValue(search);
  else if (search) await typeInto(browser, combobox, search);
  await browser.waitUntil(async () => (await combobox.getAttribute("aria-expanded")) === "true", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the ${name} list to open`,
  });
  const listbox = await getByRole(browser, "listbox", { name });
  await waitUntilSettled(browser, listbox, `the ${name} list`);
  const option = await getByRole(browser, "option", { name: optionName, within: listbox });
  await clickWhenUncovered(browser, option, `the option ${optionName}`);
  return combobox;
}

/** As `pick`, for a single-value select: waits until the field shows the option. */
async function choose(browser, name, optionName, options = {}) {
  const combobox = await pick(browser, name, optionName, options);
  await browser.waitUntil(async () => (await combobox.getValue()) === optionName, {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the ${name} field to show "${optionName}" after choosing it`,
  });
}

/** Waits until the field `name` (inside `within`) holds `value`. */
async function waitForValue(browser, name, value, { within, role = "textbox" } = {}) {
  const field = await getByRole(browser, role, { name, within });
  let actual;
  await browser.waitUntil(async () => (actual = await field.getValue()) === value, {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected ${name} to read ${JSON.stringify(value)}, but it read ${JSON.stringify(actual)}`,
  });
}

/**
 * The elements with `role` inside `within`, each with the text it shows. (This WebKit
 * computes no name from their content for column and row headers, so their text is read.)
 */
async function withTexts(browser, role, within) {
  const { matches } = await queryAllByRole(browser, role, { within });
  return Promise.all(matches.map(async (el) => ({ el, text: await textOf(browser, el) })));
}

/**
 * The compliance matrix's cell of `agent` (a row header) in the column of `course` (a
 * column header), as `{ text, colour }`: its text ("Compliant Expires 2028-01-12") and the
 * colour its badge is drawn in (Mantine's `--badge-bg`, e.g. "teal").
 */
async function readMatrixCell(browser, agent, course) {
  const table = await getByRole(browser, "table", { name: "Compliance matrix" });
  const headers = (await withTexts(browser, "columnheader", table)).map((h) => h.text);
  const column = headers.indexOf(course);
  if (column < 1) throw new Error(`The matrix has no column "${course}"; its columns are ${JSON.stringify(headers)}`);
  const rows = (await withTexts(browser, "rowheader", table)).filter((h) => h.text === agent);
  if (rows.length !== 1) throw new Error(`The matrix has ${rows.length} rows of ${agent}`);
  const row = await rows[0].el.$("..");
  const { matches: cells } = await queryAllByRole(browser, "cell", { within: row });
  // The row header is not a cell: the course's cell is one to the left of its header.
  const cell = cells[column - 1];
  const text = await textOf(browser, cell);
  const colour = await browser.execute(
    (el) => /--badge-bg:\s*var\(--mantine-color-(\w+)-light\)/.exec(el.querySelector(".mantine-Badge-root")?.getAttribute("style") ?? "")?.[1] ?? null,
    cell,
  );
  return { text, colour };
}

/** Waits until `agent`'s cell for `course` reads `text` in a badge of `colour`. */
async function waitForMatrixCell(browser, agent, course, text, colour) {
  let last = null;
  let error = null;
  await browser
    .waitUntil(
      async () => {
        try {
          last = await readMatrixCell(browser, agent, course);
          error = null;
        } catch (e) {
          error = e;
          return false;
        }
        return last.text === text && last.colour === colour;
      },
      { timeout: TIMEOUTS.ui, interval: 200 },
    )
    .catch(() => {
      throw new Error(
        `Expected ${agent}'s cell for ${course} to read "${text}" in ${colour}, but ` +
          (last ? `it read ${JSON.stringify(last.text)} in ${last.colour}` : `it was not found: ${error?.message}`),
      );
    });
}

/** Adds an agent in the Agent role from the People page. */
async function addAgent(browser, { name, employeeId }) {
  await clickButton(browser, "Add agent");
  const dialog = await getDialog(browser, "Add an agent");
  await fillTextbox(browser, "Name", name, { within: dialog });
  await fillTextbox(browser, "Employee ID", employeeId, { within: dialog });
  await choose(browser, "Role", "Agent", { within: dialog });
  await submitDialog(browser, dialog, "Add an agent", "Add agent");
  await getByRole(browser, "link", { name, within: await getByRole(browser, "table", { name: "Agents" }) });
}

/**
 * From the case page: evaluates the case's agent on the demo's scorecard, checking first
 * that the dialog offers that scorecard, that agent and `day` (today on the app's clock).
 */
async function evaluateOnCase(browser, s, { day, ratings, comment }, { check = false } = {}) {
  const panel = await getByRole(browser, "region", { name: "Quality evaluations" });
  await clickButton(browser, "Evaluate", { within: panel });
  const dialog = await getDialog(browser, "Evaluate an agent");
  // The one scorecard is offered at once, the agent is the case's, the day is today.
  await waitForValue(browser, "Scorecard", SCORECARD, { within: dialog, role: "combobox" });
  await waitForValue(browser, "Agent", PASSES.name, { within: dialog, role: "combobox" });
  await waitForValue(browser, "Evaluated on", day, { within: dialog });
  await fillTextbox(browser, "Evaluator", EVALUATOR, { within: dialog });
  const group = await getByRole(browser, "group", { name: "Ratings", within: dialog });
  for (const [i, label] of CRITERIA.entries()) await choose(browser, label, ratings[i], { within: group });
  await fillTextbox(browser, "Comment", comment, { within: dialog });
  if (check) await checkAccessibility(s, "Evaluation dialog, every criterion rated");
  await submitDialog(browser, dialog, "Evaluate an agent", "Save evaluation");
}

/** Waits for a status message (role "status") reading `message`. */
async function waitForStatus(browser, message) {
  let texts = [];
  await browser
    .waitUntil(
      async () => {
        const { matches } = await queryAllByRole(browser, "status");
        texts = await Promise.all(matches.map((el) => textOf(browser, el).catch(() => "")));
        return texts.includes(message);
      },
      { timeout: TIMEOUTS.ui, interval: 100 },
    )
    .catch(() => {
      throw new Error(`Expected the status "${message}", but the statuses read ${JSON.stringify(texts)}`);
    });
}

/** The text of each body row of the table `name` (header rows left out). */
async function bodyRows(browser, name) {
  const table = await getByRole(browser, "table", { name });
  const { matches } = await queryAllByRole(browser, "row", { within: table });
  const texts = [];
  for (const row of matches) {
    if ((await queryAllByRole(browser, "columnheader", { within: row })).matches.length > 0) continue;
    texts.push(await textOf(browser, row));
  }
  return texts;
}

/** Waits until the table `name`'s body rows are exactly `expected`. */
async function waitForRows(browser, name, expected) {
  let rows = [];
  await browser
    .waitUntil(
      async () => {
        rows = await bodyRows(browser, name).catch(() => []);
        return JSON.stringify(rows) === JSON.stringify(expected);
      },
      { timeout: TIMEOUTS.ui, interval: 200 },
    )
    .catch(() => {
      throw new Error(`Expected the table "${name}" to read ${JSON.stringify(expected)}, but it read ${JSON.stringify(rows)}`);
    });
}

scenario(
  "training compliance: a 12-month course, a session's scores turn the matrix green, expiring near expiry; a QA trend on the profile",
  async (s) => {
    let { browser } = s;

    // 1. A course valid for 12 months with a pass mark of 80.
    await openTrainingPage(browser, "Courses");
    await clickButton(browser, "Add course");
    let dialog = await getDialog(browser, "Add a course");
    await fillTextbox(browser, "Course title", COURSE, { within: dialog });
    await choose(browser, "Topic", "Compliance", { within: dialog });
    await fillTextbox(browser, "Valid for (months)", "12", { within: dialog });
    await fillTextbox(browser, "Pass mark", "80", { within: dialog });
    await submitDialog(browser, dialog, "Add a course", "Add course");
    let listed = [];
    await browser
      .waitUntil(async () => (listed = await bodyRows(browser, "Courses").catch(() => [])).some((r) => r.startsWith(`${COURSE} `)), {
        timeout: TIMEOUTS.ui,
        interval: 200,
      })
      .catch(() => {
        throw new Error(`Expected ${COURSE} among the courses: ${JSON.stringify(listed)}`);
      });
    const courseRow = listed.find((r) => r.startsWith(`${COURSE} `));
    assert.ok(
      courseRow.startsWith(`${COURSE} Compliance Classroom 1 hour 12 months 80 `),
      `Expected the course listed as Compliance, 1 hour, valid for 12 months, pass mark 80; its row read ${JSON.stringify(courseRow)}`,
    );

    // 2. Two agents in the Agent role.
    await openTrainingPage(browser, "People");
    await addAgent(browser, PASSES);
    await addAgent(browser, FAILS);

    // 3. The course required of the Agent role (saved as soon as chosen: the grace days
    //    field appears once Rust holds the requirement).
    await openTrainingPage(browser, "Requirements");
    // A native <select>, which this WebKit exposes as a (pop-up) button.
    const level = await getByRole(browser, "button", { name: `${COURSE} for Agent` });
    await level.selectByVisibleText("Required");
    await getByRole(browser, "textbox", { name: `Grace days for ${COURSE}, Agent` });

    // 4. The matrix: the course is a column, both agents lack it.
    await openTrainingPage(browser, "Compliance");
    await waitForMatrixCell(browser, PASSES.name, COURSE, "Missing", "orange");
    await waitForMatrixCell(browser, FAILS.name, COURSE, "Missing", "orange");
    const asOf = await getByRole(browser, "heading", { name: "Compliance matrix: All teams" });
    await waitForText(browser, await asOf.$(".."), (t) => t.includes(`As of ${SESSION_DAY}:`), `the matrix as of ${SESSION_DAY}`);
    await checkAccessibility(s, "Compliance matrix, a new required course");

    // 5. A session of the course today; both agents enrolled.
    await openTrainingPage(browser, "Sessions");
    await clickButton(browser, "Schedule session");
    dialog = await getDialog(browser, "Schedule a session");
    await choose(browser, "Course", COURSE, { within: dialog, search: "consent" });
    await waitForValue(browser, "Date", SESSION_DAY, { within: dialog });
    await fillTextbox(browser, "Trainer", "Grace Li", { within: dialog });
    await fillTextbox(browser, "Place", "Training room 3", { within: dialog });
    await submitDialog(browser, dialog, "Schedule a session", "Schedule");
    await getByRole(browser, "heading", { name: `${COURSE}, ${SESSION_DAY}` });
    for (const agent of [PASSES, FAILS]) {
      await pick(browser, "Enrol agents", `${agent.name} (${agent.employeeId})`, { search: agent.name.split(" ")[1], add: true });
      await browser.keys("Escape");
    }
    await clickButton(browser, "Enrol");
    await getByRole(browser, "textbox", { name: `Score of ${PASSES.name}` });
    await getByRole(browser, "textbox", { name: `Score of ${FAILS.name}` });

    // 6. Scores typed in the grid from the keyboard: the first row's, Enter, the next row's.
    const attendance = await getByRole(browser, "table", { name: "Attendance" });
    const scoreFields = await namesOfRole(browser, "textbox", { within: attendance });
    const scoreOf = Object.fromEntries([PASSES, FAILS].map((a) => [`Score of ${a.name}`, a.score]));
    assert.deepEqual([...scoreFields].sort(), Object.keys(scoreOf).sort(), "the grid should have a score field per enrolled agent");
    await (await getByRole(browser, "textbox", { name: scoreFields[0], within: attendance })).click();
    await waitForFocus(browser, "textbox", scoreFields[0]);
    await browser.keys(scoreOf[scoreFields[0]].split(""));
    await browser.keys("Enter");
    await waitForFocus(browser, "textbox", scoreFields[1]);
    await browser.keys(scoreOf[scoreFields[1]].split(""));
    await waitForText(
      browser,
      attendance,
      (t) => t.includes(`${PASSES.name} Will pass`) && t.includes(`${FAILS.name} Will fail`),
      "the grid to say who will pass and who will fail",
    );
    for (const agent of [PASSES, FAILS]) {
      await waitForValue(browser, `Score of ${agent.name}`, agent.score, { within: attendance });
      // Typing a score ticks "attended".
      assert.ok(await (await getByRole(browser, "checkbox", { name: `${agent.name} attended` })).isSelected(), `${agent.name} should be ticked as attended`);
    }
    await clickButton(browser, "Save attendance");
    await waitForStatus(browser, "Attendance saved; 2 training records added.");
    await waitForText(
      browser,
      attendance,
      (t) => t.includes(`${PASSES.name} Yes ${PASSES.score} Passed · expires ${EXPIRES}`) && t.includes(`${FAILS.name} Yes ${FAILS.score} Failed`),
      "the saved results: passed, expiring in 12 months, and failed",
    );
    await checkAccessibility(s, "Session, attendance and scores saved");

    // 7. The matrix turns green for the one who passed; the one who failed still lacks it.
    await openTrainingPage(browser, "Compliance");
    await waitForMatrixCell(browser, PASSES.name, COURSE, `Compliant Expires ${EXPIRES}`, "teal");
    await waitForMatrixCell(browser, FAILS.name, COURSE, "Missing", "orange");
    await checkAccessibility(s, "Compliance matrix, compliant after the session");

    // 8. A case logged by keyboard, assigned to the agent, evaluated on it.
    await openSection(browser, "Cases");
    const reference = await createCaseByKeyboard(browser, { title: CASE_TITLE });
    await clickButton(browser, "Assign");
    dialog = await getDialog(browser, "Assign case");
    await choose(browser, "Agent", PASSES.name, { within: dialog, search: "Marchetti" });
    await submitDialog(browser, dialog, "Assign case", "Save assignment");
    await evaluateOnCase(
      browser,
      s,
      { day: SESSION_DAY, ratings: JANUARY.ratings, comment: "Asked for consent only after the customer did." },
      { check: true },
    );
    const onCase = await getByRole(browser, "table", { name: "Evaluations of this case" });
    await waitForText(browser, onCase, (t) => t.includes(`${SESSION_DAY} ${SCORECARD} (v1) ${PASSES.name} ${EVALUATOR} ${JANUARY.score}`), "the evaluation on the case");

    // 9. The agent's profile: the record, and the evaluation as the month's mean.
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: PASSES.name, within: onCase }), "the agent's name");
    await getByRole(browser, "heading", { name: PASSES.name });
    await waitForRows(browser, `Training records of ${PASSES.name}`, [`${COURSE} ${SESSION_DAY} ${PASSES.score} ${EXPIRES} Valid The team`]);
    const qa = await getByRole(browser, "region", { name: "Quality evaluations" });
    await waitForText(browser, qa, (t) => t.includes(`Mean score ${JANUARY.score} over 1 evaluation`), "the mean of one evaluation");
    await waitForRows(browser, `${PASSES.name}'s mean QA score per month`, [`2027-01 ${JANUARY.score} 1`]);
    await checkAccessibility(s, "Agent profile, a record and an evaluation");

    // 10. The clock moved to 20 days before the expiry: the cell turns to Expiring.
    browser = await s.restartAt(NEAR_EXPIRY);
    await openTrainingPage(browser, "Compliance");
    await waitForMatrixCell(browser, PASSES.name, COURSE, `Expiring Expires ${EXPIRES}`, "yellow");
    await waitForMatrixCell(browser, FAILS.name, COURSE, "Missing", "orange");
    const asOfLater = await getByRole(browser, "heading", { name: "Compliance matrix: All teams" });
    await waitForText(browser, await asOfLater.$(".."), (t) => t.includes(`As of ${NEAR_EXPIRY_DAY}:`), `the matrix as of ${NEAR_EXPIRY_DAY}`);
    const needs = await bodyRows(browser, "Needs in the next 30 days");
    assert.ok(
      needs.includes(`${PASSES.name} ${COURSE} Expiring ${EXPIRES}`),
      `Expected "${PASSES.name} ${COURSE} Expiring ${EXPIRES}" among the needs of the next 30 days: ${JSON.stringify(needs)}`,
    );
    await checkAccessibility(s, "Compliance matrix, expiring within 30 days");

    // 11. Evaluated again on the case, eleven months on; the profile shows the trend.
    await openTrainingPage(browser, "People");
    const roster = await getByRole(browser, "table", { name: "Agents" });
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: PASSES.name, within: roster }), "the agent in the roster");
    await waitForRows(browser, `Training records of ${PASSES.name}`, [`${COURSE} ${SESSION_DAY} ${PASSES.score} ${EXPIRES} Expiring within 30 days The team`]);
    const history = await getByRole(browser, "table", { name: `${PASSES.name}'s QA evaluations` });
    await clickWhenUncovered(browser, await getByRole(browser, "link", { name: reference, within: history }), "the evaluated case");
    await getByRole(browser, "heading", { name: CASE_TITLE });
    await evaluateOnCase(browser, s, { day: NEAR_EXPIRY_DAY, ratings: DECEMBER.ratings, comment: "Consent asked first; clear next step." });
    const again = await getByRole(browser, "table", { name: "Evaluations of this case" });
    await waitForText(browser, again, (t) => t.includes(`${NEAR_EXPIRY_DAY} ${SCORECARD} (v1) ${PASSES.name} ${EVALUATOR} ${DECEMBER.score}`), "the second evaluation on the case");
    await clickWhenUncovered(browser, (await queryAllByRole(browser, "link", { name: PASSES.name, within: again })).matches[0], "the agent's name");
    await getByRole(browser, "heading", { name: PASSES.name });
    await waitForRows(browser, `${PASSES.name}'s mean QA score per month`, [`2027-01 ${JANUARY.score} 1`, `2027-12 ${DECEMBER.score} 1`]);
    await waitForText(browser, await getByRole(browser, "region", { name: "Quality evaluations" }), (t) => t.includes("Mean score 87 over 2 evaluations"), "the mean of both");
    await checkAccessibility(s, "Agent profile, a QA trend over two months");
  },
  { clock: CLOCK, prepare: demoDatabase, timeout: 900_000 },
);
