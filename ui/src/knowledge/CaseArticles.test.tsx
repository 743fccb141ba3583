import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { sampleDetail } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { sampleHit } from "../test/knowledge";
import { renderApp } from "../test/render";

const SCRIPT = { id: "art-2", title: "Refund call script", kind: "call_script", status: "published" } as const;

function openCase(handlers = {}) {
  mockIpc({ case_get: () => sampleDetail(), ...handlers });
  return renderApp("/cases/case-1");
}

async function panel() {
  return screen.findByRole("region", { name: "Knowledge base" });
}

describe("a case's knowledge panel", () => {
  it("copies a linked call script filled in for the case; other kinds offer no script", async () => {
    const { user } = openCase({
      kb_case_articles: () => [SCRIPT, { ...SCRIPT, id: "art-1", title: "退款流程", kind: "sop" }],
      kb_script_for_case: () => "Hello Wang Fang, about case C-A1-00001 …",
    });
    const section = await panel();
    expect(await within(section).findByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
    expect(within(section).getAllByRole("button", { name: /^Insert script/ })).toHaveLength(1);
    await user.click(within(section).getByRole("button", { name: "Insert script: Refund call script" }));
    expect(await screen.findByText("The script, filled in for this case, is on the clipboard.")).toBeInTheDocument();
    expect(callsTo("kb_script_for_case")).toEqual([{ article: "art-2", caseId: "case-1" }]);
    // user-event stands in for the system clipboard.
    expect(await navigator.clipboard.readText()).toBe("Hello Wang Fang, about case C-A1-00001 …");
  });

  it("links an article found by search and unlinks one", async () => {
    const { user } = openCase({
      kb_case_articles: () => [SCRIPT],
      kb_article_find: () => [sampleHit, { ...sampleHit, article: { ...sampleHit.article, id: "art-2", title: SCRIPT.title } }],
      kb_link_case: () => null,
      kb_unlink_case: () => null,
    });
    const section = await panel();
    const link = within(section).getByRole("button", { name: "Link" });
    expect(link).toBeDisabled();
    await user.click(within(section).getByRole("combobox", { name: "Link an article" }));
    // Already linked articles are not offered again.
    const option = await screen.findByRole("option", { name: "退款流程" });
    expect(screen.queryByRole("option", { name: SCRIPT.title })).not.toBeInTheDocument();
    await user.click(option);
    await user.click(link);
    await waitFor(() => expect(callsTo("kb_link_case")).toEqual([{ article: "art-1", caseId: "case-1" }]));
    await user.click(within(section).getByRole("button", { name: "Unlink Refund call script" }));
    await waitFor(() => expect(callsTo("kb_unlink_case")).toEqual([{ article: "art-2", caseId: "case-1" }]));
  });

  it("says why the links cannot be shown", async () => {
    openCase({ kb_case_articles: rejectWith(ipcError({ code: "storage" })) });
    const section = await panel();
    expect(await within(section).findByText(/The local database could not be read or written/)).toBeInTheDocument();
    expect(within(section).queryByText("No article linked yet.")).not.toBeInTheDocument();
  });
});
