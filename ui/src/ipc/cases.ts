/**
 * Case hooks: lists (one cached query per page of 100 rows, keyed by the query and the
 * page's offset), one case's detail, the pick-lists, and every case mutation. A
 * mutation invalidates every cached case query (lists, counts, details) and the
 * customers (their case counts), because one change can move a case between queues.
 */
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";

import {
  commands,
  type AgentId,
  type BulkAction,
  type BulkOutcome,
  type CallbackResult,
  type CaseDetail,
  type CaseEdit,
  type CaseId,
  type CasePage,
  type CaseQuery,
  type CaseStatus,
  type Contact,
  type Escalation,
  type NewCase,
  type Prior,
  type Resolution,
  type TeamId,
} from "./bindings";
import { unwrap } from "./result";

/** Rows per list page: the unit of fetching and caching. */
export const CASE_PAGE_SIZE = 100;

/** A list request without its paging: what identifies one list. */
export type ListQuery = Omit<CaseQuery, "offset" | "limit">;

/**
 * No IPC polling faster than this; the UI recomputes times from due dates in between. A
 * list page younger than this is also shown without asking again: every change made here
 * or pulled by sync invalidates the case queries, so only the clock (a row turning at
 * risk) can have moved it, and that is what the polling is for.
 */
export const CASE_REFRESH_MS = 60_000;

export const caseKeys = {
  all: ["cases"] as const,
  page: (query: ListQuery, page: number) => ["cases", "list", query, page] as const,
  counts: (me: AgentId | null) => ["cases", "counts", me] as const,
  detail: (id: CaseId) => ["cases", "detail", id] as const,
  categories: ["cases", "categories"] as const,
  tags: ["cases", "tags"] as const,
};

function fetchPage(query: ListQuery, page: number): Promise<CasePage> {
  return commands
    .caseList({ ...query, offset: page * CASE_PAGE_SIZE, limit: CASE_PAGE_SIZE })
    .then(unwrap);
}

/**
 * Starts loading the list's first page for `query` now, before any page asks for it: the
 * window opens on the Cases page, and its rows should not wait for the settings, the
 * layout and the page's first render before they are even requested.
 */
export function prefetchFirstPage(client: QueryClient, query: ListQuery): void {
  void client.prefetchQuery({ queryKey: caseKeys.page(query, 0), queryFn: () => fetchPage(query, 0) });
}

/**
 * Keeps the first page of `query` loaded while another page is on screen: opening Cases
 * from the home screen then draws its rows at once and refreshes them behind, instead of
 * waiting for Rust while the new page is laid out. The query stays observed, so it is
 * never dropped from the cache, and it refreshes at the list's own pace and on every case
 * change; the calling page is not re-rendered by it.
 */
export function useWarmCaseList(query: ListQuery, enabled: boolean): void {
  useQuery({
    queryKey: caseKeys.page(query, 0),
    queryFn: () => fetchPage(query, 0),
    enabled,
    staleTime: CASE_REFRESH_MS,
    refetchInterval: CASE_REFRESH_MS,
    notifyOnChangeProps: [],
  });
}

/**
 * Whether the first page of `query` is in the cache (loaded by a page that keeps it warm,
 * or by a visit), re-rendering the caller only when that changes.
 */
export function useFirstPageCached(query: ListQuery): boolean {
  const client = useQueryClient();
  const subscribe = useCallback((changed: () => void) => client.getQueryCache().subscribe(changed), [client]);
  return useSyncExternalStore(subscribe, () => client.getQueryData(caseKeys.page(query, 0)) !== undefined);
}

/**
 * The list's first page, kept on screen while a changed query loads (no flash of an
 * empty table between keystrokes). Its `total` sizes the virtual list.
 */
export function useCaseFirstPage(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: caseKeys.page(query, 0),
    queryFn: () => fetchPage(query, 0),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: CASE_REFRESH_MS,
    refetchInterval: CASE_REFRESH_MS,
  });
}

/** The pages the visible rows fall in (page 0 is `useCaseFirstPage`'s). */
export function useCasePages(query: ListQuery, pages: readonly number[]) {
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: caseKeys.page(query, page),
      queryFn: () => fetchPage(query, page),
      staleTime: CASE_REFRESH_MS,
      refetchInterval: CASE_REFRESH_MS,
      // A page scrolled past is dropped soon; at 100k cases they would pile up.
      gcTime: 60_000,
    })),
  });
}

/**
 * How many cases each queue holds ("My cases" for `me`): one cheap call (Rust keeps the
 * counts), separate from the list so the rows never wait for it.
 */
