/**
 * The dashboard's filters: team, agent, channel, category, priority and customer tier.
 * Each narrows every tile, and the case lists they drill down to.
 */
import { Button, MultiSelect, SimpleGrid } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { CaseChannel, Priority, Tier } from "../ipc/bindings";
import { useAgents, useCaseCategories, useTeams } from "../ipc/queries";
import { channelOptions, priorityOptions, tierOptions } from "../cases/model";
import { activeDashboardFilters, type DashboardState } from "./dashboardState";

export function DashboardFilters({
  state,
  onChange,
}: {
  state: DashboardState;
  onChange: (patch: Partial<DashboardState>) => void;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const agents = useAgents();
  const categories = useCaseCategories();
  const any = (values: readonly string[]) => (values.length ? undefined : t("dashboard.filters.any"));
  const common = { size: "xs", clearable: true, searchable: true } as const;
  return (
    <SimpleGrid
      role="group"
      aria-label={t("dashboard.filters.label")}
      cols={{ base: 2, md: 3, lg: 6 }}
      spacing="xs"
      verticalSpacing={6}
    >
      <MultiSelect
        {...common}
        label={t("dashboard.filters.teams")}
        placeholder={any(state.teams)}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={state.teams}
        onChange={(v) => onChange({ teams: v })}
      />
      <MultiSelect
        {...common}
        label={t("dashboard.filters.agents")}
        placeholder={any(state.assignees)}
        data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={state.assignees}
        onChange={(v) => onChange({ assignees: v })}
      />
      <MultiSelect
        {...common}
        label={t("dashboard.filters.channels")}
        placeholder={any(state.channels)}
        data={channelOptions(t)}
        value={state.channels}
        onChange={(v) => onChange({ channels: v as CaseChannel[] })}
      />
      <MultiSelect
        {...common}
        label={t("dashboard.filters.categories")}
        placeholder={any(state.categories)}
        data={[...new Set([...(categories.data ?? []), ...state.categories])]}
        value={state.categories}
        onChange={(v) => onChange({ categories: v })}
      />
      <MultiSelect
        {...common}
        label={t("dashboard.filters.priorities")}
        placeholder={any(state.priorities)}
        data={priorityOptions(t)}
        value={state.priorities}
        onChange={(v) => onChange({ priorities: v as Priority[] })}
      />
      <MultiSelect
        {...common}
        label={t("dashboard.filters.tiers")}
        placeholder={any(state.tiers)}
        data={tierOptions(t)}
        value={state.tiers}
        onChange={(v) => onChange({ tiers: v as Tier[] })}
      />
      {activeDashboardFilters(state) > 0 ? (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconFilterOff size={14} aria-hidden />}
          onClick={() =>
            onChange({ teams: [], assignees: [], channels: [], categories: [], priorities: [], tiers: [] })
          }
          style={{ alignSelf: "end" }}
        >
          {t("dashboard.filters.clear")}
        </Button>
      ) : null}
    </SimpleGrid>
  );
}
