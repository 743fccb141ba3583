/**
 * Events Rust pushes to the window, and the desktop notifications they may raise.
 * `slaBreached` comes from the background breach watcher once a minute at most; every
 * cached case view is refreshed when it arrives.
 */
import { useQueryClient } from "@tanstack/react-query";
import { isPermissionGranted, requestPermission, sendNotification } from "@tauri-apps/plugin-notification";
import { useEffect, useRef } from "react";

import { events, type Breach } from "./bindings";
import { invalidateCases } from "./cases";

export function useSlaBreaches(onBreach: (cases: Breach[]) => void): void {
  const client = useQueryClient();
  const handler = useRef(onBreach);
  handler.current = onBreach;

  useEffect(() => {
    let stop: (() => unknown) | null = null;
    let cancelled = false;
    Promise.resolve()
      .then(() =>
        events.slaBreached.listen((event) => {
          void invalidateCases(client);
          handler.current(event.payload.cases);
        }),
      )
      .then(
        (unlisten) => {
          if (cancelled) void Promise.resolve().then(unlisten).catch(() => undefined);
          else stop = unlisten;
        },
        // Outside the Tauri window (tests, a plain browser) there are no events.
        () => undefined,
      );
    return () => {
      cancelled = true;
      const unlisten = stop;
      if (unlisten) void Promise.resolve().then(unlisten).catch(() => undefined);
    };
  }, [client]);
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
