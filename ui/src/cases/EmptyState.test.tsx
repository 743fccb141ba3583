import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeList } from "../test/cases";
import { LIMITS } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";
import { SIZES } from "./EmptyState";

type Raw = { index: number; message?: unknown; end?: true };
const w = window as unknown as {
  __TAURI_INTERNALS__?: { transformCallback: (cb: (raw: Raw) => void) => number; unregisterCallback: () => void };
};

afterEach(() => {
  delete w.__TAURI_INTERNALS__;
});

describe("demo data", () => {
  it("offers demo data on an empty database, shows progress, then the cases", async () => {
    let progress: ((raw: Raw) => void) | undefined;
    w.__TAURI_INTERNALS__ = {
      transformCallback: (cb) => {
        progress = cb;
        return 42;
      },
      unregisterCallback: () => undefined,
    };
    let loaded = false;
    let finish: (value: unknown) => void = () => undefined;
    mockIpc({
      case_list: (args) => (loaded ? fakeList(10_000)(args) : { rows: [], total: 0 }),
      demo_generate: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const { user } = renderApp("/cases");
    expect(await screen.findByRole("heading", { name: "No cases yet" })).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "10,000" }));
    await user.click(screen.getByRole("radio", { name: "中文" }));
    await user.click(screen.getByRole("button", { name: "Load demo data" }));

    await waitFor(() => expect(callsTo("demo_generate")).toHaveLength(1));
    expect(callsTo("demo_generate")[0]).toMatchObject({ cases: 10_000, language: "zh-Hans" });
    act(() => progress!({ index: 0, message: { done: 2500, total: 10_000 } }));
    expect(await screen.findByText("2,500 of 10,000 cases")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Demo data progress" })).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByRole("button", { name: "Cancel" })).toBeInTheDocument();

    loaded = true;
    act(() => finish({ cases: 10_000, customers: 1_200, agents: 24, teams: 4 }));
    expect(
      await screen.findByText("Demo data loaded: 10,000 cases, 1,200 customers, 24 agents in 4 teams"),
    ).toBeInTheDocument();
    // The lists refresh: the page now shows the generated cases.
    expect(await screen.findByRole("grid", { name: "Case list" })).toHaveAttribute("aria-rowcount", "10001");
    expect(screen.getByText("10,000 cases")).toBeInTheDocument();
  });

  it("cancels a running generation", async () => {
    w.__TAURI_INTERNALS__ = { transformCallback: () => 1, unregisterCallback: () => undefined };
    let stop: (reason: unknown) => void = () => undefined;
    mockIpc({
      demo_generate: () =>
        new Promise((_resolve, reject) => {
          stop = reject;
        }),
      demo_cancel: () => {
        stop({ code: "cancelled", message: "", field: null, rule: null, limit: null });
        return null;
      },
    });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "Load demo data" }));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(callsTo("demo_cancel")).toEqual([undefined]));
    expect(await screen.findByText("Demo data generation cancelled")).toBeInTheDocument();
    // Back to the offer, nothing kept.
    expect(await screen.findByRole("button", { name: "Load demo data" })).toBeInTheDocument();
  });

  it("offers no more cases than Rust generates in one run", () => {
    expect(LIMITS.demoCasesMax).toBe(100_000);
    expect(Math.max(...SIZES)).toBe(LIMITS.demoCasesMax);
  });

  it("says why when Rust refuses because the database has cases meanwhile", async () => {
    w.__TAURI_INTERNALS__ = { transformCallback: () => 1, unregisterCallback: () => undefined };
    mockIpc({ demo_generate: rejectWith(ipcError({ code: "not_empty" })) });
    const { user } = renderApp("/cases");
    await user.click(await screen.findByRole("button", { name: "Load demo data" }));
    expect(
      await screen.findByText(
        "This database already has cases. Demo data is added only to an empty database, so it never mixes with real cases.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText("Demo data could not be generated")).toBeInTheDocument();
  });
});
