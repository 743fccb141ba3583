import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, SavedView } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { callsTo, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";

function pageQueries(): CaseQuery[] {
  return callsTo("case_list")
    .map((a) => (a as { query: CaseQuery }).query)
    .filter((q) => q.limit === 100);
}

describe("My cases", () => {
  it("asks who you are, stores it with meSet, then lists your cases", async () => {
    let me: string | null = null;
    mockIpc({
      case_list: fakeList(5),
      agent_list: () => [
        { id: "a1", name: "Li Na", teamId: "t1", teamName: "Tier 1" },
        { id: "a2", name: "Sam Lee", teamId: null, teamName: null },
      ],
      me_get: () => me,
      me_set: (args) => {
        me = (args as { agent: string }).agent;
        return null;
      },
    });
    const { user } = renderApp("/cases?queue=mine");
    expect(await screen.findByRole("heading", { name: "Who are you?" })).toBeInTheDocument();
    expect(pageQueries().filter((q) => q.queue === "mine")).toEqual([]);

    await user.click(screen.getByRole("combobox", { name: "Agent" }));
    await user.click(await screen.findByRole("option", { name: "Sam Lee" }));
    await user.click(screen.getByRole("button", { name: "This is me" }));

    await waitFor(() => expect(callsTo("me_set")).toEqual([{ agent: "a2" }]));
    await waitFor(() => expect(pageQueries().at(-1)).toMatchObject({ queue: "mine", me: "a2" }));
    expect(await screen.findByText("You are Sam Lee")).toBeInTheDocument();
  }, 15_000);
});

describe("saved views", () => {
  it("saves the current list under a name and applies a saved one", async () => {
    const views: SavedView[] = [
      {
        id: "v1",
        name: "VIP e-mail",
        query: {
          queue: "vip",
          me: null,
          text: null,
          statuses: [],
          priorities: ["p1", "p2"],
          channels: ["email"],
          categories: [],
          assignees: [],
          customerIds: [],
          tag: null,
          createdFrom: null,
          createdTo: null,
          teams: [],
          tiers: [],
          resolvedFrom: null,
          resolvedTo: null,
          callbackDueFrom: null,
          callbackDueTo: null,
          sort: "due",
          descending: false,
          offset: 0,
          limit: 100,
        },
      },
    ];
    mockIpc({
      case_list: fakeList(5),
      view_list: () => views,
      view_save: (args) => ({ id: "v2", ...(args as { name: string; query: CaseQuery }) }),
    });
    const { user } = renderApp("/cases?queue=escalated");
    await screen.findByRole("grid", { name: "Case list" });

    await user.click(screen.getByRole("button", { name: "Saved views" }));
    await user.click(await screen.findByRole("button", { name: "Save current view…" }));
    const dialog = await screen.findByRole("dialog", { name: "Save this view" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Escalations");
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    await waitFor(() => expect(callsTo("view_save")).toHaveLength(1));
    expect(callsTo("view_save")[0]).toMatchObject({ name: "Escalations", query: { queue: "escalated", offset: 0 } });

    await user.click(screen.getByRole("button", { name: "Saved views" }));
    await user.click(await screen.findByRole("button", { name: "VIP e-mail" }));
    await waitFor(() =>
      expect(pageQueries().at(-1)).toMatchObject({
        queue: "vip",
        priorities: ["p1", "p2"],
        channels: ["email"],
        sort: "due",
        descending: false,
      }),
    );
    expect(screen.getByRole("tab", { name: "VIP" })).toHaveAttribute("aria-selected", "true");
  }, 15_000);
});
