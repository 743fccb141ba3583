/**
 * Pain points: for a period, journey stage × root cause of the cases created in it and
 * journey stage × theme of the feedback given in it, each cell with its count and CSAT.
 * A cell opens its cases (or feedback) or raises an insight with them as evidence. The
 * period lives in the URL (the dashboard's own keys), so Back from a list returns here.
 */
import { Group, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { readDashboardState, writeDashboardState, type DashboardState } from "../dashboard/dashboardState";
import { PeriodPicker, PeriodQueryStatus, refusedPeriodMessage } from "../dashboard/period";
import type { HeatMap, PainPointsRequest } from "../ipc/bindings";
import { usePainPoints } from "../ipc/queries";
import { HeatMapTable } from "./HeatMapTable";
import { InsightDialog, type InsightPrefill } from "./InsightDialog";
import { cellCaseQuery, cellCasesPath, cellFeedbackPath, cellFeedbackQuery } from "./painPoints";
import { stageLabel } from "./stages";

function toRequest(state: DashboardState): PainPointsRequest | null {
  const custom = state.preset === "custom";
  if (custom && (!state.from || !state.to)) return null;
  return { period: { preset: state.preset, from: custom ? state.from : null, to: custom ? state.to : null } };
}

export function PainPointsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readDashboardState(params), [params]);
  const request = useMemo(() => toRequest(state), [state]);
  const painPoints = usePainPoints(request);
  const [prefill, setPrefill] = useState<InsightPrefill | null>(null);
  const update = (patch: Partial<DashboardState>) =>
    setParams(writeDashboardState({ ...state, ...patch }), { replace: true });

  const periodError = refusedPeriodMessage(t, painPoints.error);
  const data = painPoints.data;
  const days = data ? (data.period.firstDay === data.period.lastDay ? data.period.firstDay : t("dashboard.period.days", { from: data.period.firstDay, to: data.period.lastDay })) : "";

  const map = (kind: "cases" | "feedback", heat: HeatMap) => (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t(`voc.painPoints.${kind}Title`)}
      </Title>
      {heat.columns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`voc.painPoints.${kind}Empty`)}
        </Text>
      ) : (
        <HeatMapTable
          map={heat}
          unit={kind}
          caption={t(`voc.painPoints.${kind}Caption`, { days })}
          actions={(row, column, cell) => {
            const title = `${stageLabel(t, row.stage)}: ${column}`;
            return kind === "cases"
              ? [
                  { label: t("voc.painPoints.showCases", { count: cell.count }), run: cellCasesPath(heat, row.stage.id, column) },
                  {
                    label: t("voc.painPoints.raiseInsight"),
                    run: () => setPrefill({ title, cases: cellCaseQuery(heat, row.stage.id, column) }),
                  },
                ]
              : [
                  {
                    label: t("voc.painPoints.showFeedback", { count: cell.count }),
                    run: cellFeedbackPath(heat, row.stage.id, column),
                  },
                  {
                    label: t("voc.painPoints.raiseInsight"),
                    run: () => setPrefill({ title, feedback: cellFeedbackQuery(heat, row.stage.id, column) }),
                  },
                ];
          }}
        />
      )}
      {heat.leftOut > 0 ? (
        <Text size="xs" c="dimmed">
          {t(`voc.painPoints.leftOut.${kind}`, { count: heat.leftOut, shown: heat.columns.length })}
        </Text>
      ) : null}
    </Stack>
  );

  return (
    <Stack gap="lg">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <PeriodPicker state={state} error={periodError} onChange={update} />
      </Group>
      <Text size="sm" c="dimmed">
        {t("voc.painPoints.intro")}
      </Text>
      <PeriodQueryStatus
        chosen={request !== null}
        query={painPoints}
        periodError={periodError}
        failedTitle={t("voc.painPoints.loadFailed")}
        loading={t("voc.loading")}
      />
      {data && !periodError ? (
        <Stack gap="xl" aria-busy={painPoints.isFetching || undefined}>
          {map("cases", data.cases)}
          {data.casesWithoutStage > 0 || data.casesWithoutRootCause > 0 ? (
            <Text size="xs" c="dimmed">
              {t("voc.painPoints.casesNotShown", {
                noStage: data.casesWithoutStage,
                noCause: data.casesWithoutRootCause,
              })}
            </Text>
          ) : null}
          {map("feedback", data.feedback)}
          {data.feedbackWithoutStage > 0 ? (
            <Text size="xs" c="dimmed">
              {t("voc.painPoints.feedbackNotShown", { count: data.feedbackWithoutStage })}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      {prefill ? <InsightDialog opened prefill={prefill} onClose={() => setPrefill(null)} /> : null}
    </Stack>
  );
}
