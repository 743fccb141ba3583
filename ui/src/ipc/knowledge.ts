/**
 * Knowledge-base hooks: articles found by search and filters, one article with its
 * history and linked cases, plan steps and courses, categories, the articles linked to a
 * case, to a plan's steps and to courses (their materials). Every
 * mutation refreshes everything the knowledge base shows (a publish changes the article,
 * its history and the list alike) and the case's linked articles.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import {
  commands,
  type ArticleId,
  type ArticleImageId,
  type ArticleInput,
  type ArticleQuery,
  type ArticleVersionId,
  type CaseId,
  type CourseId,
  type CategoryInput,
  type KbCategoryId,
  type MarkdownProgress,
  type PlanId,
  type PlanStepId,
  type AgentId,
  type RoleId,
  type TeamId,
} from "./bindings";
import { unwrap } from "./result";

export const knowledgeKeys = {
  all: ["knowledge"] as const,
  find: (q: ArticleQuery) => ["knowledge", "find", q] as const,
  tags: ["knowledge", "tags"] as const,
  categories: ["knowledge", "categories"] as const,
  article: (id: ArticleId) => ["knowledge", "article", id] as const,
  versions: (id: ArticleId) => ["knowledge", "versions", id] as const,
  diff: (id: ArticleId, old: ArticleVersionId | null, next: ArticleVersionId | null) =>
    ["knowledge", "diff", id, old, next] as const,
  casesOf: (id: ArticleId) => ["knowledge", "cases", id] as const,
  ofCase: (id: CaseId) => ["knowledge", "ofCase", id] as const,
  stepsOf: (id: ArticleId) => ["knowledge", "steps", id] as const,
  ofPlan: (id: PlanId) => ["knowledge", "ofPlan", id] as const,
  coursesOf: (id: ArticleId) => ["knowledge", "courses", id] as const,
  courseMaterials: ["knowledge", "courseMaterials"] as const,
  image: (id: ArticleImageId) => ["knowledge", "image", id] as const,
  readStatus: (id: ArticleId) => ["knowledge", "read", id] as const,
  outstanding: (team: TeamId | null) => ["knowledge", "outstanding", team] as const,
  reviewDue: ["knowledge", "reviewDue"] as const,
  categoryUsage: (id: KbCategoryId) => ["knowledge", "categoryUsage", id] as const,
};

export function useArticleSearch(query: ArticleQuery) {
  return useQuery({
    queryKey: knowledgeKeys.find(query),
    queryFn: async () => unwrap(await commands.kbArticleFind(query)),
    placeholderData: (previous) => previous,
  });
}

export function useArticleTags() {
  return useQuery({ queryKey: knowledgeKeys.tags, queryFn: async () => unwrap(await commands.kbTagList()) });
}

export function useCategories() {
  return useQuery({ queryKey: knowledgeKeys.categories, queryFn: async () => unwrap(await commands.kbCategoryList()) });
}

export function useArticle(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.article(id), queryFn: async () => unwrap(await commands.kbArticleGet(id)) });
}

export function useArticleVersions(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.versions(id), queryFn: async () => unwrap(await commands.kbVersionList(id)) });
}

/** The line diff of `old` against `next` (null: the current draft); off while `enabled` is false. */
export function useVersionDiff(id: ArticleId, old: ArticleVersionId | null, next: ArticleVersionId | null, enabled: boolean) {
  return useQuery({
    queryKey: knowledgeKeys.diff(id, old, next),
    queryFn: async () => unwrap(await commands.kbVersionDiff(id, old, next)),
    enabled,
  });
}

export function useArticleCases(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.casesOf(id), queryFn: async () => unwrap(await commands.kbArticleCases(id)) });
}

export function useCaseArticles(id: CaseId) {
  return useQuery({ queryKey: knowledgeKeys.ofCase(id), queryFn: async () => unwrap(await commands.kbCaseArticles(id)) });
}

/** The plan steps an article is linked to. */
export function useArticleSteps(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.stepsOf(id), queryFn: async () => unwrap(await commands.kbArticleSteps(id)) });
}

/** The articles linked to a plan's steps, those of older versions included (a run's checklist). */
export function usePlanArticles(id: PlanId) {
  return useQuery({ queryKey: knowledgeKeys.ofPlan(id), queryFn: async () => unwrap(await commands.kbPlanArticles(id)) });
}

/** The courses an article is a material of. */
export function useArticleCourses(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.coursesOf(id), queryFn: async () => unwrap(await commands.kbArticleCourses(id)) });
}

/** Every course's materials. */
export function useCourseMaterials() {
  return useQuery({ queryKey: knowledgeKeys.courseMaterials, queryFn: async () => unwrap(await commands.kbCourseMaterials()) });
}

function useKnowledgeMutation<TInput, TData>(run: (input: TInput) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: knowledgeKeys.all });
    },
  });
}

/** Creates an article (`id` null) or replaces an article's fields; gives its id. */
export function useSaveArticle(id: ArticleId | null) {
  return useKnowledgeMutation(async (input: ArticleInput) =>
    id ? (unwrap(await commands.kbArticleUpdate(id, input)), id) : unwrap(await commands.kbArticleCreate(input)),
  );
}

export function usePublishArticle() {
  return useKnowledgeMutation(async (id: ArticleId) => unwrap(await commands.kbArticlePublish(id)));
}

export function useArchiveArticle() {
  return useKnowledgeMutation(async (id: ArticleId) => unwrap(await commands.kbArticleArchive(id)));
}

export function useRestoreVersion() {
  return useKnowledgeMutation(async (id: ArticleVersionId) => unwrap(await commands.kbVersionRestore(id)));
}

