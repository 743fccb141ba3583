/**
 * Child processes of the harness (Xvfb, a private D-Bus session bus, tauri-driver) and
 * their reliable teardown.
 *
 * Every child is spawned `detached`, i.e. as the leader of its own process group, and
 * is stopped by signalling the whole group: tauri-driver answers SIGTERM by SIGKILLing
 * WebKitWebDriver only, which would leave the app and its WebKit processes running.
 * As a last line, every process whose environment carries this run's marker variable
 * (set on tauri-driver and so inherited by WebKitWebDriver, the app and WebKit's
 * helper processes) is killed too, and a synchronous `exit` handler kills whatever is
 * still registered if the test process dies early.
 */
import { spawn } from "node:child_process";
import { openSync, closeSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/** Name of the environment variable that marks every process of one scenario. */
export const MARKER_VAR = "FRONTLINE_E2E_RUN";

/** Process groups still alive, killed synchronously if this process exits. */
const liveGroups = new Set();
/** Markers of scenarios still running, swept synchronously on exit. */
const liveMarkers = new Set();

function killGroupNow(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone.
  }
}

process.on("exit", () => {
  for (const pid of liveGroups) killGroupNow(pid, "SIGKILL");
  for (const marker of liveMarkers) {
    for (const pid of pidsWithMarker(marker)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  // Turn a signal into a normal exit so the handler above runs.
  process.once(signal, () => process.exit(128 + (signal === "SIGINT" ? 2 : 15)));
}

/**
 * Settles like `promise`, or after `ms` with what `onTimeout()` returns (or throws).
 * The timer is cleared either way, so it never keeps the test process alive.
 */
export function withTimeout(promise, ms, onTimeout) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A spawned child in its own process group. `exited` resolves with
 * `{ code, signal }` when it ends; `stop()` ends the whole group.
 */
export class Child {
  constructor(name, command, args, { env, logFile, stdio } = {}) {
    this.name = name;
    this.command = command;
    this.logFile = logFile;
    let logFd;
    if (logFile) logFd = openSync(logFile, "a");
    const io = stdio ?? ["ignore", logFd ?? "ignore", logFd ?? "ignore"];
    this.proc = spawn(command, args, { env, stdio: io, detached: true });
    if (logFd !== undefined) closeSync(logFd); // The child holds its own copy.
    this.pid = this.proc.pid;
    this.exitInfo = null;
    this.exited = new Promise((resolve) => {
      this.proc.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        liveGroups.delete(this.pid);
        resolve(this.exitInfo);
      });
      this.proc.once("error", (error) => {
        this.exitInfo = { code: null, signal: null, error };
        liveGroups.delete(this.pid);
        resolve(this.exitInfo);
      });
    });
    if (this.pid !== undefined) liveGroups.add(this.pid);
  }

  get running() {
    return this.exitInfo === null;
  }

  /** Describes how the child ended, for error messages. */
  describeExit() {
    if (!this.exitInfo) return `${this.name} is still running`;
    const { code, signal, error } = this.exitInfo;
    if (error) return `${this.name} could not be started (${this.command}): ${error.message}`;
    return `${this.name} exited (${signal ? `signal ${signal}` : `code ${code}`})`;
  }

  /** SIGTERM to the group, then SIGKILL to the group after `graceMs`. */
  async stop(graceMs = 3000) {
    if (this.pid === undefined) return;
    killGroupNow(this.pid, "SIGTERM");
    const ended = await withTimeout(this.exited.then(() => true), graceMs, () => false);
    // The leader may be gone while others in its group are not: always sweep.
    killGroupNow(this.pid, "SIGKILL");
    if (!ended) await withTimeout(this.exited, 2000, () => undefined);
    liveGroups.delete(this.pid);
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (not in `avoid`). */
export async function freePort(avoid = []) {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
      });
    });
    if (!avoid.includes(port)) return port;
  }
}

/**
 * Polls `probe` (async, truthy when ready) every `intervalMs` until it succeeds,
 * `child` exits or `timeoutMs` passes; throws a message naming `what` otherwise.
 */
export async function pollUntil(what, probe, { timeoutMs = 15000, intervalMs = 50, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (child && !child.running) {
      throw new Error(`${what}: ${child.describeExit()} before it was ready`);
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${lastError.message ?? lastError})` : "";
      throw new Error(`${what}: not ready after ${timeoutMs} ms${why}`);
    }
    await delay(intervalMs);
  }
}

/** Reads the first line `child` writes to the given readable stream. */
function firstLine(stream, child, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () => reject(new Error(`${what}: nothing printed after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const done = (fn, value) => {
      clearTimeout(timer);
      stream.removeAllListeners("data");
      fn(value);
    };
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffer += chunk;
      const nl = buffer.indexOf("\n");
      if (nl >= 0) done(resolve, buffer.slice(0, nl).trim());
    });
    child.exited.then(() => done(reject, new Error(`${what}: ${child.describeExit()}`)));
  });
}

/**
 * Starts Xvfb on a display it picks itself (`-displayfd`), so parallel runs and a
 * desktop session never collide. Resolves once the server accepts connections.
 */
export async function startXvfb({ logFile, width = 1920, height = 1080 }) {
  const child = new Child(
    "Xvfb",
    "Xvfb",
    ["-displayfd", "3", "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp", "-noreset"],
    {
      env: process.env,
      stdio: ["ignore", openSync(logFile, "a"), openSync(logFile, "a"), "pipe"],
    },
  );
  const line = await firstLine(child.proc.stdio[3], child, "Xvfb", 15000);
  if (!/^\d+$/.test(line)) throw new Error(`Xvfb printed "${line}" instead of a display number`);
  return { child, display: `:${line}` };
}

/** Starts a private D-Bus session bus; resolves with its address. */
export async function startDbus({ logFile }) {
  const child = new Child(
    "dbus-daemon",
    "dbus-daemon",
    ["--session", "--nofork", "--nopidfile", "--print-address=1"],
    { env: process.env, stdio: ["ignore", "pipe", openSync(logFile, "a")] },
  );
  const address = await firstLine(child.proc.stdout, child, "dbus-daemon", 10000);
  if (!address.includes("=")) throw new Error(`dbus-daemon printed "${address}" instead of an address`);
  return { child, address };
}

/** Pids of processes whose environment contains `MARKER_VAR=marker` (Linux /proc). */
export function pidsWithMarker(marker) {
  const needle = `${MARKER_VAR}=${marker}\0`;
  const found = [];
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "latin1");
      if (`${environ}\0`.includes(needle)) found.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

/** The executable of a process, or null if it is gone. */
export function exeOf(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

export function registerMarker(marker) {
  liveMarkers.add(marker);
}

/** Kills every process that carries `marker`, then forgets the marker. */
export async function sweepMarker(marker) {
  for (let round = 0; round < 20; round++) {
    const pids = pidsWithMarker(marker);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, round === 0 ? "SIGTERM" : "SIGKILL");
      } catch {
        /* gone */
      }
    }
    await delay(round === 0 ? 300 : 100);
  }
  liveMarkers.delete(marker);
}
