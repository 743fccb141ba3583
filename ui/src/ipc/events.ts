/**
 * Events Rust pushes to the window, and the desktop notifications they may raise.
 * `slaBreached` comes from the background breach watcher once a minute at most; every
 * cached case view is refreshed when it arrives. `runStepsOverdue` comes from the step
 * watcher the same way when required steps of active runs pass their target; the plans'
 * cached views are refreshed. `databaseReady` comes once, when a
 * database that was busy at start-up opens. The sync events are followed in `sync.ts`.
 */
import { useQueryClient } from "@tanstack/react-query";
import { isPermissionGranted, requestPermission, sendNotification } from "@tauri-apps/plugin-notification";
import { useEffect, useRef } from "react";

import { events, type Breach, type OverdueStep } from "./bindings";
import { invalidateCases } from "./cases";
import { planKeys } from "./plans";

/**
 * Listens to one Tauri event while the component is mounted. Outside the Tauri window
 * (tests, a plain browser) there are no events, and nothing happens.
 */
export function useTauriEvent<T>(
  listen: (handler: (event: { payload: T }) => void) => Promise<() => void>,
  onEvent: (payload: T) => void,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let stop: (() => unknown) | null = null;
    let cancelled = false;
    Promise.resolve()
      .then(() => listen((event) => handler.current(event.payload)))
      .then(
        (unlisten) => {
          if (cancelled) void Promise.resolve().then(unlisten).catch(() => undefined);
          else stop = unlisten;
        },
        () => undefined,
      );
    return () => {
      cancelled = true;
      const unlisten = stop;
      if (unlisten) void Promise.resolve().then(unlisten).catch(() => undefined);
    };
  }, [listen]);
}

export function useSlaBreaches(onBreach: (cases: Breach[]) => void): void {
  const client = useQueryClient();
  useTauriEvent(events.slaBreached.listen, (payload) => {
    void invalidateCases(client);
    onBreach(payload.cases);
  });
}

export function useRunStepsOverdue(onOverdue: (steps: OverdueStep[]) => void): void {
  const client = useQueryClient();
  useTauriEvent(events.runStepsOverdue.listen, (payload) => {
    void client.invalidateQueries({ queryKey: planKeys.all });
    onOverdue(payload.steps);
  });
}

/**
 * The database opened after another program had kept it busy at start-up: everything
 * shown so far was an error or a loader, so every query loads afresh.
 */
export function useDatabaseReady(): void {
  const client = useQueryClient();
  useTauriEvent(events.databaseReady.listen, () => void client.invalidateQueries());
}

/** A notification from the operating system; silently nothing when not allowed. */
export async function notifyDesktop(title: string, body: string): Promise<void> {
  try {
    let allowed = await isPermissionGranted();
    if (!allowed) allowed = (await requestPermission()) === "granted";
    if (allowed) sendNotification({ title, body });
  } catch {
    // No notification plugin here (tests, a plain browser): the in-app notice suffices.
  }
}
