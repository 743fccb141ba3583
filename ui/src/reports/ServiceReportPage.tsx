/**
 * The weekly or monthly service report as a printable page: a calendar week (Monday to
 * Sunday) or month, by default the last complete one, the KPIs beside the week or month
 * before, cases created, SLA compliance, CSAT and NPS day by day, the top categories and
 * root causes. Every number is Rust's (`report_service`, from the one KPI module); a
 * section without data is left out. The week or month is in the address (`kind`, `of`),
 * moved with Previous/Next. Printing (A4 or Letter) leaves out the app's chrome and the
 * controls; "Save as PDF" has Rust ask where and write the file.
 */
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconChevronLeft,
  IconChevronRight,
  IconFileTypePdf,
  IconPrinter,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import type { ReportKind, ReportKpi, ReportRequest, ReportUnit, ServiceReport } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useSaveReportPdf, useServiceReport } from "../ipc/reports";
import { formatDuration, formatDurationChange } from "../dashboard/tiles";
import classes from "./ServiceReportPage.module.css";

/** A KPI value as people read it; "No data" without one. */
export function formatValue(t: TFunction, language: string, unit: ReportUnit, value: number | null): string {
  if (value === null) return t("dashboard.noData");
  switch (unit) {
    case "seconds":
      return formatDuration(t, value);
    case "percent":
      return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
    case "score":
      return new Intl.NumberFormat(language, { signDisplay: "exceptZero", maximumFractionDigits: 0 }).format(value);
    case "cases":
      return new Intl.NumberFormat(language).format(value);
  }
}

/** The change on the previous period: points for shares, the unit's own otherwise. */
export function formatChange(t: TFunction, language: string, kpi: ReportKpi): string {
  if (kpi.current === null || kpi.previous === null) return "";
  const diff = kpi.current - kpi.previous;
  const signed = new Intl.NumberFormat(language, { signDisplay: "exceptZero", maximumFractionDigits: 1 });
  if (kpi.unit === "percent") return t("dashboard.points", { value: signed.format(diff) });
  if (kpi.unit === "seconds") return formatDurationChange(t, signed, diff);
  return signed.format(diff);
}

function Bar({ value, max }: { value: number; max: number }) {
  const width = max > 0 ? Math.round((100 * value) / max) : 0;
  return (
    <span className={classes.track} aria-hidden>
      <span className={classes.bar} style={{ width: `${width}%` }} />
    </span>
  );
}

