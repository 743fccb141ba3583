/**
 * Mantine's date pickers in the interface language (month and weekday names via
 * dayjs's locales), weeks starting on Monday as in the working-hours editor.
 */
import { DatesProvider } from "@mantine/dates";
import "dayjs/locale/zh-cn";
import "dayjs/locale/zh-tw";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

const DAYJS_LOCALE: Record<string, string> = { en: "en", "zh-Hans": "zh-cn", "zh-Hant": "zh-tw" };

export function DatesLocale({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[i18n.language] ?? "en", firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}
