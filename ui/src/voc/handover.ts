/**
 * An insight's one-page hand-over for the department that owns it: what was found, the
 * change asked for, the status and review date, and the evidence (cases and feedback),
 * in the reader's language. One text model renders as Markdown and as a standalone HTML
 * page (the printable page shows the same HTML), so the three can never disagree.
 */
import type { TFunction } from "i18next";

import type { InsightDetail, JourneyStage } from "../ipc/bindings";
import { stageLabelOf } from "./stages";
import { evidenceCount } from "./model";

interface Handover {
  title: string;
  facts: [string, string][];
  sections: { heading: string; text: string }[];
  cases: { heading: string; columns: string[]; rows: string[][] };
  feedback: { heading: string; columns: string[]; rows: string[][] };
  footer: string;
}

function model(t: TFunction, lang: string, d: InsightDetail, stages: readonly JourneyStage[], now: Date): Handover {
  const i = d.insight;
  const none = t("common.none");
  const day = (iso: string) => iso.slice(0, 10);
  return {
    title: i.title,
    facts: [
      [t("voc.handover.department"), t(`voc.department.${i.department}`)],
      [t("voc.handover.status"), t(`voc.insightStatus.${i.status}`)],
      [t("voc.handover.reviewOn"), i.reviewOn ? `${i.reviewOn}${i.overdue ? ` (${t("voc.insights.overdue")})` : ""}` : none],
      [t("voc.handover.raised"), day(i.createdAt)],
      [t("voc.handover.evidence"), evidenceCount(t, d.cases.length, d.feedback.length)],
    ],
    sections: [
      { heading: t("voc.handover.finding"), text: i.finding || none },
      { heading: t("voc.handover.requestedChange"), text: i.requestedChange || none },
    ],
    cases: {
      heading: t("voc.handover.cases"),
      columns: [t("fields.ref"), t("fields.title"), t("fields.status"), t("fields.rootCause"), t("fields.csat"), t("fields.createdAt")],
      rows: d.cases.map((c) => [
        c.reference,
        c.title,
        t(`cases.status.${c.status}`),
        c.rootCause ?? "",
        c.csat === null ? "" : String(c.csat),
        day(c.createdAt),
      ]),
    },
    feedback: {
      heading: t("voc.handover.feedback"),
      columns: [t("fields.receivedOn"), t("fields.source"), t("fields.sentiment"), t("fields.journeyStageId"), t("fields.themes"), t("fields.feedbackText")],
      rows: d.feedback.map((f) => [
        f.receivedOn,
        t(`voc.source.${f.source}`),
        t(`voc.sentiment.${f.sentiment}`),
        stageLabelOf(t, stages, f.journeyStageId),
        f.themes.join(", "),
        f.text,
      ]),
    },
    footer: t("voc.handover.footer", {
      when: new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(now),
    }),
  };
}

/** Markdown: a cell's pipes and line breaks escaped, so a table row stays one row. */
function mdCell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function mdTable(columns: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(columns), `|${columns.map(() => " --- |").join("")}`, ...rows.map(line)].join("\n");
}

export function handoverMarkdown(
  t: TFunction,
  lang: string,
  detail: InsightDetail,
  stages: readonly JourneyStage[],
  now = new Date(),
): string {
  const h = model(t, lang, detail, stages, now);
  const out = [`# ${h.title.replace(/\r?\n/g, " ")}`, "", ...h.facts.map(([k, v]) => `- **${k}:** ${v}`), ""];
  for (const s of h.sections) out.push(`## ${s.heading}`, "", s.text, "");
  for (const table of [h.cases, h.feedback]) {
    out.push(`## ${table.heading} (${table.rows.length})`, "");
    out.push(table.rows.length ? mdTable(table.columns, table.rows) : t("common.none"), "");
  }
  out.push(`_${h.footer}_`, "");
  return out.join("\n");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The page's body: what the printable page shows and the HTML file holds. */
export function handoverBody(
  t: TFunction,
  lang: string,
  detail: InsightDetail,
  stages: readonly JourneyStage[],
  now = new Date(),
): string {
  const h = model(t, lang, detail, stages, now);
  const table = (tb: Handover["cases"]) =>
    `<h2>${esc(tb.heading)} (${tb.rows.length})</h2>` +
    (tb.rows.length
      ? `<table><thead><tr>${tb.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead><tbody>${tb.rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`
      : `<p>${esc(t("common.none"))}</p>`);
  return [
    `<h1>${esc(h.title)}</h1>`,
    `<dl>${h.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`,
    ...h.sections.map((s) => `<h2>${esc(s.heading)}</h2><p class="text">${esc(s.text)}</p>`),
    table(h.cases),
    table(h.feedback),
    `<footer>${esc(h.footer)}</footer>`,
  ].join("\n");
}

/** The page's print styles: one A4 or Letter page's margins, tables that break cleanly. */
export const HANDOVER_CSS = `
@page { margin: 16mm; }
.handover { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }
.handover h1 { font-size: 18pt; margin: 0 0 8pt; }
.handover h2 { font-size: 12.5pt; margin: 14pt 0 4pt; break-after: avoid; }
.handover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 0; }
.handover dt { font-weight: 600; }
.handover dd { margin: 0; }
.handover .text { white-space: pre-wrap; margin: 0; }
.handover table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
.handover th, .handover td { border: 1px solid #999; padding: 2pt 4pt; text-align: start; vertical-align: top; }
.handover thead { display: table-header-group; }
.handover tr { break-inside: avoid; }
.handover footer { margin-top: 14pt; font-size: 8.5pt; color: #444; }
`;

/** A standalone HTML document of the hand-over. */
export function handoverHtml(
  t: TFunction,
  lang: string,
  detail: InsightDetail,
  stages: readonly JourneyStage[],
  now = new Date(),
): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<title>${esc(detail.insight.title)}</title>
<style>${HANDOVER_CSS}</style>
</head>
<body>
<article class="handover">
${handoverBody(t, lang, detail, stages, now)}
</article>
</body>
</html>
`;
}
