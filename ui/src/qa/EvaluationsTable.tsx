/**
 * Evaluations as a table: the day, the scorecard and version, the case (linked), who
 * evaluated, the score (with "critical failed" in words, not colour alone) and the
 * comment. Shared by the agent's page and the case's calibration.
 */
import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Evaluation } from "../ipc/bindings";
import { formatScore } from "./format";

export function EvaluationsTable({ evaluations, label, show }: { evaluations: Evaluation[]; label: string; show: "case" | "agent" }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("qa.evaluate.day")}</Table.Th>
            <Table.Th scope="col">{t("qa.scorecards.scorecard")}</Table.Th>
            <Table.Th scope="col">{show === "case" ? t("fields.caseId") : t("fields.agentId")}</Table.Th>
            <Table.Th scope="col">{t("qa.evaluate.evaluator")}</Table.Th>
            <Table.Th scope="col">{t("qa.score")}</Table.Th>
            <Table.Th scope="col">{t("fields.comment")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evaluations.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Th scope="row" fw="normal" style={{ whiteSpace: "nowrap" }}>
                {e.evaluatedOn}
              </Table.Th>
              <Table.Td>{t("qa.scorecardVersion", { name: e.scorecardName, version: e.version })}</Table.Td>
              <Table.Td>
                {show === "case" ? (
                  e.caseId ? (
                    <Anchor component={Link} to={`/cases/${e.caseId}`} size="sm">
                      {e.caseRef ?? t("common.none")}
                    </Anchor>
                  ) : (
                    t("common.none")
                  )
                ) : (
                  <Anchor component={Link} to={`/training/people/${e.agentId}`} size="sm">
                    {e.agentName || t("common.none")}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>{e.evaluator}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {e.outcome.score === null ? t("qa.noScore") : formatScore(i18n.language, e.outcome.score)}
                  </Text>
                  {e.outcome.criticalFailed ? (
                    <Badge color="red" variant="light" size="sm">
                      {t("qa.criticalFailed")}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                  {e.comment}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
