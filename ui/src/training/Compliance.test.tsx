import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ComplianceQuery, Exemption, Requirement } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleAgent, sampleCompliance, sampleCourses, sampleHistory } from "../test/training";

describe("compliance matrix", () => {
  it("shows each state in words with an icon, counts per agent and per course, and who needs what", async () => {
    mockIpc({ compliance_view: () => sampleCompliance() });
    renderApp("/training/compliance");
    const table = await screen.findByRole("table", { name: "Compliance matrix" });
    // Its scrolled region takes focus, so the keyboard can scroll a matrix wider than the window.
    expect(screen.getByRole("region", { name: "Compliance matrix" })).toHaveAttribute("tabindex", "0");
    expect(screen.getByRole("link", { name: "Compliance" })).toHaveAttribute("aria-current", "page");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Agent", "Data protection", "CRM basics", "Summary"]);

    const ann = within(table).getByRole("row", { name: /Ann Lee/ });
    const annCells = within(ann).getAllByRole("cell");
    expect(annCells[0]).toHaveTextContent("ExpiringExpires 2026-03-20");
    expect(annCells[1]).toHaveTextContent("Compliant");
    expect(annCells[2]).toHaveTextContent("1 compliant, 1 expiring");
    // The icon repeats the words; it is hidden from screen readers.
    expect(annCells[0]!.querySelector("svg")).toHaveAttribute("aria-hidden");

    const bo = within(table).getByRole("row", { name: /Bo Chen/ });
    expect(within(bo).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "DueDue by 2026-03-18",
      "Exempt",
      "1 due, 1 exempt",
    ]);
    const cy = within(table).getByRole("row", { name: /Cy Wu/ });
    // A course the role does not require says so to screen readers, not only with a dash.
    expect(within(cy).getAllByRole("cell")[1]).toHaveTextContent("Not required");

    const summary = within(table).getByRole("row", { name: /^Summary/ });
    expect(within(summary).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "1 expiring, 1 expired, 1 due",
      "1 compliant, 1 exempt",
      "1 compliant, 1 expiring, 1 expired, 1 due, 1 exempt",
    ]);

    const needs = screen.getByRole("table", { name: "Needs in the next 30 days" });
    expect(within(needs).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual([
      "Cy WuData protectionExpired2026-02-01",
      "Bo ChenData protectionDue2026-03-18",
      "Ann LeeData protectionExpiring2026-03-20",
    ]);
    expect((callsTo("compliance_view")[0] as { query: ComplianceQuery }).query).toEqual({ teamId: null, withinDays: 30 });
  });

  it("asks for another horizon and another team", async () => {
    mockIpc({
      compliance_view: () => sampleCompliance(),
      team_list: () => [{ id: "team-1", name: "Tier 2", calendarId: null }],
    });
    const { user } = renderApp("/training/compliance");
    await screen.findByRole("table", { name: "Compliance matrix" });
    await user.click(screen.getByRole("radio", { name: "90 days" }));
    await waitFor(() =>
      expect(callsTo("compliance_view")).toContainEqual({ query: { teamId: null, withinDays: 90 } }),
    );
    expect(await screen.findByRole("heading", { name: "Who needs what in the next 90 days" })).toBeInTheDocument();
    await user.click(screen.getByRole("combobox", { name: "Team" }));
    await user.click(await screen.findByRole("option", { name: "Tier 2" }));
    await waitFor(() =>
      expect(callsTo("compliance_view")).toContainEqual({ query: { teamId: "team-1", withinDays: 90 } }),
    );
    expect(await screen.findByRole("heading", { name: "Compliance matrix: Tier 2" })).toBeInTheDocument();
  });

  it("exports the matrix to CSV through Rust and prints the page", async () => {
    mockIpc({
      compliance_view: () => sampleCompliance(),
      export_compliance_csv: () => ({ path: "/home/sam/Compliance All teams.csv", rows: 3 }),
    });
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const { user } = renderApp("/training/compliance");
    await screen.findByRole("table", { name: "Compliance matrix" });
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(await screen.findByText("Compliance matrix saved to /home/sam/Compliance All teams.csv")).toBeInTheDocument();
    expect(callsTo("export_compliance_csv")[0]).toEqual({
      teamId: null,
      fileName: expect.stringMatching(/^Compliance All teams \d{4}-\d{2}-\d{2}\.csv$/),
    });
    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it("says where requirements are set when nothing is required", async () => {
    mockIpc();
    renderApp("/training/compliance");
    expect(await screen.findByText(/No active agent here has a required course/)).toBeInTheDocument();
    expect(screen.getByText("Nobody needs anything in the next 30 days.")).toBeInTheDocument();
  });
});

describe("requirements", () => {
  it("sets a course required for a role with grace days, and shows Rust's refusal", async () => {
    let held: Requirement[] = [];
    let calls = 0;
    mockIpc({
      course_list: () => sampleCourses,
      requirement_list: () => held,
      requirement_set: (args) => {
        calls += 1;
        if (calls === 3) {
          return Promise.reject(ipcError({ code: "validation", field: "graceDays", rule: "invalid_value", limit: 365 }));
        }
        const input = (args as { input: Requirement }).input;
        held = [...held.filter((r) => r.courseId !== input.courseId || r.roleId !== input.roleId), input];
        return null;
      },
    });
    const { user } = renderApp("/training/requirements");
    const table = await screen.findByRole("table", { name: "Requirements by course and role" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Course",
      "Agent",
      "Senior agent",
      "Team lead",
      "QA",
    ]);
    const level = within(table).getByRole("combobox", { name: "Data protection for Agent" });
    expect(level).toHaveValue("none");
    await user.selectOptions(level, "required");
    expect((callsTo("requirement_set")[0] as { input: Requirement }).input).toEqual({
      roleId: "role-agent",
      courseId: "course-gdpr",
      level: "required",
      graceDays: 30,
    });
    const grace = await within(table).findByRole("textbox", { name: "Grace days for Data protection, Agent" });
    await user.clear(grace);
    await user.type(grace, "14");
    await user.tab();
    await waitFor(() => expect(callsTo("requirement_set")).toHaveLength(2));
    expect((callsTo("requirement_set")[1] as { input: Requirement }).input.graceDays).toBe(14);

    await user.clear(grace);
    await user.type(grace, "400");
    await user.tab();
    expect(await within(table).findByText("Grace days: This value is not valid.")).toBeInTheDocument();
  });
});

describe("exemptions", () => {
  it("exempts an agent from a course with a reason, lists it and ends it", async () => {
    let held: Exemption[] = [];
    mockIpc({
      training_history: () => sampleHistory(),
      course_list: () => sampleCourses,
      roster_list: () => [sampleAgent()],
      exemption_list: () => held,
      exemption_set: (args) => {
        held = [(args as { input: Exemption }).input];
        return null;
      },
      exemption_end: () => {
        held = [];
        return null;
      },
    });
    const { user } = renderApp("/training/people/agent-ann");
    expect(await screen.findByText("Not exempt from any course.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Exempt from a course" }));
    const dialog = await screen.findByRole("dialog", { name: "Exempt Ann Lee from a course" });
    await user.click(within(dialog).getByRole("combobox", { name: "Course" }));
    await user.click(await screen.findByRole("option", { name: "CRM basics" }));
    await user.click(within(dialog).getByRole("button", { name: "Exempt" }));
    expect(within(dialog).getByRole("textbox", { name: "Reason" })).toHaveAccessibleDescription("This field is required.");
    expect(callsTo("exemption_set")).toHaveLength(0);
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Vendor certificate");
    await user.click(within(dialog).getByRole("button", { name: "Exempt" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo("exemption_set")[0]).toEqual({
      input: { agentId: "agent-ann", courseId: "course-crm", reason: "Vendor certificate" },
    });

    const table = await screen.findByRole("table", { name: "Exemptions of Ann Lee" });
    expect(within(table).getByRole("row", { name: /CRM basics/ })).toHaveTextContent("Vendor certificate");
    await user.click(within(table).getByRole("button", { name: "End exemption from CRM basics" }));
    expect(await screen.findByText("Not exempt from any course.")).toBeInTheDocument();
    expect(callsTo("exemption_end")[0]).toEqual({ agent: "agent-ann", course: "course-crm" });
  });
});
