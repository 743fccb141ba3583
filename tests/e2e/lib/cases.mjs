/**
 * Steps in the Cases screens (and the dialogs, menus and radio groups they use), by role
 * and accessible name, as a person takes them. Everything waits by polling, never by
 * sleeping.
 */
import { TIMEOUTS } from "./app.mjs";
import { getByRole, queryAllByRole, textOf, waitForNoRole } from "./queries.mjs";
import { clickWhenUncovered, typeInto, waitForPageHeading, waitUntilSettled } from "./ui.mjs";

/** The focused element, as a WebdriverIO element. */
export async function focusedElement(browser) {
  return browser.$(await browser.getActiveElement());
}

/** `{ role, name }` of the focused element, as WebKit computes them. */
export async function focusedRoleAndName(browser) {
  const el = await focusedElement(browser);
  return { role: await el.getComputedRole(), name: (await el.getComputedLabel()).replace(/\s+/g, " ").trim() };
}

/** Waits until the focused element has `role` and `name`; returns it. */
export async function waitForFocus(browser, role, name, timeout = TIMEOUTS.ui) {
  let last = { role: "?", name: "?" };
  await browser
    .waitUntil(
      async () => {
        last = await focusedRoleAndName(browser);
        return last.role === role && (name instanceof RegExp ? name.test(last.name) : last.name === name);
      },
      { timeout, interval: 50 },
    )
    .catch(() => {
      throw new Error(
        `Expected the focus to be on a ${role} named ${JSON.stringify(String(name))} within ${timeout} ms, ` +
          `but it is on a ${last.role} named ${JSON.stringify(last.name)}`,
      );
    });
  return focusedElement(browser);
}

/** Whether the focused element is `container` or inside it. */
export function focusIsInside(browser, container) {
  return browser.execute((el) => el.contains(document.activeElement), container);
}

/** Types `text` into whatever has the focus (WebDriver "Element Send Keys"; no click). */
export async function typeIntoFocused(browser, text) {
  await (await focusedElement(browser)).addValue(text);
}

/** The dialog named `name` (a Mantine Modal is named by its title). */
export function getDialog(browser, name, timeout = TIMEOUTS.ui) {
  return getByRole(browser, "dialog", { name, timeout });
}


/**
 * Clicks the button named `name` (inside `within`, if given). The button is looked up
 * again before each try: a page that re-renders as its data arrives may have replaced the
 * node found first with a new one, and a detached node is never clickable.
 */
export async function clickButton(browser, name, { within, timeout } = {}) {
  let button;
  let lastError;
  await browser
    .waitUntil(
      async () => {
        button = await getByRole(browser, "button", { name, within, timeout });
        try {
          await button.click();
          return true;
        } catch (error) {
          if (!/click intercepted|not (become )?interactable|stale/i.test(String(error?.message))) throw error;
          lastError = error;
          await browser.execute((el) => el.scrollIntoView({ block: "center" }), button).catch(() => {});
          return false;
        }
      },
      { timeout: TIMEOUTS.ui, interval: 200 },
    )
    .catch((error) => {
      throw lastError ? new Error(`the "${name}" button stayed covered for ${TIMEOUTS.ui} ms: ${lastError.message}`) : error;
    });
  return button;
}

/** Fills a textbox (an <input> or <textarea>) by typing, inside `within` if given. */
export async function fillTextbox(browser, name, text, { within } = {}) {
  const field = await getByRole(browser, "textbox", { name, within });
  await typeInto(browser, field, text);
  return field;
}

/** Clicks the dialog's submit button and waits for the dialog to close. */
export async function submitDialog(browser, dialog, dialogName, buttonName) {
  await clickButton(browser, buttonName, { within: dialog });
  await waitForNoRole(browser, "dialog", { name: dialogName });
}

/**
 * Picks the radio `radioName` in the radio group `groupName`. Mantine's SegmentedControl
 * hides the radio inputs themselves (a person clicks the segment, i.e. the radio's
 * <label>), so the radio is found by role and name among hidden elements and its label
 * is clicked. Returns once the radio is checked.
 */
