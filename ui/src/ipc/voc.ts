/**
 * Voice-of-the-customer hooks: journey stages, feedback, the pain-point view and
 * insights. Pain points and case evidence move with the cases, so their keys live under
 * the case keys: every case change and synced batch (which invalidate those) recomputes
 * them. Feedback and insights have keys of their own, invalidated by their mutations and
 * by any case change as well (an insight lists its cases' status and CSAT).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  commands,
  type CaseId,
  type CaseQuery,
  type Evidence,
  type FeedbackId,
  type FeedbackInput,
  type FeedbackQuery,
  type InsightId,
  type InsightInput,
  type InsightQuery,
  type InsightStatus,
  type JourneyStageId,
  type PainPointsRequest,
} from "./bindings";
import { caseKeys } from "./cases";
import { unwrap } from "./result";

export const vocKeys = {
  all: [...caseKeys.all, "voc"] as const,
  stages: [...caseKeys.all, "voc", "stages"] as const,
  painPoints: (request: PainPointsRequest | null) => [...caseKeys.all, "voc", "painPoints", request] as const,
  feedback: (query: FeedbackQuery) => [...caseKeys.all, "voc", "feedback", query] as const,
  themes: [...caseKeys.all, "voc", "themes"] as const,
  insights: (query: InsightQuery) => [...caseKeys.all, "voc", "insights", query] as const,
  insight: (id: InsightId) => [...caseKeys.all, "voc", "insight", id] as const,
};

/** Every journey stage in journey order, retired ones included. */
export function useJourneyStages() {
  return useQuery({ queryKey: vocKeys.stages, queryFn: async () => unwrap(await commands.journeyStageList()) });
}

/** A mutation that refreshes everything the voice of the customer shows (and the cases). */
function useVocMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function useCreateStage() {
  return useVocMutation(async (name: string) => unwrap(await commands.journeyStageCreate(name)));
}

export function useRenameStage() {
  return useVocMutation(async ({ id, name }: { id: JourneyStageId; name: string }) =>
    unwrap(await commands.journeyStageRename(id, name)),
  );
}

export function useReorderStages() {
  return useVocMutation(async (ids: JourneyStageId[]) => unwrap(await commands.journeyStageReorder(ids)));
}

export function useRetireStage() {
  return useVocMutation(async ({ id, retired }: { id: JourneyStageId; retired: boolean }) =>
    unwrap(await commands.journeyStageSetRetired(id, retired)),
  );
}

export function useSetCaseStage(id: CaseId) {
  return useVocMutation(async (stage: JourneyStageId | null) => unwrap(await commands.caseSetJourneyStage(id, stage)));
}

/** The heat maps of a period; `null` asks for nothing yet (a custom period half chosen). */
export function usePainPoints(request: PainPointsRequest | null) {
  return useQuery({
    queryKey: vocKeys.painPoints(request),
    queryFn: async () => {
      if (!request) throw new Error("no pain-point request");
      return unwrap(await commands.vocPainPoints(request));
    },
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackPage(query: FeedbackQuery) {
  return useQuery({
    queryKey: vocKeys.feedback(query),
    queryFn: async () => unwrap(await commands.feedbackList(query)),
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackThemes() {
  return useQuery({ queryKey: vocKeys.themes, queryFn: async () => unwrap(await commands.feedbackThemes()) });
}

export function useSaveFeedback(id: FeedbackId | null) {
  return useVocMutation(async (input: FeedbackInput) =>
    id ? unwrap(await commands.feedbackUpdate(id, input)) : unwrap(await commands.feedbackCreate(input)),
  );
}

export function useDeleteFeedback() {
  return useVocMutation(async (id: FeedbackId) => unwrap(await commands.feedbackDelete(id)));
}

export function useInsights(query: InsightQuery) {
  return useQuery({
    queryKey: vocKeys.insights(query),
    queryFn: async () => unwrap(await commands.insightList(query)),
    placeholderData: keepPreviousData,
  });
}

export function useInsight(id: InsightId) {
  return useQuery({ queryKey: vocKeys.insight(id), queryFn: async () => unwrap(await commands.insightGet(id)) });
}

/** Raises an insight with its evidence, or (given `id`) saves an edit of its fields. */
export function useSaveInsight(id: InsightId | null) {
  return useVocMutation(async ({ input, evidence }: { input: InsightInput; evidence: Evidence }) =>
    id ? (unwrap(await commands.insightUpdate(id, input)), id) : unwrap(await commands.insightCreate(input, evidence)),
  );
}

export function useSetInsightStatus(id: InsightId) {
  return useVocMutation(async (to: InsightStatus) => unwrap(await commands.insightSetStatus(id, to)));
}

export function useUnlinkEvidence(id: InsightId) {
  return useVocMutation(async (evidence: Evidence) => unwrap(await commands.insightUnlink(id, evidence)));
}

export function useDeleteInsight() {
  return useVocMutation(async (id: InsightId) => unwrap(await commands.insightDelete(id)));
}

/**
 * Saves a rendered hand-over page: Rust opens the save dialog offering `fileName` (its
 * extension, `.md` or `.html`, says which kind) and writes the file. Resolves to the path
 * written, or `null` when the dialog was closed.
 */
export async function saveHandover(fileName: string, contents: string): Promise<string | null> {
  return unwrap(await commands.insightSaveHandover(fileName, contents));
}

/** Most cases, and most entries, one insight cites (Rust refuses more). */
export const EVIDENCE_MAX = 500;

/**
 * The evidence a pain-point cell gives a new insight: the ids of its cases or feedback
 * (the first EVIDENCE_MAX, newest first) and how many there are in all.
 */
export function useCellEvidence(cases: CaseQuery | null, feedback: FeedbackQuery | null) {
  return useQuery({
    queryKey: [...vocKeys.all, "cellEvidence", cases, feedback] as const,
    queryFn: async () => {
      const casePage = cases ? unwrap(await commands.caseList({ ...cases, offset: 0, limit: EVIDENCE_MAX })) : null;
      const feedbackPage = feedback
        ? unwrap(await commands.feedbackList({ ...feedback, offset: 0, limit: EVIDENCE_MAX }))
        : null;
      return {
        evidence: {
          caseIds: casePage?.rows.map((r) => r.id) ?? [],
          feedbackIds: feedbackPage?.rows.map((r) => r.id) ?? [],
        } satisfies Evidence,
        totalCases: casePage?.total ?? 0,
        totalFeedback: feedbackPage?.total ?? 0,
      };
    },
    enabled: cases !== null || feedback !== null,
  });
}
