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
});
