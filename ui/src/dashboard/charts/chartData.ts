/**
 * The dashboard's charts as data: for each chart, the points it plots and the table of
 * the same numbers (its screen-reader and copying view), each number with the case list
 * behind it. Every number is Rust's (`Dashboard.charts`); this only labels them and
 * narrows the period's drill-downs to one point, one channel, one priority or one name.
 */
import type { TFunction } from "i18next";

import { CHANNELS, PRIORITIES } from "../../cases/model";
import type { AgeBucket, CaseChannel, CaseQuery, Dashboard, Period, Priority, Share } from "../../ipc/bindings";

export const AGES: readonly AgeBucket[] = ["under_1d", "1d_3d", "3d_7d", "over_7d"];

export type ChartId = "volume" | "sla" | "satisfaction" | "backlog" | "topCategories" | "topRootCauses";

/** One cell of a chart's table; a number links to its cases. */
export interface Cell {
  text: string;
  drill?: CaseQuery;
}

export interface ChartTable {
  columns: string[];
  rows: { key: string; cells: Cell[] }[];
}

/** One plotted series: its key in the points, its label, its colour. */
export interface Series {
  name: string;
  label: string;
  color: string;
}

export interface ChartModel {
  id: ChartId;
  title: string;
  kind: "stackedBars" | "lines" | "bars";
  /** The points, keyed by `label` and each series' name; `null` is "no data". */
  points: Record<string, string | number | null>[];
  series: Series[];
  /** The case list behind each point of each series (point index, then series name). */
  drills: Record<string, CaseQuery>[];
  /** Percent axis (0–100, or −100–100 with NPS). */
  unit: "count" | "percent" | "score";
  table: ChartTable;
  /** Nothing to plot: the card says "no data" instead of an empty chart. */
  empty: boolean;
}

const CHANNEL_COLORS = ["blue.6", "teal.6", "grape.6", "orange.6", "cyan.7"];
const PRIORITY_COLORS = ["red.7", "orange.6", "blue.6", "gray.6"];

