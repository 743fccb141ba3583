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

/**
 * Native elements that carry each role implicitly; `[role=…]` is always added. A
 * drop-down <select> is a candidate for both roles it may have: ARIA maps it to combobox,
 * but WebKitGTK computes "button" (a pop-up button) for it.
 */
const IMPLICIT = {
  banner: "header",
  button: "button, input[type=button], input[type=submit], input[type=reset], select:not([multiple])",
  article: "article",
  cell: "td",
  checkbox: "input[type=checkbox]",
  combobox: "select, input[list]",
  contentinfo: "footer",
  columnheader: "th",
  dialog: "dialog",
  form: "form[aria-label], form[aria-labelledby]",
  heading: "h1, h2, h3, h4, h5, h6",
  link: "a[href], area[href]",
  list: "ul, ol",
  listbox: "select[multiple], datalist",
  listitem: "li",
  main: "main",
  navigation: "nav",
  option: "option",
  radio: "input[type=radio]",
  region: "section[aria-label], section[aria-labelledby]",
  row: "tr",
  rowheader: "th",
  status: "output",
  switch: "",
  table: "table",
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

const isStale = (error) => /stale|no such element|not found|wasn't found|detached/i.test(String(error?.message ?? error));

/** In the page: which of `elements` are displayed (connected, rendered, not transparent). */
function displayedStates(...elements) {
  return elements.map((el) => {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === "function") {
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
    }
    const style = getComputedStyle(el);
    return style.display !== "none" && style.visibility !== "hidden" && el.getClientRects().length > 0;
  });
}

/**
 * Every element under `within` (an element, default the whole page) whose computed
 * role is `role` and whose computed name matches `name` (string: exact after
 * collapsing whitespace; RegExp: tested). Hidden elements are skipped unless
 * `includeHidden`. Returns `{ matches, seen }`, `seen` listing the names of all
 * candidates with that role (for failure messages).
 *
 * Everything goes through plain WebDriver commands on element ids: WebdriverIO's own
 * element commands look a stale element up again by its selector and wait up to
 * `waitforTimeout` for it, so one element removed by a re-render (a closing menu) would
 * stall a poll for 15 s. Here a stale element is skipped at once.
 */
export async function queryAllByRole(browser, role, { name, within, includeHidden = false } = {}) {
  const selector = candidateSelector(role);
  const refs = within
    ? await browser.findElementsFromElement(within.elementId, "css selector", selector)
    : await browser.findElements("css selector", selector);
  const elements = await Promise.all(refs.map((ref) => browser.$(ref)));
  let displayed;
  if (includeHidden || elements.length === 0) {
    displayed = elements.map(() => true);
  } else {
    try {
      displayed = await browser.execute(displayedStates, ...elements);
    } catch (error) {
      // One of them went stale between finding and asking: ask one by one.
      if (!isStale(error)) throw error;
      displayed = [];
      for (const element of elements) {
        displayed.push(await browser.execute(displayedStates, element).then(([d]) => d, () => false));
      }
    }
  }
  const matches = [];
  const seen = [];
  for (const [i, element] of elements.entries()) {
    if (!displayed[i]) continue;
    try {
      const computedRole = await browser.getElementComputedRole(element.elementId);
      if (computedRole !== role) continue;
      const label = await browser.getElementComputedLabel(element.elementId);
      seen.push(normalise(label));
      if (nameMatches(label, name)) matches.push(element);
    } catch (error) {
      // The page re-rendered between finding and asking: the element is stale, skip it.
      if (!isStale(error)) throw error;
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
  let lastError = null;
  try {
    await browser.waitUntil(
      async () => {
        try {
          last = await queryAllByRole(browser, role, { name, within, includeHidden });
          lastError = null;
        } catch (error) {
          lastError = error;
          return false;
        }
        return last.matches.length === 1;
      },
      { timeout, interval: 100 },
    );
  } catch {
    if (lastError) {
      throw new Error(
        `Expected exactly one ${describe(role, name)}${within ? " inside the given element" : ""} within ${timeout} ms, ` +
          `but looking for it kept failing: ${lastError.message}`,
      );
    }
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