export function useQueueCounts(me: AgentId | null, enabled = true) {
  return useQuery({
    queryKey: caseKeys.counts(me),
    queryFn: async () => unwrap(await commands.caseQueueCounts(me)),
    enabled,
    refetchInterval: CASE_REFRESH_MS,
  });
}

/** Every cached row of a list, in order (for "select all loaded"). */
export function cachedCaseIds(client: QueryClient, query: ListQuery): CaseId[] {
  const pages = client
    .getQueriesData<CasePage>({ queryKey: ["cases", "list", query] })
    .map(([key, data]) => ({ page: Number(key[3]), rows: data?.rows ?? [] }))
    .sort((a, b) => a.page - b.page);
  return pages.flatMap((p) => p.rows.map((r) => r.id));
}

/** One case with its timeline, SLA and allowed moves; refreshed every minute. */
export function useCase(id: CaseId) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: async () => unwrap(await commands.caseGet(id)),
    refetchInterval: CASE_REFRESH_MS,
  });
}

export function useCaseCategories() {
  return useQuery({
    queryKey: caseKeys.categories,
    queryFn: async () => unwrap(await commands.caseCategories()),
    staleTime: 60_000,
  });
}

export function useCaseTags() {
  return useQuery({
    queryKey: caseKeys.tags,
    queryFn: async () => unwrap(await commands.caseTags()),
    staleTime: 60_000,
  });
}

export function invalidateCases(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: caseKeys.all }),
    client.invalidateQueries({ queryKey: ["customers"] }),
  ]).then(() => undefined);
}

/** A mutation that refreshes every case view once it succeeded. */
function useCaseMutation<TVars, TData>(run: (vars: TVars) => Promise<TData>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => invalidateCases(client),
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewCase) => unwrap(await commands.caseCreate(input)),
    onSuccess: (detail: CaseDetail) => {
      client.setQueryData(caseKeys.detail(detail.case.id), detail);
      return invalidateCases(client);
    },
  });
}

export function useEditCase(id: CaseId) {
  return useCaseMutation(async (edit: CaseEdit) => unwrap(await commands.caseEdit(id, edit)));
}

export function useTransitionCase(id: CaseId) {
  return useCaseMutation(
    async ({ to, resolution }: { to: CaseStatus; resolution: Resolution | null }) =>
      unwrap(await commands.caseTransition(id, to, resolution)),
  );
}

export function useAssignCase(id: CaseId) {
  return useCaseMutation(
    async ({ assignee, team }: { assignee: AgentId | null; team: TeamId | null }) =>
      unwrap(await commands.caseAssign(id, assignee, team)),
  );
}

export function useEscalateCase(id: CaseId) {
  return useCaseMutation(async (escalation: Escalation) =>
    unwrap(await commands.caseEscalate(id, escalation)),
  );
}

export function useDeEscalateCase(id: CaseId) {
  return useCaseMutation(async (reason: string) => unwrap(await commands.caseDeEscalate(id, reason)));
}

export function useSetCaseTags(id: CaseId) {
  return useCaseMutation(async (tags: string[]) => unwrap(await commands.caseSetTags(id, tags)));
}

export function useAddCaseNote(id: CaseId) {
  return useCaseMutation(async (text: string) => unwrap(await commands.caseAddNote(id, text)));
}

export function useLogCaseContact(id: CaseId) {
  return useCaseMutation(async (contact: Contact) => unwrap(await commands.caseLogContact(id, contact)));
}

export function useScheduleCallback(id: CaseId) {
  return useCaseMutation(async (dueAt: string) =>
    unwrap(await commands.caseScheduleCallback(id, dueAt)),
  );
}

export function useRecordCallback(id: CaseId) {
  return useCaseMutation(async (result: CallbackResult) =>
    unwrap(await commands.caseRecordCallback(id, result)),
  );
}

export function useBulkCases() {
  return useCaseMutation(
    async ({ ids, action }: { ids: CaseId[]; action: BulkAction }): Promise<BulkOutcome> =>
      unwrap(await commands.caseBulk(ids, action)),
  );
}

export function useBulkUndo() {
  return useCaseMutation(async (changed: Prior[]) => unwrap(await commands.caseBulkUndo(changed)));
}

/**
 * Takes a bulk action back, outside any component: the Undo button lives in a
 * notification, which may outlive the list that showed it.
 */
export async function undoBulk(client: QueryClient, changed: Prior[]): Promise<void> {
  unwrap(await commands.caseBulkUndo(changed));
  await invalidateCases(client);
}
