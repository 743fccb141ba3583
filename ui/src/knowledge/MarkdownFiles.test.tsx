import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { ChosenFolder } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: () => number; unregisterCallback: () => void };
};
afterEach(() => {
  delete w.__TAURI_INTERNALS__;
});

function folder(overrides: Partial<ChosenFolder["check"]> = {}): ChosenFolder {
  return { name: "sops", check: { files: 3, ready: 3, errors: [], newCategories: ["售后", "售后/退款"], ...overrides } };
}

async function open() {
  const rendered = renderApp("/knowledge");
  await rendered.user.click(await screen.findByRole("button", { name: "Markdown files…" }));
  return { ...rendered, dialog: await screen.findByRole("dialog", { name: "Markdown files" }) };
}

describe("Markdown import and export", () => {
  it("lists every file's error in words and imports nothing until they are fixed", async () => {
    mockIpc({
      kb_markdown_choose_folder: () =>
        folder({
          ready: 1,
          errors: [
            { file: "bad.md", problem: "malformed_front_matter", limit: null },
            { file: "long.md", problem: "body_too_long", limit: 200000 },
          ],
        }),
    });
    const { user, dialog } = await open();
    await user.click(within(dialog).getByRole("button", { name: "Choose a folder…" }));
    expect(await within(dialog).findByText("sops: 3 Markdown files, 1 ready to import.")).toBeInTheDocument();
    const table = within(dialog).getByRole("table", { name: "Files with errors" });
    expect(within(table).getByRole("row", { name: /bad\.md.*not valid YAML/ })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /long\.md.*longer than 200,?000 characters/ })).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Import 1 article" })).toBeDisabled();
  });

  it("imports a clean folder, and says when it was cancelled", async () => {
    w.__TAURI_INTERNALS__ = { transformCallback: () => 1, unregisterCallback: () => undefined };
    let stop: (reason: unknown) => void = () => undefined;
    let runs = 0;
    mockIpc({
      kb_markdown_choose_folder: () => folder(),
      kb_markdown_import: () => {
        runs += 1;
        return runs === 1
          ? new Promise((_resolve, reject) => {
              stop = reject;
            })
          : 3;
      },
      kb_markdown_cancel: () => {
        stop(ipcError({ code: "cancelled" }));
        return null;
      },
    });
    const { user, dialog } = await open();
    await user.click(within(dialog).getByRole("button", { name: "Choose a folder…" }));
    expect(await within(dialog).findByText("New categories: 售后, 售后/退款")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Import 3 articles" }));
    expect(await within(dialog).findByRole("progressbar", { name: "Progress" })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(await within(dialog).findByText("Cancelled; nothing was imported.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Import 3 articles" }));
    expect(await within(dialog).findByText("3 articles imported as drafts.")).toBeInTheDocument();
    expect(callsTo("kb_markdown_import")).toHaveLength(2);
  });

  it("exports to a folder chosen in Rust's dialog", async () => {
    w.__TAURI_INTERNALS__ = { transformCallback: () => 1, unregisterCallback: () => undefined };
    mockIpc({ kb_markdown_export: () => ({ path: "/home/sam/kb", files: 12 }) });
    const { user, dialog } = await open();
    await user.click(within(dialog).getByRole("button", { name: "Export to a folder…" }));
    expect(await within(dialog).findByText("12 files written to /home/sam/kb.")).toBeInTheDocument();
    await waitFor(() => expect(callsTo("kb_markdown_export")).toHaveLength(1));
  });
});
