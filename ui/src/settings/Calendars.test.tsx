import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Calendar, CalendarInput, HolidayInput, ImportPreview, Settings } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc, rejectWith } from "../test/ipc";
import { renderApp } from "../test/render";

const LOAD_MS = 5000;
const TEST_MS = 30_000;

const saveButton = () => screen.getByRole("button", { name: "Save" });

describe("split shifts", { timeout: TEST_MS }, () => {
  it("gives Monday a lunch break and saves two intervals", async () => {
    mockIpc();
    const { user } = renderApp("/settings");
    const end = await screen.findByLabelText("Monday closing time", {}, { timeout: LOAD_MS });
    fireEvent.change(end, { target: { value: "12:00" } });
    await user.click(screen.getByRole("button", { name: "Add interval on Monday" }));
    const secondStart = screen.getByLabelText("Monday opening time, interval 2");
    fireEvent.change(secondStart, { target: { value: "13:30" } });
    fireEvent.change(screen.getByLabelText("Monday closing time, interval 2"), { target: { value: "18:00" } });
    await user.click(saveButton());

    expect(await screen.findByText("Settings saved")).toBeInTheDocument();
    const [call] = callsTo("settings_save") as { settings: Settings }[];
    expect(call?.settings.workingHours[0]?.intervals).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:30", end: "18:00" },
    ]);
  });

  it("refuses overlapping intervals beside the field, without saving", async () => {
    mockIpc();
    const { user } = renderApp("/settings");
    await screen.findByLabelText("Tuesday closing time", {}, { timeout: LOAD_MS });
    await user.click(screen.getByRole("button", { name: "Add interval on Tuesday" }));
    const start = screen.getByLabelText("Tuesday opening time, interval 2");
    fireEvent.change(start, { target: { value: "17:00" } });
    fireEvent.change(screen.getByLabelText("Tuesday closing time, interval 2"), { target: { value: "19:00" } });
    await user.click(saveButton());

    expect(start).toHaveAttribute("aria-invalid", "true");
    expect(start).toHaveAccessibleDescription(
      "Opening hours of one day must not overlap or touch; merge them into one interval.",
    );
    expect(callsTo("settings_save")).toEqual([]);

    // Removing the second interval clears the problem.
    await user.click(screen.getByRole("button", { name: "Remove interval 2 on Tuesday" }));
    expect(screen.queryByLabelText("Tuesday opening time, interval 2")).not.toBeInTheDocument();
  });
});

describe("make-up working days", { timeout: TEST_MS }, () => {
  it("adds a make-up day with the hours of the weekday picked", async () => {
    mockIpc({ holiday_create: () => "0192f0c4-0000-7000-8000-000000000301" });
    const { user } = renderApp("/settings");
    const form = await screen.findByRole("form", { name: "Add a holiday" }, { timeout: LOAD_MS });
    await user.click(within(form).getByRole("button", { name: "Date" }));
    const day = (await screen.findAllByRole("button", { name: /^10 / }))[0];
    if (!day) throw new Error("no 10th in the picker");
    await user.click(day);
    await user.click(within(form).getByRole("combobox", { name: "Kind" }));
    await user.click(await screen.findByRole("option", { name: "Make-up working day" }));
    await user.click(within(form).getByRole("combobox", { name: "Hours of" }));
    await user.click(await screen.findByRole("option", { name: "Friday" }));
    await user.click(within(form).getByRole("button", { name: "Add holiday" }));

    await waitFor(() => expect(callsTo("holiday_create")).toHaveLength(1));
    const [call] = callsTo("holiday_create") as { input: HolidayInput }[];
    expect(call?.input).toMatchObject({ kind: "workday", worksAs: "fri", calendarId: null });
    expect(await screen.findByText("Make-up working day added")).toBeInTheDocument();
  });
});

