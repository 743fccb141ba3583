/**
 * The list the window opens on. When the app starts on the Cases page (its default
 * section), the first page of that list is asked for before React has rendered anything,
 * so it is on its way while the settings load and the layout is drawn.
 */
import type { QueryClient } from "@tanstack/react-query";

import { prefetchFirstPage } from "../ipc/cases";
import { readListState, toListQuery } from "./listState";

/** Starts loading the opening list, if `hash` (the router's location) is the Cases page. */
export function prefetchOpeningList(client: QueryClient, hash: string): void {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?");
  if (path !== "" && path !== "/" && path !== "/cases") return;
  const state = readListState(new URLSearchParams(search));
  // "My cases" needs to know who "me" is first.
  if (state.queue === "mine") return;
  prefetchFirstPage(client, toListQuery(state, null));
}
