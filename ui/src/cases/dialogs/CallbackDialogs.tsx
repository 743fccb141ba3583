/**
 * The call-back (回访) after resolution: schedule it (date and time, in this computer's
 * time zone, sent as RFC 3339, within the window Rust accepts: `LIMITS.callbackDays*`),
 * then record its outcome with CSAT (1–5), NPS (0–10) and the customer's comment.
 */
import { Input, SegmentedControl, Text, Textarea } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { LIMITS, type CaseId } from "../../ipc/bindings";
import { useRecordCallback, useScheduleCallback } from "../../ipc/queries";
import { FormDialog } from "./FormDialog";
import { useDialogMutation } from "./useDialogMutation";

/** Tomorrow at 10:00 local time, as the picker's "YYYY-MM-DD HH:mm:ss". */
export function defaultCallbackTime(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} 10:00:00`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The dates the picker offers: the window Rust accepts around now (a year back, two
 * years ahead), so the picker never offers a day that would be refused.
 */
export function callbackWindow(now = new Date()): { minDate: Date; maxDate: Date } {
  return {
    minDate: new Date(now.getTime() - LIMITS.callbackDaysBack * DAY_MS),
    maxDate: new Date(now.getTime() + LIMITS.callbackDaysAhead * DAY_MS),
  };
}

/** The picker's local "YYYY-MM-DD HH:mm:ss" as an RFC 3339 instant. */
export function pickerToRfc3339(value: string): string {
  const [date = "", time = "00:00:00"] = value.split(" ");
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] = time.split(":").map(Number);
  return new Date(y, m - 1, d, hh, mm, ss).toISOString();
}

export function ScheduleCallbackDialog({
  caseId,
  opened,
  onClose,
  afterResolve = false,
}: {
  caseId: CaseId;
  opened: boolean;
  onClose: () => void;
  afterResolve?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState<string | null>(() => defaultCallbackTime());
  const [range] = useState(() => callbackWindow());
  const { errors, save, formProps } = useDialogMutation(useScheduleCallback(caseId), ["dueAt"] as const, onClose);

  const submit = () => {
    if (!errors.requireFilled({ dueAt: value ?? "" }) || !value) return;
    save(pickerToRfc3339(value));
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.callback.scheduleTitle")}
      submitLabel={t("cases.callback.schedule")}
      cancelLabel={afterResolve ? t("common.notNow") : undefined}
      {...formProps}
      onSubmit={submit}
      intro={
        afterResolve ? (
          <Text size="sm" c="dimmed">
            {t("cases.callback.afterResolve")}
          </Text>
        ) : undefined
      }
    >
      <DateTimePicker
        label={t("cases.callback.dueAt")}
        value={value}
        onChange={(v) => {
          setValue(v);
          errors.clear("dueAt");
        }}
        valueFormat={i18n.language === "en" ? "DD MMM YYYY HH:mm" : "YYYY年M月D日 HH:mm"}
        minDate={range.minDate}
        maxDate={range.maxDate}
        error={errors.fieldErrors.dueAt}
        required
        data-autofocus
        popoverProps={{ withinPortal: true }}
      />
    </FormDialog>
  );
}

function ScoreControl({
  label,
  hint,
  from,
  to,
  value,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  from: number;
  to: number;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  const scores = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return (
    <Input.Wrapper label={label} labelProps={{ id: labelId, component: "div" }} description={hint} descriptionProps={{ id: hintId }} error={error}>
      <SegmentedControl
        aria-labelledby={labelId}
        aria-describedby={hintId}
        value={value}
        onChange={onChange}
        data={[{ value: "", label: t("cases.callback.notAsked") }, ...scores.map((s) => ({ value: s, label: s }))]}
        fullWidth
        size="xs"
        mt={4}
      />
    </Input.Wrapper>
  );
}

export function RecordCallbackDialog({
  caseId,
  opened,
  onClose,
}: {
  caseId: CaseId;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState("");
  const [csat, setCsat] = useState("");
  const [nps, setNps] = useState("");
  const [comment, setComment] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(
    useRecordCallback(caseId),
    ["outcome", "csat", "nps", "comment"] as const,
    onClose,
  );

  const submit = () => {
    if (!errors.requireFilled({ outcome })) return;
    save({
      outcome: outcome.trim(),
      csat: csat === "" ? null : Number(csat),
      nps: nps === "" ? null : Number(nps),
      comment: comment.trim() || null,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.callback.recordTitle")}
      submitLabel={t("cases.callback.save")}
      {...formProps}
      onSubmit={submit}
      size="lg"
    >
      <Textarea
        label={t("fields.outcome")}
        placeholder={t("cases.callback.outcomePlaceholder")}
        {...textField("outcome", outcome, setOutcome)}
        required
        autosize
        minRows={2}
        data-autofocus
      />
      <ScoreControl
        label={t("fields.csat")}
        hint={t("cases.callback.csatHint")}
        from={1}
        to={5}
        value={csat}
        onChange={(v) => {
          setCsat(v);
          errors.clear("csat");
        }}
        error={errors.fieldErrors.csat}
      />
      <ScoreControl
        label={t("fields.nps")}
        hint={t("cases.callback.npsHint")}
        from={0}
        to={10}
        value={nps}
        onChange={(v) => {
          setNps(v);
          errors.clear("nps");
        }}
        error={errors.fieldErrors.nps}
      />
      <Textarea
        label={t("fields.comment")}
        {...textField("comment", comment, setComment)}
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}
