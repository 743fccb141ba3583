/**
 * The guard for Tauri's `app.security.freezePrototype`: the app's real production bundle,
 * built by Vite with this project's config, must load and draw its first screen (and
 * make its first IPC calls) under `Object.freeze(Object.prototype)`, as in the app's
 * webview. The E2E suite cannot see this: WebDriver sessions do not apply the freeze.
 * See `frozenPrototype.ts` for what broke (dayjs) and why.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runInNewContext } from "node:vm";

import { afterAll, describe, expect, it } from "vitest";

import { patchDayjs } from "./frozenPrototype.ts";

const run = promisify(execFile);
const ui = dirname(dirname(fileURLToPath(import.meta.url)));
const out = mkdtempSync(join(tmpdir(), "frontline-frozen-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the bundle under a frozen Object.prototype", () => {
  it("patches dayjs' assignments to valueOf and toString, and refuses a dayjs it does not know", () => {
    const core = "var m=g.prototype;m.unix=function(){},m.valueOf=function(){return 1},m.toString=function(){return''}";
    const patched = patchDayjs(core);
    expect(patched).toContain('(m,"valueOf").valueOf=function');
    expect(patched).toContain('(m,"toString").toString=function');
    // In a fresh realm with a frozen Object.prototype, as strict code (a module): the
    // original throws, the patched code defines both methods.
    const frozen = (code: string) =>
      runInNewContext(
        `"use strict"; Object.freeze(Object.prototype); function g() {} ${code};
         JSON.stringify([new g().valueOf(), Object.keys(g.prototype)])`,
      ) as string;
    expect(() => frozen(core)).toThrow(/read only property 'valueOf'/);
    expect(frozen(patched)).toBe('[1,["unix","valueOf","toString"]]');
    expect(() => patchDayjs("var m={};m.format=function(){}")).toThrow(/dayjs changed/);
  });

  it(
    "loads the production build and draws the first screen",
    async () => {
      const viteBin = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
      await run(process.execPath, [viteBin, "build", "--outDir", out, "--emptyOutDir", "--logLevel", "error"], {
        cwd: ui,
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = await run(process.execPath, [join(ui, "build", "loadFrozen.mjs"), out], {
        cwd: ui,
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        ({ stdout }) => stdout,
        (e: { stdout?: string; message: string }) => e.stdout ?? e.message,
      );
      const report = JSON.parse(result.trim().split("\n").pop() ?? "{}") as { ok: boolean; error?: string; calls?: string[] };
      expect(report.error ?? null).toBeNull();
      expect(report.ok).toBe(true);
      expect(report.calls).toContain("settings_get");
    },
    180_000,
  );
});
