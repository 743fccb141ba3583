/**
 * What a dashboard drill-down put on the list that the filter fields cannot show: exact
 * time bounds ("Resolved 2 Nov 00:00 – 2 Dec 00:00") and root causes, each removable, so
 * a list narrowed by a tile or chart says so.
 */
import { CloseButton, Group, Pill } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { Bound, ListState } from "./listState";

const PAIRS = [
  ["created", "createdFrom", "createdTo"],
  ["resolved", "resolvedFrom", "resolvedTo"],
  ["callbackDue", "callbackDueFrom", "callbackDueTo"],
] as const satisfies readonly (readonly [string, Bound, Bound])[];

function RemovablePill({ label, removeLabel, onRemove }: { label: string; removeLabel: string; onRemove: () => void }) {
  return (
    <Pill size="md">
      <span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
        {label}
        <CloseButton size="xs" aria-label={removeLabel} onClick={onRemove} />
      </span>
    </Pill>
  );
}

export function DrillBounds({
  bounds,
  rootCauses,
  onChange,
}: {
  bounds: ListState["bounds"];
  rootCauses: string[];
  onChange: (patch: Partial<Pick<ListState, "bounds" | "rootCauses">>) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const shown = PAIRS.filter(([, from, to]) => bounds[from] || bounds[to]);
  if (shown.length === 0 && rootCauses.length === 0) return null;
  const text = (v: string | undefined) => (v ? format.format(new Date(v)) : "…");
  return (
    <Group gap="xs" pt="xs">
      {shown.map(([what, from, to]) => {
        const label = t("cases.filters.bounds.range", {
          what: t(`cases.filters.bounds.${what}`),
          from: text(bounds[from]),
          to: text(bounds[to]),
        });
        return (
          <RemovablePill
            key={what}
            label={label}
            removeLabel={t("cases.filters.bounds.remove", { filter: label })}
            onRemove={() => {
              const rest = { ...bounds };
              delete rest[from];
              delete rest[to];
              onChange({ bounds: rest });
            }}
          />
        );
      })}
      {rootCauses.map((cause) => {
        const label = t("cases.filters.bounds.rootCause", { cause });
        return (
          <RemovablePill
            key={`rootCause:${cause}`}
            label={label}
            removeLabel={t("cases.filters.bounds.remove", { filter: label })}
            onRemove={() => onChange({ rootCauses: rootCauses.filter((c) => c !== cause) })}
          />
        );
      })}
    </Group>
  );
}
