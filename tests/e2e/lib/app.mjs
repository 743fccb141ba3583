/**
 * One scenario = one fresh app: its own temp folder (database, XDG config/data/cache),
 * its own X display (unless DISPLAY is set), its own private D-Bus session bus and its
 * own tauri-driver, whose environment is what the app inherits:
 *
 *   node (this file) → tauri-driver → WebKitWebDriver → frontline → WebKit helpers
 *
 * tauri-driver passes its environment to WebKitWebDriver, which launches the app with
 * it; so the per-scenario variables are set on tauri-driver (scenario 1 checks that the
 * app really used the temp data folder).
 *
 * `scenario(name, body)` registers a node:test test that starts all this, runs `body`,
 * saves a screenshot to artifacts/e2e/<slug>.png (pass or fail), and tears everything
 * down whatever happened.
 */
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { remote } from "webdriverio";

import { appBinary, artifactsDir, nativeDriverBinary, tauriDriverBinary } from "./paths.mjs";
import {
  Child,
  MARKER_VAR,
  exeOf,
  freePort,
  pidsWithMarker,
  pollUntil,
  registerMarker,
  startDbus,
  startXvfb,
  sweepMarker,
  withTimeout,
} from "./processes.mjs";
import { getByRole } from "./queries.mjs";

/** Generous limits: a 2-core machine under load, software rendering. */
export const TIMEOUTS = {
  /** Whole scenario, including start and teardown. */
  scenario: 180_000,
  /** tauri-driver (and WebKitWebDriver behind it) answering /status. */
  driver: 15_000,
  /** Session request → the navigation is on screen. */
  firstScreen: 30_000,
  /** Any single wait for the UI inside a scenario. */
  ui: 15_000,
  /** The app process gone after its session ended. */
  quit: 15_000,
};

/** Where Debian and Ubuntu put libfaketime's thread-safe build, per architecture. */
/** The D-Bus name tauri-plugin-single-instance owns: the app's identifier + ".SingleInstance". */
const SINGLE_INSTANCE_NAME = "app.frontline.desktop.SingleInstance";

const FAKETIME_LIBS = [
  "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/faketime/libfaketimeMT.so.1",
];

/**
 * The environment that puts a process on `clock` (`{ at, timeZone }`): its time zone and
 * libfaketime preloaded, starting at `at` and running on. What the app's launcher sets;
 * a scenario's `prepare` can give it to `frontline-cli` so that data made before the app
 * starts (a demo) is dated on the same clock.
 */
export function fixedClockEnvironment(clock) {
  const lib = FAKETIME_LIBS.find((path) => existsSync(path));
  if (!lib) throw new Error(`libfaketime is missing (looked for ${FAKETIME_LIBS.join(", ")}). apt-get install faketime (cargo xtask test installs it)`);
  return { TZ: clock.timeZone, FAKETIME: `@${clock.at}`, LD_PRELOAD: lib };
}

const slugOf = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/**
 * Registers a test. `body` gets the Scenario; `options.timeout` overrides the limit;
 * `options.prepare(s)` runs before the app starts (e.g. to fill `s.dataDir` with
 * `frontline-cli`); `options.clock` (`{ at: "2026-10-09 19:00:00", timeZone }`) starts
 * the app, and only the app, on that wall clock (libfaketime; it runs on from there) in
 * that time zone, for rules that depend on the day of the week; `options.dialogs: true`
 * replaces the app's file dialogs by a folder, `s.dialogDir` (`FRONTLINE_TEST_DIALOG_DIR`,
 * see src-tauri/dialogs.rs): `s.offerFile(name, content)` puts the file the next open
 * dialog answers, `s.waitForSavedFile(name)` waits for what a save dialog wrote.
 */
