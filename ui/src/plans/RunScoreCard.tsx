/** A closed run's score: required steps done on time, and each phase's time against its target. */
import { Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { formatDuration } from "../cases/time";
import type { RunScore } from "../ipc/bindings";

export function RunScoreCard({ score }: { score: RunScore }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-score-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="run-score-title">
          {t("plans.score.title")}
        </Title>
        <Text>{t("plans.score.onTime", { percent: score.percent, onTime: score.onTime, required: score.required })}</Text>
        <Table aria-label={t("plans.score.phasesLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("plans.fields.phase")}</Table.Th>
              <Table.Th scope="col">{t("plans.score.target")}</Table.Th>
              <Table.Th scope="col">{t("plans.score.actual")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {score.phases.map((p) => {
              const late = p.actualMinutes !== null && p.actualMinutes > p.targetMinutes;
              return (
                <Table.Tr key={p.phase}>
                  <Table.Th scope="row" fw="normal">
                    {t(`plans.phase.${p.phase}`)}
                  </Table.Th>
                  <Table.Td>{formatDuration(t, p.targetMinutes)}</Table.Td>
                  <Table.Td c={late ? "red" : undefined}>
                    {p.actualMinutes === null
                      ? t("plans.score.notDone")
                      : late
                        ? t("plans.score.late", { duration: formatDuration(t, p.actualMinutes) })
                        : formatDuration(t, p.actualMinutes)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
