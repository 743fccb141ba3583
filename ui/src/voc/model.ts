/** The fixed lists of the voice of the customer, as Rust names them, with their labels. */
import type { TFunction } from "i18next";

import type { Department, FeedbackSource, InsightStatus, Sentiment } from "../ipc/bindings";

export const SOURCES: readonly FeedbackSource[] = [
  "survey",
  "focus_group",
  "interview",
  "comment",
  "review",
  "social",
  "other",
];
export const SENTIMENTS: readonly Sentiment[] = ["positive", "neutral", "negative"];
export const DEPARTMENTS: readonly Department[] = [
  "product",
  "sales",
  "engineering",
  "billing",
  "marketing",
  "operations",
  "other",
];
export const INSIGHT_STATUSES: readonly InsightStatus[] = ["proposed", "accepted", "done", "declined"];

export const sourceOptions = (t: TFunction) => SOURCES.map((v) => ({ value: v, label: t(`voc.source.${v}`) }));
export const sentimentOptions = (t: TFunction) => SENTIMENTS.map((v) => ({ value: v, label: t(`voc.sentiment.${v}`) }));
export const departmentOptions = (t: TFunction) =>
  DEPARTMENTS.map((v) => ({ value: v, label: t(`voc.department.${v}`) }));
export const insightStatusOptions = (t: TFunction) =>
  INSIGHT_STATUSES.map((v) => ({ value: v, label: t(`voc.insightStatus.${v}`) }));

/** What an insight cites, in words: "1 case, 2 feedback entries" (each count its own plural). */
export function evidenceCount(t: TFunction, cases: number, feedback: number): string {
  return t("voc.handover.evidenceCount", {
    cases: t("voc.handover.evidenceCases", { count: cases }),
    feedback: t("voc.handover.evidenceFeedback", { count: feedback }),
  });
}
