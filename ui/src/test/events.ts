/**
 * Tauri events in tests. `@tauri-apps/api/event` talks to the bridge directly (not
 * through the mocked `invoke`), so the bridge itself is stood in for: each `listen`
 * registers its handler by event name, and `emit` delivers a payload to every handler
 * of that event, the way Rust's `emit` would. Call `restore` after the test.
 */
import { act } from "@testing-library/react";

type Callback = (message: { event: string; id: number; payload: unknown }) => void;

interface Bridge {
  transformCallback: (cb: Callback) => number;
  invoke: (cmd: string, args: unknown) => Promise<unknown>;
}

const w = window as unknown as { __TAURI_INTERNALS__?: Bridge; __TAURI_EVENT_PLUGIN_INTERNALS__?: unknown };

export function mockTauriEvents() {
  const callbacks = new Map<number, Callback>();
  const byEvent = new Map<string, Set<number>>();
  let next = 1;
  w.__TAURI_INTERNALS__ = {
    transformCallback: (cb) => {
      const id = next++;
      callbacks.set(id, cb);
      return id;
    },
    invoke: async (cmd, args) => {
      const { event, handler } = (args ?? {}) as { event?: string; handler?: number };
      if (cmd === "plugin:event|listen" && event !== undefined && handler !== undefined) {
        if (!byEvent.has(event)) byEvent.set(event, new Set());
        byEvent.get(event)!.add(handler);
        return handler;
      }
      if (cmd === "plugin:event|unlisten" && event !== undefined) {
        const id = (args as { eventId?: number }).eventId;
        if (id !== undefined) byEvent.get(event)?.delete(id);
      }
      return null;
    },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener: (event: string, id: number) => byEvent.get(event)?.delete(id),
  };
  return {
    /** Whether something listens to `event` (Rust's kebab-case name, e.g. "sync-finished"). */
    listening: (event: string) => (byEvent.get(event)?.size ?? 0) > 0,
    /** Delivers `payload` to every listener of `event`. */
    emit: (event: string, payload: unknown) =>
      act(() => {
        for (const id of byEvent.get(event) ?? []) callbacks.get(id)?.({ event, id, payload });
      }),
    restore: () => {
      delete w.__TAURI_INTERNALS__;
      delete w.__TAURI_EVENT_PLUGIN_INTERNALS__;
    },
  };
}
