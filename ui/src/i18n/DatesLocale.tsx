/**
 * Mantine's date pickers in the interface language (month and weekday names via
 * dayjs's locales), weeks starting on Monday as in the working-hours editor. Every
 * calendar's previous/next controls are named ("Next month"), in that language too:
 * Mantine leaves these icon-only buttons unnamed unless told.
 */
import { MantineThemeProvider } from "@mantine/core";
import { Calendar, DatesProvider, type CalendarAriaLabels } from "@mantine/dates";
import "dayjs/locale/zh-cn";
import "dayjs/locale/zh-tw";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

const DAYJS_LOCALE: Record<string, string> = { en: "en", "zh-Hans": "zh-cn", "zh-Hant": "zh-tw" };

export function DatesLocale({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // Calendar is what DatePickerInput, DateTimePicker and the others render inside, so
  // its default props reach every picker.
  const theme = useMemo(() => {
    const ariaLabels: CalendarAriaLabels = {
      previousMonth: t("common.calendar.previousMonth"),
      nextMonth: t("common.calendar.nextMonth"),
      previousYear: t("common.calendar.previousYear"),
      nextYear: t("common.calendar.nextYear"),
      previousDecade: t("common.calendar.previousDecade"),
      nextDecade: t("common.calendar.nextDecade"),
    };
    return { components: { Calendar: Calendar.extend({ defaultProps: { ariaLabels } }) } };
  }, [t, i18n.language]);
  return (
    <MantineThemeProvider theme={theme}>
      <DatesProvider settings={{ locale: DAYJS_LOCALE[i18n.language] ?? "en", firstDayOfWeek: 1 }}>
        {children}
      </DatesProvider>
    </MantineThemeProvider>
  );
}
