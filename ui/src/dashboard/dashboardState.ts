/**
 * What the dashboard shows (period, filters, whom the leaderboard ranks), kept in the URL's query string like the
 * case list's, so Back from a drilled-down list returns to the same dashboard. Only
 * values that differ from the defaults are written.
 */
import {
  LIMITS,
  type AgentId,
  type CaseChannel,
  type DashboardRequest,
  type LeaderboardBy,
  type PeriodPreset,
  type Priority,
  type TeamId,
  type Tier,
} from "../ipc/bindings";
import { CHANNELS, PRIORITIES, TIERS, isOneOf } from "../cases/model";

export const PRESETS: readonly PeriodPreset[] = ["today", "7d", "30d", "90d", "custom"];

export interface DashboardState {
  preset: PeriodPreset;
  /** Custom period's first day, YYYY-MM-DD (the team's calendar day). */
  from: string | null;
  /** Custom period's last day, inclusive. */
  to: string | null;
  teams: TeamId[];
  assignees: AgentId[];
  channels: CaseChannel[];
  categories: string[];
  priorities: Priority[];
  tiers: Tier[];
  /** Whom the leaderboard ranks. */
  board: LeaderboardBy;
}

export const DEFAULT_DASHBOARD: DashboardState = {
  preset: "30d",
  from: null,
  to: null,
  teams: [],
  assignees: [],
  channels: [],
  categories: [],
  priorities: [],
  tiers: [],
  board: "agent",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .filter((v) => v !== "")
    .slice(0, LIMITS.queryListMax);
}

export function readDashboardState(params: URLSearchParams): DashboardState {
  const preset = params.get("period");
  const from = params.get("from");
  const to = params.get("to");
  return {
    preset: isOneOf(PRESETS, preset) ? preset : DEFAULT_DASHBOARD.preset,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    teams: list(params, "team"),
    assignees: list(params, "agent"),
    channels: list(params, "channel").filter((v) => isOneOf(CHANNELS, v)) as CaseChannel[],
    categories: list(params, "category"),
    priorities: list(params, "priority").filter((v) => isOneOf(PRIORITIES, v)) as Priority[],
    tiers: list(params, "tier").filter((v) => isOneOf(TIERS, v)) as Tier[],
    board: params.get("board") === "team" ? "team" : DEFAULT_DASHBOARD.board,
  };
}

export function writeDashboardState(state: DashboardState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.preset !== DEFAULT_DASHBOARD.preset) params.set("period", state.preset);
  if (state.preset === "custom") {
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
  }
  for (const v of state.teams) params.append("team", v);
  for (const v of state.assignees) params.append("agent", v);
  for (const v of state.channels) params.append("channel", v);
  for (const v of state.categories) params.append("category", v);
  for (const v of state.priorities) params.append("priority", v);
  for (const v of state.tiers) params.append("tier", v);
  if (state.board !== DEFAULT_DASHBOARD.board) params.set("board", state.board);
  return params;
}

/** The request for `state`; `null` while a custom period lacks a day. */
export function toDashboardRequest(state: DashboardState): DashboardRequest | null {
  const custom = state.preset === "custom";
  if (custom && (!state.from || !state.to)) return null;
  return {
    period: { preset: state.preset, from: custom ? state.from : null, to: custom ? state.to : null },
    filter: {
      teams: state.teams,
      assignees: state.assignees,
      channels: state.channels,
      categories: state.categories,
      priorities: state.priorities,
      tiers: state.tiers,
    },
  };
}

export function activeDashboardFilters(state: DashboardState): number {
  return [state.teams, state.assignees, state.channels, state.categories, state.priorities, state.tiers].filter(
    (l) => l.length > 0,
  ).length;
}
