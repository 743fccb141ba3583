import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { FillInput, PlanContactInput, TemplateInput } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { samplePlan, sampleRun } from "../test/plans";
import { renderApp } from "../test/render";
import { mailtoHref, unknownPlaceholders } from "./comms";

describe("call tree on the plan page", () => {
  it("lists the contacts in call order with their ways to be reached and backup, and reorders by keyboard", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    const { user } = renderApp("/plans/plan-1");
    const tree = await screen.findByRole("region", { name: "Call tree" });
    const items = within(tree).getAllByRole("listitem");
    expect(items.map((i) => within(i).getAllByText(/./)[0]?.textContent)).toEqual([
      "Ann Lee — Duty manager",
      "Bo Wang — IT on call",
      "王芳",
    ]);
    expect(within(items[0]!).getByText("Office +86 10 5555 0100 · Mobile 139 0000 0001 · ann@example.com")).toBeInTheDocument();
    expect(within(items[0]!).getByText("Backup: Bo Wang")).toBeInTheDocument();
    expect(within(tree).getByRole("button", { name: "Move up: Ann Lee" })).toBeDisabled();
    within(tree).getByRole("button", { name: "Move down: Ann Lee" }).focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(callsTo("plan_contact_move")).toEqual([{ id: "c1", up: false }]));
  });

  it("adds a contact with a backup, with Rust's refusal of the e-mail beside its field", async () => {
    let calls = 0;
    mockIpc({
      plan_get: () => samplePlan({ status: "draft" }),
      plan_contact_add: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(ipcError({ code: "validation", field: "email", rule: "invalid_email" })) : "c9";
      },
    });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Add contact" }));
    const dialog = await screen.findByRole("dialog", { name: "New contact" });
    await user.click(within(dialog).getByRole("button", { name: "Add contact" }));
    expect(await within(dialog).findByText("This field is required.")).toBeInTheDocument();
    expect(callsTo("plan_contact_add")).toHaveLength(0);
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Cy Chen");
    await user.type(within(dialog).getByRole("textbox", { name: "Mobile" }), "139 0000 0009");
    await user.type(within(dialog).getByRole("textbox", { name: "E-mail" }), "cy.example.com");
    await user.click(within(dialog).getByRole("combobox", { name: "Backup person" }));
    await user.click(await screen.findByRole("option", { name: "Ann Lee (Duty manager)" }));
    await user.click(within(dialog).getByRole("button", { name: "Add contact" }));
    expect(await within(dialog).findByText("Enter an e-mail address such as name@example.com.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add contact" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo("plan_contact_add")[1] as { plan: string; input: PlanContactInput }).toEqual({
      plan: "plan-1",
      input: { name: "Cy Chen", role: "", phone: "", mobile: "139 0000 0009", email: "cy.example.com", backupId: "c1" },
    });
  });

  it("never offers a contact as its own backup, and can clear the backup", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Edit: Ann Lee" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit the contact" });
    await user.click(within(dialog).getByRole("combobox", { name: "Backup person" }));
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toEqual(["No backup", "Bo Wang (IT on call)", "王芳"]);
    await user.click(screen.getByRole("option", { name: "No backup" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(callsTo("plan_contact_update")).toHaveLength(1));
    expect((callsTo("plan_contact_update")[0] as { id: string; input: PlanContactInput }).input.backupId).toBeNull();
  });

  it("removes a contact", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Remove: 王芳" }));
    await waitFor(() => expect(callsTo("plan_contact_remove")).toEqual([{ id: "c3" }]));
  });
});

