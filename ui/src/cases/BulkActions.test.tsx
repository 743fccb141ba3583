import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";

import { createQueryClient } from "../App";
import { createI18n } from "../i18n";
import { BulkActions } from "./BulkActions";

import type { BulkOutcome } from "../ipc/bindings";
import { fakeList, stubGridBox } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

stubGridBox();

const outcome: BulkOutcome = {
  changed: [
    { id: "case-1", status: "resolved", assigneeId: null, teamId: null, tags: [] },
    { id: "case-2", status: "resolved", assigneeId: "a1", teamId: null, tags: ["x"] },
  ],
  skipped: ["case-3"],
};

describe("bulk actions", () => {
  it("closes the selected cases after one confirmation, then Undo restores them", async () => {
    mockIpc({
      case_list: fakeList(10),
      case_bulk: () => outcome,
      case_bulk_undo: () => null,
    });
    const { user } = renderApp("/cases");
    const grid = await screen.findByRole("grid", { name: "Case list" });
    await within(grid).findByText("Case number 1");
    for (const n of [1, 2, 3]) {
      await user.click(within(grid).getByRole("checkbox", { name: `Select C-A1-0000${n}` }));
    }
    const bar = screen.getByRole("toolbar", { name: "Bulk actions" });
    expect(bar).toHaveTextContent("3 selected");

    await user.click(within(bar).getByRole("button", { name: "Close…" }));
    const dialog = await screen.findByRole("dialog", { name: "Close 3 cases" });
    expect(callsTo("case_bulk")).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Apply to 3 cases" }));

    await waitFor(() =>
      expect(callsTo("case_bulk")).toEqual([
        { ids: ["case-1", "case-2", "case-3"], action: { action: "close", resolution: null } },
      ]),
    );
    expect(
      await screen.findByText("2 cases changed. 1 skipped: the action does not apply to it."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("toolbar", { name: "Bulk actions" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(callsTo("case_bulk_undo")).toEqual([{ changed: outcome.changed }]));
    expect(await screen.findByText("Change undone")).toBeInTheDocument();
  }, 15_000);

  it("assigns all loaded cases to an agent", async () => {
    mockIpc({
      case_list: fakeList(4),
      agent_list: () => [{ id: "a1", name: "Li Na", teamId: null, teamName: null }],
      case_bulk: () => ({ changed: [], skipped: [] }),
    });
    const { user } = renderApp("/cases");
    const grid = await screen.findByRole("grid", { name: "Case list" });
    await within(grid).findByText("Case number 3");
    await user.click(within(grid).getByRole("checkbox", { name: "Select all loaded cases" }));
    await user.click(screen.getByRole("button", { name: "Assign…" }));
    const dialog = await screen.findByRole("dialog", { name: "Assign 4 cases" });
    await user.click(within(dialog).getByRole("combobox", { name: "Assign to" }));
    await user.click(await screen.findByRole("option", { name: "Li Na" }));
    await user.click(within(dialog).getByRole("button", { name: "Apply to 4 cases" }));
    await waitFor(() =>
      expect(callsTo("case_bulk")).toEqual([
        { ids: ["case-0", "case-1", "case-2", "case-3"], action: { action: "assign", assignee: "a1" } },
      ]),
    );
  }, 15_000);

  /** The bar alone, with `count` cases selected (the list can load and select any number). */
  function renderBar(count: number) {
    const ids = Array.from({ length: count }, (_, i) => `case-${i}`);
    render(
      <I18nextProvider i18n={createI18n()}>
        <MantineProvider env="test">
          <QueryClientProvider client={createQueryClient()}>
            <BulkActions ids={ids} onClear={() => undefined} />
          </QueryClientProvider>
        </MantineProvider>
      </I18nextProvider>,
    );
    return userEvent.setup();
  }

  it("offers no action on more cases than one bulk action changes", async () => {
    mockIpc({ case_bulk: () => ({ changed: [], skipped: [] }) });
    const user = renderBar(1001);
    await user.click(screen.getByRole("button", { name: "Add tag…" }));
    const dialog = await screen.findByRole("dialog", { name: "Tag 1,001 cases" });
    expect(within(dialog).getByRole("alert")).toHaveTextContent(
      "A bulk action changes at most 1,000 cases at a time. Select fewer cases.",
    );
    expect(within(dialog).getByRole("button", { name: "Apply to 1,001 cases" })).toBeDisabled();
    expect(callsTo("case_bulk")).toEqual([]);
  }, 15_000);

  it("applies to exactly as many as it may, and says Rust's refusal in the dialog", async () => {
    mockIpc({ case_bulk: rejectWith(ipcError({ code: "validation", field: "ids", rule: "too_many", limit: 1000 })) });
    const user = renderBar(1000);
    await user.click(screen.getByRole("button", { name: "Add tag…" }));
    const dialog = await screen.findByRole("dialog", { name: "Tag 1,000 cases" });
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    await user.type(within(dialog).getByRole("combobox", { name: "Tag" }), "outage");
    await user.click(within(dialog).getByRole("button", { name: "Apply to 1,000 cases" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Selected cases: Choose at most 1,000.");
  }, 15_000);
});
