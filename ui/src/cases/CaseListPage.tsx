/**
 * Cases: the queues as tabs, search and filters, the virtualised list, bulk actions,
 * and "New case" (button, N or Ctrl/Cmd+N). The list's state lives in the URL, so Back
 * from a case returns to the same queue, filters and sort. On an empty database the
 * page offers demo data instead.
 */
import { Alert, Button, Center, Group, Loader, Modal, Text, Title, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconAlertTriangle, IconFileExport, IconFileImport, IconPlus, IconUserCircle } from "@tabler/icons-react";
import type { RowSelectionState } from "@tanstack/react-table";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";

import { ImportWizard } from "../import/ImportWizard";
import { datedFileName, useCasesCsvExport } from "../export/useCasesCsvExport";
import { describeError, ipcErrorMessage, ipcErrorOf } from "../ipc/errors";
import { CASE_PAGE_SIZE, useAgents, useCaseFirstPage, useMe, useQueueCounts } from "../ipc/queries";
import { useOpenedOnce } from "../shell/openedOnce";
import { sectionById } from "../shell/sections";
import { usePageTiming } from "../shell/pageTiming";
import { usePaintedAfter } from "../shell/painted";
import { isMacPlatform } from "../shell/shortcuts";
import { BulkActions } from "./BulkActions";
import { CaseFilters } from "./CaseFilters";
import classes from "./CaseListPage.module.css";
import { CaseTable } from "./CaseTable";
import { EmptyState } from "./EmptyState";
import { DEFAULT_LIST, readListState, toListQuery, writeListState, type ListState } from "./listState";
import { MePrompt } from "./MePrompt";
import { QuickCreateDialog } from "./QuickCreateDialog";
import { QueueTabs } from "./QueueTabs";

function MeLine({ me }: { me: string }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const [changing, setChanging] = useState(false);
  const name = agents.data?.find((a) => a.id === me)?.name;
  return (
    <>
      <Group gap={6}>
        <IconUserCircle size={16} aria-hidden />
        <Text size="sm" c="dimmed">
          {name ? t("cases.me.current", { name }) : null}
        </Text>
        <Button variant="subtle" size="compact-xs" onClick={() => setChanging(true)}>
          {t("cases.me.change")}
        </Button>
      </Group>
      <Modal opened={changing} onClose={() => setChanging(false)} withCloseButton={false} size="auto" padding={0}>
        <MePrompt current={me} onDone={() => setChanging(false)} />
      </Modal>
    </>
  );
}

