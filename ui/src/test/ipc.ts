/**
 * Test doubles at the IPC boundary only: `invoke` from `@tauri-apps/api/core` (mocked
 * in setup.ts) answers from per-command handlers, the way the Rust side would. A
 * rejected IpcError is a plain object, as Tauri delivers a command's `Err` value.
 */
import { invoke } from "@tauri-apps/api/core";
import { vi } from "vitest";

import type {
  AppInfo,
  CasePage,
  CaseQuery,
  Conflict,
  EffectivePolicy,
  IpcError,
  LeaderboardRequest,
  Queue,
  QueueCounts,
  Settings,
  SyncState,
  SyncStatus,
} from "../ipc/bindings";
import { emptyListQuery } from "../cases/listState";
import { sampleDashboard, sampleLeaderboard } from "./dashboard";
import { emptyCompliance, sampleRoles } from "./training";
import { sampleStages } from "./voc";

/** A whole queue with no filter, as the counts count it (one row asked for). */
const wholeQueue: CaseQuery = { ...emptyListQuery(), offset: 0, limit: 1 };

type Args = Record<string, unknown> | undefined;
export type Handler = (args: Args) => unknown;
export type Handlers = Record<string, Handler>;

export function sampleSettings(overrides: Partial<Settings> = {}): Settings {
  const weekday = (w: Settings["workingHours"][number]["weekday"], open: boolean) => ({
    weekday: w,
    open,
    intervals: [{ start: "09:00", end: "17:30" }],
  });
  return {
    organisationName: "Acme Support",
    timeZone: "Europe/Berlin",
    language: "en",
    theme: "light",
    workingHours: [
      weekday("mon", true),
      weekday("tue", true),
      weekday("wed", true),
      weekday("thu", true),
      weekday("fri", true),
      weekday("sat", false),
      weekday("sun", false),
    ],
    ...overrides,
  };
}

export const sampleAppInfo: AppInfo = {
  version: "0.1.0",
  dbPath: "/home/sam/.local/share/frontline/frontline.db",
  schemaVersion: 3,
  nodeId: "0192f0c4-7a51-7c4e-9d7e-1b2c3d4e5f60",
};

export const sampleTimeZones = ["America/New_York", "Asia/Shanghai", "Asia/Taipei", "Europe/Berlin", "UTC"];

/** What Rust lists when the team has set no policy: the built-in targets. */
export const builtInPolicies: EffectivePolicy[] = [
  { source: "built_in", priority: "p1", firstResponseMinutes: 30, resolutionMinutes: 240, businessHours: false },
  { source: "built_in", priority: "p2", firstResponseMinutes: 60, resolutionMinutes: 480, businessHours: true },
  { source: "built_in", priority: "p3", firstResponseMinutes: 240, resolutionMinutes: 1440, businessHours: true },
  { source: "built_in", priority: "p4", firstResponseMinutes: 480, resolutionMinutes: 2400, businessHours: true },
];

/** A database that has never signed in to a sync server. */
export function sampleSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    signedIn: false,
    server: null,
    workspace: null,
    user: null,
    role: null,
    deviceCode: null,
    lastSyncAt: null,
    lastError: null,
    lastErrorCode: null,
    pending: 0,
    conflicts: 0,
    parked: 0,
    holdsDemoData: false,
    ...overrides,
  };
}

/**
 * Signed in to the team's server, synced a minute and a half ago ("1 minute ago" even
 * by the shared clock, which ticks every 30 s and so may lag this by up to 30 s),
 * nothing waiting.
 */
export function signedInStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return sampleSyncStatus({
    signedIn: true,
    server: "https://sync.acme.test",
    workspace: "acme",
    user: "sam@acme.test",
    role: "supervisor",
    deviceCode: "K7",
    lastSyncAt: new Date(Date.now() - 90_000).toISOString(),
    ...overrides,
  });
}

export function syncState(status: SyncStatus = sampleSyncStatus(), live: Partial<SyncState> = {}): SyncState {
  return { status, running: false, progress: null, ...live };
}

/** A case title edited here that lost to a newer edit on another device. */
export function sampleConflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: 1,
    kind: "value",
    table: "cases",
    rowId: "case-1",
    field: "title",
    label: "C-K7-00001 · Refund not received",
    mine: "Refund not received after cancellation",
    theirs: "Refund missing",
    foundAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

export function ipcError(overrides: Partial<IpcError> & Pick<IpcError, "code">): IpcError {
  return { message: "message for the log only", field: null, rule: null, limit: null, ...overrides };
}

/** Answers `invoke` from `handlers`, falling back to a healthy app with `sampleSettings()`. */
/**
 * A database that holds cases, as far as the screens that say how to start on an empty
 * one can tell (the counts Rust keeps); spread into `mockIpc`'s handlers.
 */
export const withCases: Handlers = {
  case_queue_counts: () =>
    ({
      all: 40,
      mine: null,
      unassigned: 3,
      breaching: 1,
      escalated: 2,
      vip: 4,
      awaitingCallback: 1,
    }) satisfies QueueCounts,
};

