/**
 * Service-level hooks: the effective SLA targets per priority and the team's policies.
 * Every change moves due times cached on open cases (Rust recomputes them in the same
 * transaction), so case lists and details are refetched too.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { commands, type SlaPolicyId, type SlaPolicyInput } from "./bindings";
import { caseKeys } from "./cases";
import { unwrap } from "./result";

export const serviceLevelKeys = {
  policies: ["serviceLevels", "policies"] as const,
};

export function refreshAfterChange(client: QueryClient, key: readonly string[]) {
  return Promise.all([
    client.invalidateQueries({ queryKey: key }),
    client.invalidateQueries({ queryKey: caseKeys.all }),
  ]);
}

/** What applies per priority: built-in defaults and the team's policies, P1 first. */
export function useSlaPolicies() {
  return useQuery({
    queryKey: serviceLevelKeys.policies,
    queryFn: async () => unwrap(await commands.slaPolicyList()),
  });
}

export function useCreateSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SlaPolicyInput) => unwrap(await commands.slaPolicyCreate(input)),
    onSuccess: () => refreshAfterChange(client, serviceLevelKeys.policies),
  });
}

export function useUpdateSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id: SlaPolicyId; input: SlaPolicyInput }) =>
      unwrap(await commands.slaPolicyUpdate(id, input)),
    onSuccess: () => refreshAfterChange(client, serviceLevelKeys.policies),
  });
}

export function useDeleteSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: SlaPolicyId) => unwrap(await commands.slaPolicyDelete(id)),
    onSuccess: () => refreshAfterChange(client, serviceLevelKeys.policies),
  });
}
