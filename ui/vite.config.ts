/// <reference types="vitest/config" />
// Vite serves the UI to the Tauri webview: `npm run dev` on a fixed port that
// tauri.conf.json's devUrl points at, and `npm run build` into ui/dist (frontendDist).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
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
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    clearMocks: true,
    restoreMocks: true,
  },
});
