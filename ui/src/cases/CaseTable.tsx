/**
 * The case list: a virtualised ARIA grid that stays smooth at 100k rows. Only the rows
 * in view (plus a margin) are in the DOM; their pages of 100 are fetched by offset when
 * they come into view and cached by query and page. TanStack Table owns the columns,
 * the (server-side) sort state and the selection; the markup and keyboard are ours:
 * ↑/↓/PageUp/PageDown/Home/End move between rows, Enter opens, Space selects.
 */
import { Text } from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconBellRinging,
  IconCrown,
} from "@tabler/icons-react";
import {
  createColumnHelper,
  FlexRender,
  functionalUpdate,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type Cell,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useQueryClient } from "@tanstack/react-query";
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from "@tanstack/react-virtual";
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
} from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import type { CaseId, CasePage, CaseSort, CaseStatus, CaseSummary, Priority } from "../ipc/bindings";
import { CASE_PAGE_SIZE, cachedCaseIds, useCasePages, type ListQuery } from "../ipc/queries";
import { usePaintedAfter } from "../shell/painted";
import { DueText, PriorityMark, StatusMark } from "./badges";
import classes from "./CaseTable.module.css";
import { dueState, formatDateTime, formatShortDateTime, useNow } from "./time";

export const ROW_HEIGHT = 36;

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const helper = createColumnHelper<typeof features, CaseSummary>();

/** Columns that map to a server-side sort. */
const SORTABLE: Partial<Record<string, CaseSort>> = {
  reference: "reference",
  priority: "priority",
  status: "status",
  due: "due",
  created: "created",
};