export function scenario(name, body, options = {}) {
  test(name, { timeout: options.timeout ?? TIMEOUTS.scenario }, async (t) => {
    // Checked before anything is created, so a missing tool fails fast and clean.
    const tools = { binary: appBinary(), tauriDriver: tauriDriverBinary(), nativeDriver: nativeDriverBinary() };
    const s = new Scenario(name, t, tools, options.clock, options.dialogs);
    let failed = false;
    try {
      if (options.prepare) await options.prepare(s);
      await s.start();
      await body(s);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await s.finish(failed);
    }
  });
}

/** In the page: is a named <nav> rendered and visible? (Timing probe only.) */
function firstScreenProbe() {
  const nav = document.querySelector("nav[aria-label], nav[aria-labelledby]");
  if (!nav) return false;
  const box = nav.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(nav).visibility !== "hidden";
}

/**
 * How long process `pid` had been running at `at` (a performance.now() value), in ms,
 * from /proc (10 ms resolution); undefined if it cannot be read.
 */
function processAgeAt(pid, at) {
  try {
    const uptimeS = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
    const readAt = performance.now();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = Number(fields[19]); // Field 22 of stat; 100 ticks a second on Linux.
    return Math.round((uptimeS - startTicks / 100) * 1000 - (readAt - at));
  } catch {
    return undefined;
  }
}

export class Scenario {
  constructor(name, t, tools, clock, dialogs = false) {
    this.name = name;
    this.tools = tools;
    this.clock = clock;
    this.slug = slugOf(name);
    this.t = t;
    this.marker = randomUUID();
    this.root = mkdtempSync(join(tmpdir(), `frontline-e2e-${this.slug}-`));
    /** FRONTLINE_DATA_DIR: deliberately not created, the app must create it. */
    this.dataDir = join(this.root, "data");
    this.dbPath = join(this.dataDir, "frontline.db");
    this.logsDir = join(this.root, "logs");
    this.xdg = {
      XDG_CONFIG_HOME: join(this.root, "xdg-config"),
      XDG_DATA_HOME: join(this.root, "xdg-data"),
      XDG_CACHE_HOME: join(this.root, "xdg-cache"),
      XDG_STATE_HOME: join(this.root, "xdg-state"),
    };
    for (const dir of [this.logsDir, ...Object.values(this.xdg)]) mkdirSync(dir, { recursive: true });
    /** FRONTLINE_TEST_DIALOG_DIR, when the scenario asked for `dialogs`: saves land here, opens read `open/`. */
    this.dialogDir = null;
    if (dialogs) {
      this.dialogDir = join(this.root, "dialogs");
      mkdirSync(join(this.dialogDir, "open"), { recursive: true });
    }
    // Logs of an earlier failed run of this scenario would mislead.
    rmSync(join(artifactsDir(), `${this.slug}-logs`), { recursive: true, force: true });
    this.children = [];
    this.browser = null;
    /** Cold-start measurements, one per session, in ms. */
    this.startTimes = [];
  }

  log(message) {
    const line = `[e2e] ${this.slug}: ${message}`;
    console.log(line);
  }

