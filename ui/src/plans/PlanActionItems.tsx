/**
 * The open action items of a plan's runs, on the plan's page: what the team still owes
 * after its incidents and drills, the earliest due first, each linking to its run and
 * tickable here. Nothing shows when none is open.
 */
import { Anchor, Group, Paper, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDateTime } from "../cases/time";
import type { PlanId } from "../ipc/bindings";
import { useOpenActionItems } from "../ipc/queries";
import { KindBadge } from "./Badges";
import { ActionItemLine } from "./RunActionItems";

export function PlanActionItems({ plan }: { plan: PlanId }) {
  const { t, i18n } = useTranslation();
  const open = useOpenActionItems(plan);
  if (!open.data || open.data.length === 0) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-action-items-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="plan-action-items-title">
          {t("plans.review.openItemsTitle", { count: open.data.length })}
        </Title>
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
          {open.data.map((o) => (
            <Stack component="li" key={o.item.id} gap={2}>
              <Group gap="xs">
                <KindBadge kind={o.runKind} />
                <Anchor component={Link} to={`/plans/runs/${o.item.runId}`} size="xs">
                  {t("plans.review.fromRun", { time: formatDateTime(i18n.language, o.runStartedAt) })}
                </Anchor>
              </Group>
              <Stack component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                <ActionItemLine item={o.item} />
              </Stack>
            </Stack>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
