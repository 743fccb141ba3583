/**
 * Steps a person takes in Frontline's window, by role and accessible name. Strings are
 * passed in, not looked up, so each scenario reads as what the user sees.
 */
import { TIMEOUTS } from "./app.mjs";
import { getByRole, namesOfRole, queryAllByRole, textOf } from "./queries.mjs";

/** The main navigation's name in each language (a page may have a navigation of its own). */
const MAIN_NAV = /^(Main|主导航|主要導覽)$/;

/**
 * The main navigation landmark (named "Main" in English, "主导航" in 简体中文, "主要導覽"
 * in 繁體中文); without `name`, in whichever of them.
 */
export function mainNav(browser, name = MAIN_NAV) {
  return getByRole(browser, "navigation", { name });
}

/** The names of the links in the main navigation, in order. */
export async function navLinkNames(browser) {
  return namesOfRole(browser, "link", { within: await mainNav(browser) });
}

/** Waits until the navigation's links are exactly `expected` (e.g. after a language change). */
export async function waitForNavLinks(browser, expected, timeout = TIMEOUTS.ui) {
  let actual = [];
  await browser.waitUntil(
    async () => {
      actual = await navLinkNames(browser);
      return JSON.stringify(actual) === JSON.stringify(expected);
    },
    { timeout, interval: 100 },
  ).catch(() => {
    throw new Error(
      `Expected the main navigation to list ${JSON.stringify(expected)} within ${timeout} ms, ` +
        `but it listed ${JSON.stringify(actual)}`,
    );
  });
}

/** Clicks a section in the main navigation and waits for its page heading (<h1>). */
export async function openSection(browser, linkName, heading = linkName) {
  const link = await getByRole(browser, "link", { name: linkName, within: await mainNav(browser) });
  await link.click();
  await waitForPageHeading(browser, heading);
}

/** Waits for the page's level-1 heading `name` inside <main>. */
export async function waitForPageHeading(browser, name) {
  const main = await getByRole(browser, "main");
  const heading = await getByRole(browser, "heading", { name, within: main });
  const level = await heading.getTagName();
  if (level.toLowerCase() !== "h1") {
    throw new Error(`Expected the page heading "${name}" to be an <h1>, but it is a <${level}>`);
  }
  return heading;
}

/**
 * Replaces the text of a textbox by typing, as a person would (select all, delete,
 * type): WebDriver's own "clear" does not fire the events React listens to.
 */
export async function typeInto(browser, field, text) {
  await clickWhenUncovered(browser, field, "the field");
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text) await field.addValue(text);
}

/**
 * Waits until a popup (a listbox, a menu) has finished appearing: fully opaque and at the
 * same place on two polls in a row. Mantine places popups with floating-ui and fades them
 * in, so an option clicked the moment it exists can be clicked where it no longer is.
 */
export async function waitUntilSettled(browser, element, what = "the popup") {
  let previous = null;
  await browser.waitUntil(
    async () => {
      const now = await browser.execute((el) => {
        const box = el.getBoundingClientRect();
        let opacity = 1;
        for (let node = el; node instanceof Element; node = node.parentElement) {
          opacity *= Number(getComputedStyle(node).opacity);
        }
        return `${box.x},${box.y},${box.width},${box.height},${opacity}`;
      }, element);
      const settled = now === previous && now.endsWith(",1");
      previous = now;
      return settled;
    },
    { timeout: TIMEOUTS.ui, interval: 50, timeoutMsg: `Expected ${what} to settle (opaque, not moving)` },
  );
}

/** Opens the combobox `comboboxName` and picks the option `optionName`. */
export async function chooseOption(browser, comboboxName, optionName) {
  const combobox = await getByRole(browser, "combobox", { name: comboboxName });
  await combobox.click();
  await browser.waitUntil(async () => (await combobox.getAttribute("aria-expanded")) === "true", {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the ${comboboxName} list to open when its field is clicked`,
  });
  // The options live in a popup list (a portal at the end of <body>).
  const listbox = await getByRole(browser, "listbox", { name: comboboxName });
  await waitUntilSettled(browser, listbox, `the ${comboboxName} list`);
  const option = await getByRole(browser, "option", { name: optionName, within: listbox });
  await option.click();
  await browser.waitUntil(async () => (await combobox.getValue()) === optionName, {
    timeout: TIMEOUTS.ui,
    timeoutMsg: `Expected the ${comboboxName} field to show "${optionName}" after choosing it`,
  });
}

/**
 * Waits for a notification (role "alert") whose text is `message`. Alerts have no
 * accessible name of their own (ARIA names them only by author), so the text is read.
 */
export async function waitForAlert(browser, message, timeout = TIMEOUTS.ui) {
  let texts = [];
  await browser.waitUntil(
    async () => {
      const { matches } = await queryAllByRole(browser, "alert");
      texts = await Promise.all(matches.map((el) => textOf(browser, el).catch(() => "")));
      return texts.includes(message);
    },
    { timeout, interval: 100 },
  ).catch(() => {
    throw new Error(
      `Expected a notification "${message}" within ${timeout} ms, but the displayed alerts were: ` +
        (texts.length ? texts.map((t) => JSON.stringify(t)).join(", ") : "(none)"),
    );
  });
}

/** Clicks Save and waits for the "saved" notification. */
export async function saveSettings(browser, { button = "Save", saved = "Settings saved" } = {}) {
  const save = await getByRole(browser, "button", { name: button });
  await save.click();
  await waitForAlert(browser, saved);
}

/** Waits until the header (banner landmark) shows `text`. */
export async function waitForHeaderText(browser, text, timeout = TIMEOUTS.ui) {
  const banner = await getByRole(browser, "banner");
  let actual = "";
  await browser.waitUntil(
    async () => {
      actual = await textOf(browser, banner);
      return actual.includes(text);
    },
    { timeout, interval: 100 },
  ).catch(() => {
    throw new Error(`Expected the header to show "${text}" within ${timeout} ms, but it read "${actual}"`);
  });
}

/** The `lang` of the document, i.e. what screen readers and CJK fonts go by. */
export function documentLanguage(browser) {
  return browser.execute(() => document.documentElement.lang);
}

/**
 * Clicks `element`; while something lies over it (a notification sliding over the top
 * right corner, say, or the status bar over a button scrolled to the window's edge),
 * brings it to the middle of the window, waits and tries again, as a person would.
 */
export async function clickWhenUncovered(browser, element, what = "the element") {
  let lastError;
  await browser
    .waitUntil(
      async () => {
        try {
          await element.click();
          return true;
        } catch (error) {
          if (!/click intercepted|not (become )?interactable/i.test(String(error?.message))) throw error;
          lastError = error;
          // WebKit scrolls a button to the viewport's very edge before clicking it, where
          // the status bar can lie over it; a person would scroll it into the middle.
          await browser.execute((el) => el.scrollIntoView({ block: "center" }), element).catch(() => {});
          return false;
        }
      },
      { timeout: TIMEOUTS.ui, interval: 200 },
    )
    .catch((error) => {
      throw lastError ? new Error(`${what} stayed covered for ${TIMEOUTS.ui} ms: ${lastError.message}`) : error;
    });
}
