import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ArticleInput, ArticleQuery } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { sampleArticle, sampleHit, sampleVersions } from "../test/knowledge";
import { renderApp } from "../test/render";

describe("knowledge base list", () => {
  it("searches as the supervisor types and marks the hit in the snippet", async () => {
    mockIpc({ kb_article_find: (args) => ((args as { query: ArticleQuery }).query.text ? [sampleHit] : []) });
    const { user } = renderApp("/knowledge");
    expect(await screen.findByRole("heading", { level: 1, name: "Knowledge base" })).toBeInTheDocument();
    expect(await screen.findByText(/No articles yet/)).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "Search articles" }), "退款");
    const list = await screen.findByRole("list", { name: "Articles" });
    expect(within(list).getByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
    expect(within(list).getByText("退款", { selector: "mark" })).toBeInTheDocument();
    const last = callsTo("kb_article_find").at(-1) as { query: ArticleQuery };
    expect(last.query).toMatchObject({ text: "退款", status: null, kind: null });
  });
});

describe("article page", () => {
  it("renders the article, flags the kept conflict text and diffs it against the draft", async () => {
    mockIpc({
      kb_article_get: () => sampleArticle({ conflicts: 1 }),
      kb_version_list: () => sampleVersions,
      kb_article_cases: () => [{ id: "case-1", reference: "C-0042", title: "Refund not received" }],
      kb_version_diff: () => [
        { op: "equal", text: "# Refunds" },
        { op: "delete", text: "2. Refund within 5 days" },
        { op: "insert", text: "2. Refund within 3 days" },
      ],
      kb_version_restore: () => "art-1",
    });
    const { user } = renderApp("/knowledge/art-1");
    const article = await screen.findByRole("article", { name: "退款流程" });
    expect(within(article).getByRole("heading", { name: "Refunds" })).toBeInTheDocument();
    expect(screen.getByText("1 conflict")).toBeInTheDocument();
    expect(screen.getByText("Edited on two devices at once")).toBeInTheDocument();
    const linked = await screen.findByRole("link", { name: "C-0042 · Refund not received" });
    expect(linked).toHaveAttribute("href", "#/cases/case-1");
    const history = screen.getByRole("region", { name: "History" });
    expect(within(history).getByRole("row", { name: /Conflict.*ann@example.com/ })).toBeInTheDocument();
    const diff = await within(history).findByRole("list", { name: "Differences" });
    expect(within(diff).getByText("Removed:")).toBeInTheDocument();
    expect(within(diff).getByText("2. Refund within 3 days")).toBeInTheDocument();
    expect(callsTo("kb_version_diff").at(-1)).toEqual({ article: "art-1", older: "v2", newer: null });
    await user.click(within(history).getByRole("button", { name: "Restore Version 1 as the draft" }));
    await waitFor(() => expect(callsTo("kb_version_restore")).toEqual([{ id: "v1" }]));
    // Published and unchanged: nothing to publish.
    expect(screen.getByRole("button", { name: "Publish" })).toBeDisabled();
  });
});

describe("printing an article", () => {
  it("prints the page, its controls and side panels marked for the screen only", async () => {
    mockIpc({ kb_article_get: () => sampleArticle(), kb_version_list: () => sampleVersions, kb_article_cases: () => [] });
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const { user } = renderApp("/knowledge/art-1");
    const button = await screen.findByRole("button", { name: "Print or save as PDF" });
    await user.click(button);
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
    // What the print stylesheet leaves out: the buttons, the side panels and the history.
    const screenOnly = (el: HTMLElement) => el.closest("[class*='controls']");
    expect(screenOnly(button)).not.toBeNull();
    expect(screenOnly(screen.getByRole("region", { name: "History" }))).not.toBeNull();
    expect(screenOnly(screen.getByRole("region", { name: "Plan steps" }))).not.toBeNull();
    expect(screenOnly(screen.getByRole("article", { name: "退款流程" }))).toBeNull();
    expect(screenOnly(screen.getByRole("heading", { name: "退款流程" }))).toBeNull();
  });
});

describe("article editor", () => {
  it("previews the Markdown and saves a new draft, with Rust's refusal beside its field", async () => {
    let calls = 0;
    mockIpc({
      kb_article_create: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(ipcError({ code: "validation", field: "body", rule: "too_long", limit: 200000 })) : "art-1";
      },
      kb_article_get: () => sampleArticle({ status: "draft" }),
      kb_version_list: () => [],
      kb_article_cases: () => [],
    });
    const { user } = renderApp("/knowledge/new");
    await user.type(await screen.findByRole("textbox", { name: "Title" }), "退款流程");
    await user.type(screen.getByRole("textbox", { name: "Body" }), "## Check{enter}- order");
    await user.click(screen.getByRole("tab", { name: "Preview" }));
    const preview = screen.getByRole("region", { name: "Preview" });
    expect(within(preview).getByRole("heading", { name: "Check" })).toBeInTheDocument();
    expect(within(preview).getByRole("listitem")).toHaveTextContent("order");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Must be at most 200,?000 characters/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("article", { name: "退款流程" })).toBeInTheDocument();
    const input = (callsTo("kb_article_create")[1] as { input: ArticleInput }).input;
    expect(input).toMatchObject({ title: "退款流程", body: "## Check\n- order", kind: "sop", tags: [], reviewOn: null });
  });
});
