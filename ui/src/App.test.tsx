import { notifications } from "@mantine/notifications";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { mockIpc } from "./test/ipc";
import { renderApp } from "./test/render";

describe("notifications", () => {
  it("name their close button in the interface language", async () => {
    mockIpc();
    const { i18n } = renderApp();
    await screen.findByRole("navigation", { name: "Main" });

    act(() => void notifications.show({ message: "Case C-A1-00001 created" }));
    const toast = await screen.findByRole("alert");
    expect(within(toast).getByRole("button", { name: "Close" })).toBeInTheDocument();

    await act(() => i18n.changeLanguage("zh-Hans"));
    await waitFor(() => expect(within(screen.getByRole("alert")).getByRole("button", { name: "关闭" })).toBeInTheDocument());
    await act(() => i18n.changeLanguage("zh-Hant"));
    await waitFor(() => expect(within(screen.getByRole("alert")).getByRole("button", { name: "關閉" })).toBeInTheDocument());
  });

  it("open bottom right, clear of the page's controls, at most three at a time", async () => {
    mockIpc();
    renderApp();
    await screen.findByRole("navigation", { name: "Main" });

    const ids: string[] = [];
    act(() => {
      for (let i = 1; i <= 5; i++) ids.push(notifications.show({ message: `Case C-A1-0000${i} created` }));
    });
    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(3));
    expect(screen.queryByText("Case C-A1-00004 created")).not.toBeInTheDocument();
    for (const toast of screen.getAllByRole("alert")) {
      expect(toast.closest("[data-position]")).toHaveAttribute("data-position", "bottom-right");
    }
    // The rest wait their turn: closing one shows the next.
    act(() => notifications.hide(ids[0]!));
    await waitFor(() => expect(screen.getByText("Case C-A1-00004 created")).toBeInTheDocument());
  });
});
