/**
 * The Mantine theme: compact, desktop-like defaults. Fonts are the operating system's
 * own (no web fonts: the CSP forbids remote ones and a desktop app should look native);
 * app.css adds CJK fallbacks per document language.
 */
import {
  Notification,
  createTheme,
  mergeThemeOverrides,
  type MantineColorScheme,
  type MantineThemeOverride,
} from "@mantine/core";

import type { Theme } from "./ipc/bindings";

export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: "sm",
  cursorType: "pointer",
  focusRing: "auto",
  fontFamily:
    'system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: "650" },
  components: {
    Tooltip: { defaultProps: { withinPortal: true } },
  },
});

/**
 * The theme with words in the interface language. Every notification's ✕ is an icon
 * without a name, and notifications are shown from many screens, so the name is a default
 * here rather than an option each caller must remember.
 */
export function localizedTheme(closeLabel: string): MantineThemeOverride {
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": closeLabel } } }),
      },
    }),
  );
}

/** The user's stored theme as a Mantine color scheme ("system" follows the OS). */
export function colorSchemeOf(value: Theme): MantineColorScheme {
  return value === "system" ? "auto" : value;
}
