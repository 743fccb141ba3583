/**
 * The leaderboard's columns as text and sort keys. Every number is Rust's
 * (`kpi_leaderboard`, the tiles' own measures per agent or team); a value without cases
 * reads "No data" and sorts last whichever way the column is sorted.
 */
import type { TFunction } from "i18next";

import type { CaseQuery, Kpis, LeaderboardRow } from "../ipc/bindings";
import { formatDuration } from "./tiles";

export const COLUMNS = [
  "created",
  "resolved",
  "backlog",
  "firstResponse",
  "resolution",
  "slaCompliance",
  "firstContactResolution",
  "handleTime",
  "csat",
  "nps",
] as const;
export type Column = (typeof COLUMNS)[number];
export type SortKey = "name" | Column;

export interface BoardCell {
  text: string;
  /** How many cases the value rests on (null for plain counts). */
  sample: string | null;
  /** Null sorts last. */
  sortValue: number | null;
  drill: CaseQuery | null;
}

export interface BoardRow {
  key: string;
  name: string;
  cells: Record<Column, BoardCell>;
}

export function boardRows(t: TFunction, language: string, rows: LeaderboardRow[], unnamed: string): BoardRow[] {
  const count = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(language, { signDisplay: "exceptZero", maximumFractionDigits: 0 });
  const noData = t("dashboard.noData");
  const sample = (n: number) => t("dashboard.leaderboard.sample", { count: n, formatted: count.format(n) });
  return rows.map((row) => {
    const k: Kpis = row.kpis;
    const d = row.drills;
    const plain = (n: number, drill: CaseQuery | null): BoardCell => ({ text: count.format(n), sample: null, sortValue: n, drill });
    const mean = (a: Kpis["firstResponse"]): BoardCell => ({
      text: a.meanSeconds === null ? noData : formatDuration(t, a.meanSeconds),
      sample: a.cases > 0 ? sample(a.cases) : null,
      sortValue: a.meanSeconds,
      drill: null,
    });
    const share = (s: Kpis["csat"]): BoardCell => ({
      text: s.percent === null ? noData : percent.format(s.percent / 100),
      sample: s.cases > 0 ? sample(s.cases) : null,
      sortValue: s.percent,
      drill: null,
    });
    const answers = k.nps.promoters + k.nps.passives + k.nps.detractors;
    return {
      key: row.id ?? "",
      name: row.name ?? unnamed,
      cells: {
        created: plain(k.created, d?.created ?? null),
        resolved: plain(k.resolved, d?.resolved ?? null),
        backlog: plain(k.backlog.total, d?.backlog ?? null),
        firstResponse: mean(k.firstResponse),
        resolution: mean(k.resolution),
        slaCompliance: share(k.slaCompliance),
        firstContactResolution: share(k.firstContactResolution),
        handleTime: mean(k.handleTime),
        csat: share(k.csat),
        nps: {
          text: k.nps.score === null ? noData : signed.format(Math.round(k.nps.score)),
          sample: answers > 0 ? t("dashboard.basis.answers", { count: answers, formatted: count.format(answers) }) : null,
          sortValue: k.nps.score,
          drill: null,
        },
      },
    };
  });
}

/** `rows` sorted by `key`; values without data last either way, then by name. */
export function sortRows(rows: BoardRow[], key: SortKey, descending: boolean, language: string): BoardRow[] {
  const collator = new Intl.Collator(language);
  const byName = (a: BoardRow, b: BoardRow) => collator.compare(a.name, b.name);
  return [...rows].sort((a, b) => {
    if (key === "name") return descending ? byName(b, a) : byName(a, b);
    const [x, y] = [a.cells[key].sortValue, b.cells[key].sortValue];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return (descending ? y - x : x - y) || byName(a, b);
  });
}
