import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { PlanDiff } from "../ipc/bindings";
import { callsTo, mockIpc } from "../test/ipc";
import { samplePlan } from "../test/plans";
import { renderApp } from "../test/render";

const versions = [
  { id: "v1", number: 1, publishedAt: "2026-03-01T08:00:00.000Z" },
  { id: "v2", number: 2, publishedAt: "2026-04-01T08:00:00.000Z" },
  { id: "v3", number: 3, publishedAt: "2026-05-01T08:00:00.000Z" },
];

const changes: PlanDiff = {
  fields: [
    { field: "scenario", old: "system_outage", new: "volume_surge" },
    { field: "drillDays", old: "90", new: "30" },
  ],
  steps: [
    { change: "changed", label: "Switch to the backup line", oldLabel: "Switch lines", phase: "response", fields: ["text", "offsetMinutes"] },
    { change: "added", label: "Call back dropped callers", oldLabel: null, phase: "recovery", fields: [] },
  ],
  contacts: [{ change: "removed", label: "Bo Wang", oldLabel: null, phase: null, fields: [] }],
  templates: [{ change: "changed", label: "War room open", oldLabel: null, phase: null, fields: ["body"] }],
};

describe("version diff", () => {
  it("compares the latest two versions at first and lists every change in words", async () => {
    mockIpc({ plan_get: () => samplePlan({ versions }), plan_version_diff: () => changes });
    renderApp("/plans/plan-1");
    const section = await screen.findByRole("region", { name: "Compare versions" });
    expect(await within(section).findByText("Scenario: System outage → Contact-volume surge")).toBeInTheDocument();
    expect(callsTo("plan_version_diff")).toEqual([{ older: "v2", newer: "v3" }]);
    expect(within(section).getByText("Drill every (days): 90 → 30")).toBeInTheDocument();
    expect(within(section).getByText("Response · Switch to the backup line (was: Switch lines)")).toBeInTheDocument();
    expect(within(section).getByText("Changed: Step, Target (minutes after activation)")).toBeInTheDocument();
    expect(within(section).getByText("Recovery · Call back dropped callers")).toBeInTheDocument();
    expect(within(section).getByText("Bo Wang")).toBeInTheDocument();
    expect(within(section).getAllByText("Removed")).toHaveLength(1);
    expect(within(section).getByText("Changed: Message")).toBeInTheDocument();
  });

  it("compares the versions chosen, and says when they are the same", async () => {
    const empty: PlanDiff = { fields: [], steps: [], contacts: [], templates: [] };
    mockIpc({ plan_get: () => samplePlan({ versions }), plan_version_diff: () => empty });
    const { user } = renderApp("/plans/plan-1");
    const section = await screen.findByRole("region", { name: "Compare versions" });
    expect(await within(section).findByText("The two versions are the same.")).toBeInTheDocument();
    await user.click(within(section).getByRole("combobox", { name: "Older version" }));
    await user.click(await screen.findByRole("option", { name: "Version 1" }));
    await waitFor(() => expect(callsTo("plan_version_diff")).toContainEqual({ older: "v1", newer: "v3" }));
    await user.click(within(section).getByRole("combobox", { name: "Newer version" }));
    await user.click(await screen.findByRole("option", { name: "Version 1" }));
    expect(await within(section).findByText("Choose two different versions.")).toBeInTheDocument();
  });

  it("is not offered before a plan has two versions", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    renderApp("/plans/plan-1");
    await screen.findByRole("region", { name: "Call tree" });
    expect(screen.queryByRole("region", { name: "Compare versions" })).toBeNull();
  });
});
