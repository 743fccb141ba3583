/**
 * Training hooks: the roster (the same agents cases are assigned to, with their roster
 * facts), roles, courses, each agent's training records, the requirements table,
 * exemptions and the compliance matrix. Every mutation refreshes everything training
 * shows and the agent pickers, which list the same people.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import {
  commands,
  type AgentId,
  type AgentInput,
  type ComplianceQuery,
  type CourseId,
  type CourseInput,
  type Exemption,
  type RecordInput,
  type Requirement,
  type RosterQuery,
  type AttendanceRow,
  type SessionId,
  type SessionInput,
  type ChosenRecordsFile,
  type FileEncoding,
  type RecordDryRun,
  type RecordImportProgress,
} from "./bindings";
import { peopleKeys } from "./people";
import { unwrap } from "./result";

export const trainingKeys = {
  all: ["training"] as const,
  roles: ["training", "roles"] as const,
  roster: (query: RosterQuery) => ["training", "roster", query] as const,
  courses: ["training", "courses"] as const,
  history: (agent: AgentId) => ["training", "history", agent] as const,
  requirements: ["training", "requirements"] as const,
  exemptions: (agent: AgentId | null) => ["training", "exemptions", agent] as const,
  compliance: (query: ComplianceQuery) => ["training", "compliance", query] as const,
  sessions: (course: CourseId | null) => ["training", "sessions", course] as const,
  session: (id: SessionId) => ["training", "session", id] as const,
};

/** Every role in order, retired ones included. */
export function useRoles() {
  return useQuery({ queryKey: trainingKeys.roles, queryFn: async () => unwrap(await commands.roleList()) });
}

export function useRoster(query: RosterQuery) {
  return useQuery({
    queryKey: trainingKeys.roster(query),
    queryFn: async () => unwrap(await commands.rosterList(query)),
    placeholderData: keepPreviousData,
  });
}

export function useCourses() {
  return useQuery({ queryKey: trainingKeys.courses, queryFn: async () => unwrap(await commands.courseList()) });
}

/** An agent and their records as they stand today. */
export function useTrainingHistory(agent: AgentId) {
  return useQuery({
    queryKey: trainingKeys.history(agent),
    queryFn: async () => unwrap(await commands.trainingHistory(agent)),
  });
}

/** Every requirement that asks something (required or recommended). */
export function useRequirements() {
  return useQuery({ queryKey: trainingKeys.requirements, queryFn: async () => unwrap(await commands.requirementList()) });
}

/** The live exemptions of one agent, or of everyone with `null`. */
export function useExemptions(agent: AgentId | null) {
  return useQuery({
    queryKey: trainingKeys.exemptions(agent),
    queryFn: async () => unwrap(await commands.exemptionList(agent)),
  });
}

/** The compliance matrix of a team (or everyone) today, and who needs what within the horizon. */
export function useCompliance(query: ComplianceQuery) {
  return useQuery({
    queryKey: trainingKeys.compliance(query),
    queryFn: async () => unwrap(await commands.complianceView(query)),
    placeholderData: keepPreviousData,
  });
}

/** A mutation that refreshes everything training shows and the agent pickers. */
function useTrainingMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: trainingKeys.all });
      await client.invalidateQueries({ queryKey: peopleKeys.agents });
    },
  });
}

/** Adds an agent (`id` null) or replaces an agent's roster facts. */
export function useSaveAgent(id: AgentId | null) {
  return useTrainingMutation(async (input: AgentInput) =>
    id ? unwrap(await commands.rosterUpdate(id, input)) : unwrap(await commands.rosterAdd(input)),
  );
}

/** Marks an agent as left on a day, or active again with `leftOn` null. */
export function useSetLeft() {
  return useTrainingMutation(async ({ id, leftOn }: { id: AgentId; leftOn: string | null }) =>
    unwrap(await commands.rosterSetLeft(id, leftOn)),
  );
}

/** Adds a course (`id` null) or replaces one. */
export function useSaveCourse(id: CourseId | null) {
  return useTrainingMutation(async (input: CourseInput) =>
    id ? unwrap(await commands.courseUpdate(id, input)) : unwrap(await commands.courseCreate(input)),
  );
}

export function useAddRecord() {
  return useTrainingMutation(async (input: RecordInput) => unwrap(await commands.trainingRecordAdd(input)));
}

/** Sets one (role, course) cell of the requirements table. */
export function useSetRequirement() {
  return useTrainingMutation(async (input: Requirement) => unwrap(await commands.requirementSet(input)));
}

/** Exempts an agent from a course (or replaces the reason). */
export function useSetExemption() {
  return useTrainingMutation(async (input: Exemption) => unwrap(await commands.exemptionSet(input)));
}

/** Ends an agent's exemption from a course. */
export function useEndExemption() {
  return useTrainingMutation(async ({ agent, course }: { agent: AgentId; course: CourseId }) =>
    unwrap(await commands.exemptionEnd(agent, course)),
  );
}

/** The sessions of one course, or of every course with `null`, the latest first. */
export function useSessions(course: CourseId | null) {
  return useQuery({
    queryKey: trainingKeys.sessions(course),
    queryFn: async () => unwrap(await commands.sessionList(course)),
    placeholderData: keepPreviousData,
  });
}

/** A session's page: the session, its course's terms and the attendance grid. */
export function useSession(id: SessionId) {
  return useQuery({ queryKey: trainingKeys.session(id), queryFn: async () => unwrap(await commands.sessionGet(id)) });
}

/** Schedules a session (`id` null) or replaces one's fields. */
export function useSaveSession(id: SessionId | null) {
  return useTrainingMutation(async (input: SessionInput) =>
    id ? unwrap(await commands.sessionUpdate(id, input)) : unwrap(await commands.sessionCreate(input)),
  );
}

/** Enrols agents in a session; all or none. */
export function useEnrol(id: SessionId) {
  return useTrainingMutation(async (agents: AgentId[]) => unwrap(await commands.sessionEnrol(id, agents)));
}

/** Withdraws an agent from a session. */
export function useWithdraw(id: SessionId) {
  return useTrainingMutation(async (agent: AgentId) => unwrap(await commands.sessionWithdraw(id, agent)));
}

/** Saves the attendance grid in one transaction; returns how many records it wrote. */
export function useSaveAttendance(id: SessionId) {
  return useTrainingMutation(async (rows: AttendanceRow[]) => unwrap(await commands.sessionSaveAttendance(id, rows)));
}

/** Opens the open dialog for a training-records CSV and checks every row; `null` when closed. */
export async function chooseRecordsFile(): Promise<ChosenRecordsFile | null> {
  return unwrap(await commands.trainingImportChooseFile());
}

/** Checks every row of the chosen file again, read in `encoding` (`null`: as detected). */
export async function dryRunRecordsImport(encoding: FileEncoding | null): Promise<RecordDryRun> {
  return unwrap(await commands.trainingImportDryRun(encoding));
}

/** Imports the chosen file in one transaction, with progress; refreshes training after. */
export function useRecordsImport() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<RecordImportProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async (encoding: FileEncoding | null) => {
      setProgress(null);
      const channel = new Channel<RecordImportProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.trainingImportRun(encoding, channel));
    },
    onSettled: () => client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
  return { ...mutation, progress };
}
