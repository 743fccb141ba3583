/** How a journey stage is named on screen: the team's name, or the built-in's translated one. */
import type { TFunction } from "i18next";

import type { JourneyStage, JourneyStageId } from "../ipc/bindings";

export function stageLabel(t: TFunction, stage: Pick<JourneyStage, "key" | "name">): string {
  if (stage.name) return stage.name;
  return stage.key ? t(`voc.stages.builtIn.${stage.key}`, { defaultValue: stage.key }) : "";
}

/** Options for a stage picker: live stages, plus `keep` (the value held) even if retired. */
export function stageOptions(
  t: TFunction,
  stages: readonly JourneyStage[],
  keep: JourneyStageId | null = null,
): { value: string; label: string }[] {
  return allStageOptions(
    t,
    stages.filter((s) => !s.retired || s.id === keep),
  );
}

/** Options for a filter: every stage, retired ones marked (old entries may have them). */
export function allStageOptions(t: TFunction, stages: readonly JourneyStage[]): { value: string; label: string }[] {
  return stages.map((s) => ({
    value: s.id,
    label: s.retired ? t("voc.stages.retiredLabel", { name: stageLabel(t, s) }) : stageLabel(t, s),
  }));
}

/** The label of the stage with `id` among `stages` ("" when unknown). */
export function stageLabelOf(t: TFunction, stages: readonly JourneyStage[] | undefined, id: JourneyStageId | null): string {
  const stage = id ? stages?.find((s) => s.id === id) : undefined;
  return stage ? stageLabel(t, stage) : "";
}
