import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { AgentInput, CourseInput, RecordInput, RosterQuery } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleAgent, sampleCourses, sampleHistory } from "../test/training";

describe("people", () => {
  it("lists the active roster with each agent's facts, and opens an agent's records", async () => {
    mockIpc({
      roster_list: () => [sampleAgent()],
      team_list: () => [{ id: "team-1", name: "Tier 2", calendarId: null }],
      training_history: () => sampleHistory(),
      course_list: () => sampleCourses,
    });
    const { user } = renderApp("/training");
    expect(await screen.findByRole("heading", { level: 1, name: "Training" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Agents" });
    expect(screen.getByRole("link", { name: "People" })).toHaveAttribute("aria-current", "page");
    const row = within(table).getByRole("row", { name: /Ann Lee/ });
    expect(within(row).getByText("E-1001")).toBeInTheDocument();
    expect(within(row).getByText("Tier 2")).toBeInTheDocument();
    expect(within(row).getByText("Team lead")).toBeInTheDocument();
    expect(within(row).getByText("Active")).toBeInTheDocument();
    expect((callsTo("roster_list")[0] as { query: RosterQuery }).query).toEqual({ teamId: null, roleId: null, activity: "active" });

    await user.click(within(row).getByRole("link", { name: "Ann Lee" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Ann Lee" })).toBeInTheDocument();
    expect(callsTo("training_history")).toContainEqual({ agent: "agent-ann" });
  });

  it("adds an agent, and puts Rust's refusal of a duplicate employee id beside the field", async () => {
    let calls = 0;
    mockIpc({
      roster_add: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(ipcError({ code: "validation", field: "employeeId", rule: "duplicate" }))
          : "agent-new";
      },
    });
    const { user } = renderApp("/training/people");
    await user.click(await screen.findByRole("button", { name: "Add agent" }));
    const dialog = await screen.findByRole("dialog", { name: "Add an agent" });
    await user.click(within(dialog).getByRole("button", { name: "Add agent" }));
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription("This field is required.");
    expect(callsTo("roster_add")).toHaveLength(0);
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Bo Chen");
    await user.type(within(dialog).getByRole("textbox", { name: "Employee ID" }), "E-1001");
    await user.click(within(dialog).getByRole("button", { name: "Add agent" }));
    expect(await within(dialog).findByText("This already exists.")).toBeInTheDocument();
    expect(within(dialog).getByRole("textbox", { name: "Employee ID" })).toHaveAccessibleDescription("This already exists.");
    await user.clear(within(dialog).getByRole("textbox", { name: "Employee ID" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Employee ID" }), "E-1002");
    await user.click(within(dialog).getByRole("button", { name: "Add agent" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("roster_add")[1] as { input: AgentInput }).input;
    expect(input).toEqual({ name: "Bo Chen", employeeId: "E-1002", teamId: null, roleId: null, hiredOn: null });
  });

  it("marks an agent as left on a day, and says so when it is before the hire date", async () => {
    let calls = 0;
    mockIpc({
      roster_list: () => [sampleAgent()],
      roster_set_left: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(ipcError({ code: "validation", field: "leftOn", rule: "before_hire" })) : null;
      },
    });
    const { user } = renderApp("/training/people");
    await user.click(await screen.findByRole("button", { name: "Actions for Ann Lee" }));
    await user.click(await screen.findByRole("menuitem", { name: "Mark as left" }));
    const dialog = await screen.findByRole("dialog", { name: "Ann Lee leaves" });
    await user.click(within(dialog).getByRole("button", { name: "Mark as left" }));
    expect(await within(dialog).findByText("Choose a date on or after the agent's hire date.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Mark as left" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo("roster_set_left")[1]).toEqual({ id: "agent-ann", leftOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });
});

describe("an agent's records", () => {
  it("says each record's status in words with an icon, not colour alone", async () => {
    mockIpc({ training_history: () => sampleHistory(), course_list: () => sampleCourses });
    renderApp("/training/people/agent-ann");
    const table = await screen.findByRole("table", { name: "Training records of Ann Lee" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[3]?.textContent)).toEqual([
      "Expiring within 30 days",
      "Failed",
      "Expired",
      "Valid",
    ]);
    expect(within(rows[0]!).getByText("2026-03-20")).toBeInTheDocument();
    expect(within(rows[3]!).getByText("Never expires")).toBeInTheDocument();
    expect(within(rows[3]!).getByText("Vendor Academy")).toBeInTheDocument();
    // The icon repeats the words; it is hidden from screen readers.
    expect(rows[0]!.querySelector("svg")).toHaveAttribute("aria-hidden");
    expect(screen.getByText(/Employee ID E-1001 · Tier 2 · Team lead · Hired 2024-05-06/)).toBeInTheDocument();
  });

  it("adds a record, asking for the course first and placing Rust's date refusal beside the date", async () => {
    let calls = 0;
    mockIpc({
      training_history: () => sampleHistory(),
      course_list: () => sampleCourses,
      training_record_add: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(ipcError({ code: "validation", field: "completedOn", rule: "too_late", limit: 0 }))
          : "r5";
      },
    });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "Add record" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a training record for Ann Lee" });
    await user.click(within(dialog).getByRole("button", { name: "Add record" }));
    expect(within(dialog).getByRole("combobox", { name: "Course" })).toHaveAccessibleDescription("This field is required.");
    expect(callsTo("training_record_add")).toHaveLength(0);
    await user.click(within(dialog).getByRole("combobox", { name: "Course" }));
    await user.click(await screen.findByRole("option", { name: "Data protection" }));
    expect(within(dialog).getByText("0–100; the pass mark is 80.")).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: "Score" }), "85");
    await user.click(within(dialog).getByRole("button", { name: "Add record" }));
    expect(await within(dialog).findByText("Choose a date no more than 0 days from today.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add record" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("training_record_add")[1] as { input: RecordInput }).input;
    expect(input).toMatchObject({ agentId: "agent-ann", courseId: "course-gdpr", score: 85, issuer: "", note: "" });
  });
});

describe("courses", () => {
  it("lists courses with duration, validity and pass mark in words", async () => {
    mockIpc({ course_list: () => sampleCourses });
    renderApp("/training/courses");
    const table = await screen.findByRole("table", { name: "Courses" });
    const gdpr = within(table).getByRole("row", { name: /Data protection/ });
    expect(within(gdpr).getByText("Compliance")).toBeInTheDocument();
    expect(within(gdpr).getByText("90 minutes")).toBeInTheDocument();
    expect(within(gdpr).getByText("12 months")).toBeInTheDocument();
    const crm = within(table).getByRole("row", { name: /CRM basics/ });
    expect(within(crm).getByText("4 hours")).toBeInTheDocument();
    expect(within(crm).getByText("Never expires")).toBeInTheDocument();
    expect(within(crm).getByText("No pass mark")).toBeInTheDocument();
  });

  it("adds a course in hours, with Rust's refusal of a validity beside the field", async () => {
    let calls = 0;
    mockIpc({
      course_create: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(ipcError({ code: "validation", field: "validityMonths", rule: "invalid_value", limit: 120 }))
          : "course-new";
      },
    });
    const { user } = renderApp("/training/courses");
    await user.click(await screen.findByRole("button", { name: "Add course" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a course" });
    await user.type(within(dialog).getByRole("textbox", { name: "Course title" }), "De-escalation");
    await user.clear(within(dialog).getByRole("textbox", { name: "Duration" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Duration" }), "3");
    await user.type(within(dialog).getByRole("textbox", { name: "Valid for (months)" }), "24");
    await user.click(within(dialog).getByRole("button", { name: "Add course" }));
    expect(await within(dialog).findByText("This value is not valid.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add course" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("course_create")[1] as { input: CourseInput }).input;
    expect(input).toEqual({
      title: "De-escalation",
      topic: "product_knowledge",
      mode: "classroom",
      durationMinutes: 180,
      validityMonths: 24,
      passMark: null,
    });
  });
});
