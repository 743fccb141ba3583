/**
 * KPI hooks: the dashboard's and the leaderboard's numbers, computed by Rust on every request (nothing is
 * stored). Keyed under the cases, so every case change and every synced batch, which
 * invalidate the case queries, recompute the dashboard too.
 */
import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";

import { commands, type DashboardRequest, type LeaderboardRequest } from "./bindings";
import { CASE_REFRESH_MS, caseKeys } from "./cases";
import { unwrap } from "./result";

export const kpiKeys = {
  dashboard: (request: DashboardRequest | null) => [...caseKeys.all, "kpi", "dashboard", request] as const,
  leaderboard: (request: LeaderboardRequest | null) => [...caseKeys.all, "kpi", "leaderboard", request] as const,
};

async function fetchDashboard(request: DashboardRequest) {
  return unwrap(await commands.kpiDashboard(request));
}

/** Starts loading the dashboard for `request` into the cache (before the page asks). */
export function prefetchDashboard(client: QueryClient, request: DashboardRequest): void {
  void client.prefetchQuery({ queryKey: kpiKeys.dashboard(request), queryFn: () => fetchDashboard(request) });
}

/** The dashboard for `request`; `null` asks for nothing yet (a custom period half chosen). */
export function useDashboard(request: DashboardRequest | null) {
  return useQuery({
    queryKey: kpiKeys.dashboard(request),
    queryFn: async () => {
      if (!request) throw new Error("no dashboard request");
      return fetchDashboard(request);
    },
    enabled: request !== null,
    // Switching period or filter keeps the old tiles until the new ones arrive.
    placeholderData: keepPreviousData,
    // "Today" and the backlog move with the clock.
    refetchInterval: CASE_REFRESH_MS,
  });
}

/** The period's KPIs per agent or team; `null` asks for nothing yet. */
export function useLeaderboard(request: LeaderboardRequest | null) {
  return useQuery({
    queryKey: kpiKeys.leaderboard(request),
    queryFn: async () => {
      if (!request) throw new Error("no leaderboard request");
      return unwrap(await commands.kpiLeaderboard(request));
    },
    enabled: request !== null,
    placeholderData: keepPreviousData,
    refetchInterval: CASE_REFRESH_MS,
  });
}
