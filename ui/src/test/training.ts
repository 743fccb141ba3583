/** Training samples: the built-in roles, a roster, courses and an agent's history. */
import type { AgentTraining, Course, Role, RosterAgent } from "../ipc/bindings";

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
  const base = { note: "", issuer: "", score: null, passed: true, expiresOn: null };
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
