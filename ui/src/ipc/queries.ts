/**
 * TanStack Query hooks over the generated IPC commands. This folder is the only place
 * that talks to the Rust side: feature code imports these hooks, never `invoke`.
 *
 * Commands that return `Result<T, IpcError>` are unwrapped here; an error becomes a
 * thrown `IpcFailure` carrying the `IpcError`, so React Query's `error` is typed and
 * `errors.ts` can translate it from its code. A plain `Error` thrown by the bindings
 * (the IPC bridge itself failed) passes through unchanged.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type Settings } from "./bindings";
import { caseKeys } from "./cases";
import { unwrap } from "./result";

export { IpcFailure, unwrap, type Result } from "./result";
export * from "./cases";
export * from "./customers";
export * from "./people";
export * from "./views";
export * from "./serviceLevels";
export * from "./demo";
export * from "./events";
export * from "./sync";
export * from "./kpi";
export * from "./voc";
export * from "./training";
export * from "./plans";
export * from "./knowledge";
export * from "./qa";
export * from "./coaching";
export * from "./targets";
export * from "./attachments";

export const queryKeys = {
  appInfo: ["appInfo"],
  settings: ["settings"],
  timeZones: ["settings", "timeZones"],
} as const;

/** Version, database path and schema version: fixed for the life of the process. */
export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: async () => unwrap(await commands.appInfo()),
    staleTime: Infinity,
  });
}

export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: async () => unwrap(await commands.settingsGet()),
  });
}

/** IANA time zone names the Rust side accepts. */
export function useTimeZones() {
  return useQuery({
    queryKey: queryKeys.timeZones,
    queryFn: () => commands.settingsTimeZones(),
    staleTime: Infinity,
  });
}

/** Saves settings; on success the cache holds what Rust stored (it may normalise). */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (settings: Settings) => unwrap(await commands.settingsSave(settings)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      // New working hours or time zone move the due times cached on open cases.
      return queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
