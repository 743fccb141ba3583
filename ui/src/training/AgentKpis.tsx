/**
 * The case KPIs of one agent over the last 30 days, on their page: what they resolved and
 * their first response, resolution and handle times, first-contact resolution, SLA
 * compliance and CSAT, each with the number of cases it rests on. The numbers are the
 * leaderboard's (Rust's measures over the agent's cases), so they match the dashboard
 * filtered on the agent, which the title links to.
 */
import { Anchor, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { boardRows, type Column } from "../dashboard/leaderboard";
import type { AgentId, LeaderboardRequest } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useLeaderboard } from "../ipc/queries";

const SHOWN: Column[] = ["resolved", "firstResponse", "resolution", "handleTime", "firstContactResolution", "slaCompliance", "csat"];

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
  const row = board.data?.rows.find((r) => r.id === agent.id);
  const cells = row ? boardRows(t, i18n.language, [row], agent.name)[0]?.cells : undefined;

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
      ) : !board.data ? null : !cells ? (
        <Text size="sm" c="dimmed">
          {t("training.agent.kpisNone")}
        </Text>
      ) : (
        <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="xs" m={0}>
          {SHOWN.map((c) => (
            <div key={c}>
              <Text component="dt" size="xs" c="dimmed">
                {t(`dashboard.leaderboard.columns.${c}`)}
              </Text>
              <Text component="dd" m={0} fw={600}>
                {cells[c].text}
                {cells[c].sample ? (
                  <Text span size="xs" c="dimmed" fw="normal">
                    {" "}
                    ({cells[c].sample})
                  </Text>
                ) : null}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
