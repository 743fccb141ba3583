/**
 * Scenario 2: choosing 简体中文 in Settings and saving translates the whole window at
 * once, and the document's language follows (screen readers, CJK glyph selection).
 */
import assert from "node:assert/strict";

import { checkAccessibility } from "../lib/a11y.mjs";
import { scenario } from "../lib/app.mjs";
import { chooseOption, documentLanguage, mainNav, openSection, saveSettings, waitForNavLinks, waitForPageHeading } from "../lib/ui.mjs";

scenario("switches language to Simplified Chinese", async (s) => {
  const { browser } = s;

  await openSection(browser, "Settings");
  assert.equal(await documentLanguage(browser), "en", "the document language should start as en");

  await chooseOption(browser, "Language", "简体中文");
  // The confirmation is said in the language just saved.
  await saveSettings(browser, { button: "Save", saved: "设置已保存" });

  await mainNav(browser, "主导航");
  await waitForNavLinks(browser, ["仪表板", "案件", "客户", "客户之声", "培训", "应急预案", "知识库", "同步", "设置"]);
  await waitForPageHeading(browser, "设置");
  assert.equal(await documentLanguage(browser), "zh-Hans", "<html lang> should be zh-Hans after switching to 简体中文");
  await checkAccessibility(s, "Settings in 简体中文");
});
