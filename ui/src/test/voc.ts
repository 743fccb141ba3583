/** Voice-of-the-customer samples: the built-in stages, a pain-point map, feedback, insights. */
import type {
  Feedback,
  InsightDetail,
  InsightSummary,
  JourneyStage,
  PainPoints,
} from "../ipc/bindings";

const KEYS = ["awareness", "purchase", "onboarding", "use", "billing", "renewal", "cancellation"];

export const sampleStages: JourneyStage[] = KEYS.map((key, i) => ({
  id: `stage-${key}`,
  key,
  name: "",
  position: i + 1,
  retired: false,
}));

const share = (hits: number, cases: number) => ({ percent: cases ? (hits * 100) / cases : null, hits, cases });
const cell = (count: number, hits = 0, answered = 0) => ({ count, csat: share(hits, answered) });

/** Billing: 3 "Tariff" cases (1 of 2 satisfied), 1 "Duplicate"; renewal: 2 "Duplicate". */
export function samplePainPoints(): PainPoints {
  const rows = sampleStages.map((stage) => {
    const cells =
      stage.key === "billing"
        ? [cell(3, 1, 2), cell(1)]
        : stage.key === "renewal"
          ? [cell(0), cell(2, 2, 2)]
          : [cell(0), cell(0)];
    const count = cells.reduce((n, c) => n + c.count, 0);
    const hits = cells.reduce((n, c) => n + c.csat.hits, 0);
    const answered = cells.reduce((n, c) => n + c.csat.cases, 0);
    return { stage, cells, total: cell(count, hits, answered) };
  });
  return {
    period: {
      firstDay: "2026-02-01",
      lastDay: "2026-03-02",
      days: 30,
      start: "2026-01-31T23:00:00.000Z",
      end: "2026-03-02T23:00:00.000Z",
    },
    cases: {
      columns: ["Tariff", "Duplicate"],
      rows,
      maxCount: 3,
      leftOut: 0,
      drillPeriod: { list: "cases", from: "2026-01-31T23:00:00.000Z", to: "2026-03-02T23:00:00.000Z" },
    },
    feedback: {
      columns: [],
      rows: sampleStages.map((stage) => ({ stage, cells: [], total: cell(0) })),
      maxCount: 0,
      leftOut: 0,
      drillPeriod: { list: "feedback", from: "2026-02-01", to: "2026-03-02" },
    },
    casesWithoutStage: 4,
    casesWithoutRootCause: 2,
    feedbackWithoutStage: 0,
  };
}

export function sampleFeedback(overrides: Partial<Feedback> = {}): Feedback {
  return {
    id: "fb-1",
    receivedOn: "2026-03-01",
    source: "survey",
    sentiment: "negative",
    customerId: null,
    customerName: null,
    journeyStageId: "stage-renewal",
    csat: 2,
    themes: ["letters"],
    text: "The renewal letter came too late",
    ...overrides,
  };
}

export function sampleInsight(overrides: Partial<InsightSummary["insight"]> = {}): InsightSummary {
  return {
    insight: {
      id: "ins-1",
      title: "Renewal letters arrive late",
      finding: "Letters | arrive <late>",
      department: "billing",
      requestedChange: "Send them 30 days ahead",
      status: "proposed",
      reviewOn: "2026-02-20",
      overdue: true,
      createdAt: "2026-02-01T10:00:00.000Z",
      ...overrides,
    },
    cases: 1,
    feedback: 1,
  };
}

export function sampleInsightDetail(): InsightDetail {
  return {
    insight: sampleInsight().insight,
    nextStatuses: ["accepted", "declined"],
    cases: [
      {
        id: "case-1",
        reference: "C-K7-00001",
        title: "Letter | late",
        status: "resolved",
        rootCause: "Letter sent late",
        csat: 2,
        createdAt: "2026-02-10T09:00:00.000Z",
      },
    ],
    feedback: [sampleFeedback()],
  };
}