describe("communication templates on the plan page", () => {
  it("lists the templates with their audience", async () => {
    mockIpc({ plan_get: () => samplePlan() });
    renderApp("/plans/plan-1");
    const section = await screen.findByRole("region", { name: "Communication templates" });
    const items = within(section).getAllByRole("listitem");
    expect(within(items[0]!).getByText("Customer-facing")).toBeInTheDocument();
    expect(within(items[0]!).getByText("Service notice: {incident_name}")).toBeInTheDocument();
    expect(within(items[1]!).getByText("Internal")).toBeInTheDocument();
  });

  it("names unknown placeholders before asking Rust, then saves", async () => {
    mockIpc({ plan_get: () => samplePlan({ status: "draft" }) });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Add template" }));
    const dialog = await screen.findByRole("dialog", { name: "New communication template" });
    expect(within(dialog).getByText(/\{incident_name\}, \{start_time\}, \{expected_recovery\}, \{commander\}/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: "Audience" }));
    await user.click(await screen.findByRole("option", { name: "Public statement" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Title (e-mail subject)" }), "关于{{incident_name}的说明");
    const body = within(dialog).getByRole("textbox", { name: "Message" });
    await user.type(body, "预计{{eta}恢复，{{eta}。负责人：{{owner}");
    await user.click(within(dialog).getByRole("button", { name: "Add template" }));
    expect(
      await within(dialog).findByText("Unknown placeholders {eta}, {owner}. Use only those listed under the message."),
    ).toBeInTheDocument();
    expect(callsTo("plan_template_add")).toHaveLength(0);
    await user.clear(body);
    await user.type(body, "预计{{expected_recovery}恢复。负责人：{{commander}");
    await user.click(within(dialog).getByRole("button", { name: "Add template" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo("plan_template_add")[0] as { plan: string; input: TemplateInput }).toEqual({
      plan: "plan-1",
      input: { kind: "public", title: "关于{incident_name}的说明", body: "预计{expected_recovery}恢复。负责人：{commander}" },
    });
  });

  it("shows Rust's refusal of a placeholder beside the field", async () => {
    mockIpc({
      plan_get: () => samplePlan(),
      plan_template_update: () => Promise.reject(ipcError({ code: "validation", field: "title", rule: "unknown_placeholder" })),
    });
    const { user } = renderApp("/plans/plan-1");
    await user.click(await screen.findByRole("button", { name: "Edit: War room open" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit the template" });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Use only the placeholders listed under the message.")).toBeInTheDocument();
  });
});

describe("contacts and communications during a run", () => {
  it("shows the version's call tree with phones to call and e-mails to write", async () => {
    mockIpc({ plan_run_get: () => sampleRun() });
    renderApp("/plans/runs/run-1");
    const tree = await screen.findByRole("region", { name: "Call tree" });
    expect(within(tree).getByRole("link", { name: "Call Ann Lee at the office: +86 10 5555 0100" })).toHaveAttribute(
      "href",
      "tel:+861055550100",
    );
    expect(within(tree).getByRole("link", { name: "Call Ann Lee on the mobile: 139 0000 0001" })).toHaveAttribute(
      "href",
      "tel:13900000001",
    );
    expect(within(tree).getByRole("link", { name: "ann@example.com" })).toHaveAttribute("href", "mailto:ann@example.com");
    expect(within(tree).getByText("Backup: Bo Wang")).toBeInTheDocument();
  });

  it("says when the run's version has no contacts or templates", async () => {
    mockIpc({ plan_run_get: () => sampleRun({ contacts: [], templates: [] }) });
    renderApp("/plans/runs/run-1");
    expect(await screen.findByText("This version of the plan has no contacts.")).toBeInTheDocument();
    expect(screen.getByText("This version of the plan has no communication templates.")).toBeInTheDocument();
  });

  it("fills a template with the run's values, copies it and opens it in the mail client", async () => {
    mockIpc({
      plan_run_get: () => sampleRun(),
      plan_template_fill: (args) => {
        const { input } = args as { input: FillInput };
        return {
          title: "Service notice: Telephony outage",
          body: `Since 2026-03-02 17:00 (UTC+08:00) our phone lines are down. We expect them back ${input.expectedRecovery || "{expected_recovery}"}.`,
          missing: input.expectedRecovery ? [] : ["expected_recovery"],
        };
      },
    });
    const { user } = renderApp("/plans/runs/run-1");
    const section = await screen.findByRole("region", { name: "Communications" });
    expect(within(section).getByRole("button", { name: "Fill in" })).toBeDisabled();
    await user.click(within(section).getByRole("combobox", { name: "Template" }));
    await user.click(await screen.findByRole("option", { name: "Customer-facing · Service notice: {incident_name}" }));
    await user.click(within(section).getByRole("button", { name: "Fill in" }));
    expect(await within(section).findByRole("status")).toHaveTextContent(
      "No value for {expected_recovery} yet: it is left as it is in the message.",
    );
    await user.type(within(section).getByRole("textbox", { name: /Expected recovery/ }), "by 18:00");
    await user.click(within(section).getByRole("button", { name: "Fill in" }));
    await waitFor(() => expect(within(section).queryByRole("status")).toBeNull());
    const args = callsTo("plan_template_fill")[1] as { run: string; template: string; input: FillInput };
    expect(args.run).toBe("run-1");
    expect(args.template).toBe("t1");
    expect(args.input.expectedRecovery).toBe("by 18:00");
    expect(args.input.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const body = "Since 2026-03-02 17:00 (UTC+08:00) our phone lines are down. We expect them back by 18:00.";
    expect(within(section).getByRole("textbox", { name: "Message" })).toHaveValue(body);
    await user.click(within(section).getByRole("button", { name: "Copy" }));
    expect(await screen.findByText("Message copied to the clipboard.")).toBeInTheDocument();
    // user-event stands in for the system clipboard.
    expect(await navigator.clipboard.readText()).toBe(`Service notice: Telephony outage\n\n${body}`);
    expect(within(section).getByRole("link", { name: "Open in mail" })).toHaveAttribute(
      "href",
      mailtoHref("Service notice: Telephony outage", body),
    );
  });
});

describe("template helpers", () => {
  it("finds unknown placeholders as Rust does", () => {
    expect(unknownPlaceholders("{incident} {commander} {eta} {incident} { x } {Name} {恢复}")).toEqual(["incident", "eta"]);
    expect(unknownPlaceholders("{incident_name}{start_time}{expected_recovery}{commander}")).toEqual([]);
  });

  it("encodes the subject and body of a mailto: link, Chinese and line breaks included", () => {
    expect(mailtoHref("服务中断 & 恢复", "第一行\n第二行 100%")).toBe(
      "mailto:?subject=%E6%9C%8D%E5%8A%A1%E4%B8%AD%E6%96%AD%20%26%20%E6%81%A2%E5%A4%8D&body=%E7%AC%AC%E4%B8%80%E8%A1%8C%0D%0A%E7%AC%AC%E4%BA%8C%E8%A1%8C%20100%25",
    );
  });
});
