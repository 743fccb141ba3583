/// <reference types="vitest/config" />
// Vite serves the UI to the Tauri webview: `npm run dev` on a fixed port that
// tauri.conf.json's devUrl points at, and `npm run build` into ui/dist (frontendDist).
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

import { ownSlots } from "./build/frozenPrototype.ts";

const PREAMBLE_URL = "/@frontline/react-refresh-preamble.js";

/**
 * Dev server only: @vitejs/plugin-react puts its Fast Refresh preamble in an inline
 * <script>, which the app's CSP (`script-src 'self'`, also applied by Tauri in
 * development) blocks, leaving a blank window. Serve the same code as a file instead.
 */
function externalRefreshPreamble(): Plugin {
  return {
    name: "frontline:external-refresh-preamble",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(PREAMBLE_URL, (_req, res) => {
        res.setHeader("Content-Type", "text/javascript");
        res.end(react.preambleCode.replace("__BASE__", "/"));
      });
    },
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html.replace(
          /<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>/,
          `<script type="module" src="${PREAMBLE_URL}"></script>`,
        ),
    },
  };
}

export default defineConfig({
  // ownSlots: the bundle must load under Tauri's freezePrototype (see its file).
  plugins: [ownSlots(), react(), externalRefreshPreamble()],
  optimizeDeps: {
    // The dev server pre-bundles dependencies without the plugins above.
    rolldownOptions: { plugins: [ownSlots()] },
  },
  // The built app is loaded from tauri://localhost; relative asset URLs work there and
  // under `vite preview` alike.
  base: "./",
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    host: "localhost",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Tauri's webviews: WebKitGTK / WKWebView (Safari 16+) and WebView2 (Chromium).
    target: ["es2022", "safari16", "chrome110"],
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    globals: true,
    css: false,
    clearMocks: true,
    restoreMocks: true,
    // The suite shares a 2-core machine with Rust builds: a test that types into a
    // dialog can take several seconds of wall time there. Generous limits keep it from
    // failing on time alone; what each test asserts is unchanged.
    testTimeout: 30_000,
    projects: [
      // The app's components, in jsdom with the IPC boundary mocked.
      {
        extends: true,
        test: {
          name: "app",
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./src/test/setup.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      // Checks of the build itself (the production bundle under a frozen prototype). After
      // the app's tests, not beside them: its Vite build takes both cores for seconds, and
      // the jsdom tests' timeouts do not allow for that.
      {
        extends: true,
        test: { name: "build", include: ["build/**/*.test.ts"], environment: "node", sequence: { groupOrder: 1 } },
      },
    ],
  },
});
