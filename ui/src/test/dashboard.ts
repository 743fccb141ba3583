/**
 * Dashboards as Rust answers `kpi_dashboard`: an empty one (no cases at all) and one for
 * 30 days in Shanghai with hand-picked numbers, beside a previous period with none.
 */
import { emptyListQuery } from "../cases/listState";
import type { CaseQuery, Dashboard, Kpis } from "../ipc/bindings";

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

export function sampleDashboard(current: Partial<Kpis> = {}, previous: Partial<Kpis> = {}): Dashboard {
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
  };
}
