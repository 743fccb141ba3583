/**
 * Active runs, in the window's header on every screen: during an incident the checklist
 * is one click away whatever page is open. One run links straight to it; several open a
 * menu of them. Each says its kind, so a drill is never taken for a real incident.
 */
import { Button, Menu } from "@mantine/core";
import { IconAlertOctagon, IconChevronDown } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { RunKind, RunSummary } from "../ipc/bindings";
import { useActiveRuns } from "../ipc/queries";
import { KIND_COLOR } from "./model";

/** The colour of the most serious kind among `runs`: a real incident outranks any drill. */
function colourOf(runs: RunSummary[]): string {
  const order: RunKind[] = ["incident", "drill", "tabletop"];
  const kind = order.find((k) => runs.some((r) => r.kind === k)) ?? "incident";
  return KIND_COLOR[kind];
}

export function ActiveRunsIndicator() {
  const { t } = useTranslation();
  const runs = useActiveRuns().data ?? [];
  if (runs.length === 0) return null;
  const label = (r: RunSummary) => `${t(`plans.kind.${r.kind}`)}: ${r.planTitle || t("plans.run.untitled")}`;
  const icon = <IconAlertOctagon size={16} aria-hidden />;
  const [only] = runs;
  if (runs.length === 1 && only) {
    return (
      <Button component={Link} to={`/plans/runs/${only.id}`} size="compact-sm" color={colourOf(runs)} leftSection={icon}>
        {label(only)}
      </Button>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" color={colourOf(runs)} leftSection={icon} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t("plans.active.title", { count: runs.length })}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {runs.map((r) => (
          <Menu.Item key={r.id} component={Link} to={`/plans/runs/${r.id}`}>
            {label(r)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
