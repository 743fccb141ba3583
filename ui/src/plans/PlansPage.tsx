/**
 * Plans: contingency plans (list, a plan's page with its four phases of steps) and their
 * runs (a checklist to work through in an incident, a drill or a tabletop exercise).
 * Active runs and plans overdue for review or a drill are listed on every page of the section.
 */
import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";

import { ActiveRuns } from "./ActiveRuns";
import { PlanReminders } from "./PlanReminders";

export function PlansPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("sections.plans.title")}
      </Title>
      <ActiveRuns />
      <PlanReminders />
      <Outlet />
    </Stack>
  );
}
