/**
 * A finished run's report on paper: what ran and who led it, the score, the checklist as
 * it ended (the timeline), the incident log, the linked cases, the hot-wash, the
 * after-action review and its action items. Save as PDF has Rust write the same report as
 * a PDF file (crates/core/src/plans/run_pdf.rs), where the user chooses.
 */
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { formatDateTime, formatDuration } from "../../cases/time";
import type { RunCase, RunItem, RunReview, RunView } from "../../ipc/bindings";
import { describeError } from "../../ipc/errors";
import { useRun, useRunCases, useRunReview, useSaveRunPdf } from "../../ipc/queries";
import { formatDay } from "../../settings/CalendarDay";
import { entryText } from "../RunLog";
import { PrintFrame, printClasses as classes } from "./PrintFrame";

export function RunPrintPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const run = useRun(id);
  const review = useRunReview(id);
  const cases = useRunCases(id);
  const pdf = useSaveRunPdf(id);
  const error = run.error ?? review.error ?? cases.error;
  const ready = run.data && review.data && cases.data;
  // Rust lays the same report out as a PDF in the app's language; a closed dialog says nothing.
  const savePdf = () =>
    pdf.mutate(undefined, {
      onSuccess: (path) => {
        if (path) notifications.show({ color: "teal", message: t("plans.print.pdfSaved", { path }) });
      },
      onError: (e) => notifications.show({ color: "red", title: t("plans.print.pdfFailed"), message: describeError(t, e) }),
    });
  return (
    <PrintFrame
      title={run.data ? t("plans.print.runTitle", { title: run.data.versionTitle }) : null}
      back={`/plans/runs/${id}`}
      ready={!!ready}
      savePdf={{ onSave: savePdf, pending: pdf.isPending }}
    >
      {error ? (
        <p role="alert">{describeError(t, error)}</p>
      ) : run.data && review.data && cases.data ? (
        <RunSheet run={run.data} review={review.data} cases={cases.data} />
      ) : (
        <p>{t("common.loading")}</p>
      )}
    </PrintFrame>
  );
}

function itemOutcome(t: TFunction, language: string, i: RunItem): string {
  const state = t(`plans.state.${i.state}`);
  const at = i.settledAt ? ` ${formatDateTime(language, i.settledAt)}` : "";
  const reason = i.reason ? ` — ${i.reason}` : "";
  return `${state}${at}${reason}`;
}

export function RunSheet({ run, review, cases }: { run: RunView; review: RunReview; cases: RunCase[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = run.summary;

  return (
    <article aria-label={t("plans.print.runTitle", { title: run.versionTitle })}>
      <h1>{t("plans.print.runTitle", { title: run.versionTitle })}</h1>
      <dl>
        <dt>{t("plans.fields.kind")}</dt>
        <dd>{t(`plans.kind.${s.kind}`)}</dd>
        <dt>{t("plans.fields.commander")}</dt>
        <dd>{s.commander}</dd>
        <dt>{t("plans.print.started")}</dt>
        <dd>{formatDateTime(lang, s.startedAt)}</dd>
        <dt>{t("plans.print.closed")}</dt>
        <dd>{s.closedAt ? formatDateTime(lang, s.closedAt) : t("plans.run.open")}</dd>
      </dl>
      {run.score ? (
        <section aria-label={t("plans.score.title")}>
          <h2>{t("plans.score.title")}</h2>
          <p>{t("plans.score.onTime", { percent: run.score.percent, onTime: run.score.onTime, required: run.score.required })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("plans.fields.phase")}</th>
                <th scope="col">{t("plans.score.target")}</th>
                <th scope="col">{t("plans.score.actual")}</th>
              </tr>
            </thead>
            <tbody>
              {run.score.phases.map((p) => (
                <tr key={p.phase}>
                  <td>{t(`plans.phase.${p.phase}`)}</td>
                  <td>{formatDuration(t, p.targetMinutes)}</td>
                  <td>{p.actualMinutes === null ? t("plans.score.notDone") : formatDuration(t, p.actualMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-label={t("plans.print.timeline")}>
        <h2>{t("plans.print.timeline")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("plans.fields.phase")}</th>
              <th scope="col">{t("plans.fields.text")}</th>
              <th scope="col">{t("plans.fields.ownerRole")}</th>
              <th scope="col">{t("plans.print.due")}</th>
              <th scope="col">{t("plans.print.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {run.items.map((i) => (
              <tr key={i.step.id}>
                <td>{t(`plans.phase.${i.step.phase}`)}</td>
                <td className={classes.text}>
                  {i.step.text}
                  {i.step.required ? "" : ` (${t("plans.step.optional")})`}
                </td>
                <td>{i.step.ownerRole}</td>
                <td>{formatDateTime(lang, i.dueAt)}</td>
                <td>{itemOutcome(t, lang, i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label={t("plans.log.title")}>
        <h2>{t("plans.log.title")}</h2>
        {run.log.length === 0 ? (
          <p className={classes.muted}>{t("plans.log.empty")}</p>
        ) : (
          <table>
            <tbody>
              {run.log.map((e) => (
                <tr key={e.id}>
                  <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(lang, e.at)}</td>
                  <td className={classes.text}>{entryText(t, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {cases.length > 0 ? (
        <section aria-label={t("plans.cases.title")}>
          <h2>{t("plans.cases.title")}</h2>
          <ul>
            {cases.map((c) => (
              <li key={c.id}>
                {c.reference} · {c.title} · {t(`cases.status.${c.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label={t("plans.review.hotWashTitle")}>
        <h2>{t("plans.review.hotWashTitle")}</h2>
        <p className={review.hotWash ? classes.text : classes.muted}>{review.hotWash || t("plans.print.nothingWritten")}</p>
      </section>
      <section aria-label={t("plans.review.title")}>
        <h2>{t("plans.review.title")}</h2>
        <h3>{t("fields.wentWell")}</h3>
        <p className={review.wentWell ? classes.text : classes.muted}>{review.wentWell || t("plans.print.nothingWritten")}</p>
        <h3>{t("fields.wentWrong")}</h3>
        <p className={review.wentWrong ? classes.text : classes.muted}>{review.wentWrong || t("plans.print.nothingWritten")}</p>
      </section>
      <section aria-label={t("plans.review.itemsTitle")}>
        <h2>{t("plans.review.itemsTitle")}</h2>
        {review.items.length === 0 ? (
          <p className={classes.muted}>{t("plans.review.noItems")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("plans.review.itemText")}</th>
                <th scope="col">{t("plans.review.owner")}</th>
                <th scope="col">{t("fields.dueOn")}</th>
                <th scope="col">{t("fields.doneOn")}</th>
              </tr>
            </thead>
            <tbody>
              {review.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.text}</td>
                  <td>{a.owner}</td>
                  <td>{formatDay(lang, a.dueOn, "medium")}</td>
                  <td>{a.doneOn ? formatDay(lang, a.doneOn, "medium") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <footer>{t("plans.print.footer", { time: formatDateTime(lang, new Date().toISOString()) })}</footer>
    </article>
  );
}
