/**
 * Dashboards as Rust answers `kpi_dashboard`: an empty one (no cases at all) and one for
 * 30 days in Shanghai with hand-picked numbers, beside a previous period with none.
 */
import { emptyListQuery } from "../cases/listState";
import type { CaseQuery, Charts, Dashboard, Kpis, Leaderboard, LeaderboardRow } from "../ipc/bindings";

/** A drill-down's case list as Rust builds it: the list's empty query, one page. */
const query = (overrides: Partial<CaseQuery>): CaseQuery => ({
  ...emptyListQuery(),
  offset: 0,
  limit: 100,
  ...overrides,
});

/** A period with no cases: every mean and share is "no data", every count 0. */
export function emptyKpis(): Kpis {
  const none = { meanSeconds: null, cases: 0 };
  const share = { percent: null, hits: 0, cases: 0 };
  return {
    created: 0,
    resolved: 0,
    firstResponse: none,
    resolution: none,
    slaCompliance: share,
    firstContactResolution: share,
    handleTime: none,
    csat: share,
    nps: { score: null, promoters: 0, passives: 0, detractors: 0 },
    backlog: {
      total: 0,
      byAge: (["under_1d", "1d_3d", "3d_7d", "over_7d"] as const).map((age) => ({ age, cases: 0 })),
      byPriority: (["p1", "p2", "p3", "p4"] as const).map((priority) => ({ priority, cases: 0 })),
    },
    callbacks: { due: 0, overdue: 0, followUp: share },
  };
}

const START = "2026-11-01T16:00:00.000Z";
const END = "2026-12-01T16:00:00.000Z";

const AGES = ["under_1d", "1d_3d", "3d_7d", "over_7d"] as const;
const PRIORITIES = ["p1", "p2", "p3", "p4"] as const;
const CHANNELS = ["phone", "email", "chat", "social", "walk_in"] as const;

/** A day of the sample period (2026-11-02 is its first): its Shanghai midnight to the next. */
function dayPeriod(index: number) {
  const first = new Date(Date.UTC(2026, 10, 2 + index));
  const iso = first.toISOString().slice(0, 10);
  const start = new Date(first.getTime() - 8 * 3_600_000);
  return { firstDay: iso, lastDay: iso, days: 1, start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** Charts with nothing in them: every day of the period at 0, no data on every trend. */
export function emptyCharts(days = 30): Charts {
  const share = { percent: null, hits: 0, cases: 0 };
  return {
    granularity: "day",
    volume: Array.from({ length: days }, (_, i) => ({
      period: dayPeriod(i),
      total: 0,
      byChannel: CHANNELS.map((channel) => ({ channel, cases: 0 })),
    })),
    trend: Array.from({ length: days }, (_, i) => ({
      period: dayPeriod(i),
      slaCompliance: share,
      csat: share,
      nps: { score: null, promoters: 0, passives: 0, detractors: 0 },
    })),
    backlog: AGES.flatMap((age, a) =>
      PRIORITIES.map((priority) => ({
        age,
        priority,
        cases: 0,
        createdFrom: a === 3 ? null : `2026-11-${String(24 - a * 3).padStart(2, "0")}T08:00:00.001Z`,
        createdTo: `2026-12-01T0${a}:00:00.000Z`,
      })),
    ),
    topCategories: [],
    topRootCauses: [],
  };
}

/** Two busy days: phone and e-mail on the first, SLA and CSAT on the second. */
export function sampleCharts(): Charts {
  const charts = emptyCharts();
  const first = charts.volume[0]!;
  first.total = 5;
  first.byChannel = CHANNELS.map((channel) => ({ channel, cases: channel === "phone" ? 3 : channel === "email" ? 2 : 0 }));
  charts.trend[1] = {
    ...charts.trend[1]!,
    slaCompliance: { percent: 75, hits: 3, cases: 4 },
    csat: { percent: 50, hits: 1, cases: 2 },
    nps: { score: -50, promoters: 0, passives: 1, detractors: 1 },
  };
  charts.backlog = charts.backlog.map((c) => (c.age === "1d_3d" && c.priority === "p1" ? { ...c, cases: 2 } : c));
  charts.topCategories = [
    { name: "Billing", cases: 4 },
    { name: "Network", cases: 1 },
  ];
  charts.topRootCauses = [{ name: "Outage", cases: 3 }];
  return charts;
}

export function sampleDashboard(current: Partial<Kpis> = {}, previous: Partial<Kpis> = {}, charts: Charts = emptyCharts()): Dashboard {
  return {
    timeZone: "Asia/Shanghai",
    current: {
      period: { firstDay: "2026-11-02", lastDay: "2026-12-01", days: 30, start: START, end: END },
      kpis: { ...emptyKpis(), ...current },
    },
    previous: {
      period: {
        firstDay: "2026-10-03",
        lastDay: "2026-11-01",
        days: 30,
        start: "2026-10-02T16:00:00.000Z",
        end: START,
      },
      kpis: { ...emptyKpis(), ...previous },
    },
    drills: {
      created: query({ createdFrom: START, createdTo: END }),
      resolved: query({ resolvedFrom: START, resolvedTo: END, sort: "updated" }),
      backlog: query({ statuses: ["new", "open", "pending_customer", "pending_internal"], createdTo: END }),
      callbacksDue: query({ callbackDueFrom: START, callbackDueTo: END }),
      callbacksOverdue: query({ queue: "awaiting_callback", callbackDueTo: "2026-12-01T08:00:00.000Z" }),
    },
    charts,
  };
}

/** A leaderboard row's KPIs: `kpis` over no cases otherwise. */
function boardRow(id: string | null, name: string | null, kpis: Partial<Kpis>): LeaderboardRow {
  const narrowed = (q: CaseQuery): CaseQuery => ({ ...q, assignees: id ? [id] : [] });
  const d = sampleDashboard().drills;
  return {
    id,
    name,
    kpis: { ...emptyKpis(), ...kpis },
    drills: id
      ? {
          created: narrowed(d.created),
          resolved: narrowed(d.resolved),
          backlog: narrowed(d.backlog),
          callbacksDue: narrowed(d.callbacksDue),
          callbacksOverdue: narrowed(d.callbacksOverdue),
        }
      : null,
  };
}

/** Three agents and the unassigned cases, as Rust orders them (by name, unassigned last). */
export function sampleLeaderboard(by: Leaderboard["by"] = "agent"): Leaderboard {
  const share = (hits: number, cases: number) => ({ percent: (100 * hits) / cases, hits, cases });
  return {
    timeZone: "Asia/Shanghai",
    period: sampleDashboard().current.period,
    by,
    rows: [
      boardRow("agent-1", "Li Na", { created: 12, resolved: 10, csat: share(9, 10), firstResponse: { meanSeconds: 1_800, cases: 12 } }),
      boardRow("agent-2", "Wang Fang", { created: 3, resolved: 2, csat: share(2, 2), firstResponse: { meanSeconds: 600, cases: 3 } }),
      boardRow("agent-3", "Zhao Lei", { created: 20, resolved: 15, csat: share(6, 12), firstResponse: { meanSeconds: 3_600, cases: 20 } }),
      boardRow(null, null, { created: 1, backlog: { total: 1, byAge: [], byPriority: [] } }),
    ],
  };
}
