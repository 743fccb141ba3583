/**
 * What the case list shows (queue, search, filters, sort), kept in the URL's query
 * string so Back from a case returns to the same list and a view can be linked. Only
 * values that differ from the defaults are written. Dates are local calendar days
 * (YYYY-MM-DD); the query sent to Rust turns them into RFC 3339 instants.
 */
import {
  LIMITS,
  type AgentId,
  type TeamId,
  type Tier,
  type CaseChannel,
  type CaseQuery,
  type CaseSort,
  type CaseStatus,
  type JourneyStageId,
  type Priority,
  type Queue,
} from "../ipc/bindings";
import type { ListQuery } from "../ipc/queries";
import { CHANNELS, PRIORITIES, QUEUES, SORTS, STATUSES, TIERS, isOneOf } from "./model";

/**
 * Exact time bounds (RFC 3339 instants) a dashboard tile's drill-down sets: the tile
 * counts cases by instants in the team's time zone, which the date pickers' whole local
 * days cannot say. Each is also a URL key of its own.
 */
export const BOUNDS = [
  "createdFrom",
  "createdTo",
  "resolvedFrom",
  "resolvedTo",
  "callbackDueFrom",
  "callbackDueTo",
] as const;
export type Bound = (typeof BOUNDS)[number];

export interface ListState {
  queue: Queue;
  text: string;
  statuses: CaseStatus[];
  priorities: Priority[];
  channels: CaseChannel[];
  categories: string[];
  assignees: AgentId[];
  tag: string | null;
  /** First day, YYYY-MM-DD (local). */
  createdFrom: string | null;
  /** Last day, inclusive, YYYY-MM-DD (local). */
  createdTo: string | null;
  teams: TeamId[];
  tiers: Tier[];
  /** Exact bounds from a drill-down; a picked day replaces the created bound it overlaps. */
  bounds: Partial<Record<Bound, string>>;
  /** Journey stages (a pain-point cell's drill-down). */
  journeyStages: JourneyStageId[];
  /** Root causes, exactly as recorded (a pain-point cell's drill-down). */
  rootCauses: string[];
  sort: CaseSort;
  descending: boolean;
}

export const DEFAULT_LIST: ListState = {
  queue: "all",
  text: "",
  statuses: [],
  priorities: [],
  channels: [],
  categories: [],
  assignees: [],
  tag: null,
  createdFrom: null,
  createdTo: null,
  teams: [],
  tiers: [],
  bounds: {},
  journeyStages: [],
  rootCauses: [],
  sort: "created",
  descending: true,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as a URL may carry it (Rust checks it again). */
function isInstant(value: string | null): value is string {
  return value !== null && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value);
}

function readBounds(params: URLSearchParams): Partial<Record<Bound, string>> {
  const bounds: Partial<Record<Bound, string>> = {};
  for (const key of BOUNDS) {
    const value = params.get(key);
    if (isInstant(value)) bounds[key] = value;
  }
  return bounds;
}

/** A list filter from the URL: no more values than a query may carry (a hand-made link can hold any number). */
function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .filter((v) => v !== "")
    .slice(0, LIMITS.queryListMax);
}

export function readListState(params: URLSearchParams): ListState {
  const queue = params.get("queue");
  const sort = params.get("sort");
  const from = params.get("from");
  const to = params.get("to");
  return {
    queue: isOneOf(QUEUES, queue) ? queue : DEFAULT_LIST.queue,
    text: params.get("q") ?? "",
    statuses: list(params, "status").filter((v) => isOneOf(STATUSES, v)) as CaseStatus[],
    priorities: list(params, "priority").filter((v) => isOneOf(PRIORITIES, v)) as Priority[],
    channels: list(params, "channel").filter((v) => isOneOf(CHANNELS, v)) as CaseChannel[],
    categories: list(params, "category"),
    assignees: list(params, "assignee"),
    tag: params.get("tag") || null,
    createdFrom: from && DAY.test(from) ? from : null,
    createdTo: to && DAY.test(to) ? to : null,
    teams: list(params, "team"),
    tiers: list(params, "tier").filter((v) => isOneOf(TIERS, v)) as Tier[],
    bounds: readBounds(params),
    journeyStages: list(params, "stage"),
    rootCauses: list(params, "cause"),
    sort: isOneOf(SORTS, sort) ? sort : DEFAULT_LIST.sort,
    descending: params.has("desc") ? params.get("desc") === "1" : DEFAULT_LIST.descending,
  };
}

export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.queue !== DEFAULT_LIST.queue) params.set("queue", state.queue);
  if (state.text) params.set("q", state.text);
  for (const v of state.statuses) params.append("status", v);
  for (const v of state.priorities) params.append("priority", v);
  for (const v of state.channels) params.append("channel", v);
  for (const v of state.categories) params.append("category", v);
  for (const v of state.assignees) params.append("assignee", v);
  if (state.tag) params.set("tag", state.tag);
  if (state.createdFrom) params.set("from", state.createdFrom);
  if (state.createdTo) params.set("to", state.createdTo);
  for (const v of state.teams) params.append("team", v);
  for (const v of state.tiers) params.append("tier", v);
  for (const key of BOUNDS) {
    const value = state.bounds[key];
    if (value) params.set(key, value);
  }
  for (const v of state.journeyStages) params.append("stage", v);
  for (const v of state.rootCauses) params.append("cause", v);
  if (state.sort !== DEFAULT_LIST.sort) params.set("sort", state.sort);
  if (state.descending !== DEFAULT_LIST.descending) params.set("desc", state.descending ? "1" : "0");
  return params;
}

