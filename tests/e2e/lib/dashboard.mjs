/**
 * The Dashboard's KPI tiles, by role and name: the list "Key performance indicators",
 * each tile a region named by its KPI, its first line the KPI's name and its second the
 * value ("2", "2 h", "No data").
 */
import { TIMEOUTS } from "./app.mjs";
import { getByRole } from "./queries.mjs";

/** The tile (a region) of the KPI `title`, e.g. "Backlog". */
export async function kpiTile(browser, title) {
  const tiles = await getByRole(browser, "list", { name: "Key performance indicators" });
  return getByRole(browser, "region", { name: title, within: tiles });
}

/** The lines a tile shows, in order (name, value, basis, previous period, change, link). */
export async function kpiTileLines(browser, title) {
  const tile = await kpiTile(browser, title);
  return browser.execute(
    (el) => el.innerText.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean),
    tile,
  );
}

/** The value a tile shows (its second line). */
export async function kpiValue(browser, title) {
  const lines = await kpiTileLines(browser, title);
  if (lines[0] !== title) throw new Error(`Expected the tile's first line to be "${title}", it read ${JSON.stringify(lines)}`);
  return lines[1];
}

/**
 * Waits until the tile `title` shows `expected` as its value (the dashboard refetches
 * after a change) and returns all its lines.
 */
export async function waitForKpiValue(browser, title, expected, timeout = TIMEOUTS.ui) {
  let lines = [];
  await browser
    .waitUntil(
      async () => {
        lines = await kpiTileLines(browser, title).catch(() => []);
        return lines[1] === expected;
      },
      { timeout, interval: 200 },
    )
    .catch(() => {
      throw new Error(`Expected the ${title} tile to show "${expected}" within ${timeout} ms, but it read ${JSON.stringify(lines)}`);
    });
  return lines;
}
