/**
 * One dashboard chart in a card, with a switch to the table of its numbers (what a screen
 * reader reads, and what can be copied). A click on a bar or point opens its cases; in
 * the table, every number is a link to them.
 */
import { BarChart, LineChart } from "@mantine/charts";
import { Anchor, Group, Paper, SegmentedControl, Table, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { drillListState, writeListState } from "../../cases/listState";
import type { CaseQuery } from "../../ipc/bindings";
import type { ChartModel, ChartTable } from "./chartData";

const HEIGHT = 220;

function casesPath(query: CaseQuery): string {
  return `/cases?${writeListState(drillListState(query)).toString()}`;
}

function NumbersTable({ table, caption }: { table: ChartTable; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={320} mah={HEIGHT + 40}>
      <Table striped highlightOnHover withTableBorder fz="sm" stickyHeader>
        <Table.Caption>{t("dashboard.charts.tableCaption", { chart: caption })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c, i) => (
              <Table.Th key={c} scope="col" ta={i === 0 ? undefined : "right"}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={500}>
                    {cell.text}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} ta="right">
                    {cell.drill ? (
                      <Anchor component={Link} to={casesPath(cell.drill)} size="sm">
                        {cell.text}
                      </Anchor>
                    ) : (
                      cell.text
                    )}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Plot({ model }: { model: ChartModel }) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const open = (index: number, series: string) => {
    const query = model.drills[index]?.[series];
    if (query) void navigate(casesPath(query));
  };
  const count = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const format = (v: number) => (model.unit === "count" ? count.format(v) : percent.format(v));
  if (model.kind === "lines") {
    return (
      <LineChart
        h={HEIGHT}
        data={model.points}
        dataKey="label"
        series={model.series}
        curveType="linear"
        connectNulls={false}
        withLegend={model.series.length > 1}
        valueFormatter={format}
        yAxisProps={{ domain: model.unit === "score" ? [-100, 100] : [0, 100] }}
        lineChartProps={{
          accessibilityLayer: false,
          onClick: (state) => {
            const index = Number(state?.activeTooltipIndex);
            const first = model.series[0];
            if (Number.isInteger(index) && first) open(index, first.name);
          },
          style: { cursor: "pointer" },
        }}
      />
    );
  }
  const horizontal = model.kind === "bars";
  return (
    <BarChart
      h={horizontal ? Math.max(HEIGHT, model.points.length * 26 + 40) : HEIGHT}
      data={model.points}
      dataKey="label"
      series={model.series}
      type={model.kind === "stackedBars" ? "stacked" : "default"}
      orientation={horizontal ? "vertical" : "horizontal"}
      withLegend={model.series.length > 1}
      valueFormatter={format}
      yAxisProps={horizontal ? { width: 140 } : undefined}
      barChartProps={{ accessibilityLayer: false }}
      barProps={(series) => ({
        onClick: (_data: unknown, index: number) => open(index, series.name),
        style: { cursor: "pointer" },
      })}
    />
  );
}

export function ChartCard({ model }: { model: ChartModel }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [view, setView] = useState<"chart" | "table">("chart");
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Title order={3} size="h5" id={titleId}>
          {model.title}
        </Title>
        {model.empty ? null : (
          <SegmentedControl
            size="xs"
            aria-label={t("dashboard.charts.viewOf", { chart: model.title })}
            value={view}
            onChange={(v) => setView(v === "table" ? "table" : "chart")}
            data={[
              { value: "chart", label: t("dashboard.charts.asChart") },
              { value: "table", label: t("dashboard.charts.asTable") },
            ]}
          />
        )}
      </Group>
      {model.empty ? (
        <Text c="dimmed">{t("dashboard.noData")}</Text>
      ) : view === "table" ? (
        <NumbersTable table={model.table} caption={model.title} />
      ) : (
        // The drawing says nothing a screen reader can use: it is named, and the table
        // view, one switch away, holds its numbers.
        <div role="img" aria-label={t("dashboard.charts.drawing", { chart: model.title })}>
          <Plot model={model} />
        </div>
      )}
    </Paper>
  );
}
