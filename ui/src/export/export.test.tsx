import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { emptyListQuery } from "../cases/listState";
import type { CaseQuery, SavedView } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";
import { datedFileName } from "./useCasesCsvExport";

type Raw = { index: number; message?: unknown; end?: true };
const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: (cb: (raw: Raw) => void) => number; unregisterCallback: () => void };
};

afterEach(() => {
  delete w.__TAURI_INTERNALS__;
});

/** Captures the progress channel Rust would send on. */
function captureChannel() {
  const channel: { send?: (message: unknown) => void } = {};
  w.__TAURI_INTERNALS__ = {
    transformCallback: (cb) => {
      let index = 0;
      channel.send = (message) => cb({ index: index++, message });
      return 7;
    },
    unregisterCallback: () => undefined,
  };
  return channel;
}

describe("file names", () => {
  it("dates a name and keeps it a valid file name", () => {
    const day = new Date(2026, 10, 3);
    expect(datedFileName("cases", "csv", day)).toBe("cases 2026-11-03.csv");
    expect(datedFileName("VIP / 退款: open?", "csv", day)).toBe("VIP - 退款- open- 2026-11-03.csv");
    expect(datedFileName("  ", "json", day)).toBe("export 2026-11-03.json");
  });
});

describe("CSV export of case lists", () => {
  it("exports every case of the current list, showing progress, then where the file went", async () => {
    const channel = captureChannel();
    let finish: (value: unknown) => void = () => undefined;
    mockIpc({
      case_list: fakeList(1_234),
      export_cases_csv: () => new Promise((resolve) => (finish = resolve)),
    });
    const { user } = renderApp("/cases?queue=escalated");
    await user.click(await screen.findByRole("button", { name: "Export CSV" }));

    await waitFor(() => expect(callsTo("export_cases_csv")).toHaveLength(1));
    const call = callsTo("export_cases_csv")[0] as { query: CaseQuery; fileName: string };
    expect(call.query).toMatchObject({ queue: "escalated", offset: 0 });
    expect(call.fileName).toMatch(/^cases \d{4}-\d{2}-\d{2}\.csv$/);

    act(() => channel.send!({ rows: 500, total: 1_234 }));
    const dialog = await screen.findByRole("dialog", { name: "Exporting cases" });
    expect(within(dialog).getByText("500 of 1,234 cases written")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Exporting cases" })).toHaveAttribute("aria-valuenow", "41");

    act(() => finish({ path: "/home/sam/cases.csv", rows: 1_234 }));
    expect(await screen.findByText("Exported 1,234 cases to /home/sam/cases.csv")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Exporting cases" })).not.toBeInTheDocument());
  });

  it("says nothing when the save dialog is closed, and cancels a running export", async () => {
    const channel = captureChannel();
    let stop: (reason: unknown) => void = () => undefined;
    let answer: "closed" | "running" = "closed";
    mockIpc({
      case_list: fakeList(20),
      export_cases_csv: () =>
        answer === "closed" ? null : new Promise((_resolve, reject) => (stop = reject)),
      export_cancel: () => {
        stop(ipcError({ code: "cancelled" }));
        return null;
      },
    });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(callsTo("export_cases_csv")).toHaveLength(1));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    answer = "running";
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    act(() => channel.send!({ rows: 0, total: 20 }));
    await user.click(await screen.findByRole("button", { name: "Cancel export" }));
    await waitFor(() => expect(callsTo("export_cancel")).toHaveLength(1));
    expect(await screen.findByText("Export cancelled; no file was written.")).toBeInTheDocument();
  });

  it("exports a saved view's own query under its name", async () => {
    captureChannel();
    const view: SavedView = {
      id: "v1",
      name: "VIP 退款",
      query: { ...emptyListQuery(), queue: "vip", offset: 0, limit: 100 },
    };
    mockIpc({
      case_list: fakeList(5),
      view_list: () => [view],
      export_cases_csv: () => ({ path: "/tmp/vip.csv", rows: 5 }),
    });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "Saved views" }));
    await user.click(await screen.findByRole("button", { name: "Export VIP 退款 as CSV" }));
    await waitFor(() => expect(callsTo("export_cases_csv")).toHaveLength(1));
    const call = callsTo("export_cases_csv")[0] as { query: CaseQuery; fileName: string };
    expect(call.query.queue).toBe("vip");
    expect(call.fileName).toMatch(/^VIP 退款 \d{4}-\d{2}-\d{2}\.csv$/);
    expect(await screen.findByText("Exported 5 cases to /tmp/vip.csv")).toBeInTheDocument();
  });

  it("explains a file that could not be written", async () => {
    captureChannel();
    mockIpc({ case_list: fakeList(3), export_cases_csv: rejectWith(ipcError({ code: "file" })) });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "Export CSV" }));
    expect(await screen.findByText("The export failed")).toBeInTheDocument();
    expect(screen.getByText(/The file could not be written or read/)).toBeInTheDocument();
  });
});

describe("CSV export of the dashboard", () => {
  it("exports the KPIs for the period and filters on screen", async () => {
    mockIpc({ export_kpi_csv: () => ({ path: "/tmp/kpi.csv", rows: 24 }) });
    const { user } = renderApp("/dashboard?period=7d");
    const button = await screen.findByRole("button", { name: "Export CSV" });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    await waitFor(() => expect(callsTo("export_kpi_csv")).toHaveLength(1));
    const call = callsTo("export_kpi_csv")[0] as { request: { period: { preset: string } }; fileName: string };
    expect(call.request.period.preset).toBe("7d");
    expect(call.fileName).toMatch(/^kpi \d{4}-\d{2}-\d{2}\.csv$/);
    expect(await screen.findByText("Exported the KPIs to /tmp/kpi.csv")).toBeInTheDocument();
  });
});

describe("JSON export and import in Settings", () => {
  it("exports everything and imports into an empty database with progress", async () => {
    const channel = captureChannel();
    let finish: (value: unknown) => void = () => undefined;
    mockIpc({
      data_export_json: () => ({ path: "/tmp/all.json", rows: 3_700 }),
      data_import_json: () => new Promise((resolve) => (finish = resolve)),
    });
    const { user } = renderApp("/settings");
    const data = await screen.findByRole("region", { name: "Data" });
    await user.click(within(data).getByRole("button", { name: "Export everything (JSON)" }));
    expect(await screen.findByText("Exported 3,700 rows to /tmp/all.json")).toBeInTheDocument();
    expect((callsTo("data_export_json")[0] as { fileName: string }).fileName).toMatch(/\.json$/);

    await user.click(within(data).getByRole("button", { name: "Import an export (JSON)…" }));
    act(() => channel.send!({ rows: 2_000, bytes: 500, totalBytes: 1_000 }));
    expect(await within(data).findByText("2,000 rows read")).toBeInTheDocument();
    expect(within(data).getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "50");
    act(() => finish({ rows: 3_700, cases: 300 }));
    expect(await screen.findByText("Imported 3,700 rows (300 cases)")).toBeInTheDocument();
  });

  it("says why an import was refused", async () => {
    captureChannel();
    mockIpc({ data_import_json: rejectWith(ipcError({ code: "import_not_empty" })) });
    const { user } = renderApp("/settings");
    const data = await screen.findByRole("region", { name: "Data" });
    await user.click(within(data).getByRole("button", { name: "Import an export (JSON)…" }));
    expect(await screen.findByText("The import failed")).toBeInTheDocument();
    expect(screen.getByText(/already holds data/)).toBeInTheDocument();
  });
});
