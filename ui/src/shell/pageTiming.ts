import { useEffect, useRef, useState } from "react";

import type { UiTiming } from "../ipc/bindings";
import { reportTiming } from "../ipc/timing";
import { takeOpening } from "./openingMark";

/**
 * Reports once, as `timing`, how long the page at `path` took from being asked for (the
 * navbar click or shortcut; else its first render, e.g. opened with the app) until
 * `shownAt`, the `performance.now()` at which what the user came for was painted (null
 * until then): the moment a person sees it. The app logs it; `cargo xtask bench` reads it.
 */
export function usePageTiming(timing: UiTiming, path: string, shownAt: number | null): void {
  const [openedAt] = useState(() => takeOpening(path) ?? performance.now());
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current || shownAt === null) return;
    reported.current = true;
    reportTiming(timing, shownAt - openedAt);
  }, [timing, shownAt, openedAt]);
}
