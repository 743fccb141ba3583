/**
 * Add a course, or edit one: title, topic, mode, duration (in minutes or hours), how many
 * months a completion counts (empty: for good) and the pass mark (empty: completing it
 * is passing it).
 */
import { NumberInput, SimpleGrid, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { Course, Mode, Topic } from "../ipc/bindings";
import { useSaveCourse } from "../ipc/queries";
import { MODES, TOPICS, modeOptions, topicOptions } from "./model";

const FIELDS = ["title", "topic", "mode", "durationMinutes", "validityMonths", "passMark"] as const;
const UNITS = ["minutes", "hours"] as const;
type Unit = (typeof UNITS)[number];

/** A NumberInput's value as a whole number, or null when empty. */
const whole = (v: string | number): number | null => (v === "" ? null : Math.round(Number(v)));

export function CourseDialog({ course, opened, onClose }: { course?: Course; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const inHours = course ? course.durationMinutes % 60 === 0 : true;
  const [title, setTitle] = useState(course?.title ?? "");
  const [topic, setTopic] = useState<Topic>(course?.topic ?? "product_knowledge");
  const [mode, setMode] = useState<Mode>(course?.mode ?? "classroom");
  const [unit, setUnit] = useState<Unit>(inHours ? "hours" : "minutes");
  const [duration, setDuration] = useState<number | null>(course ? course.durationMinutes / (inHours ? 60 : 1) : 1);
  const [validity, setValidity] = useState<number | null>(course?.validityMonths ?? null);
  const [passMark, setPassMark] = useState<number | null>(course?.passMark ?? null);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveCourse(course?.id ?? null), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ title, durationMinutes: duration === null ? "" : String(duration) })) return;
    save({
      title,
      topic,
      mode,
      durationMinutes: (duration ?? 0) * (unit === "hours" ? 60 : 1),
      validityMonths: validity,
      passMark,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={course ? t("training.courses.editTitle") : t("training.courses.newTitle")}
      submitLabel={course ? t("common.save") : t("training.courses.create")}
      {...formProps}
      onSubmit={submit}
    >
      <TextInput label={t("fields.courseTitle")} {...textField("title", title, setTitle)} required maxLength={120} data-autofocus />
      <SimpleGrid cols={2} spacing="sm">
        <FormSelect label={t("fields.topic")} data={topicOptions(t)} value={topic} onChange={(v) => isOneOf(TOPICS, v) && setTopic(v)} allowDeselect={false} />
        <FormSelect label={t("fields.mode")} data={modeOptions(t)} value={mode} onChange={(v) => isOneOf(MODES, v) && setMode(v)} allowDeselect={false} />
        <NumberInput
          label={t("fields.durationMinutes")}
          value={duration ?? ""}
          onChange={(v) => {
            setDuration(whole(v));
            errors.clear("durationMinutes");
          }}
          min={1}
          allowDecimal={false}
          required
          error={errors.fieldErrors.durationMinutes}
        />
        <FormSelect
          label={t("training.courses.unit")}
          data={UNITS.map((u) => ({ value: u, label: t(`training.courses.units.${u}`) }))}
          value={unit}
          onChange={(v) => isOneOf(UNITS, v) && setUnit(v)}
          allowDeselect={false}
        />
        <NumberInput
          label={t("fields.validityMonths")}
          description={t("training.courses.validityHint")}
          value={validity ?? ""}
          onChange={(v) => {
            setValidity(whole(v));
            errors.clear("validityMonths");
          }}
          min={1}
          max={120}
          allowDecimal={false}
          error={errors.fieldErrors.validityMonths}
        />
        <NumberInput
          label={t("fields.passMark")}
          description={t("training.courses.passMarkHint")}
          value={passMark ?? ""}
          onChange={(v) => {
            setPassMark(whole(v));
            errors.clear("passMark");
          }}
          min={0}
          max={100}
          allowDecimal={false}
          error={errors.fieldErrors.passMark}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
