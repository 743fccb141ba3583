/**
 * Contingency-plan hooks: plans with their steps and versions, and runs with their
 * derived checklist, log and score. Every mutation refreshes everything plans show (a
 * tick changes a run, the plan's active runs and the list's counts alike).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  commands,
  type ActionItemInput,
  type CaseDetail,
  type CaseId,
  type CommsTemplateId,
  type FillInput,
  type Language,
  type NewCase,
  type PlanContactId,
  type PlanContactInput,
  type PlanId,
  type PlanInput,
  type PlanRunId,
  type PlanStepId,
  type PlanVersionId,
  type ReviewInput,
  type RunAction,
  type RunActionItemId,
  type RunInput,
  type StarterKey,
  type StepInput,
  type TemplateInput,
} from "./bindings";
import { caseKeys, invalidateCases } from "./cases";
import { unwrap } from "./result";

export const planKeys = {
  all: ["plans"] as const,
  list: ["plans", "list"] as const,
  plan: (id: PlanId) => ["plans", "plan", id] as const,
  activeRuns: ["plans", "runs", "active"] as const,
  reminders: ["plans", "reminders"] as const,
  run: (id: PlanRunId) => ["plans", "run", id] as const,
  runCases: (id: PlanRunId) => ["plans", "run", id, "cases"] as const,
  caseRuns: (id: CaseId) => ["plans", "case", id, "runs"] as const,
  diff: (older: PlanVersionId, newer: PlanVersionId) => ["plans", "diff", older, newer] as const,
  review: (id: PlanRunId) => ["plans", "run", id, "review"] as const,
  openActionItems: (id: PlanId) => ["plans", "plan", id, "actionItems"] as const,
  starters: (language: Language) => ["plans", "starters", language] as const,
};

export function usePlans() {
  return useQuery({ queryKey: planKeys.list, queryFn: async () => unwrap(await commands.planList()) });
}

export function usePlan(id: PlanId) {
  return useQuery({ queryKey: planKeys.plan(id), queryFn: async () => unwrap(await commands.planGet(id)) });
}

/**
 * Plans overdue for review or a drill. Refreshed hourly as well: a plan falls due as days
 * pass, with nothing written.
 */
export function usePlanReminders(enabled = true) {
  return useQuery({
    queryKey: planKeys.reminders,
    enabled,
    queryFn: async () => unwrap(await commands.planReminders()),
    refetchInterval: 3_600_000,
  });
}

/** Every run not closed yet, the latest first. */
export function useActiveRuns() {
  return useQuery({ queryKey: planKeys.activeRuns, queryFn: async () => unwrap(await commands.planRunActive()) });
}

/** A run as Rust derives it now; refreshed every 30 s so overdue steps show without a click. */
export function useRun(id: PlanRunId) {
  return useQuery({
    queryKey: planKeys.run(id),
    queryFn: async () => unwrap(await commands.planRunGet(id)),
    refetchInterval: 30_000,
  });
}

function usePlansMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: planKeys.all });
    },
  });
}

/** Creates a plan (`id` null) or replaces a plan's fields. */
export function useSavePlan(id: PlanId | null) {
  return usePlansMutation(async (input: PlanInput) =>
    id ? (unwrap(await commands.planUpdate(id, input)), id) : unwrap(await commands.planCreate(input)),
  );
}

/** Adds a step to `plan` (`id` null) or replaces a step's fields. */
export function useSaveStep(plan: PlanId, id: PlanStepId | null) {
  return usePlansMutation(async (input: StepInput) =>
    id ? unwrap(await commands.planStepUpdate(id, input)) : (unwrap(await commands.planStepAdd(plan, input)), null),
  );
}

export function useRemoveStep() {
  return usePlansMutation(async (id: PlanStepId) => unwrap(await commands.planStepRemove(id)));
}

export function useMoveStep() {
  return usePlansMutation(async ({ id, up }: { id: PlanStepId; up: boolean }) => unwrap(await commands.planStepMove(id, up)));
}

/** Puts a step at place `index` of its phase (where it was dropped). */
export function usePlaceStep() {
  return usePlansMutation(async ({ id, index }: { id: PlanStepId; index: number }) => unwrap(await commands.planStepPlace(id, index)));
}

export function usePublishPlan() {
  return usePlansMutation(async (id: PlanId) => unwrap(await commands.planPublish(id)));
}

export function useStartRun() {
  return usePlansMutation(async (input: RunInput) => unwrap(await commands.planRunStart(input)));
}

/** Records a tick, skip, note, log entry or the close of run `id`. */
export function useRecordRun(id: PlanRunId) {
  return usePlansMutation(async (action: RunAction) => unwrap(await commands.planRunRecord(id, action)));
}

/** Adds a contact to `plan`'s call tree (`id` null) or replaces a contact's fields. */
export function useSaveContact(plan: PlanId, id: PlanContactId | null) {
  return usePlansMutation(async (input: PlanContactInput) =>
    id ? unwrap(await commands.planContactUpdate(id, input)) : (unwrap(await commands.planContactAdd(plan, input)), null),
  );
}

export function useRemoveContact() {
  return usePlansMutation(async (id: PlanContactId) => unwrap(await commands.planContactRemove(id)));
}

export function useMoveContact() {
  return usePlansMutation(async ({ id, up }: { id: PlanContactId; up: boolean }) =>
    unwrap(await commands.planContactMove(id, up)),
  );
}

