/**
 * The period a KPI view covers, shared by the Dashboard and the pain points: the preset
 * control with its chosen days, the message for a period Rust refused (said beside the
 * days), and what the page says while it has no numbers to show.
 */
import { Alert, Group, Loader, SegmentedControl, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import type { PeriodPreset } from "../ipc/bindings";
import { DayRangeInput } from "../shell/DayRangeInput";
import { describeError, ipcErrorMessage, ipcErrorOf } from "../ipc/errors";
import { PRESETS, type DashboardState } from "./dashboardState";

/** Today as YYYY-MM-DD on this computer: the latest day the picker offers. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The preset periods, and the days picker when "Custom" is chosen. */
export function PeriodPicker({
  state,
  error,
  onChange,
}: {
  state: DashboardState;
  /** Why Rust refused the period, if it did (from `refusedPeriodMessage`). */
  error: string | null;
  onChange: (patch: Partial<DashboardState>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SegmentedControl
        aria-label={t("dashboard.period.label")}
        size="xs"
        data={PRESETS.map((p) => ({ value: p, label: t(`dashboard.period.${p}`) }))}
        value={state.preset}
        onChange={(preset) => onChange({ preset: preset as PeriodPreset })}
      />
      {state.preset === "custom" ? (
        <DayRangeInput
          label={t("dashboard.period.range")}
          from={state.from}
          to={state.to}
          maxDate={today()}
          error={error}
          minWidth={220}
          onChange={(from, to) => onChange({ from, to })}
        />
      ) : null}
    </>
  );
}

/** Rust's refusal of the period (its days, or too long a span), worded for the picker; null for anything else. */
export function refusedPeriodMessage(t: TFunction, error: unknown): string | null {
  const refused = error ? ipcErrorOf(error) : null;
  if (refused?.code !== "validation" || !["from", "to", "period"].includes(refused.field ?? "")) return null;
  return refused.field === "period" ? t("dashboard.period.tooLong", { limit: refused.limit ?? 0 }) : ipcErrorMessage(t, refused);
}

/**
 * While a period's numbers are not on screen: "choose the days" for a custom period not
 * yet picked, the failure (unless the period itself was refused, which the picker says),
 * or that they are loading.
 */
export function PeriodQueryStatus({
  chosen,
  query,
  periodError,
  failedTitle,
  loading,
}: {
  chosen: boolean;
  query: { isError: boolean; isPending: boolean; error: unknown };
  periodError: string | null;
  failedTitle: string;
  loading: string;
}) {
  const { t } = useTranslation();
  if (!chosen) return <Text>{t("dashboard.period.chooseDays")}</Text>;
  if (query.isError && !periodError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={failedTitle}>
        {describeError(t, query.error)}
      </Alert>
    );
  }
  if (query.isPending) {
    return (
      <Group gap="xs">
        <Loader size="sm" aria-hidden />
        <Text>{loading}</Text>
      </Group>
    );
  }
  return null;
}
