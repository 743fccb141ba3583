import { useEffect, useRef, useState } from "react";

import type { UiTiming } from "../ipc/bindings";
import { reportTiming } from "../ipc/timing";
import { takeOpening } from "./openingMark";

/**
 * Reports once, as `timing`, how long the page at `path` took from being asked for (the
 * navbar click or shortcut; else its first render, e.g. opened with the app) until
 * `shownAt`, the `performance.now()` at which what the user came for was painted (null
 * until then): the moment a person sees it. The app logs it; `cargo xtask bench` reads it.
 *
 * The mark is taken when the page is first shown rather than drawn: a kept page (see
 * KeptPages) may be drawn, hidden, long before it is opened, and runs no effects until then.
 */
export function usePageTiming(timing: UiTiming, path: string, shownAt: number | null): void {
  const [renderedAt] = useState(() => performance.now());
  const openedAt = useRef<number | null>(null);
  const reported = useRef(false);
  useEffect(() => {
    openedAt.current ??= takeOpening(path) ?? renderedAt;
  }, [path, renderedAt]);
  useEffect(() => {
    if (reported.current || shownAt === null || openedAt.current === null) return;
    reported.current = true;
    reportTiming(timing, shownAt - openedAt.current);
  }, [timing, shownAt]);
}
