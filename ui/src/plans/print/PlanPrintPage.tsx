/**
 * A plan on paper, for when screens are down: its facts, its four phases of steps, its
 * call tree and its communication templates — the draft as the plan's page shows it,
 * marked with its status and latest version.
 */
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { formatDateTime, formatDuration } from "../../cases/time";
import type { PlanDetail } from "../../ipc/bindings";
import { describeError } from "../../ipc/errors";
import { usePlan } from "../../ipc/queries";
import { PHASES } from "../model";
import { PrintFrame, printClasses as classes } from "./PrintFrame";

export function PlanPrintPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const plan = usePlan(id);
  return (
    <PrintFrame title={plan.data?.content.fields.title ?? null} back={`/plans/${id}`} ready={!!plan.data}>
      {plan.isError ? (
        <p role="alert">{describeError(t, plan.error)}</p>
      ) : plan.data ? (
        <PlanSheet plan={plan.data} />
      ) : (
        <p>{t("common.loading")}</p>
      )}
    </PrintFrame>
  );
}

export function PlanSheet({ plan }: { plan: PlanDetail }) {
  const { t, i18n } = useTranslation();
  const f = plan.content.fields;
  const latest = plan.versions.at(-1);
  const contactName = (id: string | null) => plan.content.contacts.find((c) => c.id === id)?.name ?? "";

  return (
    <article aria-label={f.title}>
      <h1>{f.title}</h1>
      <dl>
        <dt>{t("plans.fields.scenario")}</dt>
        <dd>{t(`plans.scenario.${f.scenario}`)}</dd>
        <dt>{t("plans.fields.severity")}</dt>
        <dd>{t(`plans.severity.${f.severity}`)}</dd>
        <dt>{t("plans.fields.owner")}</dt>
        <dd>{f.owner || t("common.none")}</dd>
        <dt>{t("plans.print.status")}</dt>
        <dd>
          {t(`plans.status.${plan.status}`)}
          {latest ? ` · ${t("plans.plan.version", { number: latest.number, time: formatDateTime(i18n.language, latest.publishedAt) })}` : ""}
        </dd>
        {f.triggers ? (
          <>
            <dt>{t("plans.fields.triggers")}</dt>
            <dd className={classes.text}>{f.triggers}</dd>
          </>
        ) : null}
        {f.thresholds ? (
          <>
            <dt>{t("plans.fields.thresholds")}</dt>
            <dd className={classes.text}>{f.thresholds}</dd>
          </>
        ) : null}
      </dl>
      {PHASES.map((phase) => {
        const steps = plan.content.steps.filter((s) => s.phase === phase);
        return (
          <section key={phase} aria-label={t(`plans.phase.${phase}`)}>
            <h2>{t(`plans.phase.${phase}`)}</h2>
            {steps.length === 0 ? (
              <p className={classes.muted}>{t("plans.step.none")}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t("plans.fields.text")}</th>
                    <th scope="col">{t("plans.fields.ownerRole")}</th>
                    <th scope="col">{t("plans.print.target")}</th>
                    <th scope="col">{t("plans.print.tick")}</th>
                  </tr>
                </thead>
                <tbody>
                  {steps.map((s, i) => (
                    <tr key={s.id}>
                      <td>{i + 1}</td>
                      <td className={classes.text}>
                        {s.text}
                        {s.required ? "" : ` (${t("plans.step.optional")})`}
                      </td>
                      <td>{s.ownerRole}</td>
                      <td>{`+${formatDuration(t, s.offsetMinutes)}`}</td>
                      <td aria-label={t("plans.print.tick")}>☐</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      <section aria-label={t("plans.contact.title")}>
        <h2>{t("plans.contact.title")}</h2>
        {plan.content.contacts.length === 0 ? (
          <p className={classes.muted}>{t("plans.contact.noneInVersion")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("plans.fields.contactName")}</th>
                <th scope="col">{t("plans.fields.contactRole")}</th>
                <th scope="col">{t("plans.fields.phone")}</th>
                <th scope="col">{t("plans.fields.mobile")}</th>
                <th scope="col">{t("plans.fields.email")}</th>
                <th scope="col">{t("plans.fields.backup")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.content.contacts.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.role}</td>
                  <td>{c.phone}</td>
                  <td>{c.mobile}</td>
                  <td>{c.email}</td>
                  <td>{contactName(c.backupId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label={t("plans.template.title")}>
        <h2>{t("plans.template.title")}</h2>
        {plan.content.templates.length === 0 ? (
          <p className={classes.muted}>{t("plans.template.noneInVersion")}</p>
        ) : (
          plan.content.templates.map((tpl) => (
            <div key={tpl.id} className={classes.block}>
              <h3>
                {tpl.title} · {t(`plans.templateKind.${tpl.kind}`)}
              </h3>
              <p className={classes.text}>{tpl.body}</p>
            </div>
          ))
        )}
      </section>
      <footer>{t("plans.print.footer", { time: formatDateTime(i18n.language, new Date().toISOString()) })}</footer>
    </article>
  );
}
