/**
 * Feature code reaches Rust only through src/ipc/ (generated bindings + query hooks):
 * no module elsewhere imports Tauri's `invoke` or calls a command by its string name.
 */
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("IPC boundary", () => {
  it("finds the sources it checks", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it("keeps @tauri-apps/api/core and invoke() inside src/ipc/", () => {
    const offenders = Object.entries(sources)
      // Vite names this folder's own files "./x.ts", the rest "../area/x.ts".
      .filter(([path]) => !path.startsWith("./") && !path.startsWith("../ipc/"))
      .filter(([, text]) => /@tauri-apps\/api\/core|\binvoke\s*\(/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
