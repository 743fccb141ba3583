import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { EffectivePolicy, Holiday, HolidayInput, SlaPolicy, SlaPolicyInput } from "../ipc/bindings";
import { builtInPolicies, callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";
import { holidayWindow } from "./Holidays";

/**
 * Each test renders the whole app; on a loaded machine the first screen can take
 * seconds, so waits and tests get more than the defaults.
 */
const LOAD_MS = 5000;
const TEST_MS = 20_000;

const vipBilling: SlaPolicy = {
  id: "0192f0c4-0000-7000-8000-000000000001",
  name: "VIP billing",
  priority: "p2",
  tier: "vip",
  category: "Billing",
  firstResponseMinutes: 30,
  resolutionMinutes: 1710,
  businessHours: false,
};

async function openServiceLevels() {
  const app = renderApp("/settings");
  const table = await screen.findByRole("table", { name: "Service-level targets" }, { timeout: LOAD_MS });
  return { ...app, table };
}

/** The table's body rows as text, one string per row. */
function rowsOf(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent?.trim())
        .filter(Boolean)
        .join(" | "),
    );
}

/** A policy list that follows creates, updates and deletes, as Rust's would. */
function policyBackend(initial: SlaPolicy[] = []) {
  let custom = [...initial];
  const list = (): EffectivePolicy[] =>
    builtInPolicies.flatMap((b) => {
      const own = custom.filter((p) => p.priority === b.priority);
      const base = own.some((p) => p.tier === null && p.category === null) ? [] : [b];
      return [...base, ...own.map((p): EffectivePolicy => ({ source: "custom", ...p }))];
    });
  return {
    sla_policy_list: () => list(),
    sla_policy_create: (args: unknown) => {
      const { input } = args as { input: SlaPolicyInput };
      const id = `0192f0c4-0000-7000-8000-00000000010${custom.length}`;
      custom.push({ id, ...input });
      return id;
    },
    sla_policy_update: (args: unknown) => {
      const { id, input } = args as { id: string; input: SlaPolicyInput };
      custom = custom.map((p) => (p.id === id ? { id, ...input } : p));
      return null;
    },
    sla_policy_delete: (args: unknown) => {
      custom = custom.filter((p) => p.id !== (args as { id: string }).id);
      return null;
    },
  };
}

