/**
 * The exact time bounds a dashboard tile's drill-down put on the list ("Resolved
 * 2 Nov 00:00 – 2 Dec 00:00"), each removable, so a list narrowed by a tile says so.
 */
import { CloseButton, Group, Pill } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { Bound, ListState } from "./listState";

const PAIRS = [
  ["created", "createdFrom", "createdTo"],
  ["resolved", "resolvedFrom", "resolvedTo"],
  ["callbackDue", "callbackDueFrom", "callbackDueTo"],
] as const satisfies readonly (readonly [string, Bound, Bound])[];

export function DrillBounds({
  bounds,
  onChange,
}: {
  bounds: ListState["bounds"];
  onChange: (bounds: ListState["bounds"]) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const shown = PAIRS.filter(([, from, to]) => bounds[from] || bounds[to]);
  if (shown.length === 0) return null;
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
          <Pill key={what} size="md">
            <span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
              {label}
              <CloseButton
                size="xs"
                aria-label={t("cases.filters.bounds.remove", { filter: label })}
                onClick={() => {
                  const rest = { ...bounds };
                  delete rest[from];
                  delete rest[to];
                  onChange(rest);
                }}
              />
            </span>
          </Pill>
        );
      })}
    </Group>
  );
}
