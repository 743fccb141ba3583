/** Agents and teams: the assignment pickers, and who "me" is on this device. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type AgentId, type TeamId } from "./bindings";
import { unwrap } from "./result";

export const peopleKeys = {
  agents: ["agents"] as const,
  teams: ["teams"] as const,
  me: ["me"] as const,
};

export function useAgents() {
  return useQuery({
    queryKey: peopleKeys.agents,
    queryFn: async () => unwrap(await commands.agentList()),
    staleTime: 60_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: peopleKeys.teams,
    queryFn: async () => unwrap(await commands.teamList()),
    staleTime: 60_000,
  });
}

export function useCreateAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, team }: { name: string; team: TeamId | null }) =>
      unwrap(await commands.agentCreate(name, team)),
    onSuccess: () => client.invalidateQueries({ queryKey: peopleKeys.agents }),
  });
}

export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => unwrap(await commands.teamCreate(name)),
    onSuccess: () => client.invalidateQueries({ queryKey: peopleKeys.teams }),
  });
}

/** The agent "My cases" means on this device (null: not chosen yet). */
export function useMe() {
  return useQuery({
    queryKey: peopleKeys.me,
    queryFn: async () => unwrap(await commands.meGet()),
    staleTime: Infinity,
  });
}

export function useSetMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (agent: AgentId | null) => {
      unwrap(await commands.meSet(agent));
      return agent;
    },
    onSuccess: (agent) => {
      client.setQueryData(peopleKeys.me, agent);
      return client.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

/**
 * The agents a picker of new work (an assignment, an enrolment) offers: those who have not
 * left, plus `keep` — the agent already chosen — so a form still shows who it holds.
 */
export function pickableAgents<A extends { id: AgentId; leftOn?: string | null }>(agents: readonly A[] | undefined, keep: AgentId | null = null): A[] {
  return (agents ?? []).filter((a) => !a.leftOn || a.id === keep);
}
