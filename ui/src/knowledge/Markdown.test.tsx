import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import { Markdown } from "./Markdown";

function renderMarkdown(text: string) {
  return render(
    <MantineProvider env="test">
      <I18nextProvider i18n={createI18n()}>
        <Markdown text={text} />
      </I18nextProvider>
    </MantineProvider>,
  );
}

const HOSTILE = [
  "# Refunds",
  "",
  "<script>window.pwned = true</script>",
  "",
  '<img src="x" onerror="window.pwned = true">',
  "",
  '<div onclick="window.pwned = true">click</div>',
  "",
  'Inline <b onmouseover="window.pwned = true">bold</b> and ![logo](https://tracker.example.com/pixel.png)',
  "",
  "[call us](javascript:alert(1)) or read the [policy](https://example.com/policy)",
  "",
  "| Step | Who |",
  "| ---- | --- |",
  "| Check | 王芳 |",
].join("\n");

describe("Markdown", () => {
  it("renders headings and tables but never scripts, event handlers or remote images", () => {
    const { container } = renderMarkdown(HOSTILE);
    expect(screen.getByRole("heading", { name: "Refunds" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "王芳" })).toBeInTheDocument();
    expect(container.querySelector("script, iframe, object, embed, img")).toBeNull();
    for (const el of container.querySelectorAll("*")) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith("on"), `${el.tagName} ${attr}`).toBe(false);
    }
    expect(container.innerHTML).not.toContain("tracker.example.com/pixel.png\"");
    expect(screen.getByText("Image not shown: logo")).toBeInTheDocument();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it("shows links as text that opens nothing", () => {
    const { container } = renderMarkdown(HOSTILE);
    expect(container.querySelector("a")).toBeNull();
    expect(screen.getByText("policy")).toHaveAttribute("title", "Link: https://example.com/policy");
    expect(screen.getByText("call us")).not.toHaveAttribute("title", expect.stringContaining("javascript:"));
  });
});
