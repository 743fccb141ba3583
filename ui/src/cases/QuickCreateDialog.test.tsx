import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Customer, NewCase } from "../ipc/bindings";
import { fakeList, sampleDetail } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

const wang: Customer = {
  id: "cust-1",
  name: "Wang Fang",
  company: "Acme",
  email: "wang@example.com",
  phone: "",
  tier: "vip",
  notes: "",
  caseCount: 2,
};

function created(input: NewCase) {
  return sampleDetail({}, { id: "case-new", reference: "C-A1-00042", title: input.title });
}

describe("quick create", () => {
  it("creates a case from the keyboard alone", async () => {
    mockIpc({
      case_list: fakeList(3),
      case_categories: () => ["Billing", "Delivery"],
      customer_search: (args) => ((args as { query: string }).query ? [wang] : []),
      case_create: (args) => created((args as { input: NewCase }).input),
      case_get: () => sampleDetail({}, { id: "case-new", reference: "C-A1-00042", title: "Parcel lost" }),
    });
    const { user } = renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });

    await user.keyboard("n");
    const dialog = await screen.findByRole("dialog", { name: "New case" });
    expect(within(dialog).getByRole("textbox", { name: "Title" })).toHaveFocus();
    expect(within(dialog).getByRole("button", { name: "Close" })).toBeInTheDocument();
    await user.keyboard("Parcel lost");

    await user.tab();
    expect(within(dialog).getByRole("combobox", { name: "Customer" })).toHaveFocus();
    await user.keyboard("Wang");
    await within(dialog).findByRole("option", { name: /Wang Fang/ });
    await user.keyboard("{Enter}");
    await waitFor(() => expect(within(dialog).getByRole("combobox", { name: "Customer" })).toHaveValue("Wang Fang"));

    await user.tab();
    expect(within(dialog).getByRole("combobox", { name: "Channel" })).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(within(dialog).getByRole("combobox", { name: "Channel" })).toHaveValue("E-mail");

    await user.tab();
    await user.keyboard("Delivery");
    await user.tab();
    expect(within(dialog).getByRole("combobox", { name: "Priority" })).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowUp}{ArrowUp}{Enter}");
    const priority = within(dialog).getByRole("combobox", { name: "Priority" });
    expect(priority).toHaveValue("P1 · Critical");
    expect(priority).toHaveAttribute("aria-expanded", "false");

    // Enter on the Priority select, its list closed, submits (it does not re-open the list).
    await user.keyboard("{Enter}");

    await waitFor(() =>
      expect(callsTo("case_create")).toEqual([
        {
          input: {
            title: "Parcel lost",
            description: "",
            customerId: "cust-1",
            channel: "email",
            category: "Delivery",
            priority: "p1",
          },
        },
      ]),
    );
    // The new case's page: on a loaded machine it takes more than findBy's default second.
    expect(
      await screen.findByRole("heading", { level: 1, name: "Parcel lost" }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByText("Case C-A1-00042 created")).toBeInTheDocument();
  }, 20_000);

  it("submits with Enter from the Channel select while its list is closed, and never re-opens the list", async () => {
    mockIpc({
      case_list: fakeList(3),
      case_create: (args) => created((args as { input: NewCase }).input),
      case_get: () => sampleDetail({}, { id: "case-new", reference: "C-A1-00042", title: "Router broken" }),
    });
    const { user } = renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    await user.click(screen.getByRole("button", { name: "New case" }));
    const dialog = await screen.findByRole("dialog", { name: "New case" });
    await user.type(within(dialog).getByRole("textbox", { name: "Title" }), "Router broken");
    const channel = within(dialog).getByRole("combobox", { name: "Channel" });
    channel.focus();
    await user.keyboard("{Enter}");

    expect(screen.queryByRole("listbox", { name: "Channel" })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(callsTo("case_create")).toEqual([
        {
          input: {
            title: "Router broken",
            description: "",
            customerId: null,
            channel: "phone",
            category: "",
            priority: "p3",
          },
        },
      ]),
    );
  });

  it("opens with Ctrl+N and adds a new customer inline", async () => {
    mockIpc({
      case_list: fakeList(3),
      customer_create: (args) => ({ ...wang, id: "cust-9", name: (args as { input: { name: string } }).input.name, tier: "standard" }),
      case_create: (args) => created((args as { input: NewCase }).input),
      case_get: () => sampleDetail(),
    });
    const { user } = renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    fireEvent.keyDown(document.documentElement, { key: "n", ctrlKey: true });
    const dialog = await screen.findByRole("dialog", { name: "New case" });
    await user.type(within(dialog).getByRole("textbox", { name: "Title" }), "No signal");
    await user.click(within(dialog).getByRole("combobox", { name: "Customer" }));
    await user.keyboard("Zhao Lei");
    await within(dialog).findByRole("option", { name: "Add customer “Zhao Lei”" });
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(callsTo("customer_create")).toEqual([
        { input: { name: "Zhao Lei", company: "", email: "", phone: "", tier: "standard", notes: "" } },
      ]),
    );
    await user.click(within(dialog).getByRole("button", { name: "Create case" }));
    await waitFor(() =>
      expect(callsTo("case_create")).toEqual([
        {
          input: {
            title: "No signal",
            description: "",
            customerId: "cust-9",
            channel: "phone",
            category: "",
            priority: "p3",
          },
        },
      ]),
    );
  }, 20_000);

  it("keeps what was typed and shows Rust's validation error beside its field", async () => {
    mockIpc({
      case_list: fakeList(3),
      case_create: rejectWith(ipcError({ code: "validation", field: "title", rule: "too_long", limit: 200 })),
    });
    const { user } = renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    await user.click(screen.getByRole("button", { name: "New case" }));
    const dialog = await screen.findByRole("dialog", { name: "New case" });
    const title = within(dialog).getByRole("textbox", { name: "Title" });
    await user.type(title, "Too long a title{Enter}");
    await waitFor(() => expect(title).toHaveAccessibleDescription("Must be at most 200 characters."));
    expect(title).toHaveValue("Too long a title");
    expect(screen.getByRole("dialog", { name: "New case" })).toBeInTheDocument();
  });

  it("asks for a title before calling Rust", async () => {
    mockIpc({ case_list: fakeList(3) });
    const { user } = renderApp("/cases");
    await screen.findByRole("grid", { name: "Case list" });
    await user.click(screen.getByRole("button", { name: "New case" }));
    const dialog = await screen.findByRole("dialog", { name: "New case" });
    await user.click(within(dialog).getByRole("button", { name: "Create case" }));
    expect(within(dialog).getByRole("textbox", { name: "Title" })).toHaveAccessibleDescription("This field is required.");
    expect(callsTo("case_create")).toEqual([]);
  });
});