/** Creates a category (`id` null) or renames or moves one. */
export function useSaveCategory(id: KbCategoryId | null) {
  return useKnowledgeMutation(async (input: CategoryInput) =>
    id ? (unwrap(await commands.kbCategoryUpdate(id, input)), id) : unwrap(await commands.kbCategoryCreate(input)),
  );
}

export function useLinkCase() {
  return useKnowledgeMutation(async ({ article, kase }: { article: ArticleId; kase: CaseId }) =>
    unwrap(await commands.kbLinkCase(article, kase)),
  );
}

export function useUnlinkCase() {
  return useKnowledgeMutation(async ({ article, kase }: { article: ArticleId; kase: CaseId }) =>
    unwrap(await commands.kbUnlinkCase(article, kase)),
  );
}

export function useLinkStep() {
  return useKnowledgeMutation(async ({ article, step }: { article: ArticleId; step: PlanStepId }) =>
    unwrap(await commands.kbLinkStep(article, step)),
  );
}

export function useUnlinkStep() {
  return useKnowledgeMutation(async ({ article, step }: { article: ArticleId; step: PlanStepId }) =>
    unwrap(await commands.kbUnlinkStep(article, step)),
  );
}

export function useLinkCourse() {
  return useKnowledgeMutation(async ({ article, course }: { article: ArticleId; course: CourseId }) =>
    unwrap(await commands.kbLinkCourse(article, course)),
  );
}

export function useUnlinkCourse() {
  return useKnowledgeMutation(async ({ article, course }: { article: ArticleId; course: CourseId }) =>
    unwrap(await commands.kbUnlinkCourse(article, course)),
  );
}

/** A stored image as a `data:` URL; an image is never edited, so it is fetched once. */
export function useArticleImage(id: ArticleImageId) {
  return useQuery({
    queryKey: knowledgeKeys.image(id),
    queryFn: async () => unwrap(await commands.kbImageGet(id)),
    staleTime: Infinity,
    retry: false,
  });
}

/** Stores a pasted image (a `data:` URL) with an article; gives its id. */
export async function addArticleImage(article: ArticleId, dataUrl: string): Promise<ArticleImageId> {
  return unwrap(await commands.kbImageAdd(article, dataUrl));
}

/** Opens the image dialog (in Rust) and stores the chosen image with the article; null when closed. */
export async function pickArticleImage(article: ArticleId): Promise<ArticleImageId | null> {
  return unwrap(await commands.kbImagePick(article));
}

/** A call script's text for a case, asked for when the supervisor inserts it. */
export async function scriptForCase(article: ArticleId, kase: CaseId): Promise<string> {
  return unwrap(await commands.kbScriptForCase(article, kase));
}

/** Who was asked to read an article, who has acknowledged it and who has not. */
export function useReadStatus(id: ArticleId) {
  return useQuery({ queryKey: knowledgeKeys.readStatus(id), queryFn: async () => unwrap(await commands.kbReadStatus(id)) });
}

/** Every outstanding acknowledgement of a team's agents (null: everyone). */
export function useOutstandingAcks(teamId: TeamId | null) {
  return useQuery({
    queryKey: knowledgeKeys.outstanding(teamId),
    queryFn: async () => unwrap(await commands.kbOutstandingAcks(teamId)),
  });
}

/** Asks roles to read the article's latest publication (publishing it first with `publish`). */
export function useAskToRead() {
  return useKnowledgeMutation(
    async ({ article, roleIds, publish }: { article: ArticleId; roleIds: RoleId[]; publish: boolean }) =>
      unwrap(await commands.kbReadAsk(article, roleIds, publish)),
  );
}

/** Records that agents read the article's latest publication on a day; gives how many were new. */
export function useAcknowledge() {
  return useKnowledgeMutation(
    async ({ article, agentIds, ackedOn }: { article: ArticleId; agentIds: AgentId[]; ackedOn: string }) =>
      unwrap(await commands.kbAcknowledge(article, agentIds, ackedOn)),
  );
}

/** Published articles past their review date (the home screen's reminders); off while `enabled` is false. */
export function useReviewDue(enabled = true) {
  return useQuery({
    queryKey: knowledgeKeys.reviewDue,
    queryFn: async () => unwrap(await commands.kbReviewDue()),
    enabled,
  });
}

/** What deleting a category would move; off while `enabled` is false. */
export function useCategoryUsage(id: KbCategoryId, enabled = true) {
  return useQuery({
    queryKey: knowledgeKeys.categoryUsage(id),
    queryFn: async () => unwrap(await commands.kbCategoryUsage(id)),
    enabled,
  });
}

/** Deletes a category; its articles and subcategories move up to its parent. */
export function useDeleteCategory() {
  return useKnowledgeMutation(async (id: KbCategoryId) => unwrap(await commands.kbCategoryDelete(id)));
}

/** Opens the folder dialog (in Rust) and checks the folder's Markdown files; null when closed. */
export async function chooseMarkdownFolder() {
  return unwrap(await commands.kbMarkdownChooseFolder());
}

/** Asks a running Markdown import or export to stop (an import then keeps nothing). */
export async function cancelMarkdown(): Promise<void> {
  unwrap(await commands.kbMarkdownCancel());
}

/** Imports the chosen folder, with its progress; every cached query is refreshed after. */
export function useMarkdownImport() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<MarkdownProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      setProgress(null);
      const channel = new Channel<MarkdownProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.kbMarkdownImport(channel));
    },
    onSettled: () => client.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
  return { ...mutation, progress };
}

/** Exports the knowledge base to a folder chosen in Rust's dialog, with its progress. */
export function useMarkdownExport() {
  const [progress, setProgress] = useState<MarkdownProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      setProgress(null);
      const channel = new Channel<MarkdownProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.kbMarkdownExport(channel));
    },
  });
  return { ...mutation, progress };
}