/** Adds a communication template to `plan` (`id` null) or replaces a template's fields. */
export function useSaveTemplate(plan: PlanId, id: CommsTemplateId | null) {
  return usePlansMutation(async (input: TemplateInput) =>
    id ? unwrap(await commands.planTemplateUpdate(id, input)) : (unwrap(await commands.planTemplateAdd(plan, input)), null),
  );
}

export function useRemoveTemplate() {
  return usePlansMutation(async (id: CommsTemplateId) => unwrap(await commands.planTemplateRemove(id)));
}

/** Fills a template of run `run`'s version with the run's values (writes nothing). */
export function useFillTemplate(run: PlanRunId) {
  return useMutation({
    mutationFn: async ({ template, input }: { template: CommsTemplateId; input: FillInput }) =>
      unwrap(await commands.planTemplateFill(run, template, input)),
  });
}

/** The cases linked to run `run`, the newest first. */
export function useRunCases(run: PlanRunId) {
  return useQuery({ queryKey: planKeys.runCases(run), queryFn: async () => unwrap(await commands.planRunCases(run)) });
}

/** The runs case `id` is linked to, the latest first (the case page). */
export function useCaseRuns(id: CaseId) {
  return useQuery({ queryKey: planKeys.caseRuns(id), queryFn: async () => unwrap(await commands.planRunsOfCase(id)) });
}

export function useLinkRunCase(run: PlanRunId) {
  return usePlansMutation(async (id: CaseId) => unwrap(await commands.planRunLinkCase(run, id)));
}

export function useUnlinkRunCase(run: PlanRunId) {
  return usePlansMutation(async (id: CaseId) => unwrap(await commands.planRunUnlinkCase(run, id)));
}

/** Creates a case linked to run `run` (one transaction in Rust); refreshes cases and plans. */
export function useCreateCaseForRun(run: PlanRunId) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewCase) => unwrap(await commands.planRunCreateCase(run, input)),
    onSuccess: async (detail: CaseDetail) => {
      client.setQueryData(caseKeys.detail(detail.case.id), detail);
      await Promise.all([invalidateCases(client), client.invalidateQueries({ queryKey: planKeys.all })]);
    },
  });
}

/** What changed from version `older` to `newer` of a plan (published versions never change). */
export function usePlanVersionDiff(older: PlanVersionId | null, newer: PlanVersionId | null) {
  return useQuery({
    queryKey: planKeys.diff(older ?? "", newer ?? ""),
    enabled: older !== null && newer !== null && older !== newer,
    staleTime: Infinity,
    queryFn: async () => unwrap(await commands.planVersionDiff(older ?? "", newer ?? "")),
  });
}

/** A run's hot-wash, after-action review and action items (overdue as of today). */
export function useRunReview(run: PlanRunId) {
  return useQuery({ queryKey: planKeys.review(run), queryFn: async () => unwrap(await commands.planRunReview(run)) });
}

/**
 * Run `run`'s report as a PDF: Rust opens the save dialog (offering
 * `drill-report-<plan>-<day>.pdf`) and writes the file on a worker. Resolves to the path
 * written, or `null` when the dialog was closed. Nothing shown changes, so nothing is refreshed.
 */
export function useSaveRunPdf(run: PlanRunId) {
  return useMutation({ mutationFn: async () => unwrap(await commands.planRunSavePdf(run)) });
}

/** The open action items of a plan's runs, the earliest due first. */
export function useOpenActionItems(plan: PlanId) {
  return useQuery({
    queryKey: planKeys.openActionItems(plan),
    queryFn: async () => unwrap(await commands.planOpenActionItems(plan)),
  });
}

export function useSaveHotWash(run: PlanRunId) {
  return usePlansMutation(async (text: string) => unwrap(await commands.planRunHotWashSave(run, text)));
}

export function useSaveReview(run: PlanRunId) {
  return usePlansMutation(async (input: ReviewInput) => unwrap(await commands.planRunReviewSave(run, input)));
}

/** Adds an action item to run `run`'s review (`id` null) or replaces an item's fields. */
export function useSaveActionItem(run: PlanRunId, id: RunActionItemId | null) {
  return usePlansMutation(async (input: ActionItemInput) =>
    id ? unwrap(await commands.planActionItemUpdate(id, input)) : (unwrap(await commands.planActionItemAdd(run, input)), null),
  );
}

export function useRemoveActionItem() {
  return usePlansMutation(async (id: RunActionItemId) => unwrap(await commands.planActionItemRemove(id)));
}

export function useSetActionItemDone() {
  return usePlansMutation(async ({ id, done }: { id: RunActionItemId; done: boolean }) =>
    unwrap(await commands.planActionItemSetDone(id, done)),
  );
}

/** The example plans in `language` (compiled into the app: they never change). */
export function useStarters(language: Language) {
  return useQuery({
    queryKey: planKeys.starters(language),
    staleTime: Infinity,
    queryFn: async () => unwrap(await commands.planStarterList(language)),
  });
}

/** Copies an example plan into a new draft plan; returns its id. */
export function useCopyStarter() {
  return usePlansMutation(async ({ key, language }: { key: StarterKey; language: Language }) =>
    unwrap(await commands.planStarterCopy(key, language)),
  );
}
