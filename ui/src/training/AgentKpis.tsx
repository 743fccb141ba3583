/**
 * The case KPIs of one agent over the last 30 days, on their page: what they resolved and
 * their first response, resolution and handle times, first-contact resolution, SLA
 * compliance and CSAT, each with the number of cases it rests on. The numbers are the
 * leaderboard's (Rust's measures over the agent's cases), so they match the dashboard
 * filtered on the agent, which the title links to. Beside each KPI with a target (the
 * agent's own or their role's) Rust's verdict is shown as an icon and words — met,
 * missed or no data — with a colour that only repeats them.
 */
import { Anchor, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleDashed, IconCircleX, type Icon } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { boardRows, type Column } from "../dashboard/leaderboard";
import type { AgentId, LeaderboardRequest, TargetStatus, Verdict } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useAgentTargets, useLeaderboard } from "../ipc/queries";
import { METRICS, VERDICT_COLOR, targetText } from "./targets";

const SHOWN: Column[] = ["resolved", "firstResponse", "resolution", "handleTime", "firstContactResolution", "slaCompliance", "csat"];
const VERDICT_ICON: Record<Verdict, Icon> = { met: IconCircleCheck, missed: IconCircleX, no_data: IconCircleDashed };

function TargetLine({ status }: { status: TargetStatus }) {
  const { t, i18n } = useTranslation();
  const { target, verdict } = status;
  const VerdictIcon = VERDICT_ICON[verdict];
  return (
    <Group component="dd" m={0} gap={4} wrap="nowrap" c={verdict === "no_data" ? "dimmed" : `var(--mantine-color-${VERDICT_COLOR[verdict]}-text)`}>
      <VerdictIcon size={14} aria-hidden style={{ flexShrink: 0 }} />
      <Text span size="xs" c="inherit">
        {t(target.own ? "targets.lineOwn" : "targets.line", {
          target: targetText(i18n.language, target.kpi, target.direction, target.value),
          verdict: t(`targets.verdict.${verdict}`),
        })}
      </Text>
    </Group>
  );
}

export function AgentKpis({ agent }: { agent: { id: AgentId; name: string } }) {
  const { t, i18n } = useTranslation();
  const request = useMemo<LeaderboardRequest>(
    () => ({
      period: { preset: "30d", from: null, to: null },
      filter: { teams: [], assignees: [agent.id], channels: [], categories: [], priorities: [], tiers: [] },
      by: "agent",
    }),
    [agent.id],
  );
  const board = useLeaderboard(request);
  const targets = useAgentTargets(agent.id);
  const row = board.data?.rows.find((r) => r.id === agent.id);
  const cells = row ? boardRows(t, i18n.language, [row], agent.name)[0]?.cells : undefined;
  const statusOf = (c: Column) => {
    const kpi = METRICS.find((m) => m.column === c)?.kpi;
    return targets.data?.find((s) => s.target.kpi === kpi);
  };
  const withTargets = SHOWN.filter((c) => statusOf(c));

  return (
    <Stack gap="xs" component="section" aria-labelledby="agent-kpis-title">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="agent-kpis-title">
          {t("training.agent.kpisTitle")}
        </Title>
        <Anchor component={Link} to={`/dashboard?agent=${encodeURIComponent(agent.id)}`} size="sm">
          {t("training.agent.kpisDashboard")}
        </Anchor>
      </Group>
      {board.isError ? (
        <Text role="alert">{describeError(t, board.error)}</Text>
      ) : !board.data ? null : !cells && withTargets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("training.agent.kpisNone")}
        </Text>
      ) : (
        <>
          {cells ? null : (
            <Text size="sm" c="dimmed">
              {t("training.agent.kpisNone")}
            </Text>
          )}
          <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="xs" m={0}>
            {(cells ? SHOWN : withTargets).map((c) => {
              const status = statusOf(c);
              return (
                <div key={c}>
                  <Text component="dt" size="xs" c="dimmed">
                    {t(`dashboard.leaderboard.columns.${c}`)}
                  </Text>
                  <Text component="dd" m={0} fw={600}>
                    {cells ? cells[c].text : t("dashboard.noData")}
                    {cells?.[c].sample ? (
                      <Text span size="xs" c="dimmed" fw="normal">
                        {" "}
                        ({cells[c].sample})
                      </Text>
                    ) : null}
                  </Text>
                  {status ? <TargetLine status={status} /> : null}
                </div>
              );
            })}
          </SimpleGrid>
        </>
      )}
      {targets.isError ? (
        <Text size="sm" role="alert">
          {describeError(t, targets.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
