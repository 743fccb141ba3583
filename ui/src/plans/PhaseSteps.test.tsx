import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { mockIpc } from "../test/ipc";
import { samplePlan } from "../test/plans";
import { renderApp } from "../test/render";

describe("reordering steps by drag", () => {
  it("gives each step a labelled drag handle that the keyboard can use, with its instructions", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    renderApp("/plans/plan-1");
    const response = await screen.findByRole("region", { name: "Response" });
    const handle = within(response).getByRole("button", { name: "Drag to reorder: Switch to the backup line" });
    expect(handle).toHaveAttribute("aria-roledescription", "sortable");
    expect(handle).toHaveAttribute("tabindex", "0");
    const described = document.getElementById(handle.getAttribute("aria-describedby") ?? "");
    expect(described).toHaveTextContent("To pick up a step, press Space or Enter.");
    // The buttons stay for one-step moves.
    expect(within(response).getByRole("button", { name: "Move down: Switch to the backup line" })).toBeEnabled();
  });
});
