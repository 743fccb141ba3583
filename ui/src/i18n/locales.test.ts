/**
 * Every locale has every English key, none empty, with the same interpolation
 * placeholders; no locale has keys English lacks. Simplified and Traditional Chinese
 * must be real, distinct translations where the scripts differ.
 */
import { describe, expect, it } from "vitest";

import en from "./locales/en.json";
import zhHans from "./locales/zh-Hans.json";
import zhHant from "./locales/zh-Hant.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1] ?? "").sort();
}

const english = flatten(en);

/** Strings that are rightly the same across locales: the product name and pure formats. */
const SAME_EVERYWHERE = new Set([
  "app.name",
  "app.documentTitle",
  "status.version",
  "errors.withField",
  "cases.priorityOption",
  "knowledge.article.caseLabel",
]);
/** Formats the two Chinese scripts rightly share (no character differs between them). */
const SAME_IN_BOTH_SCRIPTS = new Set([
  "cases.time.days",
  "common.labelValue",
  "status.synced",
  "sync.conflicts.keepMineNamed",
  "settings.holidays.setName",
  "settings.import.skippedItem",
  "dashboard.seconds",
  "dashboard.priorityCount",
  "dashboard.period.days",
  "cases.filters.bounds.range",
  "dashboard.charts.csatPercent",
  "import.file.chosen",
  "import.dateOrder.day_first",
  "import.dateOrder.month_first",
  "settings.stages.retireOf",
  "voc.stages.retiredLabel",
  "voc.drill.rootCause",
  "voc.painPoints.cellLabel",
  "import.done.people",
  "voc.handover.evidenceCount",
  "plans.contact.nameRole",
  "plans.diff.fieldChange",
  "plans.diff.version",
  "knowledge.steps.label",
  "training.people.actionsFor",
  "training.compliance.days_one",
  "training.compliance.days_other",
  "knowledge.list.count_one",
  "knowledge.list.count_other",
  "knowledge.history.version",
]);
const others = { "zh-Hans": flatten(zhHans), "zh-Hant": flatten(zhHant) };

describe.each(Object.entries(others))("locale %s", (_name, locale) => {
  it("has every English key, and none empty", () => {
    const missing = [...english.keys()].filter((key) => !locale.get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it("has no key that English lacks", () => {
    const extra = [...locale.keys()].filter((key) => !english.has(key));
    expect(extra).toEqual([]);
  });

  it("uses the same interpolation placeholders as English", () => {
    const mismatched = [...english].flatMap(([key, text]) => {
      const theirs = locale.get(key);
      if (theirs === undefined) return [];
      const want = placeholders(text);
      const got = placeholders(theirs);
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ key, want, got }];
    });
    expect(mismatched).toEqual([]);
  });
});

describe("English", () => {
  it("has no empty strings", () => {
    expect([...english].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
  });
});

describe("Chinese scripts", () => {
  it("names the sections as agreed", () => {
    const nav = (locale: Map<string, string>) =>
      ["cases", "training", "plans", "knowledge", "dashboard", "sync", "settings"].map((id) =>
        locale.get(`nav.${id}`),
      );
    expect(nav(others["zh-Hans"])).toEqual(["案件", "培训", "应急预案", "知识库", "仪表板", "同步", "设置"]);
    expect(nav(others["zh-Hant"])).toEqual(["案件", "培訓", "應變計畫", "知識庫", "儀表板", "同步", "設定"]);
  });

  it("keeps Simplified and Traditional distinct, not copied", () => {
    // Messages of any length differ between the scripts; identical ones are copies.
    const same = [...english.keys()].filter((key) => {
      if (SAME_EVERYWHERE.has(key) || SAME_IN_BOTH_SCRIPTS.has(key)) return false;
      const hans = others["zh-Hans"].get(key) ?? "";
      return hans.length > 6 && hans === others["zh-Hant"].get(key);
    });
    expect(same).toEqual([]);
  });

  it("translates, rather than copies, English messages", () => {
    const copied = [...english].filter(
      ([key, text]) =>
        !SAME_EVERYWHERE.has(key) &&
        text.length > 12 &&
        (others["zh-Hans"].get(key) === text || others["zh-Hant"].get(key) === text),
    );
    expect(copied.map(([key]) => key)).toEqual([]);
  });
});
