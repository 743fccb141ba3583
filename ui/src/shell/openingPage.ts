/**
 * The page the window opens on. Its data (the Dashboard's numbers, the home screen; or
 * the Cases list's first page) is asked for before React has rendered anything, so it is
 * on its way while the settings load and the layout is drawn.
 */
import type { QueryClient } from "@tanstack/react-query";

import { readListState, toListQuery } from "../cases/listState";
import { readDashboardState, toDashboardRequest } from "../dashboard/dashboardState";
import { prefetchFirstPage } from "../ipc/cases";
import { prefetchDashboard } from "../ipc/kpi";
import { DEFAULT_SECTION, sectionById } from "./sections";

/** Starts loading what `hash` (the router's location) opens on, if it is one of those pages. */
export function prefetchOpeningPage(client: QueryClient, hash: string): void {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  const opening = path === "" || path === "/" ? DEFAULT_SECTION.path : path;
  if (opening === sectionById("dashboard").path) {
    const request = toDashboardRequest(readDashboardState(params));
    if (request) prefetchDashboard(client, request);
  } else if (opening === sectionById("cases").path) {
    const state = readListState(params);
    // "My cases" needs to know who "me" is first.
    if (state.queue === "mine") return;
    prefetchFirstPage(client, toListQuery(state, null));
  }
}
