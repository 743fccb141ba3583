/** Case fixtures for tests: summaries, a detail with its SLA, and a fake list of any size. */
import { afterAll, beforeAll } from "vitest";

import type { Case, CaseAction, CaseDetail, CaseEvent, CasePage, CaseQuery, CaseSummary, TargetView } from "../ipc/bindings";

export const NOW = Date.parse("2026-11-23T10:00:00Z");

export function minutesFromNow(minutes: number, now = Date.now()): string {
  return new Date(now + minutes * 60_000).toISOString();
}

export function sampleSummary(i: number, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `case-${i}`,
    reference: `C-A1-${String(i).padStart(5, "0")}`,
    title: `Case number ${i}`,
    customerName: i % 3 === 0 ? null : `Customer ${i}`,
    vip: i % 7 === 0,
    priority: (["p1", "p2", "p3", "p4"] as const)[i % 4]!,
    status: "open",
    channel: "phone",
    category: "Billing",
    assigneeName: i % 2 === 0 ? "Li Na" : null,
    tags: [],
    escalated: false,
    createdAt: "2026-11-20T08:00:00Z",
    firstResponseDueAt: null,
    resolutionDueAt: minutesFromNow(24 * 60),
    callbackDueAt: null,
    atRisk: false,
    ...overrides,
  };
}

/** A `case_list` handler over `total` generated rows, paging like Rust. */
export function fakeList(total: number, make: (i: number) => CaseSummary = (i) => sampleSummary(i)) {
  return (args: Record<string, unknown> | undefined): CasePage => {
    const q = (args as { query: CaseQuery }).query;
    const rows: CaseSummary[] = [];
    for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(make(i));
    return { rows, total };
  };
}

export function target(overrides: Partial<TargetView> = {}): TargetView {
  return {
    status: "running",
    targetMinutes: 240,
    dueAt: minutesFromNow(180),
    remainingMinutes: 180,
    atRisk: false,
    breachedAt: null,
    ...overrides,
  };
}

export function sampleCase(overrides: Partial<Case> = {}): Case {
  return {
    id: "case-1",
    reference: "C-A1-00001",
    title: "Refund not received after cancellation",
    description: "The customer cancelled on 3 Nov and was promised a refund within 5 days.",
    customerId: "cust-1",
    customerName: "Wang Fang",
    customerVip: true,
    channel: "phone",
    category: "Billing",
    priority: "p2",
    status: "open",
    assigneeId: null,
    assigneeName: null,
    teamId: null,
    teamName: null,
    escalation: null,
    tags: ["refund"],
    rootCause: null,
    resolutionSummary: null,
    firstResponseAt: null,
    resolvedAt: null,
    followUp: { dueAt: null, doneAt: null, outcome: null },
    satisfaction: { csat: null, nps: null, comment: null },
    handleSeconds: 0,
    createdAt: "2026-11-23T08:00:00Z",
    updatedAt: "2026-11-23T09:00:00Z",
    journeyStageId: null,
    ...overrides,
  };
}

/** The `allowedActions` core sends with a case in each kind of status (workflow::allows). */
export const ALLOWED_ACTIONS = {
  open: ["edit", "assign", "escalate", "de_escalate", "set_tags", "add_note", "log_contact"],
  resolved: ["edit", "set_tags", "add_note", "log_contact", "schedule_callback", "record_callback"],
  closed: ["add_note", "record_callback"],
} as const satisfies Record<string, readonly CaseAction[]>;

export function sampleDetail(overrides: Partial<CaseDetail> = {}, caseOverrides: Partial<Case> = {}): CaseDetail {
  const timeline: CaseEvent[] = [
    { id: "e1", at: "2026-11-23T08:00:00Z", data: { kind: "created", priority: "p2", channel: "phone" } },
  ];
  return {
    case: sampleCase(caseOverrides),
    timeline,
    sla: { firstResponse: target(), resolution: target({ targetMinutes: 1440, dueAt: minutesFromNow(1200), remainingMinutes: 1200 }), businessHours: true, calendar: { id: null, name: "", timeZone: "Asia/Shanghai" } },
    nextStatuses: ["pending_customer", "pending_internal", "resolved"],
    allowedActions: [...ALLOWED_ACTIONS.open],
    ...overrides,
  };
}

/**
 * jsdom lays nothing out: gives the case list's scroller (the grid) a window-sized box
 * for the calling file's tests, so the virtualiser renders the rows a person would see.
 */
export function stubGridBox(): void {
  const sizes = { clientHeight: 720, clientWidth: 1000 } as const;
  const saved = Object.keys(sizes).map((prop) => [prop, Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop)] as const);
  beforeAll(() => {
    for (const [prop, size] of Object.entries(sizes)) {
      Object.defineProperty(HTMLElement.prototype, prop, {
        configurable: true,
        get(this: HTMLElement) {
          return this.getAttribute("role") === "grid" ? size : 0;
        },
      });
    }
  });
  afterAll(() => {
    for (const [prop, descriptor] of saved) if (descriptor) Object.defineProperty(HTMLElement.prototype, prop, descriptor);
  });
}
