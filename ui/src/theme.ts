/**
 * The Mantine theme: compact, desktop-like defaults. Fonts are the operating system's
 * own (no web fonts: the CSP forbids remote ones and a desktop app should look native);
 * app.css adds CJK fallbacks per document language.
 *
 * Contrast (WCAG 2 AA, in light and dark): `cssVariablesResolver` below sets the colour
 * tokens text is drawn with (dimmed, placeholder, error, links, and each palette's
 * -text, -outline, -filled and -light-color) so that every one reaches 4.5:1 against
 * the surfaces it is drawn on. Each starts from Mantine's own choice and is only
 * darkened (light scheme) or lightened (dark scheme) as far as needed, so secondary
 * text stays visibly secondary and colours keep their hue.
 */
import {
  Menu,
  Modal,
  Notification,
  createTheme,
  darken,
  getPrimaryShade,
  mergeThemeOverrides,
  type CSSVariablesResolver,
  type MantineColorScheme,
  type MantineTheme,
  type MantineThemeOverride,
} from "@mantine/core";

import type { Theme } from "./ipc/bindings";

/**
 * The platform's own interface font: `system-ui` is SF on macOS, Segoe UI on Windows and
 * the desktop's font on Linux. Nothing else is listed before `sans-serif` because, on
 * Linux, every family a machine lacks costs a fontconfig lookup per size and weight,
 * and for every CJK character (which no Latin family has): the usual eight-family stack
 * made the Cases page's first layout ~100 ms slower (issue 15). Chinese interfaces name
 * their CJK fonts in app.css.
 */
const FONT_FAMILY = "system-ui, sans-serif";

export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: "sm",
  cursorType: "pointer",
  focusRing: "auto",
  fontFamily: FONT_FAMILY,
  fontFamilyMonospace:
    'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  // Headings in the same font (Mantine's default is its own stack), per language too.
  headings: { fontWeight: "650", fontFamily: "var(--mantine-font-family)" },
  components: {
    Tooltip: { defaultProps: { withinPortal: true } },
    // Without Mantine's focus placeholder (a focusable role="presentation" <div> inside
    // the role="menu" list, which a menu may not contain), the first item takes the
    // focus when a menu opens, as in the WAI-ARIA menu button pattern.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/**
 * The theme with words in the interface language. Every notification's and dialog's ✕ is
 * an icon without a name, and they are shown from many screens, so the name is a default
 * here rather than an option each caller must remember.
 */
export function localizedTheme(closeLabel: string): MantineThemeOverride {
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": closeLabel } } }),
        Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": closeLabel } } }),
      },
    }),
  );
}

/** WCAG 2 AA for normal-size text. */
export const AA_CONTRAST = 4.5;

type Rgb = [number, number, number];

/** "#rrggbb", "#rgb" or "rgb(a)(r, g, b[, a])" (opaque colours only) as 0–255 channels. */
export function parseColor(color: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex) {
    const h = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`Not a colour this theme can measure: ${color}`);
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function luminance(color: string): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseColor(color);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG 2 contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `color`, mixed towards black (`towards: "black"`) or white in 1 % steps until it has
 * at least `min` contrast against every one of `backgrounds`; unchanged if it already has.
 */
export function withContrast(color: string, backgrounds: string[], towards: "black" | "white", min = AA_CONTRAST): string {
  const start = parseColor(color);
  const end = towards === "black" ? 0 : 255;
  for (let step = 0; step <= 100; step++) {
    const mixed = toHex(start.map((c) => c + ((end - c) * step) / 100) as Rgb);
    if (backgrounds.every((bg) => contrastRatio(mixed, bg) >= min)) return step === 0 ? color : mixed;
  }
  return towards === "black" ? "#000000" : "#ffffff";
}

const WHITE = "#ffffff";