export async function chooseRadio(browser, groupName, radioName, { within } = {}) {
  const group = await getByRole(browser, "radiogroup", { name: groupName, within });
  const radio = await getByRole(browser, "radio", { name: radioName, within: group, includeHidden: true });
  const label = await browser.$(await browser.execute((el) => el.labels?.[0] ?? null, radio));
  if (!(await label.isExisting())) throw new Error(`The radio "${radioName}" in "${groupName}" has no <label> to click`);
  await label.click();
  await browser.waitUntil(() => radio.isSelected(), {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the radio "${radioName}" in "${groupName}" to be checked after clicking it`,
  });
}

/** Opens the menu behind the button `buttonName` and returns the names of its items. */
export async function openMenu(browser, buttonName) {
  const button = await clickButton(browser, buttonName);
  await browser.waitUntil(async () => (await button.getAttribute("aria-expanded")) === "true", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the "${buttonName}" menu to open`,
  });
  const menu = await getByRole(browser, "menu", { name: buttonName });
  await waitUntilSettled(browser, menu, `the "${buttonName}" menu`);
  const names = (await queryAllByRole(browser, "menuitem", { within: menu })).seen;
  return { menu, names };
}

/**
 * Closes an open menu with Escape, as a keyboard user would. Mantine handles Escape on
 * the menu itself, so this first waits for the focus to have moved into it.
 */
export async function closeMenuWithEscape(browser, menu, buttonName) {
  await browser.waitUntil(() => focusIsInside(browser, menu), {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the focus to move into the "${buttonName}" menu when it opened`,
  });
  await browser.keys("Escape");
  await waitForNoRole(browser, "menu", { name: buttonName });
}

/** Opens the menu behind `buttonName` and clicks its item `itemName`. */
export async function chooseMenuItem(browser, buttonName, itemName) {
  const { menu } = await openMenu(browser, buttonName);
  await (await getByRole(browser, "menuitem", { name: itemName, within: menu })).click();
  await waitForNoRole(browser, "menu", { name: buttonName });
}

/**
 * Waits for a notification (role "alert") whose text matches `pattern`, and returns that
 * text. Alerts have no accessible name, so their text is read.
 */
export async function waitForAlertMatching(browser, pattern, timeout = TIMEOUTS.ui) {
  let texts = [];
  let found;
  await browser
    .waitUntil(
      async () => {
        const { matches } = await queryAllByRole(browser, "alert");
        texts = await Promise.all(matches.map((el) => textOf(browser, el).catch(() => "")));
        found = texts.find((t) => pattern.test(t));
        return found !== undefined;
      },
      { timeout, interval: 100 },
    )
    .catch(() => {
      throw new Error(
        `Expected a notification matching ${pattern} within ${timeout} ms, but the displayed alerts were: ` +
          (texts.length ? texts.map((t) => JSON.stringify(t)).join(", ") : "(none)"),
      );
    });
  return found;
}

/**
 * Waits until `element`'s text satisfies `test` (a function of the text), and returns
 * the text; `what` describes the expectation for the failure message.
 */
export async function waitForText(browser, element, test, what, timeout = TIMEOUTS.ui) {
  let text = "";
  await browser
    .waitUntil(async () => test((text = await textOf(browser, element))), { timeout, interval: 100 })
    .catch(() => {
      throw new Error(`Expected ${what} within ${timeout} ms, but it read: ${JSON.stringify(text)}`);
    });
  return text;
}

/** The texts of the timeline's entries, newest first. */
export async function timelineEntries(browser) {
  const timeline = await getByRole(browser, "region", { name: "Timeline" });
  const { matches } = await queryAllByRole(browser, "listitem", { within: timeline });
  return Promise.all(matches.map((el) => textOf(browser, el)));
}

/** Waits until the timeline has an entry starting with each of `starts` (in any order). */
export async function waitForTimeline(browser, starts, timeout = TIMEOUTS.ui) {
  let entries = [];
  await browser
    .waitUntil(
      async () => {
        entries = await timelineEntries(browser);
        return starts.every((start) => entries.some((e) => e.startsWith(start)));
      },
      { timeout, interval: 100 },
    )
    .catch(() => {
      const missing = starts.filter((start) => !entries.some((e) => e.startsWith(start)));
      throw new Error(
        `Expected the timeline to show ${missing.map((m) => JSON.stringify(m)).join(", ")} within ${timeout} ms; ` +
          `its entries were:\n  ${entries.join("\n  ")}`,
      );
    });
  return entries;
}

/** The case list grid. */
export function caseGrid(browser) {
  return getByRole(browser, "grid", { name: "Case list" });
}

/**
 * The data rows the grid has rendered (the virtualised window), as
 * `{ index, text, loading }`: `index` is aria-rowindex (the header row is 1), `loading`
 * whether the row is still a placeholder. Read in one round trip.
 */
export function renderedRows(browser, grid) {
  return browser.execute((g) => {
    return [...g.querySelectorAll('[role="row"]')]
      .filter((row) => !row.querySelector('[role="columnheader"]'))
      .map((row) => ({
        index: Number(row.getAttribute("aria-rowindex")),
        text: row.innerText.replace(/\s+/g, " ").trim(),
        loading: row.querySelectorAll('[role="gridcell"]').length <= 1,
      }));
  }, grid);
}

/** Clicks a queue tab ("My cases", "All cases", …) and waits until it is selected. */
export async function openQueue(browser, name) {
  const tab = await getByRole(browser, "tab", { name });
  await clickWhenUncovered(browser, tab, `the "${name}" tab`);
  await browser.waitUntil(async () => (await tab.getAttribute("aria-selected")) === "true", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the "${name}" queue tab to be selected after clicking it`,
  });
}

