/** Saved list views (this device's, not synced). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type CaseQuery, type ViewId } from "./bindings";
import { unwrap } from "./result";

export const viewKeys = { all: ["views"] as const };

export function useSavedViews() {
  return useQuery({
    queryKey: viewKeys.all,
    queryFn: async () => unwrap(await commands.viewList()),
  });
}

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, query }: { name: string; query: CaseQuery }) =>
      unwrap(await commands.viewSave(name, query)),
    onSuccess: () => client.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: ViewId) => unwrap(await commands.viewDelete(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: viewKeys.all }),
  });
}
