/**
 * Whether a dialog has ever been opened. A page mounts its dialogs only from then on (and
 * keeps them, so they can play their closing transition), so its first render draws only
 * what is on screen: at 100k cases the Cases page's first rows are timed from it.
 */
import { useState } from "react";

export function useOpenedOnce(opened: boolean): boolean {
  const [once, setOnce] = useState(opened);
  if (opened && !once) setOnce(true);
  return once || opened;
}