describe("service levels", { timeout: TEST_MS }, () => {
  it("lists the targets that apply per priority, in human terms", async () => {
    mockIpc(policyBackend([vipBilling]));
    const { table } = await openServiceLevels();
    expect(rowsOf(table)).toEqual([
      "P1 Critical | All cases | 30 min | 4 h | Built-in | Customise",
      "P2 High | All cases | 1 business hour | 8 business hours | Built-in | Customise",
      "P2 High | VIP customers, category “Billing” | 30 min | 1 d 4 h 30 min | VIP billing",
      "P3 Normal | All cases | 4 business hours | 24 business hours | Built-in | Customise",
      "P4 Low | All cases | 8 business hours | 40 business hours | Built-in | Customise",
    ]);
    expect(within(table).getByRole("button", { name: "Edit VIP billing" })).toBeInTheDocument();
    expect(within(table).getByRole("button", { name: "Customise the P1 targets" })).toBeInTheDocument();
  });

  it("customises a built-in priority in a dialog and shows the new policy", async () => {
    mockIpc(policyBackend());
    const { user, table } = await openServiceLevels();

    await user.click(within(table).getByRole("button", { name: "Customise the P3 targets" }));
    const dialog = await screen.findByRole("dialog", { name: "New SLA policy" });
    // Starts from the built-in targets of the priority.
    expect(within(dialog).getByRole("textbox", { name: "First response" })).toHaveValue("4");
    expect(within(dialog).getByRole("textbox", { name: "Resolution" })).toHaveValue("24");
    expect(within(dialog).getByRole("radio", { name: /Business hours only/ })).toBeChecked();

    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Standard P3");
    const first = within(dialog).getByRole("textbox", { name: "First response" });
    await user.clear(first);
    await user.type(first, "90");
    await user.click(within(dialog).getByRole("combobox", { name: "First response unit" }));
    await user.click(await screen.findByRole("option", { name: "minutes" }));
    await user.click(within(dialog).getByRole("radio", { name: "Around the clock" }));
    await user.click(within(dialog).getByRole("button", { name: "Add policy" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const expected: SlaPolicyInput = {
      name: "Standard P3",
      priority: "p3",
      tier: null,
      category: null,
      firstResponseMinutes: 90,
      resolutionMinutes: 24 * 60,
      businessHours: false,
    };
    expect(callsTo("sla_policy_create")).toEqual([{ input: expected }]);
    await waitFor(() =>
      expect(rowsOf(screen.getByRole("table", { name: "Service-level targets" }))[2]).toBe(
        "P3 Normal | All cases | 1 h 30 min | 1 d | Standard P3",
      ),
    );
  });

  it("edits and deletes a custom policy", async () => {
    mockIpc(policyBackend([vipBilling]));
    const { user, table } = await openServiceLevels();

    await user.click(within(table).getByRole("button", { name: "Edit VIP billing" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit SLA policy" });
    expect(within(dialog).getByRole("textbox", { name: "First response" })).toHaveValue("30");
    expect(within(dialog).getByRole("textbox", { name: "Resolution" })).toHaveValue("1710");
    const resolution = within(dialog).getByRole("textbox", { name: "Resolution" });
    await user.clear(resolution);
    await user.click(within(dialog).getByRole("button", { name: "Save policy" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const { id, ...unchanged } = vipBilling;
    expect(callsTo("sla_policy_update")).toEqual([{ id, input: { ...unchanged, resolutionMinutes: null } }]);
    expect(await within(table).findByText("No target")).toBeInTheDocument();

    await user.click(within(table).getByRole("button", { name: "Delete VIP billing" }));
    const confirm = await screen.findByRole("dialog", { name: "Delete policy" });
    expect(within(confirm).getByText(/Delete the policy “VIP billing”\?/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(within(table).queryByText("VIP billing")).not.toBeInTheDocument());
    expect(callsTo("sla_policy_delete")).toEqual([{ id }]);
  });

  it("shows Rust's duplicate error beside the priority and keeps the dialog open", async () => {
    mockIpc({
      ...policyBackend([vipBilling]),
      sla_policy_create: rejectWith(ipcError({ code: "validation", field: "priority", rule: "duplicate" })),
    });
    const { user } = await openServiceLevels();

    await user.click(screen.getByRole("button", { name: "Add policy" }));
    const dialog = await screen.findByRole("dialog", { name: "New SLA policy" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Again");
    await user.click(within(dialog).getByRole("textbox", { name: "Resolution" }));
    await user.keyboard("8");
    await user.click(within(dialog).getByRole("button", { name: "Add policy" }));

    const priority = await within(dialog).findByRole("combobox", { name: "Priority" });
    await waitFor(() => expect(priority).toHaveAttribute("aria-invalid", "true"));
    expect(priority).toHaveAccessibleDescription(
      "A policy for this priority, tier and category already exists.",
    );
    expect(screen.getByRole("dialog", { name: "New SLA policy" })).toBeInTheDocument();
  });

  it("refuses a zero or fractional-minute target before calling Rust", async () => {
    mockIpc(policyBackend());
    const { user } = await openServiceLevels();
    await user.click(screen.getByRole("button", { name: "Add policy" }));
    const dialog = await screen.findByRole("dialog", { name: "New SLA policy" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Zero");
    await user.type(within(dialog).getByRole("textbox", { name: "First response" }), "0");
    await user.click(within(dialog).getByRole("button", { name: "Add policy" }));

    const first = within(dialog).getByRole("textbox", { name: "First response" });
    expect(first).toHaveAttribute("aria-invalid", "true");
    expect(first).toHaveAccessibleDescription(/from 1 minute to 365 days/);
    expect(callsTo("sla_policy_create")).toEqual([]);
  });

  it("requires a name", async () => {
    mockIpc(policyBackend());
    const { user } = await openServiceLevels();
    await user.click(screen.getByRole("button", { name: "Add policy" }));
    const dialog = await screen.findByRole("dialog", { name: "New SLA policy" });
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Add policy" }));
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(
      "This field is required.",
    );
    expect(callsTo("sla_policy_create")).toEqual([]);
  });
});

describe("holidays", { timeout: TEST_MS }, () => {
  function holidayBackend(initial: Holiday[] = []) {
    let list = [...initial];
    return {
      holiday_list: () => [...list].sort((a, b) => a.date.localeCompare(b.date)),
      holiday_create: (args: unknown) => {
        const { input } = args as { input: HolidayInput };
        const id = `0192f0c4-0000-7000-8000-00000000020${list.length}`;
        list.push({ id, date: input.date, name: input.name, kind: input.kind, worksAs: input.worksAs, calendarId: input.calendarId });
        return id;
      },
      holiday_delete: (args: unknown) => {
        list = list.filter((h) => h.id !== (args as { id: string }).id);
        return null;
      },
    };
  }

  it("adds a holiday picked in the calendar and removes it again", async () => {
    mockIpc(holidayBackend());
    const { user } = renderApp("/settings");
    expect(await screen.findByText("No holidays or make-up days yet.", {}, { timeout: LOAD_MS })).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Add a holiday" });
    await user.click(within(form).getByRole("button", { name: "Date" }));
    // The picker opens on the current month; pick its 15th.
    const day = (await screen.findAllByRole("button", { name: /^15 / }))[0];
    if (!day) throw new Error("no 15th in the picker");
    await user.click(day);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Founders' Day");
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));

    const [call] = callsTo("holiday_create") as { input: HolidayInput }[];
    expect(call?.input.name).toBe("Founders' Day");
    expect(call?.input.date).toMatch(/^\d{4}-\d{2}-15$/);
    const table = await screen.findByRole("table", { name: "Holidays and make-up days" });
    expect(within(table).getByText("Founders' Day")).toBeInTheDocument();

    await user.click(within(table).getByRole("button", { name: /^Remove the holiday on / }));
    expect(await screen.findByText("No holidays or make-up days yet.")).toBeInTheDocument();
    expect(callsTo("holiday_delete")).toHaveLength(1);
  });

  it("names the calendar's month controls, so a day next month can be picked", async () => {
    mockIpc(holidayBackend());
    const { user } = renderApp("/settings");
    expect(await screen.findByText("No holidays or make-up days yet.", {}, { timeout: LOAD_MS })).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Add a holiday" });
    await user.click(within(form).getByRole("button", { name: "Date" }));
    expect(await screen.findByRole("button", { name: "Previous month" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next month" }));
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
    const month = next.toLocaleString("en", { month: "long" });
    await user.click(await screen.findByRole("button", { name: `1 ${month} ${next.getFullYear()}` }));
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));

    const [call] = callsTo("holiday_create") as { input: HolidayInput }[];
    const mm = String(next.getMonth() + 1).padStart(2, "0");
    expect(call?.input.date).toBe(`${next.getFullYear()}-${mm}-01`);
  });

  it("says beside the date when the day is already a holiday", async () => {
    mockIpc({
      ...holidayBackend([{ id: "h1", date: "2026-10-01", name: "National Day", kind: "holiday", worksAs: null, calendarId: null }]),
      holiday_create: rejectWith(ipcError({ code: "validation", field: "date", rule: "duplicate" })),
    });
    const { user } = renderApp("/settings");
    const table = await screen.findByRole("table", { name: "Holidays and make-up days" }, { timeout: LOAD_MS });
    expect(within(table).getByText("National Day")).toBeInTheDocument();
    expect(within(table).getByText("Thursday, October 1, 2026")).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Add a holiday" });
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));
    expect(within(form).getByText("This field is required.")).toBeInTheDocument();
    expect(callsTo("holiday_create")).toEqual([]);

    await user.click(within(form).getByRole("button", { name: "Date" }));
    const day = (await screen.findAllByRole("button", { name: /^1 / }))[0];
    if (!day) throw new Error("no 1st in the picker");
    await user.click(day);
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));
    expect(await within(form).findByText("This day is already listed in this calendar.")).toBeInTheDocument();
  });

  it("offers the days Rust accepts, and shows its refusal of one outside them beside the date", async () => {
    expect(holidayWindow(new Date(2026, 2, 2))).toEqual({ minDate: "2016-03-04", maxDate: "2031-03-01" });
    mockIpc({
      ...holidayBackend(),
      holiday_create: rejectWith(ipcError({ code: "validation", field: "date", rule: "too_late", limit: 1825 })),
    });
    const { user } = renderApp("/settings");
    expect(await screen.findByText("No holidays or make-up days yet.", {}, { timeout: LOAD_MS })).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Add a holiday" });
    const date = within(form).getByRole("button", { name: "Date" });
    await user.click(date);
    const day = (await screen.findAllByRole("button", { name: /^15 / }))[0];
    if (!day) throw new Error("no 15th in the picker");
    await user.click(day);
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));
    await waitFor(() => expect(date).toHaveAccessibleDescription("Choose a date no more than 1,825 days from today."));
    expect(date).toHaveAttribute("aria-invalid", "true");
  });
});
