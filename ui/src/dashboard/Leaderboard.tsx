/**
 * Agent and team leaderboards: the dashboard's KPIs per agent or team for the same period
 * and filters, sortable by any column, each value with the number of cases it rests on
 * (so two lucky cases are not read as a trend). Counts open the cases behind them.
 */
import { Alert, Anchor, Group, Loader, SegmentedControl, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconSelector } from "@tabler/icons-react";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { drillListState, writeListState } from "../cases/listState";
import type { DashboardRequest, LeaderboardBy } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useLeaderboard } from "../ipc/queries";
import { COLUMNS, boardRows, sortRows, type SortKey } from "./leaderboard";
import classes from "./Leaderboard.module.css";

/** Columns sorted highest first on the first click; times lowest first. */
const LOWER_IS_BETTER = new Set<SortKey>(["firstResponse", "resolution", "handleTime", "backlog", "name"]);

export function Leaderboard({
  request,
  by,
  onByChange,
}: {
  request: DashboardRequest | null;
  by: LeaderboardBy;
  onByChange: (by: LeaderboardBy) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const board = useLeaderboard(request ? { ...request, by } : null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "resolved", descending: true });
  const unnamed = t(by === "agent" ? "dashboard.leaderboard.unassigned" : "dashboard.leaderboard.noTeam");
  const rows = useMemo(
    () => sortRows(boardRows(t, i18n.language, board.data?.rows ?? [], unnamed), sort.key, sort.descending, i18n.language),
    [t, i18n.language, board.data, unnamed, sort],
  );
  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: !LOWER_IS_BETTER.has(key) }));

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const Icon = active ? (sort.descending ? IconArrowDown : IconArrowUp) : IconSelector;
    return (
      <Table.Th
        key={key}
        scope="col"
        aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
        ta={key === "name" ? undefined : "right"}
      >
        <UnstyledButton onClick={() => sortBy(key)} className={classes.sortButton}>
          {label}
          <Icon size={14} aria-hidden />
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={headingId}>
          {t("dashboard.leaderboard.title")}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t("dashboard.leaderboard.by")}
          value={by}
          onChange={(v) => onByChange(v === "team" ? "team" : "agent")}
          data={[
            { value: "agent", label: t("dashboard.leaderboard.agents") },
            { value: "team", label: t("dashboard.leaderboard.teams") },
          ]}
        />
      </Group>
      {board.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("dashboard.leaderboard.failed")}>
          {describeError(t, board.error)}
        </Alert>
      ) : board.isPending && request ? (
        <Group gap="xs">
          <Loader size="sm" aria-hidden />
          <Text>{t("dashboard.loading")}</Text>
        </Group>
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t("dashboard.noData")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover withTableBorder fz="sm" aria-labelledby={headingId} aria-busy={board.isFetching || undefined}>
            <Table.Thead>
              <Table.Tr>
                {header("name", t(by === "agent" ? "dashboard.leaderboard.agent" : "dashboard.leaderboard.team"))}
                {COLUMNS.map((c) => header(c, t(`dashboard.leaderboard.columns.${c}`)))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={500}>
                    {row.name}
                  </Table.Th>
                  {COLUMNS.map((c) => {
                    const cell = row.cells[c];
                    return (
                      <Table.Td key={c} ta="right">
                        {cell.drill ? (
                          <Anchor component={Link} to={`/cases?${writeListState(drillListState(cell.drill)).toString()}`} size="sm">
                            {cell.text}
                          </Anchor>
                        ) : (
                          <span>{cell.text}</span>
                        )}
                        {cell.sample ? (
                          <Text component="span" size="xs" c="dimmed" className={classes.sample}>
                            {cell.sample}
                          </Text>
                        ) : null}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
