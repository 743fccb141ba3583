// Loads a built UI bundle the way the app's webview does under Tauri's freezePrototype:
// `Object.freeze(Object.prototype)` first, then the bundle (an ES module, strict). It
// stands in for the webview with jsdom and for Rust with a fake `__TAURI_INTERNALS__`.
//
//   node build/loadFrozen.mjs <dist dir>
//
// Prints one JSON line, {"ok": true, "calls": [...]} once the app has made its first IPC
// calls and rendered without an uncaught error, or {"ok": false, "error": "..."}; the exit
// code says the same. Used by frozenPrototype.test.ts.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { JSDOM } from "jsdom";

const dist = process.argv[2];
const html = readFileSync(join(dist, "index.html"), "utf8");
const script = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
if (!script) finish({ ok: false, error: `no module script in ${dist}/index.html` });

// A webview runs `<script type="module">` as a module, which is strict: Node must too.
// (Without a package.json saying so, Node would run a bundle without import/export
// statements as sloppy CommonJS, where the assignment that breaks under the freeze fails
// silently instead of throwing.)
const marker = join(dist, "package.json");
if (!existsSync(marker)) writeFileSync(marker, '{ "type": "module" }\n');

const dom = new JSDOM('<!doctype html><html lang="en"><head></head><body><div id="root"></div></body></html>', {
  url: "http://tauri.localhost/",
  pretendToBeVisual: true,
});
const win = dom.window;
for (const key of Object.getOwnPropertyNames(win)) {
  if (key in globalThis) continue;
  try {
    globalThis[key] = win[key];
  } catch {
    // Read-only on Node's global; Node's own is used.
  }
}
for (const key of ["window", "document", "navigator", "location", "localStorage", "sessionStorage"]) {
  Object.defineProperty(globalThis, key, { configurable: true, get: () => win[key] });
}
win.matchMedia = (media) => ({
  matches: false,
  media,
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false,
});
globalThis.matchMedia = win.matchMedia;
// jsdom has no layout: its scrollTo reports "not implemented" (each page opened calls it).
win.scrollTo = () => {};
globalThis.ResizeObserver = win.ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Rust, as far as the first screen needs it.
const settings = {
  organisationName: "",
  timeZone: "UTC",
  language: "en",
  theme: "light",
  workingHours: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((weekday) => ({
    weekday,
    open: true,
    start: "09:00",
    end: "17:00",
  })),
};
// The Dashboard (the home screen) on a database with no cases: every KPI "no data".
const emptyKpis = () => {
  const none = { meanSeconds: null, cases: 0 };
  const share = { percent: null, hits: 0, cases: 0 };
  return {
    created: 0,
    resolved: 0,
    firstResponse: none,
    resolution: none,
    slaCompliance: share,
    firstContactResolution: share,
    handleTime: none,
    csat: share,
    nps: { score: null, promoters: 0, passives: 0, detractors: 0 },
    backlog: { total: 0, byAge: [], byPriority: [] },
    callbacks: { due: 0, overdue: 0, followUp: share },
  };
};
const period = (firstDay, lastDay, start, end) => ({ firstDay, lastDay, days: 30, start, end });
const current = period("2026-11-02", "2026-12-01", "2026-11-02T00:00:00.000Z", "2026-12-02T00:00:00.000Z");
const query = {
  queue: "all", me: null, text: null, statuses: [], priorities: [], channels: [], categories: [], assignees: [],
  customerIds: [], tag: null, createdFrom: null, createdTo: null, teams: [], tiers: [], resolvedFrom: null,
  resolvedTo: null, callbackDueFrom: null, callbackDueTo: null, journeyStages: [], rootCauses: [], sort: "created",
  descending: true, offset: 0, limit: 100,
};
const dashboard = {
  timeZone: "UTC",
  current: { period: current, kpis: emptyKpis() },
  previous: {
    period: period("2026-10-03", "2026-11-01", "2026-10-03T00:00:00.000Z", "2026-11-02T00:00:00.000Z"),
    kpis: emptyKpis(),
  },
  drills: { created: query, resolved: query, backlog: query, callbacksDue: query, callbacksOverdue: query },
  charts: { granularity: "day", volume: [], trend: [], backlog: [], topCategories: [], topRootCauses: [] },
};
const answers = {
  case_queue_counts: { all: 0, mine: null, unassigned: 0, breaching: 0, escalated: 0, vip: 0, awaitingCallback: 0 },
  kpi_dashboard: dashboard,
  kpi_leaderboard: { timeZone: "UTC", period: current, by: "agent", rows: [] },
  app_info: { version: "0.0.0", dbPath: "/tmp/frontline.db", schemaVersion: 1, nodeId: "0000000000000000" },
  settings_get: settings,
  case_list: { rows: [], total: 0 },
  me_get: null,
  // The status bar's sync part: never signed in.
  sync_state: {
    status: {
      signedIn: false,
      server: null,
      workspace: null,
      user: null,
      role: null,
      deviceCode: null,
      lastSyncAt: null,
      lastError: null,
      lastErrorCode: null,
      pending: 0,
      conflicts: 0,
      parked: 0,
      holdsDemoData: false,
    },
    running: false,
    progress: null,
  },
};
const calls = [];
let callbacks = 0;
const internals = {
  invoke: async (cmd) => {
    calls.push(cmd);
    if (cmd in answers) return answers[cmd];
    if (cmd.startsWith("plugin:")) return 0;
    return [];
  },
  transformCallback: () => ++callbacks,
  unregisterCallback() {},
  convertFileSrc: (path) => path,
  metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
};
win.__TAURI_INTERNALS__ = internals;
globalThis.__TAURI_INTERNALS__ = internals;

const errors = [];
process.on("uncaughtException", (e) => errors.push(String(e?.stack ?? e)));
process.on("unhandledRejection", (e) => errors.push(String(e?.stack ?? e)));
win.addEventListener("error", (e) => errors.push(String(e.error?.stack ?? e.message)));
const consoleError = console.error;
console.error = (...args) => errors.push(args.map(String).join(" "));

function finish(result) {
  console.error = consoleError;
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
}

// What Tauri injects before the page's scripts when freezePrototype is on.
Object.freeze(Object.prototype);

try {
  await import(pathToFileURL(join(dist, script)).href);
} catch (e) {
  finish({ ok: false, error: String(e?.stack ?? e) });
}
const started = Date.now();
const timer = setInterval(() => {
  if (errors.length > 0) {
    clearInterval(timer);
    finish({ ok: false, error: errors.join("\n"), calls });
  } else if (
    calls.includes("settings_get") &&
    document.querySelector("nav") &&
    // The home screen has drawn its numbers (its tiles and charts ran under the freeze).
    document.querySelector('[aria-label="Key performance indicators"]') &&
    Date.now() - started > 500
  ) {
    clearInterval(timer);
    finish({ ok: true, calls });
  } else if (Date.now() - started > 15_000) {
    clearInterval(timer);
    finish({ ok: false, error: "the app made no first IPC call or drew no navigation and Dashboard within 15 s", calls });
  }
}, 50);
