/**
 * What a drill-down put on the list that the filters above cannot show: the exact time
 * bounds of a dashboard tile ("Resolved 2 Nov 00:00 – 2 Dec 00:00"), and the journey
 * stage and root cause of a pain-point cell. Each is removable, so a list narrowed by a
 * tile or a cell says so.
 */
import { CloseButton, Group, Pill } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { useJourneyStages } from "../ipc/queries";
import { stageLabelOf } from "../voc/stages";
import type { Bound, ListState } from "./listState";

const PAIRS = [
  ["created", "createdFrom", "createdTo"],
  ["resolved", "resolvedFrom", "resolvedTo"],
  ["callbackDue", "callbackDueFrom", "callbackDueTo"],
] as const satisfies readonly (readonly [string, Bound, Bound])[];

type Drilled = Pick<ListState, "bounds" | "journeyStages" | "rootCauses">;

function Removable({ label, onRemove }: { label: string; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Pill size="md">
      <span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
        {label}
        <CloseButton size="xs" aria-label={t("cases.filters.bounds.remove", { filter: label })} onClick={onRemove} />
      </span>
    </Pill>
  );
}

export function DrillBounds({ state, onChange }: { state: Drilled; onChange: (patch: Partial<Drilled>) => void }) {
  const { t, i18n } = useTranslation();
  const stages = useJourneyStages();
  const { bounds } = state;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const shown = PAIRS.filter(([, from, to]) => bounds[from] || bounds[to]);
  if (shown.length === 0 && state.journeyStages.length === 0 && state.rootCauses.length === 0) return null;
  const text = (v: string | undefined) => (v ? format.format(new Date(v)) : "…");
  return (
    <Group gap="xs" pt="xs">
      {shown.map(([what, from, to]) => (
        <Removable
          key={what}
          label={t("cases.filters.bounds.range", {
            what: t(`cases.filters.bounds.${what}`),
            from: text(bounds[from]),
            to: text(bounds[to]),
          })}
          onRemove={() => {
            const rest = { ...bounds };
            delete rest[from];
            delete rest[to];
            onChange({ bounds: rest });
          }}
        />
      ))}
      {state.journeyStages.map((id) => (
        <Removable
          key={`stage-${id}`}
          label={t("voc.drill.stage", { stage: stageLabelOf(t, stages.data, id) || "…" })}
          onRemove={() => onChange({ journeyStages: state.journeyStages.filter((s) => s !== id) })}
        />
      ))}
      {state.rootCauses.map((cause) => (
        <Removable
          key={`cause-${cause}`}
          label={t("voc.drill.rootCause", { cause })}
          onRemove={() => onChange({ rootCauses: state.rootCauses.filter((c) => c !== cause) })}
        />
      ))}
    </Group>
  );
}
