/**
 * The guard for Tauri's `app.security.freezePrototype`: the app's real production bundle,
 * built by Vite with this project's config, must load and draw its first screen (and
 * make its first IPC calls) under `Object.freeze(Object.prototype)`, as in the app's
 * webview. The E2E suite cannot see this: WebDriver sessions do not apply the freeze.
 * See `frozenPrototype.ts` for what broke (dayjs, recharts' dependencies) and why.
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

import { patchOwnSlots } from "./frozenPrototype.ts";

const run = promisify(execFile);
const ui = dirname(dirname(fileURLToPath(import.meta.url)));
const out = mkdtempSync(join(tmpdir(), "frontline-frozen-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the bundle under a frozen Object.prototype", () => {
  // In a fresh realm with a frozen Object.prototype, as strict code (a module).
  const frozen = (code: string) =>
    runInNewContext(
      `"use strict"; Object.freeze(Object.prototype); function g() {} ${code};
       JSON.stringify([String(new g().valueOf()), Object.keys(g.prototype)])`,
    ) as string;

  it("patches dayjs' assignments to valueOf and toString, and refuses a dayjs it does not know", () => {
    const core = "var m=g.prototype;m.unix=function(){},m.valueOf=function(){return 1},m.toString=function(){return''}";
    const patched = patchOwnSlots(core, "dayjs", ["valueOf", "toString"]);
    expect(patched).toContain('(m,"valueOf").valueOf=function');
    expect(patched).toContain('(m,"toString").toString=function');
    // The original throws, the patched code defines both methods.
    expect(() => frozen(core)).toThrow(/read only property 'valueOf'/);
    expect(frozen(patched)).toBe('["1",["unix","valueOf","toString"]]');
    expect(() => patchOwnSlots("var m={};m.format=function(){}", "dayjs", ["valueOf"])).toThrow(/dayjs changed/);
  });

  it("patches chained and dotted assignments as decimal.js-light and d3 write them", () => {
    const decimal = "var P = {}; P.toString = P.valueOf = P.val = function () { return 2; }; g.prototype = P; P.constructor = g";
    const d3 = "function F() {} g.prototype.toString = function() { return 'f'; }; F.prototype.x = 1 == 1";
    // A chain assigns right to left: valueOf is the first inherited property it meets.
    expect(() => frozen(decimal)).toThrow(/read only property 'valueOf'/);
    expect(frozen(patchOwnSlots(decimal, "decimal.js-light", ["toString", "valueOf", "constructor"]))).toBe(
      '["2",["toString","valueOf","val","constructor"]]',
    );
    expect(() => frozen(d3)).toThrow(/read only property 'toString' of object '#<g>'/);
    const patchedD3 = patchOwnSlots(d3, "d3-format", ["toString"]);
    expect(patchedD3).toContain('__frontlineOwnSlot(g.prototype,"toString").toString=');
    expect(patchedD3).toContain("F.prototype.x = 1 == 1");
    expect(() => frozen(patchedD3)).not.toThrow();
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
