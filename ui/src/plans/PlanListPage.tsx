/** Every plan with its scenario, severity, status and last drill; create a plan, or start from an example. */
import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconCopy, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { formatDateTime } from "../cases/time";
import { describeError } from "../ipc/errors";
import { usePlans } from "../ipc/queries";
import { SeverityBadge, StatusBadge } from "./Badges";
import { PlanDialog } from "./PlanDialog";
import { StarterDialog } from "./StarterDialog";

export function PlanListPage() {
  const { t, i18n } = useTranslation();
  const plans = usePlans();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<"blank" | "example" | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {plans.isError ? describeError(t, plans.error) : t("plans.list.count", { count: plans.data?.length ?? 0 })}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconCopy size={14} aria-hidden />} onClick={() => setCreating("example")}>
            {t("plans.starter.open")}
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating("blank")}>
            {t("plans.list.new")}
          </Button>
        </Group>
      </Group>
      {plans.data && plans.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("plans.list.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("plans.fields.title")}</Table.Th>
                <Table.Th scope="col">{t("plans.fields.scenario")}</Table.Th>
                <Table.Th scope="col">{t("plans.fields.severity")}</Table.Th>
                <Table.Th scope="col">{t("plans.list.status")}</Table.Th>
                <Table.Th scope="col">{t("plans.list.lastDrill")}</Table.Th>
                <Table.Th scope="col">{t("plans.list.activeRuns")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/plans/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`plans.scenario.${p.scenario}`)}</Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={p.severity} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td>{p.lastDrillAt ? formatDateTime(i18n.language, p.lastDrillAt) : t("plans.list.never")}</Table.Td>
                  <Table.Td>{p.activeRuns}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : plans.data ? (
        <Text c="dimmed">{t("plans.list.empty")}</Text>
      ) : null}
      {creating === "blank" ? (
        <PlanDialog opened onClose={() => setCreating(null)} onSaved={(id) => void navigate(`/plans/${id}`)} />
      ) : null}
      {creating === "example" ? (
        <StarterDialog onClose={() => setCreating(null)} onCopied={(id) => void navigate(`/plans/${id}`)} />
      ) : null}
    </Stack>
  );
}