/** The "N cases" count beside the Cases heading. */
export async function caseCountText(browser) {
  const main = await getByRole(browser, "main");
  const { matches } = await queryAllByRole(browser, "status", { within: main });
  for (const el of matches) {
    const text = await textOf(browser, el);
    if (/\bcases?$/.test(text)) return text;
  }
  return null;
}

/** Waits until the count beside the Cases heading reads `expected` (e.g. "1 case"). */
export async function waitForCaseCount(browser, expected, timeout = TIMEOUTS.ui) {
  let text = null;
  await browser
    .waitUntil(async () => (text = await caseCountText(browser)) === expected, { timeout, interval: 100 })
    .catch(() => {
      throw new Error(`Expected the case count to read "${expected}" within ${timeout} ms, but it read ${JSON.stringify(text)}`);
    });
}

/**
 * Logs a case through the "New case" dialog, from the keyboard: Ctrl+N, the title, Tab
 * to Customer (typing a new name and Enter adds that customer), Tab past Channel to
 * Category, Tab to Priority (chosen with the arrow keys and Enter), then Enter again,
 * with the list closed, to create the case. Waits for the case's own page and returns
 * its reference.
 *
 * `checkFocus(step)` is called after each step with the dialog, to let a scenario assert
 * that the focus stayed inside it.
 */
