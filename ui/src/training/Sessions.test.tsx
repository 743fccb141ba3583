import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { AttendanceRow, SessionDetail, SessionInput } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleDetail as sampleCase } from "../test/cases";
import { sampleAgent, sampleCourses } from "../test/training";

function sampleDetail(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    session: {
      id: "session-1",
      courseId: "course-gdpr",
      courseTitle: "Data protection",
      heldOn: "2026-02-20",
      trainer: "Grace Wu",
      place: "Room 3",
      capacity: 4,
      enrolled: 3,
      attended: 1,
      passed: 1,
    },
    passMark: 80,
    validityMonths: 12,
    attendees: [
      { agentId: "agent-ann", name: "Ann Lee", employeeId: "E-1001", leftOn: null, attended: false, result: null },
      { agentId: "agent-bo", name: "Bo Chen", employeeId: "E-1002", leftOn: null, attended: false, result: null },
      {
        agentId: "agent-cy",
        name: "Cy Wang",
        employeeId: "E-1003",
        leftOn: null,
        attended: true,
        result: { score: 91, passed: true, expiresOn: "2027-02-20" },
      },
    ],
    ...overrides,
  };
}

describe("sessions", () => {
  it("lists sessions with their counts and schedules one", async () => {
    mockIpc({
      course_list: () => sampleCourses,
      session_list: () => [sampleDetail().session],
      session_create: () => "session-2",
      session_get: () => sampleDetail(),
    });
    const { user } = renderApp("/training/sessions");
    const table = await screen.findByRole("table", { name: "Sessions" });
    const row = within(table).getByRole("row", { name: /Data protection/ });
    expect(within(row).getByText("Grace Wu")).toBeInTheDocument();
    expect(within(row).getByText("3 of 4 places")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("button", { name: "Schedule session" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule a session" });
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    expect(within(dialog).getByRole("combobox", { name: "Course" })).toHaveAccessibleDescription("This field is required.");
    await user.click(within(dialog).getByRole("combobox", { name: "Course" }));
    await user.click(await screen.findByRole("option", { name: "Data protection" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Trainer" }), "Grace Wu");
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("session_create")[0] as { input: SessionInput }).input;
    expect(input).toMatchObject({ courseId: "course-gdpr", trainer: "Grace Wu", place: "", capacity: 12 });
    expect(await screen.findByRole("heading", { level: 2, name: "Data protection, 2026-02-20" })).toBeInTheDocument();
  });

  it("opens a course's sessions from the course list", async () => {
    mockIpc({ course_list: () => sampleCourses, session_list: () => [sampleDetail().session] });
    const { user } = renderApp("/training/courses");
    await user.click(await screen.findByRole("link", { name: "Sessions of Data protection" }));
    expect(await screen.findByRole("table", { name: "Sessions" })).toBeInTheDocument();
    expect(callsTo("session_list")).toContainEqual({ course: "course-gdpr" });
  });

  it("offers only active agents not yet enrolled, and shows Rust's capacity refusal", async () => {
    mockIpc({
      session_get: () => sampleDetail(),
      roster_list: () => [
        sampleAgent(),
        sampleAgent({ id: "agent-dee", name: "Dee Ho", employeeId: "E-1004" }),
        sampleAgent({ id: "agent-eve", name: "Eve Left", employeeId: "E-1005", leftOn: "2026-01-31" }),
      ],
      session_enrol: () => Promise.reject(ipcError({ code: "validation", field: "agentIds", rule: "over_capacity", limit: 4 })),
    });
    const { user } = renderApp("/training/sessions/session-1");
    const picker = await screen.findByRole("combobox", { name: "Enrol agents" });
    await user.click(picker);
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toEqual(["Dee Ho (E-1004)"]);
    await user.click(screen.getByRole("option", { name: "Dee Ho (E-1004)" }));
    await user.click(screen.getByRole("button", { name: "Enrol" }));
    expect(await screen.findByText("More agents than the session has places for (at most 4).")).toBeInTheDocument();
    expect(callsTo("session_enrol")[0]).toEqual({ id: "session-1", agents: ["agent-dee"] });
  });
});

describe("the attendance grid", () => {
  it("moves between cells with the arrow keys and Enter, and saves every editable row at once", async () => {
    mockIpc({ session_get: () => sampleDetail(), roster_list: () => [], session_save_attendance: () => ({ records: 1 }) });
    const { user } = renderApp("/training/sessions/session-1");
    const grid = await screen.findByRole("table", { name: "Attendance" });
    const annAttended = within(grid).getByRole("checkbox", { name: "Ann Lee attended" });
    const annScore = within(grid).getByRole("textbox", { name: "Score of Ann Lee" });
    const boAttended = within(grid).getByRole("checkbox", { name: "Bo Chen attended" });
    const boScore = within(grid).getByRole("textbox", { name: "Score of Bo Chen" });
    // The recorded row shows its result and has no fields.
    const cy = within(grid).getByRole("row", { name: /Cy Wang/ });
    expect(within(cy).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(cy).getByText("Passed · expires 2027-02-20")).toBeInTheDocument();

    annAttended.focus();
    await user.keyboard("{ArrowRight}");
    expect(annScore).toHaveFocus();
    await user.keyboard("85{Enter}");
    expect(boScore).toHaveFocus();
    // Typing a score ticks "attended".
    expect(annAttended).toBeChecked();
    await user.keyboard("{ArrowLeft}");
    expect(boAttended).toHaveFocus();
    await user.keyboard(" ");
    expect(boAttended).toBeChecked();
    await user.keyboard("{ArrowUp}");
    expect(annAttended).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    // Cy's row is recorded: the focus stays on the last editable row.
    expect(boAttended).toHaveFocus();
    expect(within(grid).getByRole("row", { name: /Ann Lee/ })).toHaveTextContent("Will pass");
    expect(within(grid).getByRole("row", { name: /Bo Chen/ })).toHaveTextContent("Score to come");

    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    expect(await screen.findByText("Attendance saved; 1 training record added.")).toBeInTheDocument();
    const rows = (callsTo("session_save_attendance")[0] as { id: string; rows: AttendanceRow[] }).rows;
    expect(rows).toEqual([
      { agentId: "agent-ann", attended: true, score: 85 },
      { agentId: "agent-bo", attended: true, score: null },
    ]);
  });

  it("refuses a score outside 0–100 before sending anything, and shows Rust's refusals", async () => {
    let calls = 0;
    mockIpc({
      session_get: () => sampleDetail(),
      roster_list: () => [],
      session_save_attendance: () => {
        calls += 1;
        return Promise.reject(ipcError({ code: "validation", field: "completedOn", rule: "too_late", limit: 0 }));
      },
    });
    const { user } = renderApp("/training/sessions/session-1");
    const grid = await screen.findByRole("table", { name: "Attendance" });
    const annScore = within(grid).getByRole("textbox", { name: "Score of Ann Lee" });
    await user.type(annScore, "101");
    expect(annScore).toHaveAccessibleDescription("Enter a whole number from 0 to 100.");
    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("1 score is not a whole number from 0 to 100; nothing was saved.");
    expect(annScore).toHaveFocus();
    expect(calls).toBe(0);
    await user.clear(annScore);
    await user.type(annScore, "90");
    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Completed on: Choose a date no more than 0 days from today.");
  });
});

describe("agent pickers", () => {
  it("leave out agents who have left, while a case of theirs still shows their name", async () => {
    const agents = [
      { id: "a1", name: "Li Na", teamId: null, teamName: null, leftOn: "2026-01-31" },
      { id: "a2", name: "Sam Lee", teamId: null, teamName: null, leftOn: null },
      { id: "a3", name: "Wang Fang", teamId: null, teamName: null, leftOn: "2025-12-31" },
    ];
    const detail = sampleCase({}, { assigneeId: "a1", assigneeName: "Li Na" });
    mockIpc({ case_get: () => detail, agent_list: () => agents });
    const { user } = renderApp("/cases/case-1");
    await user.click(await screen.findByRole("button", { name: "Assign" }));
    const dialog = await screen.findByRole("dialog", { name: "Assign case" });
    await user.click(within(dialog).getByRole("combobox", { name: "Agent" }));
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toEqual(["Nobody", "Li Na (left)", "Sam Lee"]);
  });
});
