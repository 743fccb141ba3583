/**
 * Raise an insight, or edit one: title, finding, owning department, requested change and
 * review date. Raised from a pain-point cell, it starts with that cell's cases (or
 * feedback) as evidence and a title naming the stage and cause, and says how many are
 * cited.
 */
import { Loader, SimpleGrid, Text, TextInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { CaseQuery, Department, FeedbackQuery, Insight } from "../ipc/bindings";
import { EVIDENCE_MAX, useCellEvidence, useSaveInsight } from "../ipc/queries";
import { DEPARTMENTS, departmentOptions } from "./model";

/** What a pain-point cell hands a new insight. */
export interface InsightPrefill {
  title: string;
  cases?: CaseQuery;
  feedback?: FeedbackQuery;
}

const FIELDS = ["title", "finding", "department", "requestedChange", "reviewOn", "caseIds", "feedbackIds"] as const;

export function InsightDialog({
  opened,
  onClose,
  prefill,
  insight,
}: {
  opened: boolean;
  onClose: () => void;
  prefill?: InsightPrefill;
  /** Given: edit this insight. */
  insight?: Insight;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState(insight?.title ?? prefill?.title ?? "");
  const [finding, setFinding] = useState(insight?.finding ?? "");
  const [department, setDepartment] = useState<Department>(insight?.department ?? "product");
  const [change, setChange] = useState(insight?.requestedChange ?? "");
  const [reviewOn, setReviewOn] = useState<string | null>(insight?.reviewOn ?? null);
  const cell = useCellEvidence(prefill?.cases ?? null, prefill?.feedback ?? null);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveInsight(insight?.id ?? null), FIELDS, (id) => {
    onClose();
    if (!insight) void navigate(`/voice/insights/${id}`);
  });

  const submit = () => {
    if (!errors.requireFilled({ title })) return;
    save({
      input: { title: title.trim(), finding, department, requestedChange: change, reviewOn },
      evidence: cell.data?.evidence ?? { caseIds: [], feedbackIds: [] },
    });
  };

  const evidenceNote = () => {
    if (!prefill) return null;
    if (cell.isPending) return <Loader size="xs" aria-label={t("voc.loading")} />;
    const data = cell.data;
    if (!data) return null;
    const cited = data.evidence.caseIds.length + data.evidence.feedbackIds.length;
    const total = data.totalCases + data.totalFeedback;
    return (
      <Text size="sm" c="dimmed" aria-live="polite">
        {prefill.cases
          ? t("voc.insights.evidenceFromCell.cases", { count: cited, total })
          : t("voc.insights.evidenceFromCell.feedback", { count: cited, total })}
        {total > cited ? ` ${t("voc.insights.evidenceCapped", { max: EVIDENCE_MAX })}` : ""}
      </Text>
    );
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={insight ? t("voc.insights.editTitle") : t("voc.insights.raiseTitle")}
      submitLabel={insight ? t("voc.insights.saveEdit") : t("voc.insights.raise")}
      {...formProps}
      pending={formProps.pending || (prefill !== undefined && cell.isPending)}
      onSubmit={submit}
      intro={evidenceNote()}
      size="lg"
    >
      <TextInput label={t("fields.title")} {...textField("title", title, setTitle)} required maxLength={200} data-autofocus />
      <Textarea
        label={t("fields.finding")}
        description={t("voc.insights.findingHint")}
        {...textField("finding", finding, setFinding)}
        autosize
        minRows={3}
        maxRows={10}
      />
      <SimpleGrid cols={2} spacing="sm">
        <FormSelect
          label={t("fields.department")}
          data={departmentOptions(t)}
          value={department}
          onChange={(v) => isOneOf(DEPARTMENTS, v) && setDepartment(v)}
          allowDeselect={false}
          error={errors.fieldErrors.department}
        />
        <DateInput
          label={t("fields.reviewOn")}
          value={reviewOn}
          onChange={(v) => {
            setReviewOn(v);
            errors.clear("reviewOn");
          }}
          valueFormat="YYYY-MM-DD"
          clearable
          error={errors.fieldErrors.reviewOn}
        />
      </SimpleGrid>
      <Textarea
        label={t("fields.requestedChange")}
        {...textField("requestedChange", change, setChange)}
        autosize
        minRows={2}
        maxRows={8}
      />
      {errors.fieldErrors.caseIds || errors.fieldErrors.feedbackIds ? (
        <Text size="sm" c="red" role="alert">
          {errors.fieldErrors.caseIds ?? errors.fieldErrors.feedbackIds}
        </Text>
      ) : null}
    </FormDialog>
  );
}