function CountTable({
  caption,
  rows,
  column,
}: {
  caption: "topCategories" | "topRootCauses";
  rows: ServiceReport["topCategories"];
  column: string;
}) {
  const { t, i18n } = useTranslation();
  const max = Math.max(0, ...rows.map((r) => r.cases));
  const count = new Intl.NumberFormat(i18n.language);
  return (
    <section className={classes.section} aria-labelledby={caption}>
      <Title order={2} size="h4" id={caption}>
        {t(`reports.${caption}`)}
      </Title>
      <Table className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{column}</Table.Th>
            <Table.Th className={classes.number}>{t("reports.cases")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.name}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td className={classes.number}>
                <Bar value={r.cases} max={max} /> {count.format(r.cases)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Report({ report }: { report: ServiceReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const range = (p: ServiceReport["current"]) =>
    p.firstDay === p.lastDay ? p.firstDay : t("dashboard.period.days", { from: p.firstDay, to: p.lastDay });
  const maxCreated = Math.max(0, ...report.days.map((d) => d.created));
  const hasSla = report.days.some((d) => d.slaCompliance.percent !== null);
  const hasCsat = report.days.some((d) => d.csat.percent !== null);
  const hasNps = report.days.some((d) => d.nps.score !== null);
  const count = new Intl.NumberFormat(language);
  return (
    <article className={classes.report} aria-labelledby="report-title">
      <header className={classes.section}>
        <Title order={1} size="h2" id="report-title">
          {t(`reports.title.${report.kind}`)}
        </Title>
        {report.organisation && <Text fw={600}>{report.organisation}</Text>}
        <Text fw={600}>{report.period.name}</Text>
        <Text size="sm">
          {t("dashboard.period.caption", {
            current: range(report.current),
            previous: range(report.previous),
            zone: report.timeZone,
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("reports.generated", { at: new Date(report.generatedAt).toLocaleString(language) })}
        </Text>
      </header>

      <section className={classes.section} aria-labelledby="report-kpis">
        <Title order={2} size="h4" id="report-kpis">
          {t("reports.kpis")}
        </Title>
        <Table className={classes.table}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reports.kpi")}</Table.Th>
              <Table.Th className={classes.number}>{t("reports.thisPeriod")}</Table.Th>
              <Table.Th className={classes.number}>{t("reports.previousPeriod")}</Table.Th>
              <Table.Th className={classes.number}>{t("reports.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.kpis.map((k) => (
              <Table.Tr key={k.key}>
                <Table.Th scope="row" fw={400}>
                  {k.name}
                </Table.Th>
                <Table.Td className={classes.number}>{formatValue(t, language, k.unit, k.current)}</Table.Td>
                <Table.Td className={classes.number}>{formatValue(t, language, k.unit, k.previous)}</Table.Td>
                <Table.Td className={classes.number}>{formatChange(t, language, k)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section className={classes.section} aria-labelledby="report-days">
        <Title order={2} size="h4" id="report-days">
          {t("reports.daily")}
        </Title>
        <Table className={classes.table}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reports.day")}</Table.Th>
              <Table.Th>{t("reports.created")}</Table.Th>
              {hasSla && <Table.Th>{t("reports.slaCompliance")}</Table.Th>}
              {hasCsat && <Table.Th className={classes.number}>{t("reports.csat")}</Table.Th>}
              {hasNps && <Table.Th className={classes.number}>{t("reports.nps")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.days.map((d) => (
              <Table.Tr key={d.day}>
                <Table.Th scope="row" fw={400}>
                  {d.day}
                </Table.Th>
                <Table.Td>
                  <Bar value={d.created} max={maxCreated} /> {count.format(d.created)}
                </Table.Td>
                {hasSla && (
                  <Table.Td>
                    <Bar value={d.slaCompliance.percent ?? 0} max={100} />{" "}
                    {formatValue(t, language, "percent", d.slaCompliance.percent)}
                  </Table.Td>
                )}
                {hasCsat && (
                  <Table.Td className={classes.number}>{formatValue(t, language, "percent", d.csat.percent)}</Table.Td>
                )}
                {hasNps && <Table.Td className={classes.number}>{formatValue(t, language, "score", d.nps.score)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      {report.topCategories.length > 0 && (
        <CountTable caption="topCategories" rows={report.topCategories} column={t("reports.category")} />
      )}
      {report.topRootCauses.length > 0 && (
        <CountTable caption="topRootCauses" rows={report.topRootCauses} column={t("reports.rootCause")} />
      )}
    </article>
  );
}

/** Previous/Next week or month, with the one shown between them. */
function PeriodNavigation({ report, onMove }: { report: ServiceReport | undefined; onMove: (of: string) => void }) {
  const { t } = useTranslation();
  const kind = report?.kind ?? "weekly";
  const earlier = report?.period.earlier ?? null;
  const later = report?.period.later ?? null;
  return (
    <Group gap={4} role="group" aria-label={t(`reports.periodLabel.${kind}`)}>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconChevronLeft size={14} aria-hidden />}
        disabled={!earlier}
        onClick={() => earlier && onMove(earlier)}
      >
        {t(`reports.earlier.${kind}`)}
      </Button>
      <Text size="sm" fw={600} miw="7ch" ta="center" aria-live="polite">
        {report?.period.name ?? ""}
      </Text>
      <Button
        size="xs"
        variant="default"
        rightSection={<IconChevronRight size={14} aria-hidden />}
        disabled={!later}
        onClick={() => later && onMove(later)}
      >
        {t(`reports.later.${kind}`)}
      </Button>
    </Group>
  );
}

export function ServiceReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind: ReportKind = params.get("kind") === "monthly" ? "monthly" : "weekly";
  const request: ReportRequest = { kind, of: params.get("of") };
  const report = useServiceReport(request);
  const pdf = useSaveReportPdf();
  const show = (next: Record<string, string>) => {
    pdf.reset();
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" className={classes.controls} wrap="wrap">
        <Button component={Link} to="/dashboard" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {t("reports.back")}
        </Button>
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t("reports.kindLabel")}
            size="xs"
            data={[
              { value: "weekly", label: t("reports.weekly") },
              { value: "monthly", label: t("reports.monthly") },
            ]}
            value={kind}
            onChange={(k) => show({ kind: k })}
          />
          <PeriodNavigation report={report.data} onMove={(of) => show({ kind, of })} />
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
            disabled={!report.data}
            onClick={() => window.print()}
          >
            {t("reports.print")}
          </Button>
          <Button
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
            disabled={!report.data}
            loading={pdf.isPending}
            onClick={() => pdf.mutate(request)}
          >
            {t("reports.savePdf")}
          </Button>
        </Group>
      </Group>
      {pdf.isSuccess && pdf.data ? (
        <Text size="sm" role="status" className={classes.controls}>
          {t("reports.pdfSaved", { path: pdf.data })}
        </Text>
      ) : null}
      {pdf.isError ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          className={classes.controls}
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t("reports.pdfFailed")}
        >
          {describeError(t, pdf.error)}
        </Alert>
      ) : null}
      {report.isPending ? (
        <Group gap="xs">
          <Loader size="sm" aria-hidden />
          <Text>{t("reports.loading")}</Text>
        </Group>
      ) : report.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("reports.loadFailed")}>
          {describeError(t, report.error)}
        </Alert>
      ) : (
        <Report report={report.data} />
      )}
    </Stack>
  );
}
