/**
 * QA scorecards: each with its current version, its criteria and how many evaluations
 * were made on it; make, edit (a new version when the criteria change) or delete one
 * (its evaluations stay in agents' histories).
 */
import { Button, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Scorecard } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useDeleteScorecard, useScorecards } from "../ipc/queries";
import { ScorecardDialog } from "./ScorecardDialog";

export function ScorecardsPage() {
  const { t } = useTranslation();
  const scorecards = useScorecards();
  const remove = useDeleteScorecard();
  const [editing, setEditing] = useState<Scorecard | "new" | null>(null);

  if (scorecards.isError) return <Text role="alert">{describeError(t, scorecards.error)}</Text>;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("qa.scorecards.intro")}
        </Text>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
          {t("qa.scorecards.new")}
        </Button>
      </Group>
      {!scorecards.data ? (
        <Text c="dimmed">{t("common.loading")}</Text>
      ) : scorecards.data.length === 0 ? (
        <Text c="dimmed">{t("qa.scorecards.empty")}</Text>
      ) : (
        <Table striped aria-label={t("qa.scorecards.tableLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("fields.name")}</Table.Th>
              <Table.Th scope="col">{t("qa.scorecards.criteria")}</Table.Th>
              <Table.Th scope="col">{t("qa.scorecards.versionHeader")}</Table.Th>
              <Table.Th scope="col">{t("qa.scorecards.evaluations")}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t("training.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scorecards.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Th scope="row" fw="normal">
                  {c.name}
                </Table.Th>
                <Table.Td>
                  <Text size="sm">
                    {c.criteria
                      .map((x) => `${x.label} (${x.weight}${x.critical ? ` · ${t("qa.scorecards.critical")}` : ""})`)
                      .join("; ")}
                  </Text>
                </Table.Td>
                <Table.Td>{c.version}</Table.Td>
                <Table.Td>{c.evaluations}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" aria-label={t("qa.scorecards.editNamed", { name: c.name })} onClick={() => setEditing(c)}>
                      {t("qa.scorecards.edit")}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t("qa.scorecards.deleteNamed", { name: c.name })}
                      loading={remove.isPending && remove.variables === c.id}
                      onClick={() =>
                        remove.mutate(c.id, { onError: (e) => notifications.show({ color: "red", message: describeError(t, e) }) })
                      }
                    >
                      {t("common.delete")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing ? <ScorecardDialog scorecard={editing === "new" ? undefined : editing} opened onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
