/**
 * KPI target hooks: the targets set for roles and agents, setting or clearing one, and
 * how an agent stands against theirs. Setting a target refreshes both.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type AgentId, type KpiMetric, type TargetScope } from "./bindings";
import { unwrap } from "./result";

export const targetKeys = {
  all: ["targets"] as const,
  list: ["targets", "list"] as const,
  agent: (agent: AgentId) => ["targets", "agent", agent] as const,
};

/** Every target set, roles' first. */
export function useTargets() {
  return useQuery({ queryKey: targetKeys.list, queryFn: async () => unwrap(await commands.targetList()) });
}

/** An agent's last 30 days against the targets that apply to them. */
export function useAgentTargets(agent: AgentId) {
  return useQuery({ queryKey: targetKeys.agent(agent), queryFn: async () => unwrap(await commands.targetAgentStatus(agent)) });
}

/** Sets a target (a value) or clears it (`null`). */
export function useSetTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ scope, kpi, value }: { scope: TargetScope; kpi: KpiMetric; value: number | null }) =>
      unwrap(await commands.targetSet(scope, kpi, value)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: targetKeys.all });
    },
  });
}