function day(s: string): Date {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** A point's label: "2 Mar" for a day, "2–8 Mar" for a week. */
export function periodLabel(language: string, p: Period): string {
  const format = new Intl.DateTimeFormat(language, { month: "short", day: "numeric", timeZone: "UTC" });
  return p.firstDay === p.lastDay ? format.format(day(p.firstDay)) : format.formatRange(day(p.firstDay), day(p.lastDay));
}

/** The period's drill-down narrowed to one point's instants (the team's day or week). */
function within(base: CaseQuery, bound: "created" | "resolved", p: Period, extra: Partial<CaseQuery> = {}): CaseQuery {
  const range = bound === "created" ? { createdFrom: p.start, createdTo: p.end } : { resolvedFrom: p.start, resolvedTo: p.end };
  return { ...base, ...range, ...extra };
}

export function chartModels(t: TFunction, language: string, dashboard: Dashboard): ChartModel[] {
  const { charts, drills } = dashboard;
  const count = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(language, { signDisplay: "exceptZero", maximumFractionDigits: 0 });
  const noData = t("dashboard.noData");
  const shareText = (s: Share) =>
    s.percent === null
      ? noData
      : t("dashboard.charts.shareOf", { value: percent.format(s.percent / 100), hits: count.format(s.hits), cases: count.format(s.cases) });
  const pointColumn = t(charts.granularity === "week" ? "dashboard.charts.week" : "dashboard.charts.day");
  const labels = charts.volume.map((v) => periodLabel(language, v.period));
  const channelLabel = (c: CaseChannel) => t(`cases.channel.${c}`);

  const volume: ChartModel = {
    id: "volume",
    title: t("dashboard.charts.volume"),
    kind: "stackedBars",
    unit: "count",
    points: charts.volume.map((v, i) => ({
      label: labels[i] ?? "",
      ...Object.fromEntries(v.byChannel.map((c) => [c.channel, c.cases])),
    })),
    series: CHANNELS.map((c, i) => ({ name: c, label: channelLabel(c), color: CHANNEL_COLORS[i] ?? "gray.6" })),
    drills: charts.volume.map((v) =>
      Object.fromEntries(CHANNELS.map((c) => [c, within(drills.created, "created", v.period, { channels: [c] })])),
    ),
    table: {
      columns: [pointColumn, t("dashboard.charts.total"), ...CHANNELS.map(channelLabel)],
      rows: charts.volume.map((v, i) => ({
        key: v.period.firstDay,
        cells: [
          { text: labels[i] ?? "" },
          { text: count.format(v.total), drill: within(drills.created, "created", v.period) },
          ...CHANNELS.map((c) => {
            const n = v.byChannel.find((b) => b.channel === c)?.cases ?? 0;
            return { text: count.format(n), drill: within(drills.created, "created", v.period, { channels: [c] }) };
          }),
        ],
      })),
    },
    empty: charts.volume.every((v) => v.total === 0),
  };

  const resolvedDrills = charts.trend.map((p) => within(drills.resolved, "resolved", p.period));
  const sla: ChartModel = {
    id: "sla",
    title: t("dashboard.charts.sla"),
    kind: "lines",
    unit: "percent",
    points: charts.trend.map((p, i) => ({ label: labels[i] ?? "", sla: p.slaCompliance.percent })),
    series: [{ name: "sla", label: t("dashboard.tiles.slaCompliance"), color: "teal.7" }],
    drills: resolvedDrills.map((d) => ({ sla: d })),
    table: {
      columns: [pointColumn, t("dashboard.tiles.slaCompliance")],
      rows: charts.trend.map((p, i) => ({
        key: p.period.firstDay,
        cells: [{ text: labels[i] ?? "" }, { text: shareText(p.slaCompliance), drill: resolvedDrills[i] }],
      })),
    },
    empty: charts.trend.every((p) => p.slaCompliance.percent === null),
  };

  const satisfaction: ChartModel = {
    id: "satisfaction",
    title: t("dashboard.charts.satisfaction"),
    kind: "lines",
    unit: "score",
    points: charts.trend.map((p, i) => ({ label: labels[i] ?? "", csat: p.csat.percent, nps: p.nps.score })),
    series: [
      { name: "csat", label: t("dashboard.charts.csatPercent"), color: "blue.6" },
      { name: "nps", label: t("dashboard.tiles.nps"), color: "grape.6" },
    ],
    drills: resolvedDrills.map((d) => ({ csat: d, nps: d })),
    table: {
      columns: [pointColumn, t("dashboard.tiles.csat"), t("dashboard.tiles.nps")],
      rows: charts.trend.map((p, i) => {
        const answers = p.nps.promoters + p.nps.passives + p.nps.detractors;
        return {
          key: p.period.firstDay,
          cells: [
            { text: labels[i] ?? "" },
            { text: shareText(p.csat), drill: resolvedDrills[i] },
            {
              text:
                p.nps.score === null
                  ? noData
                  : t("dashboard.charts.npsOf", { value: signed.format(Math.round(p.nps.score)), count: answers, formatted: count.format(answers) }),
              drill: resolvedDrills[i],
            },
          ],
        };
      }),
    },
    empty: charts.trend.every((p) => p.csat.percent === null && p.nps.score === null),
  };

  const cell = (age: AgeBucket, priority: Priority) => charts.backlog.find((c) => c.age === age && c.priority === priority);
  const backlogDrill = (age: AgeBucket, priority: Priority): CaseQuery => {
    const c = cell(age, priority);
    return {
      ...drills.backlog,
      priorities: [priority],
      createdFrom: c?.createdFrom ?? null,
      createdTo: c?.createdTo ?? drills.backlog.createdTo,
    };
  };
  const ageLabel = (age: AgeBucket) => t(`dashboard.charts.age.${age}`);
  const backlog: ChartModel = {
    id: "backlog",
    title: t("dashboard.charts.backlog"),
    kind: "stackedBars",
    unit: "count",
    points: AGES.map((age) => ({
      label: ageLabel(age),
      ...Object.fromEntries(PRIORITIES.map((p) => [p, cell(age, p)?.cases ?? 0])),
    })),
    series: PRIORITIES.map((p, i) => ({ name: p, label: t(`cases.priority.${p}`), color: PRIORITY_COLORS[i] ?? "gray.6" })),
    drills: AGES.map((age) => Object.fromEntries(PRIORITIES.map((p) => [p, backlogDrill(age, p)]))),
    table: {
      columns: [t("dashboard.charts.ageColumn"), ...PRIORITIES.map((p) => t(`cases.priority.${p}`)), t("dashboard.charts.total")],
      rows: AGES.map((age) => {
        const n = PRIORITIES.map((p) => cell(age, p)?.cases ?? 0);
        return {
          key: age,
          cells: [
            { text: ageLabel(age) },
            ...PRIORITIES.map((p, i) => ({ text: count.format(n[i] ?? 0), drill: backlogDrill(age, p) })),
            { text: count.format(n.reduce((a, b) => a + b, 0)) },
          ],
        };
      }),
    },
    empty: charts.backlog.every((c) => c.cases === 0),
  };

  const ranked = (
    id: "topCategories" | "topRootCauses",
    column: string,
    items: { name: string; cases: number }[],
    drill: (name: string) => CaseQuery,
  ): ChartModel => ({
    id,
    title: t(`dashboard.charts.${id}`),
    kind: "bars",
    unit: "count",
    points: items.map((r) => ({ label: r.name, cases: r.cases })),
    series: [{ name: "cases", label: t("dashboard.charts.cases"), color: id === "topCategories" ? "blue.6" : "orange.7" }],
    drills: items.map((r) => ({ cases: drill(r.name) })),
    table: {
      columns: [column, t("dashboard.charts.cases")],
      rows: items.map((r) => ({ key: r.name, cells: [{ text: r.name }, { text: count.format(r.cases), drill: drill(r.name) }] })),
    },
    empty: items.length === 0,
  });

  return [
    volume,
    sla,
    satisfaction,
    backlog,
    ranked("topCategories", t("dashboard.charts.category"), charts.topCategories, (name) => ({ ...drills.created, categories: [name] })),
    ranked("topRootCauses", t("dashboard.charts.rootCause"), charts.topRootCauses, (name) => ({ ...drills.resolved, rootCauses: [name] })),
  ];
}
