/**
 * Scenario 14: from a helpdesk export to the service report (issue 16's E2E). A Zendesk
 * ticket export, written at test time with its tickets in the last complete ISO week, is
 * imported through the wizard: the file recognised, a custom "Root cause [list]" column
 * mapped by hand, a dry run that lists the one bad row (row, column, reason) and imports
 * nothing, then the import leaving that row out, with its progress. The Dashboard's tiles
 * change (Backlog 0 → 2, Resolution time "No data" → "2 h" over 3 cases); the Resolution
 * time tile opens exactly the three solved cases. Two of them are filed under the Billing
 * journey stage, so the pain-point heat map counts 2 in Billing × their root cause; an
 * insight raised from that cell cites both and is listed. The case list is exported to
 * CSV and the weekly service report saved as a PDF whose text names every KPI. The file
 * dialogs are the test substitute (FRONTLINE_TEST_DIALOG_DIR).
 *
 * Then the same screens in 简体中文: the wizard again on the same file (every row was
 * imported before, so it offers nothing to import), Settings → Data, Feedback, the
 * insights and the report. With E2E_SHOTS_DIR set, each screen is also saved as a PNG
 * in light and dark there.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { checkAccessibility, screenshotSchemes } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import {
  caseGrid,
  clickButton,
  getDialog,
  openCaseFromList,
  openQueue,
  renderedRows,
  waitForAlertMatching,
  waitForCaseCount,
  waitForText,
} from "../lib/cases.mjs";
import { kpiValue, waitForKpiValue } from "../lib/dashboard.mjs";
import { getByRole, queryAllByRole, textOf, waitForNoRole } from "../lib/queries.mjs";
import {
  chooseOption,
  clickWhenUncovered,
  openSection,
  saveSettings,
  waitForPageHeading,
  waitUntilSettled,
} from "../lib/ui.mjs";

// ---------------------------------------------------------------------------------------
// The fixture: a Zendesk export (Admin Center → Reports → Export, CSV), header row as
// Zendesk writes it plus one custom field, tickets in the last complete ISO week.

const HEADERS = [
  "Summation column", "Id", "Requester", "Requester id", "Requester external id", "Requester email",
  "Requester domain", "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
  "Ticket type", "Created at", "Updated at", "Assigned at", "Organization", "Due date", "Initially assigned at",
  "Solved at", "Resolution time", "Satisfaction Score", "Group stations", "Assignee stations", "Reopens",
  "Replies", "First reply time in minutes", "Root cause [list]",
];

const pad = (n) => String(n).padStart(2, "0");
const localDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Monday 00:00 (local) of the last complete ISO week before `now`. */
function lastCompleteWeekMonday(now = new Date()) {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7) - 7);
  return monday;
}

/** The ISO week name of `day` ("2026-W48"), as the report's file name has it. */
function isoWeekName(day) {
  const thursday = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 3 - ((day.getDay() + 6) % 7));
  const jan4 = new Date(thursday.getFullYear(), 0, 4);
  const week = 1 + Math.round(((thursday - jan4) / 86_400_000 - 3 + ((jan4.getDay() + 6) % 7)) / 7);
  return `${thursday.getFullYear()}-W${pad(week)}`;
}