describe("importing holidays from an .ics file", { timeout: TEST_MS }, () => {
  const preview: ImportPreview = {
    calendarName: "中国大陆节假日",
    days: [
      { date: "2026-09-20", name: "上班", kind: "workday", alreadyListed: false },
      { date: "2026-10-01", name: "国庆节", kind: "holiday", alreadyListed: true },
      { date: "2026-10-02", name: "国庆节", kind: "holiday", alreadyListed: false },
    ],
    skipped: [{ name: "Team meeting", start: "20261012T090000", reason: "timed" }],
  };
  const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

  async function chooseFile(user: ReturnType<typeof renderApp>["user"], content: string) {
    await user.click(await screen.findByRole("button", { name: "Import .ics file…" }, { timeout: LOAD_MS }));
    const dialog = await screen.findByRole("dialog", { name: "Import holidays into Workspace calendar" });
    const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error("no file input");
    await user.upload(input, new File([content], "holidays.ics", { type: "text/calendar" }));
    return dialog;
  }

  it("previews the days, says what it leaves out, and adds only the new ones", async () => {
    mockIpc({ holiday_import_preview: () => preview, holiday_import_apply: () => 2 });
    const { user } = renderApp("/settings");
    const dialog = await chooseFile(user, ics);

    const table = await within(dialog).findByRole("table", { name: "Days in the file" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    expect(within(table).getByText("Already listed")).toBeInTheDocument();
    expect(within(dialog).getByText("2 days to add, 1 already listed.")).toBeInTheDocument();
    expect(
      within(dialog).getByText("Team meeting: it has a time of day, so it is not a whole-day holiday"),
    ).toBeInTheDocument();
    expect(callsTo("holiday_import_preview")).toEqual([{ calendar: null, content: ics }]);
    expect(callsTo("holiday_import_apply")).toEqual([]);

    await user.click(within(dialog).getByRole("combobox", { name: "Make-up working days have the hours of" }));
    await user.click(await screen.findByRole("option", { name: "Friday" }));
    await user.click(within(dialog).getByRole("button", { name: "Add 2 days" }));
    expect(await screen.findByText("2 days added")).toBeInTheDocument();
    expect(callsTo("holiday_import_apply")).toEqual([{ calendar: null, content: ics, worksAs: "fri" }]);
  });

  it("refuses a malformed file beside the field and saves nothing", async () => {
    mockIpc({
      holiday_import_preview: rejectWith(ipcError({ code: "validation", field: "file", rule: "invalid_value" })),
    });
    const { user } = renderApp("/settings");
    const dialog = await chooseFile(user, "not a calendar");
    expect(
      await within(dialog).findByText(
        "This is not an iCalendar (.ics) file, or it is damaged. Export the calendar again as .ics and choose that file.",
      ),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add 0 days" }));
    expect(callsTo("holiday_import_apply")).toEqual([]);
  });
});

describe("team calendars", { timeout: TEST_MS }, () => {
  const taipei: Calendar = {
    id: "0192f0c4-0000-7000-8000-000000000401",
    name: "Taipei",
    timeZone: "Asia/Taipei",
    workingHours: [],
    teams: [],
  };

  it("creates a calendar and lets a team count in it", async () => {
    let calendars: Calendar[] = [];
    mockIpc({
      calendar_list: () => calendars,
      calendar_create: (args) => {
        const { input } = args as { input: CalendarInput };
        calendars = [{ ...taipei, ...input }];
        return taipei.id;
      },
      team_list: () => [{ id: "t1", name: "Taipei desk", calendarId: null }],
      team_set_calendar: () => null,
    });
    const { user } = renderApp("/settings");
    await user.click(await screen.findByRole("button", { name: "New calendar" }, { timeout: LOAD_MS }));
    const dialog = await screen.findByRole("dialog", { name: "New calendar" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Taipei");
    await user.click(within(dialog).getByRole("combobox", { name: "Time zone" }));
    await user.click(await screen.findByRole("option", { name: "Asia/Taipei" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(callsTo("calendar_create")).toHaveLength(1));
    const [call] = callsTo("calendar_create") as { input: CalendarInput }[];
    expect(call?.input.name).toBe("Taipei");
    expect(call?.input.timeZone).toBe("Asia/Taipei");
    expect(call?.input.workingHours).toHaveLength(7);

    const teamsTable = await screen.findByRole("table", { name: "Calendar of each team" });
    await user.click(within(teamsTable).getByRole("combobox", { name: "Calendar of Taipei desk" }));
    await user.click(await screen.findByRole("option", { name: "Taipei" }));
    await waitFor(() => expect(callsTo("team_set_calendar")).toEqual([{ team: "t1", calendar: taipei.id }]));
  });
});
