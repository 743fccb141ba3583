/** Small badges of plans and runs: words first, a theme colour that only repeats them. */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { ItemState, PlanStatus, RunKind, Severity } from "../ipc/bindings";
import { KIND_COLOR, SEVERITY_COLOR, STATE_COLOR } from "./model";

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={SEVERITY_COLOR[severity]} tt="none">
      {t(`plans.severity.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant={status === "published" ? "light" : "outline"} color={status === "published" ? "green" : "gray"} tt="none">
      {t(`plans.status.${status}`)}
    </Badge>
  );
}

/** A run's kind, always shown so a drill is never mistaken for a real incident. */
export function KindBadge({ kind }: { kind: RunKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={KIND_COLOR[kind]} tt="none">
      {t(`plans.kind.${kind}`)}
    </Badge>
  );
}

export function StateBadge({ state }: { state: ItemState }) {
  const { t } = useTranslation();
  return (
    <Badge variant={state === "overdue" ? "filled" : "light"} color={STATE_COLOR[state]} tt="none">
      {t(`plans.state.${state}`)}
    </Badge>
  );
}
