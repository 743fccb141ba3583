/**
 * WCAG 2 A/AA checks of the screen on display, with axe-core, in both colour schemes.
 *
 * `checkAccessibility(s, screen)` checks the current screen in the current colour scheme,
 * switches to the other one, checks again, and switches back; if either run found a
 * violation it throws one report listing, per scheme and rule, the rule id, its impact,
 * the CSS selectors of the failing elements and, for contrast, the measured ratio, the
 * two colours and the ratio required.
 *
 * axe's own source is sent to the page once (WebDriver "Execute Script" with the file's
 * text as the script body, so no `eval` and no CSP question) and stays there until the
 * page is reloaded. Only rules tagged wcag2a, wcag2aa, wcag21a or wcag21aa are run, all
 * of them: none is disabled.
 *
 * The colour scheme is switched the way Mantine switches it: Mantine's colour-scheme
 * manager (localStorage, key "mantine-color-scheme-value") listens to the `storage`
 * event and answers it with the provider's `setColorScheme`, the same function the
 * Settings theme option reaches through `useMantineColorScheme` (PreferencesGate), which
 * also turns CSS transitions off for the switch; so does this. React's state and
 * `<html data-mantine-color-scheme>` change together, as when a person saves another
 * theme, without leaving the screen (an open dialog stays open). The value stored before
 * is put back afterwards ("auto" stays "auto").
 *
 * Before each run the page must have settled: no finite CSS transition or animation
 * running (a dialog fading in measures as low contrast), and during a run transitions
 * are held at their end values (`freezeTransitions`). A violation must show in two
 * runs in a row to count, so a notification that starts fading out during a run does
 * not fail the check; a real one is there both times.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { TIMEOUTS } from "./app.mjs";
import { artifactsDir } from "./paths.mjs";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const AXE_VERSION = JSON.parse(readFileSync(join(AXE_PATH, "..", "package.json"), "utf8")).version;
let axeSource = null;

/** The rule sets every screen is held to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const SCHEME_KEY = "mantine-color-scheme-value";
/** At most this many failing elements are listed per rule (the count is always given). */
const NODES_LISTED = 12;

/** In the page: whether axe is loaded (it is gone after a reload). */
function axeLoaded() {
  return typeof window.axe === "object" && typeof window.axe.run === "function";
}

async function injectAxe(browser) {
  if (await browser.execute(axeLoaded)) return;
  axeSource ??= readFileSync(AXE_PATH, "utf8");
  await browser.execute(`${axeSource}\n;return typeof window.axe;`);
  if (!(await browser.execute(axeLoaded))) throw new Error(`axe-core ${AXE_VERSION} did not load into the page`);
}

/** In the page: the finite CSS transitions and animations still running. */
function runningAnimations() {
  if (typeof document.getAnimations !== "function") return 0;
  return document.getAnimations().filter((a) => {
    if (a.playState !== "running") return false;
    const timing = a.effect?.getComputedTiming?.();
    return !timing || timing.iterations !== Infinity; // Loaders spin for ever.
  }).length;
}

async function waitUntilStill(browser, s, screen) {
  await browser
    .waitUntil(async () => (await browser.execute(runningAnimations)) === 0, { timeout: TIMEOUTS.ui, interval: 50 })
    .catch(() => s.log(`a11y: "${screen}": animations were still running after ${TIMEOUTS.ui} ms; checking anyway`));
}

/** In the page (async): axe on the whole document, violations only, trimmed for the wire. */
function runAxe(tags, done) {
  window.axe
    .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], elementRef: true })
    .then((results) =>
      done({
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => {
            const data = [...n.any, ...n.all, ...n.none].map((c) => c.data).find((d) => d && typeof d === "object" && "contrastRatio" in d);
            return {
              target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" | "),
              html: n.html.replace(/\s+/g, " ").slice(0, 160),
              text: (n.element?.innerText ?? "").replace(/\s+/g, " ").trim().slice(0, 80),
              summary: (n.failureSummary ?? "").replace(/\s+/g, " ").trim(),
              contrast: data
                ? {
                    ratio: data.contrastRatio,
                    expected: data.expectedContrastRatio,
                    fg: data.fgColor,
                    bg: data.bgColor,
                    fontSize: data.fontSize,
                    fontWeight: data.fontWeight,
                  }
                : null,
            };
          }),
        })),
      }),
    )
    .catch((error) => done({ error: String(error?.stack ?? error) }));
}