/** The due time a row is judged by: the earlier of its SLA targets (or its call-back). */
export function rowDue(row: CaseSummary, callbacks: boolean): string | null {
  if (callbacks) return row.callbackDueAt;
  const dues = [row.firstResponseDueAt, row.resolutionDueAt].filter((d): d is string => d !== null);
  if (dues.length === 0) return null;
  return dues.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** Whether Rust marked the row's SLA at risk (call-backs have no SLA target to be at risk of). */
export function rowAtRisk(row: CaseSummary, callbacks: boolean): boolean {
  return !callbacks && row.atRisk;
}

/**
 * The virtualiser's watch on the scroller's size, with its first report (taken while the
 * grid is being committed) handed on in the next frame: taken at once, a height a row off
 * the estimate (`initialRect`) re-renders the grid before its first paint, as a page shown
 * already drawn (KeptPage) would be. Handed on from a frame, the re-render comes after
 * that paint; later reports (the resize observer's) pass straight through (issue 15).
 */
function observeScrollerRect(instance: Virtualizer<HTMLDivElement, Element>, report: (rect: Rect) => void) {
  let first: number | null = null;
  let reported = false;
  const stop = observeElementRect(instance, (rect) => {
    if (!reported) {
      reported = true;
      first = requestAnimationFrame(() => {
        first = null;
        report(rect);
      });
      return;
    }
    if (first !== null) cancelAnimationFrame(first);
    first = null;
    report(rect);
  });
  return () => {
    if (first !== null) cancelAnimationFrame(first);
    stop?.();
  };
}

/**
 * A native checkbox in the theme's colour: Mantine's Checkbox is five elements and a style
 * resolver, and the list draws one per row (issue 15).
 */
function GridCheckbox({
  checked,
  indeterminate = false,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className={classes.checkbox} checked={checked} {...rest} />;
}

/**
 * What the cells read, once for the whole grid: a `useTranslation` and a clock per cell
 * (each a subscription of its own) were most of a row's first render (issue 15).
 */
interface GridText {
  t: TFunction;
  language: string;
  now: number;
}

const GridTextContext = createContext<GridText | null>(null);

function useGridText(): GridText {
  const text = useContext(GridTextContext);
  if (!text) throw new Error("a case list cell is drawn outside CaseTable");
  return text;
}

function SelectCell({
  row,
  selected,
  onToggle,
}: {
  row: CaseSummary;
  selected: boolean;
  onToggle: (id: CaseId) => void;
}) {
  const { t } = useGridText();
  return (
    <GridCheckbox
      checked={selected}
      onChange={() => onToggle(row.id)}
      onClick={(e) => e.stopPropagation()}
      tabIndex={-1}
      aria-label={t("cases.list.selectRow", { reference: row.reference })}
    />
  );
}

// The cells below are plain elements styled by this file's CSS module, not Mantine layout
// and text components: a screen of rows is ~15 rows × 9 cells, and at 100k cases the
// page's first rows are timed from opening it (issue 15).

function TitleCell({ row }: { row: CaseSummary }) {
  const { t } = useGridText();
  return (
    <div className={classes.line}>
      {/* The link is named by the title alone; the category follows it, outside the link
          and after a comma only screen readers hear, so neither runs into the other.
          A click on it is the row's (see CaseRow), which opens the case remembering the
          list to return to; the router's Link would subscribe each row to the location. */}
      <span className={classes.truncate}>
        <a href={`#/cases/${row.id}`} tabIndex={-1} className={classes.titleLink}>
          {row.title}
        </a>
        {row.category && (
          <>
            <span className="visually-hidden">, </span>
            <span className={classes.category}>{row.category}</span>
          </>
        )}
      </span>
      {row.escalated && (
        <span className={classes.mark} title={t("cases.list.escalated")}>
          <IconBellRinging size={14} color="var(--mantine-color-grape-filled)" aria-label={t("cases.list.escalated")} />
        </span>
      )}
    </div>
  );
}

function CustomerCell({ row }: { row: CaseSummary }) {
  const { t } = useGridText();
  if (!row.customerName) return <span className={classes.dimmed}>{t("common.none")}</span>;
  return (
    <div className={classes.line}>
      {row.vip && (
        <span className={classes.mark}>
          <IconCrown size={14} color="var(--mantine-color-yellow-filled)" aria-label={t("cases.list.vip")} />
        </span>
      )}
      <span className={classes.truncate}>{row.customerName}</span>
    </div>
  );
}

function AssigneeCell({ row }: { row: CaseSummary }) {
  const { t } = useGridText();
  return row.assigneeName ? (
    <span className={classes.truncate}>{row.assigneeName}</span>
  ) : (
    <span className={`${classes.dimmed} ${classes.unassigned}`}>{t("cases.list.unassigned")}</span>
  );
}

function DueCell({ row, callbacks }: { row: CaseSummary; callbacks: boolean }) {
  const { t, language, now } = useGridText();
  const due = rowDue(row, callbacks);
  const state = dueState(due, now, rowAtRisk(row, callbacks));
  if (!due || !state) return <span className={classes.dimmed}>—</span>;
  return (
    <div title={formatDateTime(language, due)}>
      <DueText t={t} dueAt={due} state={state} now={now} compact />
    </div>
  );
}

function CreatedCell({ row }: { row: CaseSummary }) {
  const { language, now } = useGridText();
  return (
    <time className={`${classes.dimmed} ${classes.small}`} dateTime={row.createdAt}>
      {formatShortDateTime(language, row.createdAt, now)}
    </time>
  );
}

function PriorityCell({ priority }: { priority: Priority }) {
  const { t } = useGridText();
  return <PriorityMark t={t} priority={priority} size="xs" />;
}

function StatusCell({ status }: { status: CaseStatus }) {
  const { t } = useGridText();
  return <StatusMark t={t} status={status} size="xs" />;
}

type ColumnId = "reference" | "title" | "customer" | "priority" | "status" | "assignee" | "due" | "created";

function columnLabel(t: TFunction, id: string): string {
  return t(`cases.list.columns.${id as ColumnId}`);
}

function HeaderLabel({ id }: { id: string }) {
  const { t } = useGridText();
  return <>{columnLabel(t, id)}</>;
}

function columnsFor(callbacks: boolean) {
  return helper.columns([
    // The selection column's header and cells are drawn by the grid and `CaseRow`, which
    // hold the selection, so the columns (and the rows' cells) need not change with it.
    helper.display({ id: "select", header: () => null, cell: () => null }),
    helper.accessor("reference", {
      header: () => <HeaderLabel id="reference" />,
      cell: (ctx) => <span className={classes.ref}>{ctx.getValue()}</span>,
    }),
    helper.accessor("priority", {
      header: () => <HeaderLabel id="priority" />,
      cell: (ctx) => <PriorityCell priority={ctx.getValue()} />,
    }),
    helper.accessor("title", {
      header: () => <HeaderLabel id="title" />,
      cell: (ctx) => <TitleCell row={ctx.row.original} />,
      enableSorting: false,
    }),
    helper.accessor("customerName", {
      id: "customer",
      header: () => <HeaderLabel id="customer" />,
      cell: (ctx) => <CustomerCell row={ctx.row.original} />,
      enableSorting: false,
    }),
    helper.accessor("status", {
      header: () => <HeaderLabel id="status" />,
      cell: (ctx) => <StatusCell status={ctx.getValue()} />,
    }),
    helper.accessor("assigneeName", {
      id: "assignee",
      header: () => <HeaderLabel id="assignee" />,
      cell: (ctx) => <AssigneeCell row={ctx.row.original} />,
      enableSorting: false,
    }),
    helper.display({
      id: "due",
      header: () => <HeaderLabel id="due" />,
      cell: (ctx) => <DueCell row={ctx.row.original} callbacks={callbacks} />,
    }),
    helper.accessor("createdAt", {
      id: "created",
      header: () => <HeaderLabel id="created" />,
      cell: (ctx) => <CreatedCell row={ctx.row.original} />,
    }),
  ]);
}

type CaseCell = Cell<typeof features, CaseSummary>;

interface CaseRowProps {
  index: number;
  /** Offset from the top of the row group, px. */
  start: number;
  /** The case and its cells; undefined while the row's page is loading. */
  summary: CaseSummary | undefined;
  cells: CaseCell[] | undefined;
  /** Highlight for a breached or nearly due case. */
  sla: "breached" | "at_risk" | undefined;
  selected: boolean;
  /** The grid's tab stop ("roving tabindex"). */
  active: boolean;
  onActivate: (index: number) => void;
  onOpen: (id: CaseId) => void;
  onToggle: (id: CaseId) => void;
  register: (index: number, el: HTMLDivElement | null) => void;
}

/**
 * One grid row. Memoised, with props that stay the same while the row's case, position and
 * state do, so a scroll step renders only the rows coming into view, not all of them.
 * The same element serves the loading and the loaded row (the grid keys rows by position),
 * so a row that has the focus (after End or PageDown into rows still loading) keeps it when
 * its data arrives.
 */
const CaseRow = memo(function CaseRow({
  index,
  start,
  summary,
  cells,
  sla,
  selected,
  active,
  onActivate,
  onOpen,
  onToggle,
  register,
}: CaseRowProps) {
  const { t } = useGridText();
  const ref = useCallback((el: HTMLDivElement | null) => register(index, el), [register, index]);
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!summary || !cells) {
    return (
      <div
        ref={ref}
        role="row"
        aria-rowindex={index + 2}
        tabIndex={active ? 0 : -1}
        className={`${classes.row} ${classes.dataRow}`}
        style={style}
      >
        <div role="gridcell" aria-colspan={9} className={classes.cell} style={{ gridColumn: "1 / -1" }}>
          <span className="visually-hidden">{t("cases.list.rowLoading")}</span>
          <div className={classes.placeholder} style={{ width: `${40 + ((index * 37) % 40)}%` }} />
        </div>
      </div>
    );
  }
  return (
    <div
      ref={ref}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      className={`${classes.row} ${classes.dataRow}`}
      data-sla={sla}
      style={style}
      onFocus={() => onActivate(index)}
      onClick={(event: MouseEvent<HTMLDivElement>) => {
        if ((event.target as HTMLElement).closest("input, button")) return;
        // The title's link included: opening remembers the list to return to.
        event.preventDefault();
        onOpen(summary.id);
      }}
    >
      {cells.map((cell) =>
        cell.column.id === "select" ? (
          <div role="gridcell" key={cell.id} className={classes.checkCell}>
            <SelectCell row={summary} selected={selected} onToggle={onToggle} />
          </div>
        ) : (
          <div role="gridcell" key={cell.id} className={classes.cell}>
            <FlexRender cell={cell} />
          </div>
        ),
      )}
    </div>
  );
});

export interface CaseTableProps {
  query: ListQuery;
  /** The first page (also the source of `total`). */
  firstPage: CasePage | undefined;
  /** The first page is being replaced by a changed query's. */
  stale: boolean;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  sort: CaseSort;
  descending: boolean;
  onSortChange: (sort: CaseSort, descending: boolean) => void;
  onOpen: (id: CaseId) => void;
  /** Judge rows by their call-back due time instead of their SLA (call-back queue). */
  callbacks: boolean;
}

export function CaseTable({
  query,
  firstPage,
  stale,
  selection,
  onSelectionChange,
  sort,
  descending,
  onSortChange,
  onOpen,
  callbacks,
}: CaseTableProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = firstPage?.total ?? 0;
  const now = useNow();
  const gridText = useMemo(() => ({ t, language: i18n.language, now }), [t, i18n.language, now]);

  // Whether the first rows have been drawn: until then no rows beyond the screen.
  const drawn = usePaintedAfter(total > 0) !== null;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Until the scroller is measured, assume it is as tall as the window below the page's
    // header, tabs and filters (about 270 px): the first rows are then drawn in the page's
    // first render, not one render and layout later, and rows that would fall below the
    // fold (the whole window's worth was a third too many) are not drawn only to be removed.
    initialRect: { width: 0, height: Math.max(ROW_HEIGHT * 4, window.innerHeight - 240) },
    // The rows on screen first, then the margin that keeps scrolling smooth.
    overscan: drawn ? 12 : 0,
    // The sticky header sits above the first row inside the scroller.
    scrollPaddingStart: ROW_HEIGHT,
    observeElementRect: observeScrollerRect,
  });
  const items = virtualizer.getVirtualItems();

  // Pages the rendered rows fall in; page 0 comes with `firstPage`.
  const pageNumbers = useMemo(() => {
    const set = new Set<number>();
    for (const item of items) set.add(Math.floor(item.index / CASE_PAGE_SIZE));
    set.delete(0);
    return [...set].sort((a, b) => a - b);
    // Recomputed only when the first or last visible page changes.
  }, [
    items.length === 0 ? -1 : Math.floor(items[0]!.index / CASE_PAGE_SIZE),
    items.length === 0 ? -1 : Math.floor(items[items.length - 1]!.index / CASE_PAGE_SIZE),
  ]);
  const pageResults = useCasePages(query, pageNumbers);
  const stamp = pageResults.map((r) => r.dataUpdatedAt).join(",");

  const pages = useMemo(() => {
    const map = new Map<number, CaseSummary[]>();
    if (firstPage) map.set(0, firstPage.rows);
    pageNumbers.forEach((page, i) => {
      const rows = pageResults[i]?.data?.rows;
      if (rows) map.set(page, rows);
    });
    return map;
    // `stamp` changes whenever a page's data does.
  }, [firstPage, stamp, pageNumbers]);

  const data = useMemo(() => [...pages.values()].flat(), [pages]);

  const rowAt = useCallback(
    (index: number): CaseSummary | undefined =>
      pages.get(Math.floor(index / CASE_PAGE_SIZE))?.[index % CASE_PAGE_SIZE],
    [pages],
  );

  // The latest props, read by callbacks that stay the same across renders, so that rows
  // stay memoised (`onOpen` is usually a new function on every render of the page).
  const latest = useRef({ selection, onSelectionChange, onOpen });
  latest.current = { selection, onSelectionChange, onOpen };
  const toggle = useCallback((id: CaseId) => {
    const { selection, onSelectionChange } = latest.current;
    const next = { ...selection };
    if (next[id]) delete next[id];
    else next[id] = true;
    onSelectionChange(next);
  }, []);
  const open = useCallback((id: CaseId) => latest.current.onOpen(id), []);

  const columns = useMemo(() => columnsFor(callbacks), [callbacks]);

  const sorting: SortingState = useMemo(() => {
    const column = Object.entries(SORTABLE).find(([, s]) => s === sort)?.[0];
    return column ? [{ id: column, desc: descending }] : [];
  }, [sort, descending]);

  const table = useTable({
    features,
    columns,
    data,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, rowSelection: selection },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      const mapped = next && SORTABLE[next.id];
      if (next && mapped) onSortChange(mapped, next.desc);
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      onSelectionChange(functionalUpdate(updater, selection)),
  });
  const rowsById = table.getRowModel().rowsById;

  // Keyboard focus: one row is the grid's tab stop ("roving tabindex").
  const [active, setActive] = useState(0);
  // The row to focus once it is rendered. It names the row rather than flagging "focus the
  // active row": an effect still pending from an earlier render (which saw an older
  // `active`) may run first, and must not focus the row being left.
  const focusPending = useRef<number | null>(null);
  const rowEls = useRef(new Map<number, HTMLDivElement>());
  const register = useCallback((index: number, el: HTMLDivElement | null) => {
    if (el) rowEls.current.set(index, el);
    else rowEls.current.delete(index);
  }, []);

  useEffect(() => {
    setActive(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [query]);

  useEffect(() => {
    if (focusPending.current === null) return;
    const el = rowEls.current.get(focusPending.current);
    if (el) {
      focusPending.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    focusPending.current = next;
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest("[data-no-grid-keys]")) return;
    const perPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 360) / ROW_HEIGHT) - 2);
    switch (event.key) {
      case "ArrowDown":
        moveTo(active + 1);
        break;
      case "ArrowUp":
        moveTo(active - 1);
        break;
      case "PageDown":
        moveTo(active + perPage);
        break;
      case "PageUp":
        moveTo(active - perPage);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(total - 1);
        break;
      case "Enter": {
        const row = rowAt(active);
        if (row) onOpen(row.id);
        break;
      }
      case " ": {
        const row = rowAt(active);
        if (row) toggle(row.id);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const activeRendered = items.some((item) => item.index === active);

  const loadedIds = useMemo(
    () => cachedCaseIds(client, query),
    // Recomputed as pages arrive.
    [client, query, data],
  );
  const selectedLoaded = loadedIds.filter((id) => selection[id]).length;
  const allSelected = loadedIds.length > 0 && selectedLoaded === loadedIds.length;

  const toggleAll = () => {
    if (allSelected) {
      onSelectionChange({});
    } else {
      onSelectionChange({ ...selection, ...Object.fromEntries(loadedIds.map((id) => [id, true as const])) });
    }
  };

  const headerGroup = table.getHeaderGroups()[0];

  return (
    <GridTextContext.Provider value={gridText}>
      <div className={classes.frame}>
        <div
          ref={scrollRef}
          className={classes.scroller}
          role="grid"
          aria-label={t("cases.list.gridLabel")}
          aria-rowcount={total + 1}
          aria-colcount={9}
          aria-multiselectable
          aria-busy={stale || undefined}
          tabIndex={activeRendered ? -1 : 0}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            if (event.target === scrollRef.current && total > 0) {
              const first = items.find((i) => i.start >= (scrollRef.current?.scrollTop ?? 0)) ?? items[0];
              if (first) moveTo(first.index);
            }
          }}
        >
          <div className={classes.grid}>
            {/* The row group is what sticks: a sticky row inside a row group only as tall as
                itself would scroll away with it. */}
            <div role="rowgroup" className={classes.headerGroup}>
              <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header}`}>
                {headerGroup?.headers.map((header) => {
                  const id = header.column.id;
                  if (id === "select") {
                    return (
                      <div role="columnheader" key={id} className={classes.checkCell} data-no-grid-keys>
                        <GridCheckbox
                          checked={allSelected}
                          indeterminate={selectedLoaded > 0 && !allSelected}
                          onChange={toggleAll}
                          disabled={loadedIds.length === 0}
                          aria-label={t("cases.list.selectAll")}
                        />
                      </div>
                    );
                  }
                  const sortable = SORTABLE[id] !== undefined;
                  const sorted = header.column.getIsSorted();
                  const sortState = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
                  return (
                    <div
                      role="columnheader"
                      key={id}
                      className={classes.cell}
                      // Named by the column alone; the sort state is in aria-sort.
                      aria-label={columnLabel(t, id)}
                      aria-sort={sorted ? sortState : undefined}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          className={classes.sortButton}
                          // The arrow icons are hidden from assistive technology, so the
                          // name carries the sort state as well as the column.
                          aria-label={t(`cases.list.sortState.${sortState}`, { column: columnLabel(t, id) })}
                          data-active={sorted ? true : undefined}
                          data-no-grid-keys
                          onClick={() =>
                            onSortChange(SORTABLE[id]!, sorted ? sorted === "asc" : id === "created" || id === "reference")
                          }
                        >
                          <table.FlexRender header={header} />
                          {sorted === "asc" ? (
                            <IconArrowUp size={12} aria-hidden />
                          ) : sorted === "desc" ? (
                            <IconArrowDown size={12} aria-hidden />
                          ) : (
                            <IconArrowsSort size={12} aria-hidden className={classes.sortHint} />
                          )}
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </div>
                  );
                })}
              </div>
            </div>

            {firstPage && total === 0 && (
              <div className={classes.empty}>
                <Text c="dimmed" size="sm">
                  {t("cases.list.empty")}
                </Text>
              </div>
            )}
            <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const summary = rowAt(item.index);
                const row = summary ? rowsById[summary.id] : undefined;
                const state = summary ? dueState(rowDue(summary, callbacks), now, rowAtRisk(summary, callbacks)) : null;
                return (
                  <CaseRow
                    key={item.index}
                    index={item.index}
                    start={item.start}
                    summary={row ? summary : undefined}
                    cells={row?.getAllCells()}
                    sla={state === "breached" || state === "at_risk" ? state : undefined}
                    selected={summary ? selection[summary.id] === true : false}
                    active={item.index === active}
                    onActivate={setActive}
                    onOpen={open}
                    onToggle={toggle}
                    register={register}
                  />
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </GridTextContext.Provider>
  );
}
