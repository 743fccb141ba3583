/**
 * The case page's quality panel: the evaluations made on this case side by side, and —
 * once two evaluators have scored it — how far apart they were overall and on each
 * criterion (calibration). "Evaluate" scores the case's agent on it.
 */
import { Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId, CaseId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCaseQa } from "../ipc/queries";
import { EvaluationDialog } from "./EvaluationDialog";
import { EvaluationsTable } from "./EvaluationsTable";
import { formatScore } from "./format";

export function CaseQa({ caseId, assignee }: { caseId: CaseId; assignee: AgentId | null }) {
  const { t, i18n } = useTranslation();
  const qa = useCaseQa(caseId);
  const [evaluating, setEvaluating] = useState(false);

  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby="case-qa-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5" id="case-qa-title">
            {t("qa.case.title")}
          </Title>
          <Button size="xs" variant="default" leftSection={<IconClipboardCheck size={14} aria-hidden />} onClick={() => setEvaluating(true)}>
            {t("qa.evaluate.open")}
          </Button>
        </Group>
        {qa.isError ? (
          <Text role="alert">{describeError(t, qa.error)}</Text>
        ) : !qa.data ? null : qa.data.evaluations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("qa.case.empty")}
          </Text>
        ) : (
          <>
            {qa.data.spread !== null ? (
              <Text size="sm">{t("qa.case.spread", { spread: formatScore(i18n.language, qa.data.spread) })}</Text>
            ) : null}
            <EvaluationsTable evaluations={qa.data.evaluations} label={t("qa.case.tableLabel")} show="agent" />
            {qa.data.criteria.length > 0 ? (
              <Table w="auto" aria-label={t("qa.case.criteriaLabel")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("qa.case.criterion")}</Table.Th>
                    <Table.Th scope="col">{t("qa.case.low")}</Table.Th>
                    <Table.Th scope="col">{t("qa.case.high")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {qa.data.criteria.map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Th scope="row" fw={c.low === c.high ? "normal" : 600}>
                        {c.label}
                        {c.low === c.high ? null : (
                          <Text span size="xs" c="dimmed" ml={6}>
                            ({t("qa.case.disagree")})
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{c.low}</Table.Td>
                      <Table.Td>{c.high}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </>
        )}
      </Stack>
      {evaluating ? <EvaluationDialog caseId={caseId} defaultAgent={assignee} opened onClose={() => setEvaluating(false)} /> : null}
    </Paper>
  );
}
