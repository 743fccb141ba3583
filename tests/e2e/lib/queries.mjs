/**
 * Finding elements the way a person using assistive technology does: by role and
 * accessible name, never by CSS class.
 *
 * Candidates are collected with a broad selector for the role, then each is confirmed
 * with WebKit's own accessibility computation through the WebDriver endpoints
 * "Get Computed Role" and "Get Computed Label" (WebKitWebDriver implements both, at
 * ~1.5 ms a call). So a match means the webview really exposes that role and name, not
 * that some attribute happens to contain the text.
 *
 * WebdriverIO's own `aria/Name` selector also works with WebKitWebDriver, but it is an
 * XPath guess (it returns the inner <span> of a link, ignores roles, and "Settings"
 * matches both the nav link and the page's <h1>), so it is not used here.
 */

/** Native elements that carry each role implicitly; `[role=…]` is always added. */
const IMPLICIT = {
  banner: "header",
  button: "button, input[type=button], input[type=submit], input[type=reset]",
  checkbox: "input[type=checkbox]",
  combobox: "select, input[list]",
  contentinfo: "footer",
  dialog: "dialog",
  heading: "h1, h2, h3, h4, h5, h6",
  link: "a[href], area[href]",
  listbox: "select[multiple], datalist",
  main: "main",
  navigation: "nav",
  option: "option",
  radio: "input[type=radio]",
  region: "section[aria-label], section[aria-labelledby]",
  status: "output",
  switch: "",
  textbox:
    "input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url], textarea",
  searchbox: "input[type=search]",
};

function candidateSelector(role) {
  const implicit = IMPLICIT[role];
  return implicit ? `${implicit}, [role="${role}"]` : `[role="${role}"]`;
}

const normalise = (text) => (text ?? "").replace(/\s+/g, " ").trim();

function nameMatches(actual, expected) {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(actual);
  return normalise(actual) === normalise(expected);
}

function describe(role, name) {
  if (name === undefined) return `a ${role}`;
  return `a ${role} named ${name instanceof RegExp ? name : JSON.stringify(name)}`;
}

/**
 * Every element under `within` (an element, default the whole page) whose computed
 * role is `role` and whose computed name matches `name` (string: exact after
 * collapsing whitespace; RegExp: tested). Hidden elements are skipped unless
 * `includeHidden`. Returns `{ matches, seen }`, `seen` listing the names of all
 * candidates with that role (for failure messages).
 */
export async function queryAllByRole(browser, role, { name, within, includeHidden = false } = {}) {
  const root = within ?? browser;
  const candidates = await root.$$(candidateSelector(role));
  const matches = [];
  const seen = [];
  for (const element of candidates) {
    try {
      if (!includeHidden && !(await element.isDisplayed())) continue;
      const computedRole = await element.getComputedRole();
      if (computedRole !== role) continue;
      const label = await element.getComputedLabel();
      seen.push(normalise(label));
      if (nameMatches(label, name)) matches.push(element);
    } catch (error) {
      // The page re-rendered between finding and asking: the element is stale, skip it.
      if (!/stale|no such element|not found/i.test(String(error?.message ?? error))) throw error;
    }
  }
  return { matches, seen };
}

/**
 * Waits until exactly one element with `role` and `name` is displayed and returns it.
 * The failure message says what was expected and which names that role had instead.
 */
export async function getByRole(browser, role, { name, within, timeout = 15000, includeHidden } = {}) {
  let last = { matches: [], seen: [] };
  try {
    await browser.waitUntil(
      async () => {
        last = await queryAllByRole(browser, role, { name, within, includeHidden });
        return last.matches.length === 1;
      },
      { timeout, interval: 100 },
    );
  } catch {
    const where = within ? " inside the given element" : "";
    const found =
      last.matches.length > 1
        ? `found ${last.matches.length} of them`
        : `found none; the displayed ${role} elements were named: ${
            last.seen.length ? last.seen.map((s) => JSON.stringify(s)).join(", ") : "(there were none)"
          }`;
    throw new Error(`Expected exactly one ${describe(role, name)}${where} within ${timeout} ms, but ${found}`);
  }
  return last.matches[0];
}

/** Waits until no displayed element with `role` and `name` is left. */
export async function waitForNoRole(browser, role, { name, within, timeout = 15000 } = {}) {
  await browser.waitUntil(
    async () => (await queryAllByRole(browser, role, { name, within })).matches.length === 0,
    { timeout, interval: 100, timeoutMsg: `Expected ${describe(role, name)} to disappear within ${timeout} ms` },
  );
}

/** The accessible names of all displayed elements with `role`, in document order. */
export async function namesOfRole(browser, role, { within } = {}) {
  return (await queryAllByRole(browser, role, { within })).seen;
}

/**
 * The text an element shows (its `innerText`, whitespace collapsed). WebKitWebDriver's
 * "Get Element Text" returns "" for text in Mantine's `truncate` boxes and in
 * notifications, although both are plainly visible, so it is not used.
 */
export async function textOf(browser, element) {
  return normalise(await browser.execute((el) => el.innerText, element));
}

/**
 * The text of the element(s) an element's `aria-describedby` points at: its
 * accessible description, where Mantine puts a field's description and error.
 */
export async function accessibleDescription(browser, element) {
  return normalise(
    await browser.execute((el) => {
      const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    }, element),
  );
}

/**
 * Replaces an input's value the way React sees a paste: through the native value
 * setter plus an `input` event. Unlike typing, this is not limited by `maxlength`.
 */
export async function setValueBypassingMaxLength(browser, element, value) {
  await browser.execute(
    (el, v) => {
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(el, v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    element,
    value,
  );
}
