import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseQuery, Customer } from "../ipc/bindings";
import { fakeList } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

const wang: Customer = {
  id: "cust-1",
  name: "Wang Fang",
  company: "Acme",
  email: "wang@example.com",
  phone: "+86 10 1234",
  tier: "vip",
  notes: "Prefers e-mail",
  caseCount: 3,
};

describe("customers", () => {
  it("searches customers as you type", async () => {
    mockIpc({ customer_search: (args) => ((args as { query: string }).query === "王" ? [] : [wang]) });
    const { user } = renderApp("/customers");
    expect(await screen.findByRole("heading", { level: 1, name: "Customers" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Customer list" });
    expect(await within(table).findByRole("link", { name: "Wang Fang" })).toBeInTheDocument();
    expect(within(table).getByText("VIP")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "Search customers" }), "王");
    expect(await screen.findByText("No customer matches this search.")).toBeInTheDocument();
    expect(callsTo("customer_search")).toContainEqual({ query: "王", limit: 200 });
  });

  it("says beside the search box when Rust refuses a search text as too long", async () => {
    mockIpc({
      customer_search: (args) =>
        [...(args as { query: string }).query].length > 200
          ? Promise.reject(ipcError({ code: "validation", field: "query", rule: "too_long", limit: 200 }))
          : [wang],
    });
    renderApp("/customers");
    const table = await screen.findByRole("table", { name: "Customer list" });
    expect(await within(table).findByRole("link", { name: "Wang Fang" })).toBeInTheDocument();
    const box = screen.getByRole("searchbox", { name: "Search customers" });
    fireEvent.change(box, { target: { value: "王".repeat(201) } });
    await waitFor(() => expect(box).toHaveAccessibleDescription("Must be at most 200 characters."));
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("Customers could not be loaded")).not.toBeInTheDocument();

    fireEvent.change(box, { target: { value: "王".repeat(200) } });
    await waitFor(() => expect(box).not.toHaveAttribute("aria-invalid", "true"));
    expect(await screen.findByRole("link", { name: "Wang Fang" })).toBeInTheDocument();
  });

  it("lists the customer's cases through the customerIds filter", async () => {
    mockIpc({ customer_get: () => wang, case_list: fakeList(3) });
    renderApp("/customers/cust-1");
    expect(await screen.findByRole("heading", { level: 1, name: "Wang Fang" })).toBeInTheDocument();
    expect(await screen.findByText("3 cases")).toBeInTheDocument();
    const queries = callsTo("case_list").map((a) => (a as { query: CaseQuery }).query);
    expect(queries[0]).toMatchObject({ queue: "all", customerIds: ["cust-1"], offset: 0, limit: 100 });
  });

  it("edits a customer, keeping the typed values when Rust refuses them", async () => {
    mockIpc({
      customer_get: () => wang,
      customer_update: rejectWith(ipcError({ code: "validation", field: "email", rule: "invalid_value" })),
    });
    const { user } = renderApp("/customers/cust-1");
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit customer" });
    const email = within(dialog).getByRole("textbox", { name: "E-mail" });
    await user.clear(email);
    await user.type(email, "not an address");
    await user.click(within(dialog).getByRole("radio", { name: "Standard" }));
    await user.click(within(dialog).getByRole("button", { name: "Save customer" }));
    await waitFor(() => expect(email).toHaveAccessibleDescription("This value is not valid."));
    expect(email).toHaveValue("not an address");
    expect(callsTo("customer_update")).toEqual([
      {
        id: "cust-1",
        input: {
          name: "Wang Fang",
          company: "Acme",
          email: "not an address",
          phone: "+86 10 1234",
          tier: "standard",
          notes: "Prefers e-mail",
        },
      },
    ]);
  }, 15_000);
});
