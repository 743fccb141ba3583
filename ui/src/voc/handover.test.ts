import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { sampleInsightDetail, sampleStages } from "../test/voc";
import { handoverHtml, handoverMarkdown } from "./handover";

const when = new Date("2026-03-02T10:00:00Z");

describe("insight hand-over", () => {
  it("writes Markdown whose tables survive pipes and line breaks in the values", async () => {
    const i18n = createI18n();
    await i18n.changeLanguage("en");
    const md = handoverMarkdown(i18n.t, "en", sampleInsightDetail(), sampleStages, when);
    expect(md.startsWith("# Renewal letters arrive late\n")).toBe(true);
    expect(md).toContain("- **Owning department:** Billing");
    expect(md).toContain("- **Review date:** 2026-02-20 (Review overdue)");
    // Each count takes its own plural ("1 case", not "1 cases").
    expect(md).toContain("- **Evidence:** 1 case, 1 feedback entry");
    expect(md).toContain("| C-K7-00001 | Letter \\| late | Resolved | Letter sent late | 2 | 2026-02-10 |");
    expect(md).toContain("## Feedback (1)");
    expect(md).toContain("| 2026-03-01 | Survey | Negative | Renewal | letters | The renewal letter came too late |");
  });

  it("escapes every value in the HTML page and reads in the chosen language", async () => {
    const i18n = createI18n();
    await i18n.changeLanguage("zh-Hant");
    const html = handoverHtml(i18n.t, "zh-Hant", sampleInsightDetail(), sampleStages, when);
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain("Letters | arrive &lt;late&gt;");
    expect(html).not.toContain("<late>");
    expect(html).toContain("<dt>負責部門</dt><dd>帳務</dd>");
    expect(html).toContain("@page");
  });
});
