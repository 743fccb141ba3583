import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { ChosenRecordsFile, RecordDryRun } from "../ipc/bindings";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

type Raw = { index: number; message?: unknown; end?: true };
const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: (cb: (raw: Raw) => void) => number; unregisterCallback: () => void };
};

afterEach(() => {
  delete w.__TAURI_INTERNALS__;
});

function dryRun(overrides: Partial<RecordDryRun> = {}): RecordDryRun {
  return {
    detected: { encoding: "gb18030", confidence: "high", bom: false },
    encoding: "gb18030",
    rows: 4,
    ready: 2,
    duplicates: 0,
    errors: [
      { row: 3, column: "员工编号", code: "unknown_employee", value: "E-9999" },
      { row: 5, column: "日期", code: "bad_date", value: "20/03/2025" },
      { row: 5, column: "成绩", code: "bad_score", value: "101" },
    ],
    ...overrides,
  };
}

async function openDialog() {
  const { user } = renderApp("/training/people");
  await user.click(await screen.findByRole("button", { name: "Import records…" }));
  const dialog = await screen.findByRole("dialog", { name: "Import training records from CSV" });
  return { user, dialog };
}

describe("importing training records", () => {
  it("lists every row error of the dry run, with the reason in words, and imports nothing until there is none", async () => {
    let fixed = false;
    mockIpc({
      training_import_choose_file: () =>
        ({ name: "records.csv", dryRun: fixed ? dryRun({ errors: [], rows: 2 }) : dryRun() }) satisfies ChosenRecordsFile,
    });
    const { user, dialog } = await openDialog();
    const importButton = within(dialog).getByRole("button", { name: "Import 0 records" });
    expect(importButton).toBeDisabled();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    expect(await within(dialog).findByText("records.csv")).toBeInTheDocument();
    expect(within(dialog).getByText("2 rows have errors. Fix them in the file and choose it again; nothing has been imported.")).toBeInTheDocument();
    const table = within(dialog).getByRole("table", { name: "Row errors" });
    const cells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(cells).toEqual([
      ["3", "员工编号", "No agent has this employee ID.", "E-9999"],
      ["5", "日期", "Not a date as YYYY-MM-DD (or YYYY/MM/DD, YYYY年M月D日).", "20/03/2025"],
      ["5", "成绩", "The score is not a whole number from 0 to 100.", "101"],
    ]);
    expect(within(dialog).getByRole("button", { name: "Import 2 records" })).toBeDisabled();
    expect(callsTo("training_import_run")).toHaveLength(0);

    fixed = true;
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    expect(await within(dialog).findByText("Every row can be imported.")).toBeInTheDocument();
    expect(within(dialog).queryByRole("table", { name: "Row errors" })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Import 2 records" })).toBeEnabled();
  });

  it("imports with progress, and reads the file again in another encoding", async () => {
    let progress: ((raw: Raw) => void) | undefined;
    w.__TAURI_INTERNALS__ = {
      transformCallback: (cb) => {
        progress = cb;
        return 7;
      },
      unregisterCallback: () => undefined,
    };
    let finish: (value: unknown) => void = () => undefined;
    mockIpc({
      training_import_choose_file: () => ({
        name: "records.csv",
        dryRun: dryRun({ detected: { encoding: "gb18030", confidence: "low", bom: false }, errors: [{ row: 2, column: null, code: "bad_encoding", value: null }] }),
      }),
      training_import_dry_run: () => dryRun({ encoding: "big5", errors: [], duplicates: 1 }),
      training_import_run: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    expect(await within(dialog).findByText(/The encoding could not be told for sure/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: "Encoding" }));
    await user.click(await screen.findByRole("option", { name: "Big5 (Traditional Chinese)" }));
    await waitFor(() => expect(callsTo("training_import_dry_run")).toEqual([{ encoding: "big5" }]));
    expect(await within(dialog).findByText("Every row can be imported.")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Import 2 records" }));
    await waitFor(() => expect(callsTo("training_import_run")).toHaveLength(1));
    expect((callsTo("training_import_run")[0] as { encoding: string }).encoding).toBe("big5");
    act(() => progress!({ index: 0, message: { done: 1, total: 2 } }));
    expect(await within(dialog).findByText("Imported 1 of 2 records…")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "50");
    act(() => finish({ imported: 2, duplicates: 1 }));
    expect(await within(dialog).findByText("Imported 2 records (1 already recorded, skipped).")).toBeInTheDocument();
    await user.click(within(dialog).getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
