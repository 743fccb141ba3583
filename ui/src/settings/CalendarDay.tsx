/**
 * How a calendar day is shown wherever days are listed (the holidays table, the import
 * and holiday-set previews): the date in the interface language, and its kind.
 */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { DayKind, Weekday } from "../ipc/bindings";

/**
 * A `YYYY-MM-DD` day in the interface language, read as a calendar date: "full" with its
 * weekday ("Thursday, October 1, 2026"), "medium" for a line or a badge ("Oct 1, 2026").
 */
export function formatDay(language: string, date: string, style: "full" | "medium" = "full"): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** "Holiday", or "Make-up working day · hours of Friday". */
export function DayKindBadge({ kind, worksAs }: { kind: DayKind; worksAs: Weekday | null }) {
  const { t } = useTranslation();
  if (kind === "holiday") {
    return (
      <Badge variant="light" color="gray" radius="sm" tt="none">
        {t("settings.holidays.kindHoliday")}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color="indigo" radius="sm" tt="none">
      {worksAs
        ? t("settings.holidays.worksAsBadge", { day: t(`settings.weekdays.${worksAs}`) })
        : t("settings.holidays.kindWorkday")}
    </Badge>
  );
}
