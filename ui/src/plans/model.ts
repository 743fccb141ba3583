/** The fixed lists of plans, as Rust names them, with their labels and colours. */
import type { TFunction } from "i18next";

import type { ItemState, Phase, RunKind, Scenario, Severity } from "../ipc/bindings";

export const SCENARIOS: readonly Scenario[] = [
  "system_outage",
  "volume_surge",
  "pr_crisis",
  "site_loss",
  "data_breach",
  "other",
];
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const PHASES: readonly Phase[] = ["monitoring", "warning", "response", "recovery"];
export const RUN_KINDS: readonly RunKind[] = ["drill", "tabletop", "incident"];

export const scenarioOptions = (t: TFunction) => SCENARIOS.map((v) => ({ value: v, label: t(`plans.scenario.${v}`) }));
export const severityOptions = (t: TFunction) => SEVERITIES.map((v) => ({ value: v, label: t(`plans.severity.${v}`) }));
export const phaseOptions = (t: TFunction) => PHASES.map((v) => ({ value: v, label: t(`plans.phase.${v}`) }));
export const runKindOptions = (t: TFunction) => RUN_KINDS.map((v) => ({ value: v, label: t(`plans.kind.${v}`) }));

/** Mantine theme colours; each badge also says its state in words. */
export const SEVERITY_COLOR: Record<Severity, string> = { low: "gray", medium: "yellow", high: "orange", critical: "red" };
export const KIND_COLOR: Record<RunKind, string> = { incident: "red", drill: "blue", tabletop: "grape" };
export const STATE_COLOR: Record<ItemState, string> = { pending: "gray", overdue: "red", done: "green", skipped: "yellow" };
