/**
 * The quality section of an agent's page: their mean score, the mean per month (with how
 * many evaluations each month holds, so one evaluation is not read as a trend) and every
 * evaluation, newest first; "Evaluate" opens the evaluation form for them.
 */
import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useAgentQa } from "../ipc/queries";
import { EvaluationDialog } from "./EvaluationDialog";
import { EvaluationsTable } from "./EvaluationsTable";
import { formatScore } from "./format";

export function AgentQa({ agent }: { agent: { id: AgentId; name: string; leftOn: string | null } }) {
  const { t, i18n } = useTranslation();
  const qa = useAgentQa(agent.id);
  const [evaluating, setEvaluating] = useState(false);

  return (
    <Stack gap="xs" component="section" aria-labelledby="agent-qa-title">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="agent-qa-title">
          {t("qa.agent.title")}
        </Title>
        {agent.leftOn ? null : (
          <Button size="xs" leftSection={<IconClipboardCheck size={14} aria-hidden />} onClick={() => setEvaluating(true)}>
            {t("qa.evaluate.open")}
          </Button>
        )}
      </Group>
      {qa.isError ? (
        <Text role="alert">{describeError(t, qa.error)}</Text>
      ) : !qa.data ? (
        <Text c="dimmed">{t("common.loading")}</Text>
      ) : qa.data.evaluations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("qa.agent.empty")}
        </Text>
      ) : (
        <>
          <Text size="sm">
            {qa.data.average === null
              ? t("qa.agent.noAverage")
              : t("qa.agent.average", { score: formatScore(i18n.language, qa.data.average), count: qa.data.evaluations.length })}
          </Text>
          {qa.data.months.length > 0 ? (
            <Table w="auto" aria-label={t("qa.agent.trendLabel", { name: agent.name })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("qa.agent.month")}</Table.Th>
                  <Table.Th scope="col">{t("qa.agent.mean")}</Table.Th>
                  <Table.Th scope="col">{t("qa.scorecards.evaluations")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {qa.data.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row" fw="normal">
                      {m.month}
                    </Table.Th>
                    <Table.Td>{m.average === null ? t("qa.noScore") : formatScore(i18n.language, m.average)}</Table.Td>
                    <Table.Td>{m.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          <EvaluationsTable evaluations={qa.data.evaluations} label={t("qa.agent.tableLabel", { name: agent.name })} show="case" />
        </>
      )}
      {evaluating ? <EvaluationDialog agent={agent} opened onClose={() => setEvaluating(false)} /> : null}
    </Stack>
  );
}
