/** Plans samples: a published outage plan with a step in each phase, and runs of it. */
import type { PlanContact, PlanDetail, PlanSummary, RunSummary, RunView, Step, Template } from "../ipc/bindings";

export const sampleSteps: Step[] = [
  { id: "s1", phase: "monitoring", text: "Watch the queue", ownerRole: "Duty manager", offsetMinutes: 0, required: true },
  { id: "s2", phase: "warning", text: "Warn the team leads", ownerRole: "Duty manager", offsetMinutes: 5, required: true },
  { id: "s3", phase: "response", text: "Switch to the backup line", ownerRole: "Telephony", offsetMinutes: 15, required: true },
  { id: "s4", phase: "response", text: "Post a status notice", ownerRole: "", offsetMinutes: 20, required: false },
  { id: "s5", phase: "recovery", text: "Call back dropped callers", ownerRole: "Team lead", offsetMinutes: 60, required: true },
];

/** A call tree: Ann first, Bo backing her up, Wang Fang with an office phone only. */
export const sampleContacts: PlanContact[] = [
  { id: "c1", name: "Ann Lee", role: "Duty manager", phone: "+86 10 5555 0100", mobile: "139 0000 0001", email: "ann@example.com", backupId: "c2" },
  { id: "c2", name: "Bo Wang", role: "IT on call", phone: "", mobile: "139 0000 0002", email: "bo@example.com", backupId: null },
  { id: "c3", name: "王芳", role: "", phone: "010-5555 0300", mobile: "", email: "", backupId: null },
];

export const sampleTemplates: Template[] = [
  {
    id: "t1",
    kind: "customer",
    title: "Service notice: {incident_name}",
    body: "Since {start_time} our phone lines are down. We expect them back {expected_recovery}.",
  },
  { id: "t2", kind: "internal", title: "War room open", body: "{commander} leads the response to {incident_name}." },
];

export function samplePlan(overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    id: "plan-1",
    content: {
      fields: {
        title: "Telephony outage",
        scenario: "system_outage",
        severity: "high",
        owner: "Mei Chen",
        reviewDays: 365,
        drillDays: 90,
        triggers: "Telephony down for 5 minutes",
        thresholds: "Queue above 50",
      },
      steps: sampleSteps,
      contacts: sampleContacts,
      templates: sampleTemplates,
    },
    status: "published",
    versions: [{ id: "v1", number: 1, publishedAt: "2026-03-01T08:00:00.000Z" }],
    runs: [],
    ...overrides,
  };
}

export const samplePlanSummary: PlanSummary = {
  id: "plan-1",
  title: "Telephony outage",
  scenario: "system_outage",
  severity: "high",
  status: "published",
  versions: 1,
  lastDrillAt: null,
  activeRuns: 1,
};

export const sampleRunSummary: RunSummary = {
  id: "run-1",
  planId: "plan-1",
  planTitle: "Telephony outage",
  kind: "drill",
  commander: "Ann Lee",
  startedAt: "2026-03-02T09:00:00.000Z",
  closedAt: null,
};

/** A drill 30 minutes in: one step done, one skipped, the response step overdue. */
export function sampleRun(overrides: Partial<RunView> = {}): RunView {
  const item = (step: Step, state: RunView["items"][number]["state"], settledAt: string | null = null, reason: string | null = null) => ({
    step,
    dueAt: new Date(Date.parse("2026-03-02T09:00:00.000Z") + step.offsetMinutes * 60_000).toISOString(),
    state,
    settledAt,
    reason,
  });
  const [s1, s2, s3, s4, s5] = sampleSteps as [Step, Step, Step, Step, Step];
  return {
    summary: sampleRunSummary,
    versionId: "v1",
    versionTitle: "Telephony outage",
    items: [
      item(s1, "done", "2026-03-02T09:01:00.000Z"),
      item(s2, "skipped", "2026-03-02T09:02:00.000Z", "Leads already on the floor"),
      item(s3, "overdue"),
      item(s4, "overdue"),
      item(s5, "pending"),
    ],
    contacts: sampleContacts,
    templates: sampleTemplates,
    log: [
      { id: "e1", at: "2026-03-02T09:01:00.000Z", kind: "tick", stepText: "Watch the queue", text: "" },
      { id: "e2", at: "2026-03-02T09:02:00.000Z", kind: "skip", stepText: "Warn the team leads", text: "Leads already on the floor" },
      { id: "e3", at: "2026-03-02T09:05:00.000Z", kind: "log", stepText: null, text: "Carrier confirms the fault" },
    ],
    score: null,
    ...overrides,
  };
}