export function mockIpc(handlers: Handlers = {}) {
  let stored = sampleSettings();
  const defaults: Handlers = {
    app_info: () => sampleAppInfo,
    settings_get: () => stored,
    settings_save: (args) => {
      stored = (args as { settings: Settings }).settings;
      return stored;
    },
    settings_time_zones: () => sampleTimeZones,
    sla_policy_list: () => builtInPolicies,
    holiday_list: () => [],
    calendar_list: () => [],
    holiday_set_list: () => [],
    // An empty case database.
    case_list: () => ({ rows: [], total: 0 }),
    case_categories: () => [],
    case_tags: () => [],
    app_log_timing: () => null,
    customer_search: () => [],
    agent_list: () => [],
    team_list: () => [],
    me_get: () => null,
    view_list: () => [],
    // Never signed in to a sync server.
    sync_state: () => syncState(),
    sync_conflicts: () => [],
    kpi_dashboard: () => sampleDashboard(),
    kpi_leaderboard: (args) => sampleLeaderboard((args as { request: LeaderboardRequest }).request.by),
    journey_stage_list: () => sampleStages,
    feedback_list: () => ({ rows: [], total: 0 }),
    feedback_themes: () => [],
    insight_list: () => [],
    role_list: () => sampleRoles,
    roster_list: () => [],
    course_list: () => [],
    requirement_list: () => [],
    exemption_list: () => [],
    compliance_view: () => emptyCompliance(),
    plan_list: () => [],
    plan_run_active: () => [],
    plan_reminders: () => [],
    plan_contact_add: () => "contact-new",
    plan_contact_update: () => null,
    plan_contact_remove: () => null,
    plan_contact_move: () => null,
    plan_template_add: () => "template-new",
    plan_template_update: () => null,
    plan_template_remove: () => null,
    // Without a run and its version there is no template to fill, as in Rust.
    plan_template_fill: () => Promise.reject(ipcError({ code: "not_found" })),
    plan_run_cases: () => [],
    plan_runs_of_case: () => [],
    plan_run_link_case: () => null,
    plan_run_unlink_case: () => null,
    plan_run_review: () => ({ hotWash: "", wentWell: "", wentWrong: "", items: [] }),
    plan_open_action_items: () => [],
    plan_run_hot_wash_save: () => null,
    plan_run_review_save: () => null,
    plan_action_item_add: () => "action-item-new",
    plan_action_item_update: () => null,
    plan_action_item_remove: () => null,
    plan_action_item_set_done: () => null,
    plan_step_place: () => null,
    plan_starter_list: () => [],
    plan_starter_copy: () => "plan-new",
    kb_article_find: () => [],
    kb_tag_list: () => [],
    kb_category_list: () => [],
    kb_case_articles: () => [],
    kb_article_steps: () => [],
    kb_plan_articles: () => [],
    kb_article_courses: () => [],
    kb_course_materials: () => [],
    kb_read_status: () => ({ latestVersionId: null, latestNumber: 0, requests: [], outstanding: [], acknowledged: [] }),
    kb_outstanding_acks: () => [],
    kb_review_due: () => ({ articles: [], total: 0 }),
    qa_scorecard_list: () => [],
    qa_agent: () => ({ evaluations: [], months: [], average: null }),
    qa_case: () => ({ evaluations: [], spread: null, criteria: [] }),
    coaching_for_agent: () => [],
    coaching_follow_ups_due: () => [],
    target_list: () => [],
    target_agent_status: () => [],
    training_attachments: () => [],
  };
  const all: Handlers = { ...defaults, ...handlers };
  // Rust maintains the counts of the whole queues; here they are the totals the list
  // handler gives for each queue.
  all.case_queue_counts ??= async (args) => {
    const me = (args as { me: string | null }).me;
    const total = async (queue: Queue) =>
      ((await all.case_list!({ query: { ...wholeQueue, queue, me } })) as CasePage).total;
    return {
      all: await total("all"),
      mine: me === null ? null : await total("mine"),
      unassigned: await total("unassigned"),
      breaching: await total("breaching"),
      escalated: await total("escalated"),
      vip: await total("vip"),
      awaitingCallback: await total("awaiting_callback"),
    } satisfies QueueCounts;
  };
  const mock = vi.mocked(invoke);
  mock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = all[cmd];
    if (!handler) throw new Error(`test has no IPC handler for ${cmd}`);
    return handler(args as Args);
  });
  return mock;
}

/** The calls made to one command, as the arguments object passed to `invoke`. */
export function callsTo(command: string): unknown[] {
  return vi
    .mocked(invoke)
    .mock.calls.filter(([cmd]) => cmd === command)
    .map(([, args]) => args);
}

/** A handler that fails the way a Rust command returning `Err(IpcError)` does. */
export function rejectWith(error: IpcError): Handler {
  return () => Promise.reject(error);
}