/** `day` + `dayOffset` at `time` (local), as Zendesk writes it: "2026-11-24 10:00:00 +0800". */
function zendeskTime(monday, dayOffset, time) {
  const [h, m] = time.split(":").map(Number);
  const at = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + dayOffset, h, m);
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  return `${localDay(at)} ${pad(h)}:${pad(m)}:00 ${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
}

const DUPLICATE_CHARGE = "Duplicate charge on payment retry";
const LOGIN_BUG = "Release 5.2 login regression";

/** The tickets; `bad` is the row a spreadsheet broke. Business hours: Mon–Fri 09:00–17:00. */
function tickets(monday) {
  const at = (day, time) => zendeskTime(monday, day, time);
  return [
    // Solved Tuesday 10:00 → 12:00: 2 business hours.
    { id: "48101", requester: "Li Na", email: "li.na@example.com", subject: "Charged twice for the November invoice, refund please",
      tags: "billing refund", status: "solved", priority: "high", via: "Email", type: "incident",
      created: at(1, "10:00"), solved: at(1, "12:00"), firstReply: "25", rootCause: DUPLICATE_CHARGE },
    // Solved Wednesday 10:00 → 11:00: 1 business hour.
    { id: "48102", requester: "Chen Jie", email: "chen.jie@example.com", subject: "Card debited two times for one order",
      tags: "billing", status: "solved", priority: "normal", via: "Web form", type: "problem",
      created: at(2, "10:00"), solved: at(2, "11:00"), firstReply: "40", rootCause: DUPLICATE_CHARGE },
    // Solved Thursday 09:30 → 12:30: 3 business hours.
    { id: "48103", requester: "王芳", email: "wang.fang@example.com", subject: "App logs me out straight after login",
      tags: "app login", status: "solved", priority: "urgent", via: "Chat", type: "incident",
      created: at(3, "09:30"), solved: at(3, "12:30"), firstReply: "5", rootCause: LOGIN_BUG },
    // A date a spreadsheet mangled: refused by the dry run.
    { id: "48104", requester: "Zhao Lei", email: "zhao.lei@example.com", subject: "Invoice address wrong",
      tags: "billing", status: "open", priority: "low", via: "Email", type: "question",
      created: `${localDay(monday).slice(0, 8)}32 10:00:00`, solved: "", firstReply: "", rootCause: "", bad: true },
    // Still open (the backlog): Thursday and Friday.
    { id: "48105", requester: "Sun Mei", email: "sun.mei@example.com", subject: "Parcel marked delivered but not received",
      tags: "delivery", status: "open", priority: "normal", via: "Phone call (inbound)", type: "question",
      created: at(3, "14:00"), solved: "", firstReply: "12", rootCause: "" },
    { id: "48106", requester: "刘洋", email: "liu.yang@example.com", subject: "宽带夜间频繁断线 Broadband drops at night",
      tags: "network vip", status: "pending", priority: "high", via: "Phone call (inbound)", type: "incident",
      created: at(4, "11:00"), solved: "", firstReply: "30", rootCause: "" },
  ];
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function zendeskCsv(rows) {
  const lines = [HEADERS.join(",")];
  for (const [i, r] of rows.entries()) {
    const record = {
      "Summation column": "", Id: r.id, Requester: r.requester, "Requester id": String(9_000_000 + i),
      "Requester external id": "", "Requester email": r.email, "Requester domain": "example.com",
      Submitter: r.requester, Assignee: "Wang Fang", Group: "Support", Subject: r.subject, Tags: r.tags,
      Status: r.status, Priority: r.priority, Via: r.via, "Ticket type": r.type, "Created at": r.created,
      "Updated at": r.bad ? "" : r.solved || r.created, "Assigned at": r.bad ? "" : r.created, Organization: "",
      "Due date": "", "Initially assigned at": r.bad ? "" : r.created, "Solved at": r.solved,
      "Resolution time": "", "Satisfaction Score": "Not Offered", "Group stations": "1", "Assignee stations": "1",
      Reopens: "0", Replies: "1", "First reply time in minutes": r.firstReply, "Root cause [list]": r.rootCause,
    };
    lines.push(HEADERS.map((h) => csvField(record[h])).join(","));
  }
  // Zendesk writes CRLF line ends and a final line end.
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------

/** Text of every row of a table (rows with cells; the header row left out). */
async function tableRows(browser, table) {
  const { matches } = await queryAllByRole(browser, "row", { within: table });
  const texts = await Promise.all(matches.map((row) => textOf(browser, row)));
  return texts.slice(1);
}

/**
 * In the page: records, until `stopRecordingProgress`, every import progress the wizard
 * shows (the progress bar's value and its status line) — the import of a few rows is over
 * in a frame or two, too quick to poll.
 */
function startRecordingProgress() {
  window.__e2eProgress = [];
  const record = () => {
    const bar = document.querySelector('[role="dialog"] [role="progressbar"]');
    if (!bar) return;
    const status = bar.closest('[role="dialog"]')?.querySelector('[role="status"]')?.textContent ?? "";
    const seen = `${bar.getAttribute("aria-label")}: ${bar.getAttribute("aria-valuenow")} | ${status}`;
    if (window.__e2eProgress.at(-1) !== seen) window.__e2eProgress.push(seen);
  };
  window.__e2eProgressObserver = new MutationObserver(record);
  window.__e2eProgressObserver.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}

function stopRecordingProgress() {
  window.__e2eProgressObserver?.disconnect();
  return window.__e2eProgress ?? [];
}

async function waitForRowsListing(browser, titles, what) {
  const grid = await caseGrid(browser);
  let rows = [];
  await browser
    .waitUntil(
      async () => {
        rows = (await renderedRows(browser, grid)).filter((r) => !r.loading).map((r) => r.text);
        return rows.length === titles.length && titles.every((t) => rows.some((r) => r.includes(t)));
      },
      { timeout: 15_000, interval: 200 },
    )
    .catch(() => {
      throw new Error(`Expected ${what} to list exactly ${JSON.stringify(titles)}, it listed ${JSON.stringify(rows)}`);
    });
}

/** Chooses a journey stage on the open case page and waits until it is saved. */
async function fileUnderStage(browser, stage) {
  await chooseOption(browser, "Journey stage", stage);
  const field = await getByRole(browser, "combobox", { name: "Journey stage" });
  await browser.waitUntil(async () => (await field.getAttribute("disabled")) === null && (await field.getValue()) === stage, {
    timeout: 15_000,
    timeoutMsg: `Expected the journey stage "${stage}" to be saved`,
  });
}

scenario(
  "from a Zendesk export to the service report: import, tiles, drill-down, pain point, insight, CSV and PDF",
  async (s) => {
    const { browser } = s;
    const monday = lastCompleteWeekMonday();
    const week = isoWeekName(monday);
    const rows = tickets(monday);
    const good = rows.filter((r) => !r.bad);
    const solved = good.filter((r) => r.status === "solved");
    const fileName = `zendesk-tickets-${week}.csv`;
    const csv = zendeskCsv(rows);
    s.offerFile(fileName, csv);
    s.log(`fixture: ${rows.length} tickets in ${week} (Monday ${localDay(monday)}), one with a broken date`);

    // 0. The dashboard, the home screen, before: an empty database, with how to start.
    await waitForPageHeading(browser, "Dashboard");
    await getByRole(browser, "heading", { name: "No cases yet" });
    await waitForKpiValue(browser, "Backlog", "0");
    assert.equal(await kpiValue(browser, "Resolution time"), "No data", "before the import, Resolution time should say No data");

    // 1. The import wizard: the file, recognised.
    await openSection(browser, "Cases");
    await clickButton(browser, "Import CSV…");
    const wizard = await getDialog(browser, "Import cases from CSV");
    await clickButton(browser, "Choose a CSV file…", { within: wizard });
    const preview = await getByRole(browser, "table", { name: "Preview of the file", within: wizard });
    await waitForText(browser, wizard, (t) => t.includes(`${fileName} (`) && /Zendesk ticket export/i.test(t), "the wizard to name the file and recognise a Zendesk export");
    const previewText = await textOf(browser, preview);
    assert.ok(previewText.includes(good[0].subject), `the preview should show the first ticket, it read ${JSON.stringify(previewText.slice(0, 300))}`);
    await checkAccessibility(s, "Import wizard, file recognised");
    await screenshotSchemes(s, "en-import-1-file");

    // 2. Columns: Zendesk's are mapped already; the custom root-cause field by hand.
    await clickButton(browser, "Next", { within: wizard });
    await getByRole(browser, "textbox", { name: /^Source name\b/, within: wizard });
    const titleColumn = await getByRole(browser, "combobox", { name: /^Title\b/, within: wizard });
    assert.equal(await titleColumn.getValue(), "Subject", "Zendesk's Subject should be mapped to Title");
    await chooseOption(browser, "Root cause", "Root cause [list]");
    await checkAccessibility(s, "Import wizard, columns");
    await screenshotSchemes(s, "en-import-2-columns");

    // 3. The dry run: the bad row with its row number, column and reason; nothing written.
    await clickButton(browser, "Check the file", { within: wizard });
    const errors = await getByRole(browser, "table", { name: "Row errors", within: wizard });
    const badRow = rows.findIndex((r) => r.bad) + 2; // The header is row 1.
    const bad = rows.find((r) => r.bad);
    assert.deepEqual(
      await tableRows(browser, errors),
      [`${badRow} Created at Not a date. ${bad.created}`],
      "the dry run should list exactly the broken date, by row, column, reason and value",
    );
    const checkText = await textOf(browser, wizard);
    for (const part of [`Rows in the file ${rows.length}`, `Cases to create ${good.length}`, "Imported before 0", `New customers ${good.length}`]) {
      assert.ok(checkText.includes(part), `the dry run should say "${part}", it read ${JSON.stringify(checkText)}`);
    }
    assert.ok(checkText.includes("1 row has errors."), `the dry run should count one row in error, it read ${JSON.stringify(checkText)}`);
    const importButton = await getByRole(browser, "button", { name: `Import ${good.length} cases`, within: wizard });
    assert.equal(await importButton.isEnabled(), false, "with a row in error and not left out, Import should be disabled");
    await checkAccessibility(s, "Import wizard, dry run with a row error");
    await screenshotSchemes(s, "en-import-3-check");

    // 4. The import, leaving the bad row out, with its progress.
    const leaveOut = await getByRole(browser, "checkbox", { name: "Import the other rows and leave out the 1 row with errors", within: wizard });
    await clickWhenUncovered(browser, leaveOut, "the leave-out checkbox");
    await browser.waitUntil(() => importButton.isEnabled(), { timeout: 15_000, timeoutMsg: "Expected Import to be enabled once the bad row is left out" });
    await browser.execute(startRecordingProgress);
    await importButton.click();
    await waitForText(browser, wizard, (t) => t.includes(`Imported ${good.length} cases.`), `the wizard to say "Imported ${good.length} cases."`, 30_000);
    const progress = await browser.execute(stopRecordingProgress);
    s.log(`import progress seen: ${JSON.stringify(progress)}`);
    assert.ok(progress.length > 0 && progress.every((p) => p.startsWith("Import progress: ")), `the wizard should show the import's progress bar, it recorded ${JSON.stringify(progress)}`);
    assert.ok(
      progress.some((p) => /\| (Reading the file…|Imported \d of 5 cases…)$/.test(p)),
      `the progress bar should say how far the import is, it recorded ${JSON.stringify(progress)}`,
    );
    const doneText = await textOf(browser, wizard);
    assert.ok(doneText.includes(`New: ${good.length} customers, 1 agent, 1 team; 0 existing customers matched.`), `the summary should count what was created, it read ${JSON.stringify(doneText)}`);
    await checkAccessibility(s, "Import wizard, done");
    await screenshotSchemes(s, "en-import-4-done");
    await clickButton(browser, "Done", { within: wizard });
    await waitForNoRole(browser, "dialog", { name: "Import cases from CSV" });

    // 5. The tiles change: two cases open, three solved in 2 h on average (2, 1, 3 h).
    await openSection(browser, "Dashboard");
    const backlog = await waitForKpiValue(browser, "Backlog", "2");
    assert.ok(backlog.includes("Previous period: 0"), `the Backlog tile should show the previous period's 0, it read ${JSON.stringify(backlog)}`);
    const resolution = await waitForKpiValue(browser, "Resolution time", "2 h");
    assert.equal(resolution[2], `Over ${solved.length} cases`, `Resolution time should rest on the ${solved.length} solved cases`);
    await checkAccessibility(s, "Dashboard after the import");

    // 6. Drill into Resolution time: exactly the solved cases.
    await (await getByRole(browser, "link", { name: "Show cases: Resolution time" })).click();
    await waitForPageHeading(browser, "Cases");
    await waitForCaseCount(browser, `${solved.length} cases`);
    await waitForRowsListing(browser, solved.map((r) => r.subject), "the cases behind Resolution time");
    await checkAccessibility(s, "Cases drilled from the Resolution time tile");
    const drillUrl = await browser.getUrl();

    // 7. A pain point: the two duplicate charges were met at the Billing stage.
    const billing = solved.filter((r) => r.rootCause === DUPLICATE_CHARGE);
    for (const ticket of billing) {
      await browser.url(drillUrl);
      await waitForCaseCount(browser, `${solved.length} cases`);
      await openCaseFromList(browser, ticket.subject);
      const details = await getByRole(browser, "region", { name: "Details" });
      await waitForText(browser, details, (t) => t.includes(`Root cause ${DUPLICATE_CHARGE}`), "the imported root cause in Details");
      await fileUnderStage(browser, "Billing");
    }
    await checkAccessibility(s, "Imported case filed under a journey stage");

    await openSection(browser, "Customer voice");
    await (await getByRole(browser, "link", { name: "Pain points", within: await getByRole(browser, "navigation", { name: "Customer voice pages" }) })).click();
    const cellName = `Billing, ${DUPLICATE_CHARGE}: 2 cases CSAT: no answers`;
    const cell = await getByRole(browser, "button", { name: cellName });
    assert.equal(await textOf(browser, cell), "2 cases CSAT: no answers", "the heat-map cell should show its count, 2 cases");
    const unstaged = await queryAllByRole(browser, "button", { name: new RegExp(LOGIN_BUG.replace(/\./g, "\\.")) });
    assert.equal(unstaged.matches.length, 0, "the login case has no journey stage and should not be in the map");
    await checkAccessibility(s, "Pain points with a filled cell");
    await screenshotSchemes(s, "en-pain-points");

    // 8. An insight raised from the cell, citing its two cases.
    await cell.click();
    const menu = await getByRole(browser, "menu", { name: cellName });
    await waitUntilSettled(browser, menu, "the cell's menu");
    assert.deepEqual((await queryAllByRole(browser, "menuitem", { within: menu })).seen, ["Show 2 cases", "Raise an insight…"]);
    await (await getByRole(browser, "menuitem", { name: "Raise an insight…", within: menu })).click();
    const raise = await getDialog(browser, "Raise an insight");
    await waitForText(browser, raise, (t) => t.includes("Cites 2 cases of 2 in the cell."), "the dialog to cite the cell's 2 cases");
    const title = await getByRole(browser, "textbox", { name: /^Title\b/, within: raise });
    assert.equal(await title.getValue(), `Billing: ${DUPLICATE_CHARGE}`, "the title should name the cell");
    const FINDING = "Retried card payments are charged twice; customers call to get the second charge back.";
    const CHANGE = "Make the payment retry idempotent.";
    await (await getByRole(browser, "textbox", { name: "Finding", within: raise })).addValue(FINDING);
    await chooseOption(browser, "Department", "Billing");
    await (await getByRole(browser, "textbox", { name: "Requested change", within: raise })).addValue(CHANGE);
    await checkAccessibility(s, "Raise an insight from a pain-point cell");
    await clickButton(browser, "Raise insight", { within: raise });
    await waitForNoRole(browser, "dialog", { name: "Raise an insight" });
    await getByRole(browser, "heading", { name: `Billing: ${DUPLICATE_CHARGE}` });
    const evidence = await getByRole(browser, "table", { name: "Cases" });
    const cited = await tableRows(browser, evidence);
    assert.equal(cited.length, 2, `the insight should cite 2 cases, it lists ${JSON.stringify(cited)}`);
    for (const ticket of billing) {
      assert.ok(cited.some((r) => r.includes(ticket.subject)), `the insight should cite "${ticket.subject}", it lists ${JSON.stringify(cited)}`);
    }
    const insightUrl = await browser.getUrl();
    await checkAccessibility(s, "Insight page");
    await screenshotSchemes(s, "en-insight");

    await (await getByRole(browser, "link", { name: "← All insights" })).click();
    const list = await getByRole(browser, "table", { name: "Insights" });
    assert.deepEqual(
      await tableRows(browser, list),
      [`Billing: ${DUPLICATE_CHARGE} Billing Proposed — 2 cases, 0 feedback entries`],
      "the Insights list should list the insight with its department, status and evidence",
    );
    await checkAccessibility(s, "Insights list");
    await screenshotSchemes(s, "en-insights");

    await (await getByRole(browser, "link", { name: "Feedback", within: await getByRole(browser, "navigation", { name: "Customer voice pages" }) })).click();
    await waitForText(browser, await getByRole(browser, "main"), (t) => t.includes("No feedback yet."), "the empty Feedback page");
    await checkAccessibility(s, "Feedback, none yet");
    await screenshotSchemes(s, "en-feedback");

    // 9. The case list exported to CSV: every imported case.
    await openSection(browser, "Cases");
    await openQueue(browser, "All cases");
    await waitForCaseCount(browser, `${good.length} cases`);
    await clickButton(browser, "Export CSV");
    const exported = await waitForAlertMatching(browser, /^Exported 5 cases to /);
    const csvName = `cases ${localDay(new Date())}.csv`;
    const csvPath = await s.waitForSavedFile(csvName);
    assert.ok(exported.endsWith(csvPath), `the notification should name the file, it read ${JSON.stringify(exported)}`);
    const written = readFileSync(csvPath, "utf8");
    assert.ok(written.startsWith("\uFEFF"), "the CSV should start with a BOM (spreadsheets read it as UTF-8)");
    const lines = written.slice(1).split(/\r?\n/).filter(Boolean);
    assert.ok(lines[0].startsWith("Reference,Title,"), `the CSV's header should start with Reference,Title, it read ${JSON.stringify(lines[0])}`);
    assert.equal(lines.length, 1 + good.length, `the CSV should hold the header and ${good.length} cases, it held ${lines.length} lines`);
    for (const ticket of good) {
      assert.ok(written.includes(csvField(ticket.subject)), `the CSV should hold "${ticket.subject}"`);
    }
    assert.ok(!written.includes(bad.subject), "the row left out should not be in the CSV");

    // 10. The weekly service report of that week, saved as a PDF naming every KPI.
    await openSection(browser, "Dashboard");
    await (await getByRole(browser, "link", { name: "Service report" })).click();
    await getByRole(browser, "heading", { name: "Weekly service report" });
    const kpis = await getByRole(browser, "region", { name: "Key performance indicators" });
    const kpiText = await waitForText(browser, kpis, (t) => t.includes(`Cases created ${good.length}`), `the report to count ${good.length} cases created`);
    const KPI_NAMES = [
      "Cases created", "Cases resolved", "First response time", "Resolution time", "SLA compliance",
      "First-contact resolution", "Average handle time", "CSAT", "NPS", "Backlog", "Call-backs due", "Call-backs overdue",
    ];
    for (const name of KPI_NAMES) assert.ok(kpiText.includes(name), `the report page should list ${name}, it read ${JSON.stringify(kpiText)}`);
    await checkAccessibility(s, "Weekly service report");
    await screenshotSchemes(s, "en-report");
    await clickButton(browser, "Save as PDF");
    const pdfPath = await s.waitForSavedFile(`service-report-${week}.pdf`, 30_000);
    await waitForText(browser, await getByRole(browser, "main"), (t) => t.includes(`PDF saved to ${pdfPath}`), "the report to say where the PDF went");
    const text = spawnSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    if (text.error) throw new Error(`pdftotext could not run (${text.error.message}); apt-get install poppler-utils`);
    assert.equal(text.status, 0, `pdftotext failed: ${text.stderr}`);
    for (const name of [...KPI_NAMES, week, DUPLICATE_CHARGE]) {
      assert.ok(text.stdout.includes(name), `the PDF's text should contain "${name}"; it read:\n${text.stdout}`);
    }

    await openSection(browser, "Settings");
    await getByRole(browser, "button", { name: "Export everything (JSON)" });
    await screenshotSchemes(s, "en-settings");

    // 11. The same screens in 简体中文.
    await chooseOption(browser, "Language", "简体中文");
    await saveSettings(browser, { button: "Save", saved: "设置已保存" });
    await waitForPageHeading(browser, "设置");
    await getByRole(browser, "button", { name: "导出全部数据 (JSON)" });
    await screenshotSchemes(s, "zh-settings");

    await openSection(browser, "案件");
    await clickButton(browser, "导入 CSV…");
    const zhWizard = await getDialog(browser, "从 CSV 导入案件");
    await clickButton(browser, "选择 CSV 文件…", { within: zhWizard });
    await waitForText(browser, zhWizard, (t) => t.includes(`${fileName}（`), "the wizard to read the file again");
    await screenshotSchemes(s, "zh-import-1-file");
    await clickButton(browser, "下一步", { within: zhWizard });
    await screenshotSchemes(s, "zh-import-2-columns");
    await clickButton(browser, "检查文件", { within: zhWizard });
    // Every good row came in before; the bad one is still refused.
    const again = await waitForText(browser, zhWizard, (t) => t.includes("之前已导入 5"), "the dry run to count the 5 cases imported before");
    await getByRole(browser, "table", { name: "行错误", within: zhWizard });
    assert.ok(again.includes("将创建的案件 0"), `the dry run should create nothing again, it read ${JSON.stringify(again)}`);
    await checkAccessibility(s, "Import wizard in 简体中文, every row imported before");
    await screenshotSchemes(s, "zh-import-3-check");
    await clickButton(browser, "取消", { within: zhWizard });
    await waitForNoRole(browser, "dialog", { name: "从 CSV 导入案件" });

    await browser.url(insightUrl);
    await getByRole(browser, "heading", { name: `Billing: ${DUPLICATE_CHARGE}` });
    await screenshotSchemes(s, "zh-insight");
    await (await getByRole(browser, "link", { name: "← 全部洞察" })).click();
    await getByRole(browser, "table", { name: "洞察" });
    await screenshotSchemes(s, "zh-insights");
    const voicePages = await getByRole(browser, "navigation", { name: "客户之声页面" });
    await (await getByRole(browser, "link", { name: "反馈", within: voicePages })).click();
    await waitForText(browser, await getByRole(browser, "main"), (t) => t.includes("还没有反馈。"), "the empty Feedback page in 简体中文");
    await screenshotSchemes(s, "zh-feedback");
    await openSection(browser, "仪表板");
    await (await getByRole(browser, "link", { name: "服务报告" })).click();
    await getByRole(browser, "heading", { name: "服务周报" });
    await screenshotSchemes(s, "zh-report");
  },
  { dialogs: true, timeout: 480_000 },
);
