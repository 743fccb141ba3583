/**
 * When the user asked to open a section (a navbar click or its shortcut), so a page can
 * time itself from that moment rather than from its first render (the Cases page's
 * first rows, read by `cargo xtask bench`). A mark is taken by the page it was for, or
 * dropped once the location changes, so a later visit by another route (Back, a
 * drill-down) never inherits a stale one.
 */
let pending: { path: string; at: number } | null = null;

export function markOpening(path: string): void {
  pending = { path, at: performance.now() };
}

/** The mark for `path`, taken (a second call gets null); null if it is not for `path`. */
export function takeOpening(path: string): number | null {
  if (pending?.path !== path) return null;
  const { at } = pending;
  pending = null;
  return at;
}

/** Drops any mark left untaken, e.g. a click on the section already open. */
export function dropOpening(): void {
  pending = null;
}
