/**
 * The dashboard's tiles as text: each KPI's value in this period and the previous one,
 * the change, how many cases it rests on, and the case list behind it. Every number is
 * Rust's (`kpi_dashboard`); this only words them. A value without cases reads "No data",
 * never 0 or NaN.
 */
import type { TFunction } from "i18next";

import type { Average, CaseQuery, Dashboard, Kpis, Share } from "../ipc/bindings";
import { PRIORITIES } from "../cases/model";

export type TileId =
  | "firstResponse"
  | "resolution"
  | "slaCompliance"
  | "firstContactResolution"
  | "handleTime"
  | "csat"
  | "nps"
  | "backlog"
  | "callbacksDue"
  | "callbacksOverdue";

/** Whether a rise is good news, bad news or neither. */
type Direction = "higherIsBetter" | "lowerIsBetter" | "neutral";

export interface Tile {
  id: TileId;
  title: string;
  /** This period's value, or "No data". */
  value: string;
  /** The previous period's, or "No data". */
  previous: string;
  /** The change on the previous period, when both have data. */
  change: { text: string; tone: "better" | "worse" | "neutral" } | null;
  /** What the value rests on ("Over 12 cases"); null for plain counts and for no data. */
  basis: string | null;
  /** Extra detail line (the backlog by priority, call-backs done on time). */
  detail: string | null;
  /** The cases behind it. */
  drill: CaseQuery;
}

/** A duration as people say it: "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(t: TFunction, seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return t("dashboard.seconds", { count: s });
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t("cases.time.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0
      ? t("cases.time.hours", { count: hours })
      : `${t("cases.time.hours", { count: hours })} ${t("cases.time.minutes", { count: rest })}`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0
    ? t("cases.time.days", { count: days })
    : `${t("cases.time.days", { count: days })} ${t("cases.time.hours", { count: rest })}`;
}

function formats(language: string) {
  return {
    percent: new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }),
    signed: new Intl.NumberFormat(language, { signDisplay: "exceptZero", maximumFractionDigits: 1 }),
    count: new Intl.NumberFormat(language),
  };
}

/** The locale's plus or minus sign of `value` (none for zero), as its numbers show it. */
function sign(signed: Intl.NumberFormat, value: number): string {
  return signed.formatToParts(value).find((p) => p.type === "plusSign" || p.type === "minusSign")?.value ?? "";
}

/** A change in time, signed as the language signs numbers ("+6 min", "-27 min"). */
export function formatDurationChange(t: TFunction, signed: Intl.NumberFormat, seconds: number): string {
  return `${sign(signed, seconds)}${formatDuration(t, seconds)}`;
}

function tone(diff: number, direction: Direction): "better" | "worse" | "neutral" {
  if (diff === 0 || direction === "neutral") return "neutral";
  return (diff > 0) === (direction === "higherIsBetter") ? "better" : "worse";
}

/** Every tile of `dashboard`, in display order. */
export function dashboardTiles(t: TFunction, language: string, dashboard: Dashboard): Tile[] {
  const f = formats(language);
  const noData = t("dashboard.noData");
  const cur = dashboard.current.kpis;
  const prev = dashboard.previous.kpis;
  const drills = dashboard.drills;

  const average = (id: TileId, pick: (k: Kpis) => Average, drill: CaseQuery): Tile => {
    const [a, b] = [pick(cur), pick(prev)];
    const text = (v: Average) => (v.meanSeconds === null ? noData : formatDuration(t, v.meanSeconds));
    const diff = a.meanSeconds !== null && b.meanSeconds !== null ? a.meanSeconds - b.meanSeconds : null;
    return {
      id,
      title: t(`dashboard.tiles.${id}`),
      value: text(a),
      previous: text(b),
      change:
        diff === null
          ? null
          : {
              text: formatDurationChange(t, f.signed, diff),
              tone: tone(Math.round(diff), "lowerIsBetter"),
            },
      basis: a.cases > 0 ? t("dashboard.basis.cases", { count: a.cases, formatted: f.count.format(a.cases) }) : null,
      detail: null,
      drill,
    };
  };

  const share = (id: TileId, pick: (k: Kpis) => Share, drill: CaseQuery, detail: string | null = null): Tile => {
    const [a, b] = [pick(cur), pick(prev)];
    const text = (v: Share) => (v.percent === null ? noData : f.percent.format(v.percent / 100));
    const diff = a.percent !== null && b.percent !== null ? a.percent - b.percent : null;
    return {
      id,
      title: t(`dashboard.tiles.${id}`),
      value: text(a),
      previous: text(b),
      change:
        diff === null
          ? null
          : { text: t("dashboard.points", { value: f.signed.format(diff) }), tone: tone(diff, "higherIsBetter") },
      basis:
        a.cases > 0
          ? t("dashboard.basis.ofCases", { count: a.cases, hits: f.count.format(a.hits), formatted: f.count.format(a.cases) })
          : null,
      detail,
      drill,
    };
  };

  const count = (id: TileId, pick: (k: Kpis) => number, drill: CaseQuery, direction: Direction, detail: string | null): Tile => {
    const [a, b] = [pick(cur), pick(prev)];
    const diff = a - b;
    return {
      id,
      title: t(`dashboard.tiles.${id}`),
      value: f.count.format(a),
      previous: f.count.format(b),
      change: { text: f.signed.format(diff), tone: tone(diff, direction) },
      basis: null,
      detail,
      drill,
    };
  };

  const npsText = (k: Kpis) => (k.nps.score === null ? noData : f.signed.format(Math.round(k.nps.score)));
  const answers = (k: Kpis) => k.nps.promoters + k.nps.passives + k.nps.detractors;
  const npsDiff = cur.nps.score !== null && prev.nps.score !== null ? cur.nps.score - prev.nps.score : null;
  const byPriority = PRIORITIES.map((p) => {
    const n = cur.backlog.byPriority.find((c) => c.priority === p)?.cases ?? 0;
    return t("dashboard.priorityCount", { priority: t(`cases.priority.${p}`), count: n, formatted: f.count.format(n) });
  }).join(" · ");
  const followUp = cur.callbacks.followUp;

  return [
    average("firstResponse", (k) => k.firstResponse, drills.created),
    average("resolution", (k) => k.resolution, drills.resolved),
    share("slaCompliance", (k) => k.slaCompliance, drills.resolved),
    share("firstContactResolution", (k) => k.firstContactResolution, drills.resolved),
    average("handleTime", (k) => k.handleTime, drills.resolved),
    share("csat", (k) => k.csat, drills.resolved),
    {
      id: "nps",
      title: t("dashboard.tiles.nps"),
      value: npsText(cur),
      previous: npsText(prev),
      change:
        npsDiff === null
          ? null
          : { text: f.signed.format(Math.round(npsDiff)), tone: tone(Math.round(npsDiff), "higherIsBetter") },
      basis:
        answers(cur) > 0
          ? t("dashboard.basis.answers", { count: answers(cur), formatted: f.count.format(answers(cur)) })
          : null,
      detail: null,
      drill: drills.resolved,
    },
    count("backlog", (k) => k.backlog.total, drills.backlog, "lowerIsBetter", byPriority),
    count(
      "callbacksDue",
      (k) => k.callbacks.due,
      drills.callbacksDue,
      "neutral",
      followUp.percent === null
        ? null
        : t("dashboard.onTime", { value: f.percent.format(followUp.percent / 100) }),
    ),
    count("callbacksOverdue", (k) => k.callbacks.overdue, drills.callbacksOverdue, "lowerIsBetter", null),
  ];
}
