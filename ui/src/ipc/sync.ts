/**
 * Sync hooks: the sync state (what the database knows, plus whether the background
 * sync is running and how far it is), signing in and out, "Sync now" and Cancel, the
 * conflicts and how they are settled, and clearing demo data.
 *
 * The background sync reports through events (`syncProgress`, `syncFinished`,
 * `dataChanged`): `useSyncEvents` turns them into cache updates. Progress is written into
 * the cached state directly (no IPC per tick); a finished sync refetches the state and the
 * conflicts, and pulled data refreshes every view.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import {
  commands,
  events,
  type ConflictResolution,
  type SignIn,
  type SyncFinished,
  type SyncState,
  type SyncStatus,
} from "./bindings";
import { useTauriEvent } from "./events";
import { unwrap } from "./result";

export const syncKeys = {
  all: ["sync"] as const,
  state: ["sync", "state"] as const,
  conflicts: ["sync", "conflicts"] as const,
};

/**
 * How often the state is read when no event says it changed: changes waiting grow with
 * local edits, and a sync started elsewhere (the CLI) shows up within this.
 */
export const SYNC_STATE_REFRESH_MS = 15_000;

/** The sync state; refreshed by events and every 15 s. */
export function useSyncState() {
  return useQuery({
    queryKey: syncKeys.state,
    queryFn: async () => unwrap(await commands.syncState()),
    refetchInterval: SYNC_STATE_REFRESH_MS,
  });
}

/** Conflicts waiting for review, newest first. */
export function useSyncConflicts(enabled = true) {
  return useQuery({
    queryKey: syncKeys.conflicts,
    queryFn: async () => unwrap(await commands.syncConflicts()),
    enabled,
  });
}

/** Puts a status the command returned into the cached state (keeping what runs). */
function storeStatus(client: QueryClient, status: SyncStatus) {
  client.setQueryData<SyncState>(syncKeys.state, (old) => ({
    status,
    running: old?.running ?? false,
    progress: old?.progress ?? null,
  }));
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignIn) => unwrap(await commands.syncSignIn(input)),
    onSuccess: (status) => {
      storeStatus(client, status);
      return client.invalidateQueries({ queryKey: syncKeys.all });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await commands.syncSignOut()),
    onSuccess: (status) => {
      client.setQueryData<SyncState>(syncKeys.state, { status, running: false, progress: null });
      return client.invalidateQueries({ queryKey: syncKeys.all });
    },
  });
}

/** Asks for a sync now; shown as running at once (the worker's events follow). */
export function useSyncNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await commands.syncNow()),
    onSuccess: () => {
      client.setQueryData<SyncState>(syncKeys.state, (old) => old && { ...old, running: true });
    },
  });
}

/** Stops a running sync between pages; what arrived stays. */
export function useCancelSync() {
  return useMutation({ mutationFn: async () => unwrap(await commands.syncCancel()) });
}

/** Settles one conflict; "keep mine" is a new local edit, so every view refreshes. */
export function useResolveConflict() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, resolution }: { id: number | null; resolution: ConflictResolution }) =>
      unwrap(await commands.syncResolveConflict(id, resolution)),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Removes the demo data, so the database may sign in; every view refreshes. */
export function useClearDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await commands.demoClear()),
    onSuccess: () => client.invalidateQueries(),
  });
}

/**
 * Follows the background sync: progress into the cached state, a finished sync
 * refetches the state and the conflicts (and every view when changes arrived), pulled
 * data refreshes every view. `onFinished` hears each finished sync (e.g. to say that
 * new conflicts need review). Mount once, in the app's frame.
 */
export function useSyncEvents(onFinished?: (finished: SyncFinished) => void): void {
  const client = useQueryClient();
  useTauriEvent(events.syncProgress.listen, (progress) => {
    client.setQueryData<SyncState>(syncKeys.state, (old) => old && { ...old, running: true, progress });
  });
  useTauriEvent(events.syncFinished.listen, (finished) => {
    client.setQueryData<SyncState>(syncKeys.state, (old) => old && { ...old, running: false, progress: null });
    if (finished.received > 0 || finished.conflicts > 0) void client.invalidateQueries();
    else void client.invalidateQueries({ queryKey: syncKeys.all });
    onFinished?.(finished);
  });
  useTauriEvent(events.dataChanged.listen, () => void client.invalidateQueries());
}
