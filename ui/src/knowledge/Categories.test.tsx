import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Category } from "../ipc/bindings";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

const tree: Category[] = [
  { id: "cat-billing", name: "Billing", parentId: null, depth: 0 },
  { id: "cat-refunds", name: "Refunds", parentId: "cat-billing", depth: 1 },
];

describe("knowledge-base categories", () => {
  it("renames a category, and deletes one after saying what moves to its parent", async () => {
    mockIpc({
      kb_category_list: () => tree,
      kb_category_update: () => null,
      kb_category_usage: () => ({ articles: 3, subcategories: 1 }),
      kb_category_delete: () => ({ articles: 3, subcategories: 1 }),
    });
    const { user } = renderApp("/knowledge");
    await user.click(await screen.findByRole("button", { name: "Categories…" }));
    let dialog = await screen.findByRole("dialog", { name: "Categories" });
    const list = within(dialog).getByRole("list", { name: "Category tree" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);

    await user.click(within(dialog).getByRole("button", { name: "Rename or move Refunds" }));
    const edit = await screen.findByRole("dialog", { name: "Edit category: Refunds" });
    const name = within(edit).getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Refunds and returns");
    await user.click(within(edit).getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(callsTo("kb_category_update")).toEqual([
        { id: "cat-refunds", input: { name: "Refunds and returns", parentId: "cat-billing" } },
      ]),
    );

    dialog = await screen.findByRole("dialog", { name: "Categories" });
    await user.click(within(dialog).getByRole("button", { name: "Delete Refunds" }));
    const confirm = await screen.findByRole("dialog", { name: "Delete the category Refunds?" });
    expect(
      await within(confirm).findByText("3 articles and 1 category in it move into Billing. Nothing else changes."),
    ).toBeInTheDocument();
    expect(callsTo("kb_category_delete")).toHaveLength(0);
    await user.click(within(confirm).getByRole("button", { name: "Delete category" }));
    await waitFor(() => expect(callsTo("kb_category_delete")).toEqual([{ id: "cat-refunds" }]));
  });
});