  async start() {
    const { binary, tauriDriver, nativeDriver } = this.tools;
    this.binary = binary;

    let display = process.env.DISPLAY;
    if (!display) {
      const xvfb = await startXvfb({ logFile: join(this.logsDir, "xvfb.log") });
      this.children.push(xvfb.child);
      this.ownDisplay = true;
      display = xvfb.display;
    }
    this.display = display;

    // A private session bus: the app's single-instance lock lives on D-Bus, so on a
    // desktop where Frontline already runs the app under test would otherwise hand
    // over to that instance and exit. It also keeps scenarios from seeing each other.
    let dbusAddress;
    try {
      const dbus = await startDbus({ logFile: join(this.logsDir, "dbus.log") });
      this.children.push(dbus.child);
      dbusAddress = dbus.address;
      this.dbusAddress = dbus.address;
    } catch (error) {
      this.log(`no private D-Bus session bus (${error.message}); the app runs without one`);
    }

    const env = { ...process.env, ...this.xdg, DISPLAY: display, FRONTLINE_DATA_DIR: this.dataDir, [MARKER_VAR]: this.marker };
    delete env.FRONTLINE_DB; // Would win over FRONTLINE_DATA_DIR.
    if (this.dialogDir) env.FRONTLINE_TEST_DIALOG_DIR = this.dialogDir;
    else delete env.FRONTLINE_TEST_DIALOG_DIR;
    if (dbusAddress) env.DBUS_SESSION_BUS_ADDRESS = dbusAddress;
    else delete env.DBUS_SESSION_BUS_ADDRESS;

    this.writeLauncher();

    this.port = await freePort();
    this.nativePort = await freePort([this.port]);
    registerMarker(this.marker);
    this.driver = new Child(
      "tauri-driver",
      tauriDriver,
      ["--port", String(this.port), "--native-port", String(this.nativePort), "--native-driver", nativeDriver],
      { env, logFile: join(this.logsDir, "tauri-driver.log") },
    );
    this.children.push(this.driver);
    const statusUrl = `http://127.0.0.1:${this.port}/status`;
    await pollUntil(
      `tauri-driver on port ${this.port} (native WebKitWebDriver on ${this.nativePort})`,
      async () => (await fetch(statusUrl, { signal: AbortSignal.timeout(1000) })).ok,
      { timeoutMs: TIMEOUTS.driver, child: this.driver },
    );

    await this.openSession();
  }