/**
 * In the page: ends every CSS transition at its end value and holds it there until
 * `thawTransitions`. The settled screen is what is checked: a nav link's shortcut hint
 * still fading out after the pointer left it measured 1.4:1 once, though the wait for
 * running animations had passed (WebKit starts a hover-out transition a frame late).
 */
function freezeTransitions() {
  const style = document.createElement("style");
  style.setAttribute("data-e2e-a11y-freeze", "true");
  style.textContent = "*, *::before, *::after {transition: none !important;}";
  document.head.appendChild(style);
  void document.documentElement.offsetHeight; // Restyled now, with no transition left running.
}

function thawTransitions() {
  for (const style of document.querySelectorAll("style[data-e2e-a11y-freeze]")) style.remove();
}

async function axeViolations(browser) {
  await browser.execute(freezeTransitions);
  let result;
  try {
    result = await browser.executeAsync(runAxe, WCAG_TAGS);
  } finally {
    await browser.execute(thawTransitions);
  }
  if (result?.error) throw new Error(`axe-core failed to run: ${result.error}`);
  return result.violations;
}

/** Violations seen in two runs in a row (same rule, same element). */
async function steadyViolations(browser, s, screen) {
  await waitUntilStill(browser, s, screen);
  const first = await axeViolations(browser);
  if (first.length === 0) return [];
  await waitUntilStill(browser, s, screen);
  const second = await axeViolations(browser);
  const seen = new Set(first.flatMap((v) => v.nodes.map((n) => `${v.id}\0${n.target}`)));
  return second
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => seen.has(`${v.id}\0${n.target}`)) }))
    .filter((v) => v.nodes.length > 0);
}

/** In the page: the scheme on <html>, the value Mantine stored, and the body's colours. */
function schemeState(key) {
  const style = getComputedStyle(document.body);
  return {
    scheme: document.documentElement.getAttribute("data-mantine-color-scheme"),
    stored: window.localStorage.getItem(key),
    look: `${style.backgroundColor} / ${style.color}`,
    switching: document.querySelector("style[data-e2e-a11y]") !== null,
  };
}

/**
 * In the page: tells Mantine's colour-scheme manager that the stored scheme is now
 * `value`, as a change from another window would; it calls the provider's setColorScheme,
 * which sets <html data-mantine-color-scheme> at once. Like Mantine's own
 * useMantineColorScheme().setColorScheme (what the Settings theme option calls), CSS
 * transitions are off while the colours change, so nothing is caught half-way (a
 * SegmentedControl's labels fade their colour over 200 ms otherwise).
 */
function announceScheme(key, value) {
  const style = document.createElement("style");
  style.setAttribute("data-mantine-styles", "inline");
  style.setAttribute("data-mantine-disable-transition", "true");
  style.setAttribute("data-e2e-a11y", "true");
  style.textContent = "*, *::before, *::after {transition: none !important;}";
  document.head.appendChild(style);
  const oldValue = window.localStorage.getItem(key);
  window.dispatchEvent(new StorageEvent("storage", { key, oldValue, newValue: value, storageArea: window.localStorage }));
  void document.documentElement.offsetHeight; // Styles recomputed with transitions off...
  window.setTimeout(() => style.remove(), 50); // ...then they are back, as Mantine does.
}

async function switchScheme(browser, value, expectedScheme) {
  await browser.execute(announceScheme, SCHEME_KEY, value);
  let state = null;
  await browser
    .waitUntil(async () => (state = await browser.execute(schemeState, SCHEME_KEY)).scheme === expectedScheme && state.stored === value && !state.switching, {
      timeout: TIMEOUTS.ui,
      interval: 50,
    })
    .catch(() => {
      throw new Error(
        `Expected the window to switch to the ${expectedScheme} colour scheme (Mantine's "${value}"), ` +
          `but <html data-mantine-color-scheme> is ${JSON.stringify(state?.scheme)} and the stored value ${JSON.stringify(state?.stored)}`,
      );
    });
  return state;
}

