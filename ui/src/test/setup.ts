/**
 * Vitest setup. The IPC boundary is `@tauri-apps/api/core`'s `invoke`: it is replaced
 * by a mock for every test file, and `mockIpc()` (./ipc.ts) decides what it answers.
 * Everything above it (bindings, query hooks, components) is the real code.
 */
import "@testing-library/jest-dom/vitest";

import { notifications } from "@mantine/notifications";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// `findBy…` waits up to this long for an element (default 1 s, too short under load).
configure({ asyncUtilTimeout: 10_000 });

vi.mock("@tauri-apps/api/core", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@tauri-apps/api/core")>();
  return { ...actual, invoke: vi.fn() };
});

// jsdom lacks these; Mantine's components use them.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

Element.prototype.scrollIntoView ??= function scrollIntoView() {};
// jsdom has no layout: its scrollTo only logs "not implemented" (each page opened calls it).
window.scrollTo = () => {};

// Mantine's autosizing Textarea listens for web fonts loading.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    configurable: true,
    value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
  });
}

afterEach(() => {
  cleanup();
  // Mantine keeps notifications in a module-level store that outlives the tree.
  notifications.clean();
  window.location.hash = "";
  window.localStorage.clear();
});
