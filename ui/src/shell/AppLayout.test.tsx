import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { mockIpc, rejectWith, ipcError, sampleSettings } from "../test/ipc";
import { renderApp } from "../test/render";

const SECTION_NAMES = ["Dashboard", "Cases", "Customers", "Customer voice", "Training", "Plans", "Knowledge base", "Sync", "Settings"];

async function mainNav() {
  return screen.findByRole("navigation", { name: "Main" });
}

/** The connectivity indicator: the status bar's live region that says Online/Offline. */
function connectivity(bar: HTMLElement) {
  const found = within(bar)
    .getAllByRole("status")
    .filter((el) => /^(Online|Offline)$/.test(el.textContent ?? ""));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("app shell", () => {
  it("lists every section in the main navigation, in order", async () => {
    mockIpc();
    renderApp();
    const nav = await mainNav();
    const links = within(nav).getAllByRole("link");
    expect(links.map((l) => l.textContent?.replace(/(Ctrl\+|⌘)\d$/, ""))).toEqual(SECTION_NAMES);
    for (const name of SECTION_NAMES) {
      expect(within(nav).getByRole("link", { name })).toBeInTheDocument();
    }
  });

  it("has exactly one navigation landmark, the named main navigation", async () => {
    mockIpc();
    renderApp();
    const nav = await mainNav();
    expect(screen.getAllByRole("navigation")).toEqual([nav]);
    expect(within(nav).getAllByRole("link")).toHaveLength(SECTION_NAMES.length);
  });

  it("opens on the Dashboard, the home screen, and marks it as the current page", async () => {
    mockIpc();
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Dashboard" })).toBeInTheDocument();
    const nav = await mainNav();
    expect(within(nav).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    expect(document.title).toBe("Dashboard · Frontline");
  });

  it.each([
    ["Training", "No agents match"],
    ["Plans", "No plans yet"],
    ["Knowledge base", "No articles yet"],
    ["Cases", "No cases yet"],
    ["Customer voice", "Where in the customer journey problems arise"],
    ["Sync", "Share cases, customers and settings with your team"],
    ["Settings", "These settings apply to this computer"],
  ])("navigates to %s when its link is clicked", async (name, text) => {
    mockIpc();
    const { user } = renderApp();
    const nav = await mainNav();
    await user.click(within(nav).getByRole("link", { name }));
    expect(await screen.findByRole("heading", { level: 1, name })).toBeInTheDocument();
    expect(await screen.findByText(new RegExp(text))).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  });

  it("opens a section at its top, not at the previous page's scroll offset", async () => {
    mockIpc();
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    const { user } = renderApp("/");
    const nav = await mainNav();
    await screen.findByRole("heading", { level: 1, name: "Dashboard" });
    scrollTo.mockClear();
    await user.click(within(nav).getByRole("link", { name: "Settings" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
    scrollTo.mockRestore();
  });

  it("switches sections with Ctrl+1…9 and announces the shortcuts", async () => {
    mockIpc();
    renderApp();
    const nav = await mainNav();
    expect(within(nav).getByRole("link", { name: "Settings" })).toHaveAttribute(
      "aria-keyshortcuts",
      "Control+9",
    );

    fireEvent.keyDown(document.documentElement, { key: "4", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Customer voice" })).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "9", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "7", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Knowledge base" })).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "2", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "1", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Dashboard" })).toBeInTheDocument();
  });

  it("reaches every section link with Tab, after the skip link", async () => {
    mockIpc();
    const { user } = renderApp();
    await mainNav();
    await user.tab();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveFocus();
    for (const name of SECTION_NAMES) {
      await user.tab();
      expect(screen.getByRole("link", { name })).toHaveFocus();
    }
  });

  it("skip link moves focus to the main content without changing the route", async () => {
    mockIpc();
    const { user } = renderApp("/training/people");
    await screen.findByRole("heading", { level: 1, name: "Training" });
    await user.click(screen.getByRole("link", { name: "Skip to content" }));
    expect(screen.getByRole("main")).toHaveFocus();
    expect(window.location.hash).toBe("#/training/people");
  });

  it("shows the organisation name in the header", async () => {
    mockIpc();
    renderApp();
    expect(await screen.findByTestId("organisation-name")).toHaveTextContent("Acme Support");
  });

  it("status bar shows connectivity, sync state and app details", async () => {
    mockIpc();
    renderApp();
    const bar = await screen.findByRole("contentinfo", { name: "Status bar" });
    expect(connectivity(bar)).toHaveTextContent("Online");
    expect(await within(bar).findByRole("link", { name: "Sync off" })).toHaveAttribute("href", "#/sync");
    expect(
      await within(bar).findByText("Database: /home/sam/.local/share/frontline/frontline.db"),
    ).toBeInTheDocument();
    expect(within(bar).getByText("Schema v3")).toBeInTheDocument();
    expect(within(bar).getByText("Version 0.1.0")).toBeInTheDocument();
  });

  it("status bar follows online/offline events", async () => {
    mockIpc();
    renderApp();
    const bar = await screen.findByRole("contentinfo", { name: "Status bar" });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, "onLine");
    try {
      Object.defineProperty(Navigator.prototype, "onLine", { configurable: true, get: () => false });
      act(() => {
        window.dispatchEvent(new Event("offline"));
      });
      expect(connectivity(bar)).toHaveTextContent("Offline");
    } finally {
      if (onLine) Object.defineProperty(Navigator.prototype, "onLine", onLine);
    }
    act(() => {
      window.dispatchEvent(new Event("online"));
    });
    expect(connectivity(bar)).toHaveTextContent("Online");
  });

  it("says so in the status bar when app details cannot be read", async () => {
    mockIpc({ app_info: rejectWith(ipcError({ code: "internal" })) });
    renderApp();
    const bar = await screen.findByRole("contentinfo", { name: "Status bar" });
    expect(await within(bar).findByText("App details unavailable")).toBeInTheDocument();
  });
});

describe("language", () => {
  it.each([
    ["zh-Hans", ["案件", "客户", "培训", "应急预案", "仪表板", "客户之声", "同步", "设置"], "主导航"],
    ["zh-Hant", ["案件", "客戶", "培訓", "應變計畫", "儀表板", "客戶之聲", "同步", "設定"], "主要導覽"],
  ] as const)("starts in the stored language %s", async (language, labels, navName) => {
    mockIpc({ settings_get: () => sampleSettings({ language }) });
    renderApp();
    const nav = await screen.findByRole("navigation", { name: navName });
    for (const name of labels) {
      expect(within(nav).getByRole("link", { name })).toBeInTheDocument();
    }
    expect(document.documentElement.lang).toBe(language);
  });

  it("changes the navigation labels when the language is switched", async () => {
    mockIpc();
    const { i18n } = renderApp();
    const nav = await mainNav();
    expect(within(nav).getByRole("link", { name: "Settings" })).toBeInTheDocument();

    await act(() => i18n.changeLanguage("zh-Hans"));
    expect(within(nav).getByRole("link", { name: "设置" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "培训" })).toBeInTheDocument();

    await act(() => i18n.changeLanguage("zh-Hant"));
    expect(within(nav).getByRole("link", { name: "設定" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "應變計畫" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("zh-Hant");
  });

  it("opens with defaults when settings cannot be read", async () => {
    mockIpc({ settings_get: rejectWith(ipcError({ code: "storage" })) });
    renderApp();
    await waitFor(async () => {
      expect(await mainNav()).toBeInTheDocument();
    });
    expect(screen.getByRole("heading", { level: 1, name: "Cases" })).toBeInTheDocument();
  });
});