/** Local midnight at the start of `day` (YYYY-MM-DD), as RFC 3339. */
export function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(iso: string, plusDays = 0): string {
  const date = new Date(iso);
  date.setDate(date.getDate() + plusDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Every list query starts from this (one place to add fields Rust gains). */
export function emptyListQuery(): ListQuery {
  return {
    queue: "all",
    me: null,
    text: null,
    statuses: [],
    priorities: [],
    channels: [],
    categories: [],
    assignees: [],
    customerIds: [],
    tag: null,
    createdFrom: null,
    createdTo: null,
    teams: [],
    tiers: [],
    resolvedFrom: null,
    resolvedTo: null,
    callbackDueFrom: null,
    callbackDueTo: null,
    journeyStages: [],
    rootCauses: [],
    sort: "created",
    descending: true,
  };
}

/** The request for `state`; "My cases" needs `me`. */
export function toListQuery(state: ListState, me: AgentId | null): ListQuery {
  const text = state.text.trim();
  return {
    ...emptyListQuery(),
    queue: state.queue,
    me: state.queue === "mine" ? me : null,
    text: text || null,
    statuses: state.statuses,
    priorities: state.priorities,
    channels: state.channels,
    categories: state.categories,
    assignees: state.assignees,
    tag: state.tag,
    createdFrom: state.createdFrom ? dayStart(state.createdFrom) : (state.bounds.createdFrom ?? null),
    // The picker's last day is inclusive; Rust's bound is exclusive.
    createdTo: state.createdTo ? dayStart(state.createdTo, 1) : (state.bounds.createdTo ?? null),
    teams: state.teams,
    tiers: state.tiers,
    resolvedFrom: state.bounds.resolvedFrom ?? null,
    resolvedTo: state.bounds.resolvedTo ?? null,
    callbackDueFrom: state.bounds.callbackDueFrom ?? null,
    callbackDueTo: state.bounds.callbackDueTo ?? null,
    journeyStages: state.journeyStages,
    rootCauses: state.rootCauses,
    sort: state.sort,
    descending: state.descending,
  };
}

/** What the navbar's Cases link opens: every case, in the list's default order. */
export const DEFAULT_LIST_QUERY: ListQuery = toListQuery(DEFAULT_LIST, null);

/** A saved view's query as list state (its paging and `me` are not part of a view). */
export function fromCaseQuery(query: CaseQuery): ListState {
  return {
    queue: isOneOf(QUEUES, query.queue) ? query.queue : DEFAULT_LIST.queue,
    text: query.text ?? "",
    statuses: query.statuses.filter((v) => isOneOf(STATUSES, v)),
    priorities: query.priorities.filter((v) => isOneOf(PRIORITIES, v)),
    channels: query.channels.filter((v) => isOneOf(CHANNELS, v)),
    categories: [...query.categories],
    assignees: [...query.assignees],
    tag: query.tag,
    createdFrom: query.createdFrom ? localDay(query.createdFrom) : null,
    createdTo: query.createdTo ? localDay(query.createdTo, -1) : null,
    ...drillFilters(query),
    sort: isOneOf(SORTS, query.sort) ? query.sort : DEFAULT_LIST.sort,
    descending: query.descending,
  };
}

/** The filters a dashboard drill-down adds to the ones a view has always had. */
function drillFilters(
  query: CaseQuery,
): Pick<ListState, "teams" | "tiers" | "bounds" | "journeyStages" | "rootCauses"> {
  const bounds: Partial<Record<Bound, string>> = {};
  for (const key of ["resolvedFrom", "resolvedTo", "callbackDueFrom", "callbackDueTo"] as const) {
    const value = query[key];
    if (value) bounds[key] = value;
  }
  // A view saved before these filters existed has none of them.
  return {
    teams: [...(query.teams ?? [])],
    tiers: (query.tiers ?? []).filter((v) => isOneOf(TIERS, v)),
    bounds,
    journeyStages: [...(query.journeyStages ?? [])],
    rootCauses: [...(query.rootCauses ?? [])],
  };
}

/**
 * The list a dashboard tile drills down to: its query as list state, with the created
 * range kept to the instant (the tile's days are the team's, not this computer's).
 */
export function drillListState(query: CaseQuery): ListState {
  const state = fromCaseQuery(query);
  const bounds = { ...state.bounds };
  if (query.createdFrom) bounds.createdFrom = query.createdFrom;
  if (query.createdTo) bounds.createdTo = query.createdTo;
  return { ...state, createdFrom: null, createdTo: null, bounds };
}

/** Filters in use besides queue, search and sort (for the "Filters" badge). */
export function activeFilterCount(state: ListState): number {
  return [
    state.statuses.length > 0,
    state.priorities.length > 0,
    state.channels.length > 0,
    state.categories.length > 0,
    state.assignees.length > 0,
    state.tag !== null,
    state.createdFrom !== null || state.createdTo !== null,
    state.teams.length > 0,
    state.tiers.length > 0,
    Object.keys(state.bounds).length > 0,
    state.journeyStages.length > 0 || state.rootCauses.length > 0,
  ].filter(Boolean).length;
}

export function clearFilters(state: ListState): ListState {
  return {
    ...state,
    statuses: [],
    priorities: [],
    channels: [],
    categories: [],
    assignees: [],
    tag: null,
    createdFrom: null,
    createdTo: null,
    teams: [],
    tiers: [],
    bounds: {},
    journeyStages: [],
    rootCauses: [],
  };
}
