/**
 * Dashboard: the KPI tiles for a period (today, 7/30/90 days or chosen days, counted in
 * the team's time zone) beside the previous period of equal length, narrowed by the
 * filters; the period's charts by day or week; and the leaderboard per agent or team.
 * Every number comes from Rust's one KPI module; each tile, chart point and leaderboard
 * count opens the cases behind it. Period and filters live in the URL, so Back from a case list returns here
 * unchanged. It is the home screen: on an empty database it also says how to start.
 */
import { Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBriefcase, IconFileExport, IconReport } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { EmptyState } from "../cases/EmptyState";
import { ReviewReminders } from "../knowledge/ReviewReminders";
import { PlanReminders } from "../plans/PlanReminders";
import { DEFAULT_LIST_QUERY } from "../cases/listState";
import { datedFileName } from "../export/useCasesCsvExport";
import { describeError } from "../ipc/errors";
import { useExportKpiCsv } from "../ipc/export";
import { useDashboard, useQueueCounts, useWarmCaseList } from "../ipc/queries";
import { usePageTiming } from "../shell/pageTiming";
import { usePaintedAfter } from "../shell/painted";
import { sectionById } from "../shell/sections";
import { ChartCard } from "./charts/ChartCard";
import { chartModels } from "./charts/chartData";
import { DashboardFilters } from "./DashboardFilters";
import { KpiTile } from "./KpiTile";
import { Leaderboard } from "./Leaderboard";
import { readDashboardState, toDashboardRequest, writeDashboardState, type DashboardState } from "./dashboardState";
import { PeriodPicker, PeriodQueryStatus, refusedPeriodMessage } from "./period";
import { dashboardTiles } from "./tiles";

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readDashboardState(params), [params]);
  const request = useMemo(() => toDashboardRequest(state), [state]);
  const dashboard = useDashboard(request);
  // Rust keeps the counts, so asking whether there are any cases at all costs nothing.
  const counts = useQueueCounts(null);
  const update = (patch: Partial<DashboardState>) =>
    setParams(writeDashboardState({ ...state, ...patch }), { replace: true });

  const periodError = refusedPeriodMessage(t, dashboard.error);
  const data = dashboard.data;
  const tiles = data ? dashboardTiles(t, i18n.language, data) : [];
  const charts = data ? chartModels(t, i18n.language, data) : [];
  const tilesShownAt = usePaintedAfter(tiles.length > 0 && !dashboard.isPlaceholderData);
  usePageTiming("dashboard_first_numbers", sectionById("dashboard").path, tilesShownAt);
  // The tiles first: the charts are drawn, and the leaderboard asked for, once they are on
  // screen (or when there are none to wait for), so neither delays the headline numbers.
  const restShown = usePaintedAfter(tiles.length > 0 || dashboard.isError || request === null) !== null;
  // Cases is where a supervisor goes from here: its list is kept loaded, so it opens at once.
  useWarmCaseList(DEFAULT_LIST_QUERY, restShown);
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
          <PeriodPicker state={state} error={periodError} onChange={update} />
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

      {counts.data?.all === 0 ? (
        <EmptyState
          body={t("dashboard.empty")}
          actions={
            <Button component={Link} to="/cases" variant="default" leftSection={<IconBriefcase size={16} aria-hidden />}>
              {t("dashboard.openCases")}
            </Button>
          }
        />
      ) : null}

      <ReviewReminders enabled={restShown} />
      <PlanReminders enabled={restShown} />

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

      <PeriodQueryStatus
        chosen={request !== null}
        query={dashboard}
        periodError={periodError}
        failedTitle={t("dashboard.loadFailed")}
        loading={t("dashboard.loading")}
      />

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

      {restShown && charts.length > 0 && !periodError ? (
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

      {restShown && !periodError ? (
        <Leaderboard request={request} by={state.board} onByChange={(board) => update({ board })} />
      ) : null}
    </Stack>
  );
}