function formatNode(node) {
  const c = node.contrast;
  const what = node.text ? ` "${node.text}"` : "";
  if (c) {
    return (
      `${node.target}${what}: contrast ${c.ratio}:1, needs ${c.expected} ` +
      `(${c.fg} on ${c.bg}, ${c.fontSize} weight ${c.fontWeight})`
    );
  }
  return `${node.target}${what}: ${node.summary || node.html}`;
}

export function formatViolations(screen, byScheme) {
  const lines = [];
  let total = 0;
  for (const [scheme, violations] of byScheme) {
    for (const v of violations) {
      total += v.nodes.length;
      lines.push(`  [${scheme}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s); ${v.helpUrl}`);
      for (const node of v.nodes.slice(0, NODES_LISTED)) lines.push(`      ${formatNode(node)}`);
      if (v.nodes.length > NODES_LISTED) lines.push(`      … and ${v.nodes.length - NODES_LISTED} more`);
    }
  }
  return (
    `Accessibility check (axe-core ${AXE_VERSION}, ${WCAG_TAGS.join("/")}) failed on "${screen}": ` +
    `${total} failing element(s)\n${lines.join("\n")}`
  );
}

let checkNumber = 0;

/**
 * Checks the screen on display with axe in the current colour scheme and in the other,
 * and switches back; throws a readable report if either has a violation. `screen` names
 * the screen in that report. With E2E_A11Y_SCREENSHOTS set, saves a screenshot of each
 * scheme as artifacts/e2e/<scenario>-a11y-<n>-<scheme>.png.
 */
export async function checkAccessibility(s, screen) {
  const { browser } = s;
  checkNumber += 1;
  await injectAxe(browser);
  const before = await browser.execute(schemeState, SCHEME_KEY);
  if (before.scheme !== "light" && before.scheme !== "dark") {
    throw new Error(`The window has no Mantine colour scheme on <html> (data-mantine-color-scheme is ${JSON.stringify(before.scheme)})`);
  }
  const other = before.scheme === "light" ? "dark" : "light";
  const byScheme = [];
  const shot = async (scheme) => {
    if (process.env.E2E_A11Y_SCREENSHOTS) await s.screenshot(`-a11y-${String(checkNumber).padStart(2, "0")}-${scheme}`);
  };

  const started = performance.now();
  byScheme.push([before.scheme, await steadyViolations(browser, s, screen)]);
  await shot(before.scheme);
  let switched;
  try {
    switched = await switchScheme(browser, other, other);
    if (switched.look === before.look) {
      throw new Error(`Switching to the ${other} colour scheme did not change the page's colours (body: ${before.look})`);
    }
    byScheme.push([other, await steadyViolations(browser, s, screen)]);
    await shot(other);
  } finally {
    await switchScheme(browser, before.stored ?? "auto", before.scheme);
  }
  await waitUntilStill(browser, s, screen);

  const failing = byScheme.filter(([, violations]) => violations.length > 0);
  const ms = Math.round(performance.now() - started);
  if (failing.length) {
    const report = formatViolations(screen, failing);
    s.log(report);
    throw new Error(report);
  }
  s.log(`a11y: "${screen}" passes axe's WCAG 2 A/AA rules in light and dark (${ms} ms)`);
}

/**
 * With E2E_SHOTS_DIR set (e.g. /tmp/e2e-shots), saves the window as
 * `<dir>/<name>-light.png` and `<dir>/<name>-dark.png`, switching the colour scheme the
 * way the check above does and back; without it, does nothing. For looking at screens
 * (layout, clipped or untranslated text), not for asserting.
 */
export async function screenshotSchemes(s, name) {
  const dir = process.env.E2E_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const { browser } = s;
  const before = await browser.execute(schemeState, SCHEME_KEY);
  const other = before.scheme === "light" ? "dark" : "light";
  const save = async (scheme) => {
    await waitUntilStill(browser, s, name);
    await browser.saveScreenshot(join(dir, `${name}-${scheme}.png`));
  };
  await save(before.scheme);
  try {
    await switchScheme(browser, other, other);
    await save(other);
  } finally {
    await switchScheme(browser, before.stored ?? "auto", before.scheme);
  }
  await waitUntilStill(browser, s, name);
}
