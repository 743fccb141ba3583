/**
 * Insights raised for other departments: filters by status and department and "overdue
 * reviews only" (kept in the URL); overdue ones come first and say so in words, not only
 * in colour. Each opens its detail page.
 */
import { Anchor, Badge, Button, Checkbox, Group, MultiSelect, Stack, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { isOneOf } from "../cases/model";
import type { Department, InsightQuery, InsightStatus } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useInsights } from "../ipc/queries";
import { InsightDialog } from "./InsightDialog";
import { DEPARTMENTS, INSIGHT_STATUSES, departmentOptions, evidenceCount, insightStatusOptions } from "./model";

export const STATUS_COLOR: Record<InsightStatus, string> = {
  proposed: "blue",
  accepted: "violet",
  done: "teal",
  declined: "gray",
};

function readQuery(params: URLSearchParams): InsightQuery {
  return {
    text: null,
    statuses: params.getAll("status").filter((v) => isOneOf(INSIGHT_STATUSES, v)) as InsightStatus[],
    departments: params.getAll("department").filter((v) => isOneOf(DEPARTMENTS, v)) as Department[],
    overdueOnly: params.get("overdue") === "1",
  };
}

function writeQuery(q: InsightQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const v of q.statuses) params.append("status", v);
  for (const v of q.departments) params.append("department", v);
  if (q.overdueOnly) params.set("overdue", "1");
  return params;
}

export function InsightsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const insights = useInsights(query);
  const [raising, setRaising] = useState(false);
  const update = (patch: Partial<InsightQuery>) => setParams(writeQuery({ ...query, ...patch }), { replace: true });
  const rows = insights.data ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" gap="xs" role="group" aria-label={t("voc.insights.filtersLabel")}>
          <MultiSelect
            size="xs"
            clearable
            label={t("fields.status")}
            placeholder={query.statuses.length ? undefined : t("cases.filters.any")}
            data={insightStatusOptions(t)}
            value={query.statuses}
            onChange={(v) => update({ statuses: v as InsightStatus[] })}
            w={220}
          />
          <MultiSelect
            size="xs"
            clearable
            label={t("fields.department")}
            placeholder={query.departments.length ? undefined : t("cases.filters.any")}
            data={departmentOptions(t)}
            value={query.departments}
            onChange={(v) => update({ departments: v as Department[] })}
            w={220}
          />
          <Checkbox
            size="xs"
            label={t("voc.insights.overdueOnly")}
            checked={query.overdueOnly}
            onChange={(e) => update({ overdueOnly: e.currentTarget.checked })}
            mb={6}
          />
        </Group>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setRaising(true)}>
          {t("voc.insights.raise")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {insights.isError ? describeError(t, insights.error) : t("voc.insights.count", { count: rows.length })}
      </Text>
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t("voc.insights.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.title")}</Table.Th>
                <Table.Th scope="col">{t("fields.department")}</Table.Th>
                <Table.Th scope="col">{t("fields.status")}</Table.Th>
                <Table.Th scope="col">{t("fields.reviewOn")}</Table.Th>
                <Table.Th scope="col">{t("voc.handover.evidence")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ insight, cases, feedback }) => (
                <Table.Tr key={insight.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/voice/insights/${insight.id}`} size="sm">
                      {insight.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`voc.department.${insight.department}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[insight.status]} tt="none">
                      {t(`voc.insightStatus.${insight.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {insight.reviewOn ?? <Text size="sm" c="dimmed">{t("common.none")}</Text>}
                    {insight.overdue ? (
                      <Badge ml={6} color="red" variant="filled" tt="none">
                        {t("voc.insights.overdue")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{evidenceCount(t, cases, feedback)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : insights.data ? (
        <Text c="dimmed">{t("voc.insights.empty")}</Text>
      ) : null}
      {raising ? <InsightDialog opened onClose={() => setRaising(false)} /> : null}
    </Stack>
  );
}
