/**
 * Add a training record to an agent's history: the course, the day completed, the score
 * (needed when the course has a pass mark) and, for a certificate from outside, who
 * issued it. A record is never edited afterwards: a re-certification is a new one.
 */
import { NumberInput, SimpleGrid, Text, TextInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { CourseId, RosterAgent } from "../ipc/bindings";
import { useAddRecord, useCourses } from "../ipc/queries";

const FIELDS = ["courseId", "completedOn", "score", "issuer", "note"] as const;

export function RecordDialog({ agent, opened, onClose }: { agent: RosterAgent; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const courses = useCourses();
  const [course, setCourse] = useState<CourseId | null>(null);
  const [completedOn, setCompletedOn] = useState<string | null>(today());
  const [score, setScore] = useState<number | null>(null);
  const [issuer, setIssuer] = useState("");
  const [note, setNote] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(useAddRecord(), FIELDS, onClose);
  const passMark = courses.data?.find((c) => c.id === course)?.passMark ?? null;

  const submit = () => {
    if (!errors.requireFilled({ courseId: course ?? "", completedOn: completedOn ?? "" })) return;
    save({ agentId: agent.id, courseId: course ?? "", completedOn: completedOn ?? "", score, issuer, note });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("training.records.newTitle", { name: agent.name })}
      submitLabel={t("training.records.create")}
      {...formProps}
      onSubmit={submit}
      intro={<Text size="sm">{t("training.records.intro")}</Text>}
    >
      <FormSelect
        label={t("fields.courseId")}
        data={(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        value={course}
        onChange={(v) => {
          setCourse(v);
          errors.clear("courseId");
        }}
        searchable
        required
        data-autofocus
        error={errors.fieldErrors.courseId}
      />
      <SimpleGrid cols={2} spacing="sm">
        <DateInput
          label={t("fields.completedOn")}
          value={completedOn}
          onChange={(v) => {
            setCompletedOn(v);
            errors.clear("completedOn");
          }}
          valueFormat="YYYY-MM-DD"
          maxDate={today()}
          minDate={agent.hiredOn ?? undefined}
          required
          error={errors.fieldErrors.completedOn}
        />
        <NumberInput
          label={t("fields.score")}
          description={passMark === null ? t("training.records.scoreOptional") : t("training.records.passMarkIs", { mark: passMark })}
          value={score ?? ""}
          onChange={(v) => {
            setScore(v === "" ? null : Math.round(Number(v)));
            errors.clear("score");
          }}
          min={0}
          max={100}
          allowDecimal={false}
          required={passMark !== null}
          error={errors.fieldErrors.score}
        />
      </SimpleGrid>
      <TextInput label={t("fields.issuer")} description={t("training.records.issuerHint")} {...textField("issuer", issuer, setIssuer)} maxLength={120} />
      <Textarea label={t("fields.note")} {...textField("note", note, setNote)} autosize minRows={2} maxRows={6} maxLength={2000} />
    </FormDialog>
  );
}
