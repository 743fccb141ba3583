import { useEffect, useLayoutEffect, useRef, useState } from "react";

import type { UiTiming } from "../ipc/bindings";
import { reportTiming } from "../ipc/timing";
import { useKeptPageShownAt } from "./KeptPage";
import { takeOpening } from "./openingMark";

/**
 * Reports once, as `timing`, how long the page at `path` took from being asked for (the
 * navbar click or shortcut; else being put on screen: a kept page shown, or its first
 * render, e.g. opened with the app) until `shownAt`, the `performance.now()` at which what
 * the user came for was painted (null until then): the moment a person sees it. The app
 * logs it; `cargo xtask bench` reads it.
 */
export function usePageTiming(timing: UiTiming, path: string, shownAt: number | null): void {
  const [renderedAt] = useState(() => performance.now());
  const keptShownAt = useKeptPageShownAt();
  const openedAt = useRef<number | null>(null);
  const reported = useRef(false);
  // On screen: at mount, and again each time a kept page (KeptPage) is shown; a page drawn
  // ahead of its visit times the visit, not the drawing.
  useLayoutEffect(() => {
    if (!reported.current) openedAt.current = takeOpening(path) ?? keptShownAt ?? renderedAt;
  }, [path, keptShownAt, renderedAt]);
  useEffect(() => {
    if (reported.current || shownAt === null || openedAt.current === null) return;
    reported.current = true;
    reportTiming(timing, shownAt - openedAt.current);
  }, [timing, shownAt]);
}
