/**
 * A page drawn ahead of its visits: while it is not on screen, a fresh copy of it is
 * rendered hidden (React's `<Activity>`: out of layout, no effects, no subscriptions, at
 * idle priority), so opening it only shows a page that is already built. The Cases list,
 * where a supervisor returns all day, spent most of its opening time being built from
 * nothing at 100k cases (issue 15).
 *
 * Each visit gets its own copy, as a page mounted by the router would: leaving the page
 * drops it and starts the next one. A copy kept across visits would come back with
 * whatever was half-done when it was hidden, such as a dialog closed on the way out
 * whose closing transition (run by effects, which a hidden page does not run) never ended.
 */
import { Activity, createContext, Fragment, useContext, useState, type ReactNode } from "react";
import { useLocation } from "react-router";

/** When (`performance.now()`) the kept page around was put on screen; null elsewhere. */
const ShownAtContext = createContext<number | null>(null);

/**
 * When the kept page this is rendered in was put on screen, or null (not in a kept page,
 * or hidden): the moment a visit to it began, for a visit no navbar mark started.
 */
export function useKeptPageShownAt(): number | null {
  return useContext(ShownAtContext);
}

export interface KeptPageProps {
  /** The path it is shown at (exactly; its sub-pages are other pages). */
  path: string;
  /** Whether to draw it ahead of a visit now (e.g. once the data it opens with is cached). */
  ready: boolean;
  children: ReactNode;
}

export function KeptPage({ path, ready, children }: KeptPageProps) {
  const { pathname } = useLocation();
  const shown = pathname === path;
  const [shownAt, setShownAt] = useState<number | null>(null);
  const [visit, setVisit] = useState(0);
  // Derived from the location while rendering, so a visit's first render already has them.
  if (shown !== (shownAt !== null)) {
    setShownAt(shown ? performance.now() : null);
    if (!shown) setVisit((v) => v + 1);
  }
  if (!shown && !ready) return null;
  return (
    <ShownAtContext.Provider value={shownAt}>
      <Activity mode={shown ? "visible" : "hidden"}>
        <Fragment key={visit}>{children}</Fragment>
      </Activity>
    </ShownAtContext.Provider>
  );
}