export function CaseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const me = useMe();
  const meId = me.data ?? null;
  const needsMe = state.queue === "mine" && meId === null;

  const built = toListQuery(state, meId);
  const key = JSON.stringify(built);
  // One identity per distinct query, so effects keyed on it run only when it changes.
  const query = useMemo(() => built, [key]);

  const first = useCaseFirstPage(query, !needsMe);
  // The list first: the counts are asked for once its first page is on screen (or when
  // there is no list to wait for), and fill in the tabs as they arrive.
  const listShownAt = usePaintedAfter(needsMe || !first.isPending);
  const counts = useQueueCounts(meId, !me.isPending && listShownAt !== null);
  const emptyDatabase = counts.data?.all === 0;
  // An empty "All cases" before the counts say whether the database is empty: wait for
  // them rather than flash an empty list before the demo-data offer.
  const maybeEmpty =
    counts.data === undefined && first.data?.total === 0 && key === JSON.stringify(toListQuery(DEFAULT_LIST, meId));

  const rowsShown = first.data?.rows.length && !first.isPlaceholderData;
  usePageTiming("cases_first_rows", sectionById("cases").path, rowsShown ? listShownAt : null);

  // A search text Rust refused (too long) is said beside the search box, not as a failure
  // of the whole list.
  const refused = first.isError ? ipcErrorOf(first.error) : null;
  const searchError =
    refused?.code === "validation" && refused.field === "text" ? ipcErrorMessage(t, refused) : null;

  const [selection, setSelection] = useState<RowSelectionState>({});
  // Emptied when the query changes; on mount it is empty already, and keeping the same
  // object spares the page a second render before its first rows are painted.
  useEffect(() => setSelection((current) => (Object.keys(current).length === 0 ? current : {})), [query]);
  const selectedIds = useMemo(() => Object.keys(selection), [selection]);

  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const createMounted = useOpenedOnce(creating);
  const importMounted = useOpenedOnce(importing);
  const openCreate = useCallback(() => {
    // Not over another dialog (e.g. a bulk confirmation).
    if (!document.querySelector('[role="dialog"]')) setCreating(true);
  }, []);
  useHotkeys([["n", openCreate]]);
  // Ctrl/Cmd+N also works while typing in the search box.
  useHotkeys([["mod+n", openCreate]], []);

  const update = (patch: Partial<ListState>) =>
    setParams(writeListState({ ...state, ...patch }), { replace: true });
  const replace = (next: ListState) => setParams(writeListState(next), { replace: true });

  const mac = useMemo(isMacPlatform, []);
  const csv = useCasesCsvExport();
  const total = first.data?.total;

  return (
    <div className={classes.page}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            {t("cases.title")}
          </Title>
          {total !== undefined && !emptyDatabase && !needsMe && (
            <Text size="sm" c="dimmed" role="status">
              {t("cases.list.total", { count: total })}
            </Text>
          )}
          {first.isFetching && first.isPlaceholderData && <Loader size={14} aria-hidden />}
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)}>
            {t("import.button")}
          </Button>
          {!emptyDatabase && !needsMe && (
            <Button
              variant="default"
              leftSection={<IconFileExport size={16} aria-hidden />}
              loading={csv.running}
              onClick={() => csv.start({ ...query, offset: 0, limit: CASE_PAGE_SIZE }, datedFileName(t("export.casesFile"), "csv"))}
            >
              {t("export.csv")}
            </Button>
          )}
          <Tooltip label={t("cases.newCaseShortcut", { keys: mac ? "⌘N" : "Ctrl+N" })} openDelay={400}>
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={openCreate}
              aria-keyshortcuts={`N ${mac ? "Meta" : "Control"}+N`}
            >
              {t("cases.newCase")}
            </Button>
          </Tooltip>
        </Group>
      </Group>
      {csv.dialog}

      {maybeEmpty ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      ) : emptyDatabase ? (
        <EmptyState />
      ) : (
        <QueueTabs value={state.queue} counts={counts.data} me={meId} onChange={(queue) => update({ queue })}>
          <div className={classes.panel}>
            <CaseFilters state={state} onChange={update} onReplace={replace} searchError={searchError} />
            {state.queue === "mine" && meId && <MeLine me={meId} />}
            {needsMe ? (
              me.isSuccess && <MePrompt />
            ) : searchError ? null : first.isError ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} aria-hidden />}
                title={t("cases.list.loadFailed")}
              >
                <Group justify="space-between">
                  <Text size="sm">{describeError(t, first.error)}</Text>
                  <Button size="xs" variant="default" onClick={() => void first.refetch()}>
                    {t("common.retry")}
                  </Button>
                </Group>
              </Alert>
            ) : (
              <div className={classes.tableArea}>
                <CaseTable
                  query={query}
                  firstPage={first.data}
                  stale={first.isPlaceholderData}
                  selection={selection}
                  onSelectionChange={setSelection}
                  sort={state.sort}
                  descending={state.descending}
                  onSortChange={(sort, descending) => update({ sort, descending })}
                  onOpen={(id) => void navigate(`/cases/${id}`, { state: { from: `/cases?${params.toString()}` } })}
                  callbacks={state.queue === "awaiting_callback"}
                />
                <BulkActions ids={selectedIds} onClear={() => setSelection({})} />
              </div>
            )}
          </div>
        </QueueTabs>
      )}

      {createMounted && <QuickCreateDialog opened={creating} onClose={() => setCreating(false)} />}
      {importMounted && <ImportWizard opened={importing} onClose={() => setImporting(false)} />}
    </div>
  );
}
