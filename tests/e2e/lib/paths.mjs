/** Where things are: the repository, the app binary under test, the artifacts folder. */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(E2E_DIR, "..", "..");
export const ARTIFACTS_DIR = join(REPO_ROOT, "artifacts", "e2e");

const BUILD_HINT =
  "Build it with:\n" +
  "  npm run build -w ui && \\\n" +
  "  CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/frontline/target} \\\n" +
  "  cargo build --release --features tauri/custom-protocol -p frontline\n" +
  "or point FRONTLINE_APP_BINARY at a release build with the UI embedded.";

/**
 * The app binary under test: `FRONTLINE_APP_BINARY`, else
 * `${CARGO_TARGET_DIR:-$HOME/.cache/frontline/target}/release/frontline`.
 * Throws a message saying what is missing and how to build it.
 */
export function appBinary() {
  const fromEnv = process.env.FRONTLINE_APP_BINARY;
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "frontline", "target");
  const path = resolve(REPO_ROOT, fromEnv || join(targetDir, "release", "frontline"));
  const source = fromEnv ? "FRONTLINE_APP_BINARY" : "the default location";
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new Error(`The Frontline app binary was not found at ${path} (${source}).\n${BUILD_HINT}`);
  }
  try {
    if (!stat.isFile()) throw new Error("not a file");
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} (${source}) is not an executable file.\n${BUILD_HINT}`);
  }
  return path;
}

/** Fails early with a clear message when a tool the harness runs is missing. */
export function requireTool(path, hint) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing or not executable. ${hint}`);
  }
  return path;
}

export function tauriDriverBinary() {
  const path = process.env.TAURI_DRIVER || join(homedir(), ".cargo", "bin", "tauri-driver");
  return requireTool(path, "Install it with `cargo install tauri-driver --locked`, or set TAURI_DRIVER.");
}

export function nativeDriverBinary() {
  const path = process.env.WEBKIT_WEBDRIVER || "/usr/bin/WebKitWebDriver";
  return requireTool(path, "Install the Debian package webkit2gtk-driver, or set WEBKIT_WEBDRIVER.");
}

export function artifactsDir() {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return ARTIFACTS_DIR;
}

/**
 * The headless CLI that goes with the app under test: `FRONTLINE_CLI_BINARY`, else
 * `frontline-cli` beside the app binary. Build it with
 * `cargo build --release -p frontline-cli` (same CARGO_TARGET_DIR).
 */
export function cliBinary() {
  const fromEnv = process.env.FRONTLINE_CLI_BINARY;
  const path = fromEnv ? resolve(REPO_ROOT, fromEnv) : join(dirname(appBinary()), "frontline-cli");
  return requireTool(
    path,
    fromEnv
      ? "(FRONTLINE_CLI_BINARY)"
      : "Build it beside the app with `cargo build --release -p frontline-cli` (same CARGO_TARGET_DIR), or set FRONTLINE_CLI_BINARY.",
  );
}
