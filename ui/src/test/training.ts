/**
 * Training samples: the built-in roles, a roster, courses, an agent's history and a
 * compliance matrix.
 */
import type { AgentTraining, ComplianceView, Course, Role, RosterAgent, StateCounts } from "../ipc/bindings";

const KEYS = ["agent", "senior_agent", "team_lead", "qa"];

export const sampleRoles: Role[] = KEYS.map((key, i) => ({ id: `role-${key}`, key, name: "", position: i + 1, retired: false }));

export function sampleAgent(overrides: Partial<RosterAgent> = {}): RosterAgent {
  return {
    id: "agent-ann",
    name: "Ann Lee",
    employeeId: "E-1001",
    teamId: "team-1",
    teamName: "Tier 2",
    roleId: "role-team_lead",
    hiredOn: "2024-05-06",
    leftOn: null,
    ...overrides,
  };
}

export const sampleCourses: Course[] = [
  {
    id: "course-gdpr",
    title: "Data protection",
    topic: "compliance",
    mode: "online",
    durationMinutes: 90,
    validityMonths: 12,
    passMark: 80,
  },
  {
    id: "course-crm",
    title: "CRM basics",
    topic: "crm_tools",
    mode: "classroom",
    durationMinutes: 240,
    validityMonths: null,
    passMark: null,
  },
];

/** Ann: a pass expiring soon, a failed attempt, an old expired pass, an outside certificate. */
export function sampleHistory(): AgentTraining {
  const base = { note: "", issuer: "", score: null, passed: true, expiresOn: null, fromSession: false };
  return {
    agent: sampleAgent(),
    records: [
      { ...base, id: "r4", courseId: "course-gdpr", courseTitle: "Data protection", completedOn: "2025-03-20", score: 92, expiresOn: "2026-03-20", status: "expiring" },
      { ...base, id: "r3", courseId: "course-gdpr", courseTitle: "Data protection", completedOn: "2025-03-10", score: 60, passed: false, expiresOn: "2026-03-10", status: "failed" },
      { ...base, id: "r2", courseId: "course-gdpr", courseTitle: "Data protection", completedOn: "2024-06-01", score: 85, expiresOn: "2025-06-01", status: "expired" },
      { ...base, id: "r1", courseId: "course-crm", courseTitle: "CRM basics", completedOn: "2024-06-01", issuer: "Vendor Academy", status: "valid" },
    ],
  };
}

const counts = (c: Partial<StateCounts> = {}): StateCounts => ({
  compliant: 0,
  expiring: 0,
  expired: 0,
  due: 0,
  missing: 0,
  exempt: 0,
  ...c,
});

/** A matrix with no rows, as on a database without requirements. */
export function emptyCompliance(): ComplianceView {
  return { matrix: { today: "2026-03-02", courses: [], rows: [], totals: counts() }, needs: [] };
}

/**
 * Tier 2 on 2026-03-02: Ann (team lead) holds data protection until it expires on the
 * 20th and CRM basics for good; Bo, hired two weeks ago, is due by the 18th and exempt
 * from CRM basics; Cy's data protection expired.
 */
export function sampleCompliance(): ComplianceView {
  return {
    matrix: {
      today: "2026-03-02",
      courses: [
        { id: "course-gdpr", title: "Data protection", counts: counts({ expiring: 1, due: 1, expired: 1 }) },
        { id: "course-crm", title: "CRM basics", counts: counts({ compliant: 1, exempt: 1 }) },
      ],
      rows: [
        {
          agentId: "agent-ann",
          name: "Ann Lee",
          roleId: "role-team_lead",
          cells: [
            { state: "expiring", by: "2026-03-20" },
            { state: "compliant", by: null },
          ],
          counts: counts({ compliant: 1, expiring: 1 }),
        },
        {
          agentId: "agent-bo",
          name: "Bo Chen",
          roleId: "role-agent",
          cells: [
            { state: "due", by: "2026-03-18" },
            { state: "exempt", by: null },
          ],
          counts: counts({ due: 1, exempt: 1 }),
        },
        {
          agentId: "agent-cy",
          name: "Cy Wu",
          roleId: "role-agent",
          cells: [{ state: "expired", by: "2026-02-01" }, null],
          counts: counts({ expired: 1 }),
        },
      ],
      totals: counts({ compliant: 1, expiring: 1, expired: 1, due: 1, exempt: 1 }),
    },
    needs: [
      { agentId: "agent-cy", agentName: "Cy Wu", courseId: "course-gdpr", courseTitle: "Data protection", state: "expired", by: "2026-02-01" },
      { agentId: "agent-bo", agentName: "Bo Chen", courseId: "course-gdpr", courseTitle: "Data protection", state: "due", by: "2026-03-18" },
      { agentId: "agent-ann", agentName: "Ann Lee", courseId: "course-gdpr", courseTitle: "Data protection", state: "expiring", by: "2026-03-20" },
    ],
  };
}
