/**
 * The pages a supervisor moves between all day — the Dashboard and the Cases list — are
 * kept once drawn: leaving one hides it (React's `<Activity>`) instead of discarding it,
 * so coming back shows it at once, as it was left, without drawing it anew. The Cases list
 * is also drawn, hidden, once the home screen has its numbers on screen and the list's first
 * page loaded (`usePrerenderPage`): opening it from there is then only showing it (issue 15:
 * first rows within 300 ms at 100k cases).
 *
 * A hidden page runs no effects (no polling, shortcuts or subscriptions) and sees the
 * location it was last shown at — or its own path, if it was drawn before it was opened —
 * never another page's. (React still redraws it, at idle priority, when the router's
 * location changes; showing it again at the location it saw redraws nothing.)
 */
import {
  Activity,
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
// The router's own location context: a hidden page is given the location it last saw, so
// that it is not redrawn for every navigation elsewhere (no public API sets it).
import { NavigationType, UNSAFE_LocationContext as LocationContext, useLocation, type Location } from "react-router";

import { markOpeningIfNone } from "./openingMark";

export interface KeptPage {
  /** The page's own path; it is kept for that path only, not for its sub-pages. */
  path: string;
  element: ReactNode;
}

const PrerenderContext = createContext<(path: string) => void>(() => {});

/** Draws the kept page at a path, hidden, so that opening it later is only showing it. */
export function usePrerenderPage(): (path: string) => void {
  return useContext(PrerenderContext);
}

/** The location a page drawn ahead of being opened sees: its own path, nothing else. */
function ownLocation(path: string): Location {
  return { pathname: path, search: "", hash: "", state: null, key: "default" };
}

const sameLocation = (a: Location, b: Location) =>
  a.pathname === b.pathname && a.search === b.search && a.hash === b.hash && a.state === b.state;

function Kept({ page, location, wanted }: { page: KeptPage; location: Location; wanted: boolean }) {
  const active = location.pathname === page.path;
  // The location the page last saw, kept as the same object while the URL is the same:
  // showing a page drawn ahead (or hidden earlier) at that URL then redraws nothing.
  const [seen, setSeen] = useState<Location | null>(active ? location : null);
  let shown = seen;
  if (active && (seen === null || !sameLocation(seen, location))) {
    shown = location;
    setSeen(location);
  } else if (shown === null && wanted) {
    shown = ownLocation(page.path);
    setSeen(shown);
  }

  // A hidden page shown again by other means than the navbar (Back, a link) is timed from
  // being shown; one drawn afresh is timed from its first render, as any other page.
  const drawnHidden = useRef(false);
  const drawn = shown !== null;
  useLayoutEffect(() => {
    if (!drawn) return;
    if (!active) drawnHidden.current = true;
    else if (drawnHidden.current) markOpeningIfNone(page.path);
  }, [active, drawn, page.path]);

  const context = useMemo(() => (shown ? { location: shown, navigationType: NavigationType.Pop } : null), [shown]);
  if (context === null) return null;
  return (
    <Activity mode={active ? "visible" : "hidden"}>
      <LocationContext.Provider value={context}>{page.element}</LocationContext.Provider>
    </Activity>
  );
}

/** The route of a kept page: the page itself is drawn by the layout's KeptPages. */
export function KeptPageSlot(): null {
  return null;
}

export function KeptPages({ pages }: { pages: readonly KeptPage[] }) {
  const location = useLocation();
  const [wanted, setWanted] = useState<ReadonlySet<string>>(() => new Set());
  const prerender = useCallback(
    (path: string) => setWanted((current) => (current.has(path) ? current : new Set(current).add(path))),
    [],
  );
  return (
    <PrerenderContext.Provider value={prerender}>
      {pages.map((page) => (
        <Kept key={page.path} page={page} location={location} wanted={wanted.has(page.path)} />
      ))}
    </PrerenderContext.Provider>
  );
}
