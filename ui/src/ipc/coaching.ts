/**
 * Coaching hooks: an agent's notes with their actions, the follow-ups due, recording a
 * note, correcting or deleting it, and ticking an action. Every mutation refreshes
 * everything coaching shows.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type AgentId, type CoachingActionId, type CoachingNoteId, type NoteEdit, type NoteInput } from "./bindings";
import { unwrap } from "./result";

export const coachingKeys = {
  all: ["coaching"] as const,
  agent: (agent: AgentId) => ["coaching", "agent", agent] as const,
  followUps: ["coaching", "followUps"] as const,
};

/** An agent's coaching notes, the latest first, as they stand today. */
export function useCoaching(agent: AgentId) {
  return useQuery({ queryKey: coachingKeys.agent(agent), queryFn: async () => unwrap(await commands.coachingForAgent(agent)) });
}

/** The follow-ups due today or overdue, the oldest first. */
export function useFollowUpsDue() {
  return useQuery({ queryKey: coachingKeys.followUps, queryFn: async () => unwrap(await commands.coachingFollowUpsDue()) });
}

function useCoachingMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: coachingKeys.all });
    },
  });
}

/** Records a coaching note with its actions. */
export function useCreateCoaching() {
  return useCoachingMutation(async (input: NoteInput) => unwrap(await commands.coachingCreate(input)));
}

/** Ticks an action done on a day, or opens it again with `null`. */
export function useActionDone() {
  return useCoachingMutation(async ({ id, doneOn }: { id: CoachingActionId; doneOn: string | null }) =>
    unwrap(await commands.coachingActionDone(id, doneOn)),
  );
}

/** Corrects a note's own fields. */
export function useUpdateCoaching() {
  return useCoachingMutation(async ({ id, edit }: { id: CoachingNoteId; edit: NoteEdit }) =>
    unwrap(await commands.coachingUpdate(id, edit)),
  );
}

/** Deletes a note with its actions. */
export function useDeleteCoaching() {
  return useCoachingMutation(async (id: CoachingNoteId) => unwrap(await commands.coachingDelete(id)));
}