export async function createCaseByKeyboard(browser, { title, customer, category, priority }, checkFocus = async () => {}) {
  await browser.keys(["Control", "n"]);
  const dialog = await getDialog(browser, "New case");
  await waitForFocus(browser, "textbox", "Title");
  await typeIntoFocused(browser, title);
  await checkFocus("Title", dialog);

  await browser.keys("Tab");
  await waitForFocus(browser, "combobox", "Customer");
  if (customer) {
    await typeIntoFocused(browser, customer);
    // The only option for a new name is "Add customer “…”", highlighted so Enter takes it.
    // Mantine marks the highlighted option with data-combobox-selected (it does not set
    // aria-activedescendant), so that is what is waited for.
    const listbox = await getByRole(browser, "listbox", { name: "Customer" });
    const add = await getByRole(browser, "option", { name: `Add customer “${customer}”`, within: listbox });
    await browser.waitUntil(async () => (await add.getAttribute("data-combobox-selected")) === "true", {
      timeout: TIMEOUTS.ui,
      timeoutMsg: `Expected "Add customer “${customer}”" to be highlighted, ready for Enter`,
    });
    await browser.keys("Enter");
    await waitForAlertMatching(browser, new RegExp(`^Customer ${escapeRegExp(customer)} added$`));
    const field = await waitForFocus(browser, "combobox", "Customer");
    await browser.waitUntil(async () => (await field.getValue()) === customer, {
      timeout: TIMEOUTS.ui,
      timeoutMsg: `Expected the Customer field to show "${customer}" after adding it`,
    });
    await checkFocus("Customer", dialog);
  }

  await browser.keys("Tab");
  await waitForFocus(browser, "combobox", "Channel");
  await browser.keys("Tab");
  const categoryField = await waitForFocus(browser, "combobox", "Category");
  if (category) {
    await typeIntoFocused(browser, category);
    await browser.waitUntil(async () => (await categoryField.getValue()) === category, { timeout: TIMEOUTS.ui });
  }
  await checkFocus("Category", dialog);

  await browser.keys("Tab");
  const priorityField = await waitForFocus(browser, "combobox", "Priority");
  if (priority) await choosePriorityByKeys(browser, priorityField, priority);
  await checkFocus("Priority", dialog);

  // Enter on Priority, its list closed, creates the case (as the dialog's hint says).
  await browser.keys("Enter");

  const created = await waitForAlertMatching(browser, /^Case \S+ created$/);
  await waitForNoRole(browser, "dialog", { name: "New case" });
  await waitForPageHeading(browser, title);
  return created.split(" ")[1];
}

/**
 * With the focus on the Priority select: ArrowDown opens its list on the current value,
 * ArrowUp/ArrowDown move to `priority` (e.g. "P2 · High"), Enter takes it.
 */
async function choosePriorityByKeys(browser, field, priority) {
  const order = ["P1 · Critical", "P2 · High", "P3 · Normal", "P4 · Low"];
  const target = order.indexOf(priority);
  if (target < 0) throw new Error(`Unknown priority option ${priority}`);
  await browser.keys("ArrowDown");
  await browser.waitUntil(async () => (await field.getAttribute("aria-expanded")) === "true", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: "Expected ArrowDown to open the Priority list",
  });
  const listbox = await getByRole(browser, "listbox", { name: "Priority" });
  const highlighted = () =>
    browser.execute((lb) => lb.querySelector("[data-combobox-selected]")?.textContent ?? null, listbox);
  for (let step = 0; step < order.length; step++) {
    let current = null;
    await browser.waitUntil(async () => (current = await highlighted()) !== null, {
      timeout: TIMEOUTS.ui,
      timeoutMsg: "Expected an option of the Priority list to be highlighted",
    });
    const at = order.indexOf(current);
    if (at === target) break;
    await browser.keys(at < target ? "ArrowDown" : "ArrowUp");
    await browser.waitUntil(async () => (await highlighted()) !== current, { timeout: TIMEOUTS.ui });
  }
  await browser.keys("Enter");
  await browser.waitUntil(
    async () => (await field.getValue()) === priority && (await field.getAttribute("aria-expanded")) === "false",
    { timeout: TIMEOUTS.ui, timeoutMsg: `Expected the Priority field to show "${priority}" after Enter` },
  );
}

/** Opens a case from the list by clicking its title link. */
export async function openCaseFromList(browser, title) {
  const grid = await caseGrid(browser);
  const link = await getByRole(browser, "link", { name: new RegExp(`^${escapeRegExp(title)}`), within: grid });
  await clickWhenUncovered(browser, link, `the link to "${title}"`);
  await waitForPageHeading(browser, title);
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