/**
 * The colour tokens that text is drawn with, per scheme, each with at least 4.5:1
 * against the surfaces it sits on:
 *
 * - light: the window (white), the main area and table headers (gray-0), hovered rows
 *   and quiet fills (gray-1), and for dimmed text the current navigation item and
 *   selected rows (the primary colour's light tint);
 * - dark: the window (dark-7), the main area (dark-8), inputs and cards (dark-6),
 *   hovered rows and quiet fills (dark-5, Mantine's default hover), and for dimmed text
 *   the current navigation item (the primary colour's dark tint).
 *
 * Per palette colour: `-text` and `-outline` (c="red", outline badges) also against
 * that colour's own light tint (red text in a breached row), `-filled` carries white
 * text (filled buttons and badges), `-light-color` stays readable on `-light` and
 * `-light-hover` (light buttons, badges, alerts).
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme: MantineTheme) => {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  const gray = theme.colors.gray;
  const darkShades = theme.colors.dark;
  const lightShade = getPrimaryShade(theme, "light");
  const darkShade = getPrimaryShade(theme, "dark");
  const lightSurfaces = [WHITE, gray[0], gray[1]];
  const darkSurfaces = [darkShades[7], darkShades[8], darkShades[6], darkShades[5]];
  const primary = theme.colors[theme.primaryColor] ?? gray;

  for (const [name, palette] of Object.entries(theme.colors)) {
    if (name === "dark" || !palette) continue;
    const shades = palette as readonly string[];
    const shade = (i: number) => shades[Math.min(Math.max(i, 0), 9)] ?? shades[9] ?? WHITE;
    // Light scheme: darken where needed.
    const lightText = withContrast(shade(lightShade), [...lightSurfaces, shade(1)], "black");
    light[`--mantine-color-${name}-text`] = lightText;
    light[`--mantine-color-${name}-outline`] = lightText;
    const lightFilled = withContrast(shade(lightShade), [WHITE], "black");
    light[`--mantine-color-${name}-filled`] = lightFilled;
    light[`--mantine-color-${name}-filled-hover`] = withContrast(
      shade(lightShade + 1),
      [WHITE],
      "black",
      Math.max(AA_CONTRAST, contrastRatio(lightFilled, WHITE) + 0.5),
    );
    light[`--mantine-color-${name}-light-color`] = withContrast(shade(9), [shade(1), shade(2)], "black");
    // Dark scheme: lighten text, darken fills behind white text.
    const darkText = withContrast(shade(4), darkSurfaces, "white");
    dark[`--mantine-color-${name}-text`] = darkText;
    dark[`--mantine-color-${name}-outline`] = withContrast(shade(darkShade - 4), darkSurfaces, "white");
    const darkFilled = withContrast(shade(darkShade), [WHITE], "black");
    dark[`--mantine-color-${name}-filled`] = darkFilled;
    dark[`--mantine-color-${name}-filled-hover`] = withContrast(
      shade(darkShade + 1),
      [WHITE],
      "black",
      Math.max(AA_CONTRAST, contrastRatio(darkFilled, WHITE) + 0.5),
    );
    dark[`--mantine-color-${name}-light-color`] = withContrast(
      shade(0),
      [darken(shade(9), 0.5), darken(shade(9), 0.3)],
      "white",
    );
  }

  // Secondary text. Mantine draws it with gray-6 (light) and dark-2 (dark), through
  // --mantine-color-dimmed and directly (notification bodies, switch labels), so those two
  // steps of the palette are what is adjusted, per scheme.
  light["--mantine-color-gray-6"] = withContrast(gray[6], [...lightSurfaces, primary[1]], "black");
  light["--mantine-color-dimmed"] = "var(--mantine-color-gray-6)";
  light["--mantine-color-placeholder"] = withContrast(gray[5], lightSurfaces, "black");
  light["--mantine-color-error"] = "var(--mantine-color-red-text)";
  light["--mantine-color-anchor"] = `var(--mantine-color-${theme.primaryColor}-text)`;
  dark["--mantine-color-dark-2"] = withContrast(darkShades[2], [...darkSurfaces, darken(primary[9], 0.5)], "white");
  dark["--mantine-color-dimmed"] = "var(--mantine-color-dark-2)";
  dark["--mantine-color-placeholder"] = withContrast(darkShades[3], darkSurfaces, "white");
  dark["--mantine-color-error"] = "var(--mantine-color-red-text)";
  dark["--mantine-color-anchor"] = `var(--mantine-color-${theme.primaryColor}-text)`;
  return { variables: {}, light, dark };
};

/** The user's stored theme as a Mantine color scheme ("system" follows the OS). */
export function colorSchemeOf(value: Theme): MantineColorScheme {
  return value === "system" ? "auto" : value;
}
