/**
 * Dashboard: the KPI tiles for a period (today, 7/30/90 days or chosen days, counted in
 * the team's time zone) beside the previous period of equal length, narrowed by the
 * filters; the period's charts by day or week; and the leaderboard per agent or team.
 * Every number comes from Rust's one KPI module; each tile, chart point and leaderboard
 * count opens the cases behind it. Period and filters live in the URL, so Back from a case list returns here
 * unchanged.
 */
import { Alert, Button, Group, Loader, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconFileExport, IconReport } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { datedFileName } from "../export/useCasesCsvExport";
import { describeError, ipcErrorMessage, ipcErrorOf } from "../ipc/errors";
import { useExportKpiCsv } from "../ipc/export";
import type { PeriodPreset } from "../ipc/bindings";
import { useDashboard } from "../ipc/queries";
import { ChartCard } from "./charts/ChartCard";
import { chartModels } from "./charts/chartData";
import { DashboardFilters } from "./DashboardFilters";
import { KpiTile } from "./KpiTile";
import { Leaderboard } from "./Leaderboard";
import { PRESETS, readDashboardState, toDashboardRequest, writeDashboardState, type DashboardState } from "./dashboardState";
import { dashboardTiles } from "./tiles";

/** Today as YYYY-MM-DD on this computer: the latest day the picker offers. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The custom period's days; the dashboard follows once both are picked. */
export function CustomDays({
  from,
  to,
  error,
  onChange,
}: {
  from: string | null;
  to: string | null;
  error: string | null;
  onChange: (from: string | null, to: string | null) => void;
}) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string | null, string | null]>([from, to]);
  useEffect(() => setRange([from, to]), [from, to]);
  return (
    <DatePickerInput
      type="range"
      size="xs"
      label={t("dashboard.period.range")}
      value={range}
      onChange={([start, end]) => {
        setRange([start, end]);
        if (start && end) onChange(start, end);
      }}
      valueFormat="YYYY-MM-DD"
      maxDate={today()}
      allowSingleDateInRange
      error={error ?? undefined}
      miw={220}
    />
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readDashboardState(params), [params]);
  const request = useMemo(() => toDashboardRequest(state), [state]);
  const dashboard = useDashboard(request);
  const update = (patch: Partial<DashboardState>) =>
    setParams(writeDashboardState({ ...state, ...patch }), { replace: true });

  const refused = dashboard.isError ? ipcErrorOf(dashboard.error) : null;
  // A refused period is said beside the days picked; anything else in the page's alert.
  const periodError =
    refused?.code === "validation" && ["from", "to", "period"].includes(refused.field ?? "")
      ? refused.field === "period"
        ? t("dashboard.period.tooLong", { limit: refused.limit ?? 0 })
        : ipcErrorMessage(t, refused)
      : null;
  const data = dashboard.data;
  const tiles = data ? dashboardTiles(t, i18n.language, data) : [];
  const charts = data ? chartModels(t, i18n.language, data) : [];
  const dateRange = (from: string, to: string) => (from === to ? from : t("dashboard.period.days", { from, to }));
  const csv = useExportKpiCsv();
  const exportCsv = () => {
    if (!request) return;
    csv.mutate(
      { request, fileName: datedFileName(t("export.kpiFile"), "csv") },
      {
        onSuccess: (done) => {
          if (done) notifications.show({ color: "teal", message: t("export.kpiDone", { path: done.path }) });
        },
        onError: (e) => notifications.show({ color: "red", title: t("export.failed"), message: describeError(t, e) }),
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          {t("dashboard.title")}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t("dashboard.period.label")}
            size="xs"
            data={PRESETS.map((p) => ({ value: p, label: t(`dashboard.period.${p}`) }))}
            value={state.preset}
            onChange={(preset) => update({ preset: preset as PeriodPreset })}
          />
          {state.preset === "custom" ? (
            <CustomDays from={state.from} to={state.to} error={periodError} onChange={(from, to) => update({ from, to })} />
          ) : null}
          <Button
            variant="default"
            size="xs"
            leftSection={<IconFileExport size={14} aria-hidden />}
            disabled={!data || periodError !== null}
            loading={csv.isPending}
            onClick={exportCsv}
          >
            {t("export.csv")}
          </Button>
          <Button
            component={Link}
            to="/dashboard/report?kind=weekly"
            variant="default"
            size="xs"
            leftSection={<IconReport size={14} aria-hidden />}
          >
            {t("reports.open")}
          </Button>
        </Group>
      </Group>

      <DashboardFilters state={state} onChange={update} />

      {data ? (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t("dashboard.period.caption", {
            current: dateRange(data.current.period.firstDay, data.current.period.lastDay),
            previous: dateRange(data.previous.period.firstDay, data.previous.period.lastDay),
            zone: data.timeZone,
          })}
        </Text>
      ) : null}

      {request === null ? (
        <Text>{t("dashboard.period.chooseDays")}</Text>
      ) : dashboard.isError && !periodError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("dashboard.loadFailed")}>
          {describeError(t, dashboard.error)}
        </Alert>
      ) : dashboard.isPending ? (
        <Group gap="xs">
          <Loader size="sm" aria-hidden />
          <Text>{t("dashboard.loading")}</Text>
        </Group>
      ) : null}

      {tiles.length > 0 && !periodError ? (
        <SimpleGrid
          cols={{ base: 1, sm: 2, lg: 3, xl: 5 }}
          spacing="md"
          aria-busy={dashboard.isFetching || undefined}
          aria-label={t("dashboard.tilesLabel")}
          role="list"
        >
          {tiles.map((tile) => (
            <div role="listitem" key={tile.id}>
              <KpiTile tile={tile} />
            </div>
          ))}
        </SimpleGrid>
      ) : null}

      {charts.length > 0 && !periodError ? (
        <section aria-labelledby="dashboard-charts">
          <Title order={2} size="h4" id="dashboard-charts" mb="sm">
            {t("dashboard.charts.title")}
          </Title>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" aria-busy={dashboard.isFetching || undefined}>
            {charts.map((model) => (
              <ChartCard key={model.id} model={model} />
            ))}
          </SimpleGrid>
        </section>
      ) : null}

      {!periodError ? <Leaderboard request={request} by={state.board} onByChange={(board) => update({ board })} /> : null}
    </Stack>
  );
}
