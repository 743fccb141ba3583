/**
 * Calendar hooks: named calendars and the teams counting in them, holidays and make-up
 * days, their import from an .ics file and the ready holiday sets. Every change moves
 * due times cached on open cases (Rust recomputes them in the same transaction), so case
 * lists and details are refetched too.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  commands,
  type CalendarId,
  type CalendarInput,
  type HolidayId,
  type HolidayInput,
  type TeamId,
  type Weekday,
} from "./bindings";
import { peopleKeys } from "./people";
import { unwrap } from "./result";
import { refreshAfterChange } from "./serviceLevels";

export const calendarKeys = {
  calendars: ["calendars", "named"] as const,
  days: ["calendars", "days"] as const,
  sets: ["calendars", "sets"] as const,
};

/** The named calendars, by name. */
export function useCalendars() {
  return useQuery({
    queryKey: calendarKeys.calendars,
    queryFn: async () => unwrap(await commands.calendarList()),
  });
}

export function useCreateCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CalendarInput) => unwrap(await commands.calendarCreate(input)),
    onSuccess: () => refreshAfterChange(client, calendarKeys.calendars),
  });
}

export function useUpdateCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id: CalendarId; input: CalendarInput }) =>
      unwrap(await commands.calendarUpdate(id, input)),
    onSuccess: () => refreshAfterChange(client, calendarKeys.calendars),
  });
}

export function useDeleteCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: CalendarId) => unwrap(await commands.calendarDelete(id)),
    onSuccess: () =>
      Promise.all([
        refreshAfterChange(client, calendarKeys.calendars),
        client.invalidateQueries({ queryKey: calendarKeys.days }),
        client.invalidateQueries({ queryKey: peopleKeys.teams }),
      ]),
  });
}

export function useSetTeamCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ team, calendar }: { team: TeamId; calendar: CalendarId | null }) =>
      unwrap(await commands.teamSetCalendar(team, calendar)),
    onSuccess: () =>
      Promise.all([
        refreshAfterChange(client, peopleKeys.teams),
        client.invalidateQueries({ queryKey: calendarKeys.calendars }),
      ]),
  });
}

/** Every holiday and make-up day of every calendar, earliest first. */
export function useHolidays() {
  return useQuery({
    queryKey: calendarKeys.days,
    queryFn: async () => unwrap(await commands.holidayList()),
  });
}

export function useCreateHoliday() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: HolidayInput) => unwrap(await commands.holidayCreate(input)),
    onSuccess: () => refreshAfterChange(client, calendarKeys.days),
  });
}

export function useDeleteHoliday() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: HolidayId) => unwrap(await commands.holidayDelete(id)),
    onSuccess: () => refreshAfterChange(client, calendarKeys.days),
  });
}

/** The ready holiday sets shipped with the app (they never change while it runs). */
export function useHolidaySets() {
  return useQuery({
    queryKey: calendarKeys.sets,
    queryFn: () => commands.holidaySetList(),
    staleTime: Infinity,
  });
}

/** What a file or a ready set would add: read only, nothing is saved. */
export async function previewImport(calendar: CalendarId | null, content: string) {
  return unwrap(await commands.holidayImportPreview(calendar, content));
}

export async function previewSet(calendar: CalendarId | null, id: string) {
  return unwrap(await commands.holidaySetPreview(calendar, id));
}

/** Adds the previewed days: from a file's text, or a ready set. */
export function useApplyDays() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      args:
        | { source: "file"; calendar: CalendarId | null; content: string; worksAs: Weekday }
        | { source: "set"; calendar: CalendarId | null; id: string },
    ) =>
      unwrap(
        args.source === "file"
          ? await commands.holidayImportApply(args.calendar, args.content, args.worksAs)
          : await commands.holidaySetApply(args.calendar, args.id),
      ),
    onSuccess: () => refreshAfterChange(client, calendarKeys.days),
  });
}