  /**
   * The program tauri-driver launches: the app itself, or with `options.clock` a wrapper
   * that preloads libfaketime and execs the app (the `faketime` command would fork it, and
   * the app would outlive its session; the app is found, and stopped by WebKitWebDriver,
   * as the launched process itself). Read at each launch, so a restart can move the clock.
   */
  writeLauncher() {
    this.launcher = this.binary;
    if (!this.clock) return;
    const env = fixedClockEnvironment(this.clock);
    this.launcher = join(this.root, "frontline-at-fixed-clock.sh");
    const quote = (v) => `'${String(v).replaceAll("'", "'\\''")}'`;
    writeFileSync(
      this.launcher,
      [
        "#!/bin/sh",
        `export TZ=${quote(env.TZ)}`,
        `export FAKETIME=${quote(env.FAKETIME)}`,
        `export LD_PRELOAD=${quote(env.LD_PRELOAD)}`,
        `exec ${quote(this.binary)} "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
  }

  /**
   * Asks for a session (which launches the app) and waits for the first screen: the
   * main navigation displayed. Records and prints the time this took.
   */
  async openSession() {
    const started = performance.now();
    this.browser = await remote({
      hostname: "127.0.0.1",
      port: this.port,
      logLevel: process.env.E2E_WDIO_LOG_LEVEL ?? "error",
      waitforTimeout: TIMEOUTS.ui,
      waitforInterval: 100,
      connectionRetryCount: 0,
      connectionRetryTimeout: TIMEOUTS.firstScreen,
      capabilities: {
        "tauri:options": { application: this.launcher ?? this.binary },
        // WebKitWebDriver speaks classic WebDriver only (no BiDi).
        "wdio:enforceWebDriverClassic": true,
      },
    });
    const sessionAt = performance.now();
    // The moment of the first screen is taken with a cheap in-page probe polled every
    // 20 ms (a role query takes tens of ms per round and would blur the figure); the
    // navigation is then confirmed by role and name, outside the measured time.
    await this.browser.waitUntil(() => this.browser.execute(firstScreenProbe), {
      timeout: TIMEOUTS.firstScreen,
      interval: 20,
      timeoutMsg: `Expected the main navigation to be displayed within ${TIMEOUTS.firstScreen} ms of asking for a session`,
    });
    const navAt = performance.now();
    this.appPid = this.findAppPid();
    const processAgeMs = this.appPid === undefined ? undefined : processAgeAt(this.appPid, navAt);
    await getByRole(this.browser, "navigation", { name: /\S/, timeout: TIMEOUTS.ui });
    const timing = {
      session: this.startTimes.length + 1,
      coldStartMs: Math.round(navAt - started),
      sessionCreatedMs: Math.round(sessionAt - started),
      navAfterSessionMs: Math.round(navAt - sessionAt),
      appProcessStartToNavMs: processAgeMs,
    };
    this.startTimes.push(timing);
    const which = timing.session === 1 ? "" : ` (session ${timing.session}, same data dir)`;
    const message =
      `cold start to first screen${which}: ${timing.coldStartMs} ms from the session request ` +
      `(session created after ${timing.sessionCreatedMs} ms, navigation displayed ${timing.navAfterSessionMs} ms later); ` +
      `app process start to first screen: ${processAgeMs ?? "?"} ms`;
    this.log(message);
    this.t.diagnostic(message);
    return this.browser;
  }

  /**
   * Makes `name` (with `content`, a string or bytes) the only file in the dialog folder's
   * `open/`: the file the app's next open dialog answers. Needs `options.dialogs`.
   */
  offerFile(name, content) {
    if (!this.dialogDir) throw new Error("offerFile needs the scenario's `dialogs: true` option");
    const open = join(this.dialogDir, "open");
    for (const entry of readdirSync(open)) rmSync(join(open, entry), { recursive: true, force: true });
    const path = join(open, name);
    writeFileSync(path, content);
    return path;
  }

  /**
   * Waits until a save dialog's file `name` is in the dialog folder, not empty and no
   * longer growing (the app writes it after the "dialog" answered), and returns its path.
   */
  async waitForSavedFile(name, timeoutMs = TIMEOUTS.ui) {
    if (!this.dialogDir) throw new Error("waitForSavedFile needs the scenario's `dialogs: true` option");
    const path = join(this.dialogDir, name);
    let last = -1;
    try {
      await pollUntil(
        `the app to save ${JSON.stringify(name)} in ${this.dialogDir}`,
        () => {
          const size = existsSync(path) ? statSync(path).size : -1;
          const done = size > 0 && size === last;
          last = size;
          return done;
        },
        { timeoutMs, intervalMs: 100 },
      );
    } catch (error) {
      const held = readdirSync(this.dialogDir).filter((f) => f !== "open");
      throw new Error(`${error.message}; the folder holds: ${held.length ? held.map((f) => JSON.stringify(f)).join(", ") : "nothing"}`);
    }
    return path;
  }

  /** Pids of the app under test (not WebKitWebDriver, not WebKit's helpers). */
  appPids() {
    let binary = this.binary;
    try {
      binary = realpathSync(this.binary);
    } catch {
      /* keep the given path */
    }
    return pidsWithMarker(this.marker).filter((pid) => {
      const exe = exeOf(pid);
      return exe !== null && (exe === binary || exe === `${binary} (deleted)`);
    });
  }

  findAppPid() {
    const pids = this.appPids();
    return pids.length === 1 ? pids[0] : undefined;
  }

  /** The environment the running app actually has (from /proc). */
  appEnvironment() {
    if (this.appPid === undefined) throw new Error("the app process was not found");
    const raw = readFileSync(`/proc/${this.appPid}/environ`, "utf8");
    return Object.fromEntries(
      raw
        .split("\0")
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
  }

  /**
   * Ends the session (WebKitWebDriver closes the app) and waits until the app process
   * is gone, so a following session starts a new process on the same data.
   */
  async closeSession() {
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    await withTimeout(
      browser.deleteSession().catch((error) => this.log(`deleting the session failed: ${error.message}`)),
      TIMEOUTS.quit,
      () => this.log(`deleting the session took over ${TIMEOUTS.quit} ms`),
    );
    await pollUntil("the app to quit after its session ended", () => this.appPids().length === 0, {
      timeoutMs: TIMEOUTS.quit,
      intervalMs: 50,
    });
    // The bus may not have seen the exit yet: a new instance would then hand over to the
    // old one's single-instance name and quit ("NoReply: recipient disconnected").
    await pollUntil("the app's single-instance name to leave the bus", () => !this.holdsSingleInstanceName(), {
      timeoutMs: TIMEOUTS.quit,
      intervalMs: 50,
    });
  }

  /** Does a process on this scenario's session bus own the app's single-instance name? */
  holdsSingleInstanceName() {
    if (!this.dbusAddress) return false;
    const names = spawnSync(
      "dbus-send",
      [`--bus=${this.dbusAddress}`, "--dest=org.freedesktop.DBus", "--print-reply", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
      { encoding: "utf8", timeout: 5_000 },
    );
    if (names.status !== 0) throw new Error(`dbus-send could not list the bus's names: ${names.stderr}`);
    return names.stdout.includes(`"${SINGLE_INSTANCE_NAME}`);
  }

  /** Quits the app and starts it again on the same data (same tauri-driver, same env). */
  async restart() {
    await this.closeSession();
    return this.openSession();
  }

  /**
   * Quits the app and starts it again on the same data with its wall clock moved to `at`
   * ("2027-10-20 09:00:00", same time zone): for rules that change as days pass, such as
   * expiry. Only for a scenario started with `options.clock`.
   */
  async restartAt(at) {
    if (!this.clock) throw new Error("restartAt needs a scenario started with options.clock");
    this.clock = { ...this.clock, at };
    this.writeLauncher();
    return this.restart();
  }

  /** Saves a screenshot of the webview (or, failing that, of the whole X screen). */
  async screenshot(suffix = "") {
    const file = join(artifactsDir(), `${this.slug}${suffix}.png`);
    if (this.browser) {
      try {
        await withTimeout(this.browser.saveScreenshot(file), 10_000, () => {
          throw new Error("no answer within 10 s");
        });
        return file;
      } catch (error) {
        this.log(`webview screenshot failed: ${error.message}`);
      }
    }
    if (this.ownDisplay) {
      const r = spawnSync("import", ["-display", this.display, "-window", "root", file], { timeout: 10_000 });
      if (r.status === 0) return file;
      this.log(`X screenshot failed: ${r.stderr?.toString().trim() || r.error?.message}`);
    }
    return null;
  }

  /** Screenshot, teardown, and on failure the logs next to the screenshot. */
  async finish(failed) {
    try {
      const shot = await this.screenshot();
      if (shot) this.log(`screenshot ${shot}`);
    } catch (error) {
      this.log(`screenshot failed: ${error.message}`);
    }
    if (this.startTimes.length) {
      writeFileSync(join(artifactsDir(), `${this.slug}.timings.json`), `${JSON.stringify(this.startTimes, null, 2)}\n`);
    }
    try {
      if (this.browser) await this.closeSession();
    } catch (error) {
      this.log(`closing the session: ${error.message}`);
    }
    for (const child of [...this.children].reverse()) {
      if (child === this.driver) await sweepMarker(this.marker); // The app and WebKit, if still there.
      await child.stop();
    }
    await sweepMarker(this.marker);
    if (failed) this.keepLogs();
    if (failed || process.env.E2E_KEEP_TMP) {
      this.log(`temp folder kept: ${this.root}`);
    } else {
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  /** Copies the logs (tauri-driver's, the app's own) to artifacts/e2e/<slug>-logs/. */
  keepLogs() {
    const dest = join(artifactsDir(), `${this.slug}-logs`);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    cpSync(this.logsDir, dest, { recursive: true });
    const appLogs = join(this.xdg.XDG_DATA_HOME, "app.frontline.desktop", "logs");
    if (existsSync(appLogs)) cpSync(appLogs, join(dest, "app"), { recursive: true });
    this.log(`logs copied to ${dest}`);
    const driverLog = join(this.logsDir, "tauri-driver.log");
    if (existsSync(driverLog)) {
      const tail = readFileSync(driverLog, "utf8").split("\n").slice(-20).join("\n").trim();
      if (tail) this.log(`last lines of tauri-driver.log:\n${tail}`);
    }
  }
}
