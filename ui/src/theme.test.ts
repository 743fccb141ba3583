import { DEFAULT_THEME, darken, mergeMantineTheme } from "@mantine/core";
import { describe, expect, it } from "vitest";

import { AA_CONTRAST, contrastRatio, cssVariablesResolver, theme, withContrast } from "./theme";

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(full);
const { gray, dark: darkShades } = full.colors;
const primary = full.colors[full.primaryColor] ?? gray;

/** A token's value, following var(--…) references within the same scheme. */
function resolve(scheme: "light" | "dark", name: string): string {
  const table: Record<string, string | undefined> = vars[scheme];
  let value = table[name];
  for (let depth = 0; value?.startsWith("var(") && depth < 5; depth++) {
    const ref = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
    value = ref ? table[ref] : undefined;
  }
  if (!value) throw new Error(`${name} is not set for the ${scheme} scheme`);
  return value;
}

describe("contrast of the theme's text colours (WCAG 2 AA, 4.5:1)", () => {
  it("measures as WCAG does", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#868e96", "#ffffff")).toBeCloseTo(3.32, 2); // Mantine's gray-6, the old dimmed.
    expect(withContrast("#000000", ["#ffffff"], "black")).toBe("#000000"); // Already enough: unchanged.
  });

  it("dimmed and placeholder text in light", () => {
    for (const bg of ["#ffffff", gray[0], gray[1], primary[1]]) {
      expect(contrastRatio(resolve("light", "--mantine-color-dimmed"), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    for (const bg of ["#ffffff", gray[0], gray[1]]) {
      expect(contrastRatio(resolve("light", "--mantine-color-placeholder"), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    // Still secondary: well short of the body text's contrast.
    expect(contrastRatio(resolve("light", "--mantine-color-dimmed"), "#ffffff")).toBeLessThan(7);
  });

  it("dimmed and placeholder text in dark", () => {
    for (const bg of [darkShades[7], darkShades[8], darkShades[6], darkShades[5], darken(primary[9], 0.5)]) {
      expect(contrastRatio(resolve("dark", "--mantine-color-dimmed"), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    for (const bg of [darkShades[7], darkShades[8], darkShades[6], darkShades[5]]) {
      expect(contrastRatio(resolve("dark", "--mantine-color-placeholder"), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    expect(contrastRatio(resolve("dark", "--mantine-color-dimmed"), darkShades[7])).toBeLessThan(contrastRatio(darkShades[0], darkShades[7]));
  });

  it.each(Object.keys(full.colors).filter((name) => name !== "dark"))("the %s palette's text, outline, filled and light colours", (name) => {
    const shades = full.colors[name] ?? gray;
    for (const token of ["text", "outline"]) {
      for (const bg of ["#ffffff", gray[0], gray[1], shades[1]]) {
        expect(contrastRatio(resolve("light", `--mantine-color-${name}-${token}`), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
      }
      for (const bg of [darkShades[7], darkShades[8], darkShades[6], darkShades[5]]) {
        expect(contrastRatio(resolve("dark", `--mantine-color-${name}-${token}`), bg)).toBeGreaterThanOrEqual(AA_CONTRAST);
      }
    }
    for (const scheme of ["light", "dark"] as const) {
      expect(contrastRatio("#ffffff", resolve(scheme, `--mantine-color-${name}-filled`))).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrastRatio("#ffffff", resolve(scheme, `--mantine-color-${name}-filled-hover`))).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    expect(contrastRatio(resolve("light", `--mantine-color-${name}-light-color`), shades[2])).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(resolve("dark", `--mantine-color-${name}-light-color`), darken(shades[9], 0.3))).toBeGreaterThanOrEqual(AA_CONTRAST);
  });

  it("error and link text follow the red and primary text colours", () => {
    for (const scheme of ["light", "dark"] as const) {
      expect(resolve(scheme, "--mantine-color-error")).toBe(resolve(scheme, "--mantine-color-red-text"));
      expect(resolve(scheme, "--mantine-color-anchor")).toBe(resolve(scheme, `--mantine-color-${full.primaryColor}-text`));
    }
  });
});
