import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { ChosenFile, DryRun, ImportMapping } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

type Raw = { index: number; message?: unknown; end?: true };
const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: (cb: (raw: Raw) => void) => number; unregisterCallback: () => void };
};

afterEach(() => {
  delete w.__TAURI_INTERNALS__;
});

const mapping: ImportMapping = {
  source: "zendesk",
  columns: { externalId: "Id", title: "Subject", status: "Status", priority: "Priority", createdAt: "Created at" },
  dateOrder: "unknown",
  timeZone: "",
  statuses: { solved: "resolved", open: "open" },
  priorities: { high: "p2" },
  channels: {},
  defaultPriority: "p3",
  defaultChannel: "email",
  tagSeparators: " ",
};

function chosen(overrides: Partial<ChosenFile["info"]> = {}): ChosenFile {
  return {
    name: "tickets.csv",
    size: 20_480,
    info: {
      detected: { encoding: "utf8", confidence: "high", bom: false },
      encoding: "utf8",
      layout: "zendesk",
      headers: ["Id", "Subject", "Status", "Priority", "Created at"],
      preview: [
        ["1001", "Refund not received", "Solved", "High", "2026-10-01 09:12:00 +0800"],
        ["1002", "Parcel stuck", "Open", "Highest", "2026-10-02 11:30:05 +0800"],
      ],
      mapping,
      mappingSaved: false,
      workspaceTimeZone: "Europe/Berlin",
      ...overrides,
    },
  };
}

function dryRun(overrides: Partial<DryRun> = {}): DryRun {
  return {
    encoding: "utf8",
    rows: 2,
    cases: 1,
    skipped: 0,
    customersCreated: 1,
    customersMatched: 0,
    agentsCreated: 0,
    teamsCreated: 0,
    invalidRows: 1,
    errors: [
      {
        row: 3,
        line: 3,
        column: "Priority",
        field: "priority",
        code: "unknown_priority",
        value: "Highest",
        message: "Priority: a priority the mapping does not know",
      },
    ],
    values: [
      { field: "status", value: "Solved", rows: 1, mapped: "resolved" },
      { field: "priority", value: "High", rows: 1, mapped: "p2" },
      { field: "priority", value: "Highest", rows: 1, mapped: null },
    ],
    ...overrides,
  };
}

async function openWizard() {
  const { user } = renderApp("/cases");
  await user.click(await screen.findByRole("button", { name: "Import CSV…" }));
  const dialog = await screen.findByRole("dialog", { name: "Import cases from CSV" });
  return { user, dialog };
}

