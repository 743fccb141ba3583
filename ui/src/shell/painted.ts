import { useEffect, useState } from "react";

/**
 * When (`performance.now()`) the browser had painted a frame after `ready` became true;
 * null until then, and fixed from then on. Work that can wait (e.g. the Cases page's queue
 * counts) waits for it, so that its answer is not handled, and its re-render not drawn,
 * before what the user came for.
 */
export function usePaintedAfter(ready: boolean): number | null {
  const [paintedAt, setPaintedAt] = useState<number | null>(null);
  const painted = paintedAt !== null;
  useEffect(() => {
    if (!ready || painted) return;
    let timer: number | undefined;
    // A frame's callbacks run just before it is painted; a task queued from one runs after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPaintedAt(performance.now()), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready, painted]);
  return paintedAt;
}
