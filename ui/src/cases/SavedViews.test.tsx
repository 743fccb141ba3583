import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { fakeList } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

async function openSaveDialog(path = "/cases") {
  const { user } = renderApp(path);
  await screen.findByRole("grid", { name: "Case list" });
  await user.click(screen.getByRole("button", { name: "Saved views" }));
  await user.click(await screen.findByRole("button", { name: "Save current view…" }));
  return { user, dialog: await screen.findByRole("dialog", { name: "Save this view" }) };
}

describe("saving a view", () => {
  it("shows Rust's refusal of a name over 80 characters beside the name, and keeps it", async () => {
    mockIpc({
      case_list: fakeList(5),
      view_save: rejectWith(ipcError({ code: "validation", field: "name", rule: "too_long", limit: 80 })),
    });
    const { user, dialog } = await openSaveDialog();
    const name = within(dialog).getByRole("textbox", { name: "Name" });
    const long = "升级".repeat(40) + "x";
    fireEvent.change(name, { target: { value: long } });
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    await waitFor(() => expect(name).toHaveAccessibleDescription("Must be at most 80 characters."));
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveValue(long);
    expect(callsTo("view_save")).toHaveLength(1);
  }, 15_000);

  it("says that the current search and filters cannot be saved when Rust refuses them", async () => {
    mockIpc({
      case_list: fakeList(5),
      view_save: rejectWith(ipcError({ code: "validation", field: "categories", rule: "too_many", limit: 100 })),
    });
    const { user, dialog } = await openSaveDialog();
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Everything");
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The current search and filters cannot be saved as a view: Choose at most 100.",
    );
    expect(within(dialog).getByRole("textbox", { name: "Name" })).not.toHaveAttribute("aria-invalid", "true");
  }, 15_000);
});
