/**
 * QA hooks: scorecards (core makes a new version when criteria change), evaluations,
 * an agent's trend and a case's calibration. Every mutation refreshes everything QA shows.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type AgentId, type CaseId, type EvaluationInput, type ScorecardId, type ScorecardInput } from "./bindings";
import { unwrap } from "./result";

export const qaKeys = {
  all: ["qa"] as const,
  scorecards: ["qa", "scorecards"] as const,
  agent: (agent: AgentId) => ["qa", "agent", agent] as const,
  case: (id: CaseId) => ["qa", "case", id] as const,
};

/** Every scorecard with its current criteria, by name. */
export function useScorecards() {
  return useQuery({ queryKey: qaKeys.scorecards, queryFn: async () => unwrap(await commands.qaScorecardList()) });
}

/** An agent's evaluations, newest first, with the mean per month. */
export function useAgentQa(agent: AgentId) {
  return useQuery({ queryKey: qaKeys.agent(agent), queryFn: async () => unwrap(await commands.qaAgent(agent)) });
}

/** The evaluations made on a case, side by side. */
export function useCaseQa(id: CaseId) {
  return useQuery({ queryKey: qaKeys.case(id), queryFn: async () => unwrap(await commands.qaCase(id)) });
}

function useQaMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: qaKeys.all });
    },
  });
}

/** Makes a scorecard (`id` null) or saves one (a new version when its criteria changed). */
export function useSaveScorecard(id: ScorecardId | null) {
  return useQaMutation(async (input: ScorecardInput) => {
    if (id) unwrap(await commands.qaScorecardUpdate(id, input));
    else unwrap(await commands.qaScorecardCreate(input));
  });
}

/** Deletes a scorecard; its evaluations stay. */
export function useDeleteScorecard() {
  return useQaMutation(async (id: ScorecardId) => unwrap(await commands.qaScorecardDelete(id)));
}

/** Records an evaluation. */
export function useEvaluate() {
  return useQaMutation(async (input: EvaluationInput) => unwrap(await commands.qaEvaluate(input)));
}