describe("import wizard", () => {
  it("goes from the file through a dry run with row errors and a value mapping to the import", async () => {
    let progress: ((raw: Raw) => void) | undefined;
    w.__TAURI_INTERNALS__ = {
      transformCallback: (cb) => {
        progress = cb;
        return 7;
      },
      unregisterCallback: () => undefined,
    };
    let finish: (value: unknown) => void = () => undefined;
    let fixed = false;
    mockIpc({
      case_list: fakeList(30),
      import_choose_file: () => chosen(),
      import_dry_run: () => (fixed ? dryRun({ cases: 2, invalidRows: 0, errors: [] }) : dryRun()),
      import_run: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const { user, dialog } = await openWizard();

    // File: layout, encoding and the first rows.
    expect(within(dialog).getByRole("button", { name: "Next" })).toBeDisabled();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    expect(await within(dialog).findByText("tickets.csv (20 KB)")).toBeInTheDocument();
    expect(within(dialog).getByText("Zendesk ticket export")).toBeInTheDocument();
    const preview = within(dialog).getByRole("table", { name: "Preview of the file" });
    // Its scroll box is in the Tab order, so the keyboard can scroll a wide file.
    expect(within(dialog).getByRole("region", { name: "Preview of the file" })).toHaveAttribute("tabindex", "0");
    expect(within(preview).getByText("Refund not received")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Next" }));

    // Mapping: the suggested columns; the check is a dry run.
    expect(within(dialog).getByRole("textbox", { name: /Source name/ })).toHaveValue("zendesk");
    expect(within(dialog).getByRole("combobox", { name: /^Title/ })).toHaveValue("Subject");
    await user.click(within(dialog).getByRole("button", { name: "Check the file" }));

    // Check: every row error, and the import waits until they are dealt with.
    const errors = await within(dialog).findByRole("table", { name: "Row errors" });
    expect(within(dialog).getByRole("region", { name: "Row errors" })).toHaveAttribute("tabindex", "0");
    const cells = within(errors).getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual(["3", "Priority", "A priority the mapping does not know.", "Highest"]);
    expect(within(dialog).getByRole("button", { name: "Import 1 case" })).toBeDisabled();

    // Mapping the unknown value asks for another check, which the import waits for.
    await user.click(within(dialog).getByRole("combobox", { name: "What “Highest” becomes" }));
    await user.click(await screen.findByRole("option", { name: "P1" }));
    expect(within(dialog).getByText("The mapping changed: check the file again before importing.")).toBeInTheDocument();
    fixed = true;
    await user.click(within(dialog).getByRole("button", { name: "Check again" }));
    expect(await within(dialog).findByText("Every row can be imported.")).toBeInTheDocument();
    const sent = callsTo("import_dry_run").at(-1) as { options: { mapping: ImportMapping } };
    expect(sent.options.mapping.priorities).toEqual({ high: "p2", highest: "p1" });

    await user.click(within(dialog).getByRole("button", { name: "Import 2 cases" }));
    await waitFor(() => expect(callsTo("import_run")).toHaveLength(1));
    act(() => progress!({ index: 0, message: { done: 1, total: 2 } }));
    expect(await within(dialog).findByText("Imported 1 of 2 cases…")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "50");
    act(() =>
      finish({ cases: 2, skipped: 0, customersCreated: 1, customersMatched: 0, agentsCreated: 0, teamsCreated: 0 }),
    );
    expect(await within(dialog).findByText("Imported 2 cases.")).toBeInTheDocument();
    // Each count takes its own plural ("1 customer", not "1 customers").
    expect(within(dialog).getByText("New: 1 customer, 0 agents, 0 teams; 0 existing customers matched.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Import cases from CSV" })).toBeNull());
  });

  it("asks for the encoding when detection is unsure, and reads the file again in the one chosen", async () => {
    mockIpc({
      case_list: fakeList(3),
      import_choose_file: () => chosen({ detected: { encoding: "gb18030", confidence: "low", bom: false }, encoding: "gb18030" }),
      import_inspect: () => chosen({ encoding: "big5", layout: "generic" }),
    });
    const { user, dialog } = await openWizard();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    expect(await within(dialog).findByText(/The encoding could not be told for sure/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: "Encoding" }));
    await user.click(await screen.findByRole("option", { name: "Big5 (Traditional Chinese)" }));
    await waitFor(() => expect(callsTo("import_inspect")).toEqual([{ encoding: "big5" }]));
    expect(await within(dialog).findByText("Other CSV file")).toBeInTheDocument();
  });

  it("leaves the rows with errors out only when asked, and says when the import was cancelled", async () => {
    w.__TAURI_INTERNALS__ = { transformCallback: () => 1, unregisterCallback: () => undefined };
    let stop: (reason: unknown) => void = () => undefined;
    mockIpc({
      case_list: fakeList(3),
      import_choose_file: () => chosen(),
      import_dry_run: () => dryRun(),
      import_run: () =>
        new Promise((_resolve, reject) => {
          stop = reject;
        }),
      import_cancel: () => {
        stop(ipcError({ code: "cancelled" }));
        return null;
      },
    });
    const { user, dialog } = await openWizard();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    await user.click(await within(dialog).findByRole("button", { name: "Next" }));
    await user.click(within(dialog).getByRole("button", { name: "Check the file" }));
    await user.click(await within(dialog).findByRole("checkbox", { name: /leave out the 1 row with errors/ }));
    await user.click(within(dialog).getByRole("button", { name: "Import 1 case" }));
    await waitFor(() => expect(callsTo("import_run")).toHaveLength(1));
    expect((callsTo("import_run")[0] as { options: { skipInvalidRows: boolean } }).options.skipInvalidRows).toBe(true);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(await within(dialog).findByText("Import cancelled; nothing was imported.")).toBeInTheDocument();
  });

  it("says why a file cannot be imported at all", async () => {
    mockIpc({
      case_list: fakeList(3),
      import_choose_file: () => chosen(),
      import_dry_run: () =>
        dryRun({
          cases: 0,
          invalidRows: 1,
          errors: [
            {
              row: 1,
              line: 1,
              column: "Created at",
              field: "createdAt",
              code: "missing_column",
              value: null,
              message: "",
            },
          ],
        }),
    });
    const { user, dialog } = await openWizard();
    await user.click(within(dialog).getByRole("button", { name: "Choose a CSV file…" }));
    await user.click(await within(dialog).findByRole("button", { name: "Next" }));
    await user.click(within(dialog).getByRole("button", { name: "Check the file" }));
    expect(await within(dialog).findByText(/its header row does not match the mapping/)).toBeInTheDocument();
    expect(within(dialog).queryByRole("checkbox")).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Import 0 cases" })).toBeDisabled();
  });
});
