/**
 * Schedule a session, or edit one: the course, the day, the trainer, the place and how
 * many places it has. A session's results are records of its course, so once any is
 * saved Rust refuses another course.
 */
import { NumberInput, SimpleGrid, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { CourseId, Session, SessionId } from "../ipc/bindings";
import { useCourses, useSaveSession } from "../ipc/queries";

const FIELDS = ["courseId", "heldOn", "trainer", "place", "capacity"] as const;

export function SessionDialog({
  session,
  course: initialCourse = null,
  opened,
  onClose,
  onCreated,
}: {
  session?: Session;
  course?: CourseId | null;
  opened: boolean;
  onClose: () => void;
  onCreated?: (id: SessionId) => void;
}) {
  const { t } = useTranslation();
  const courses = useCourses();
  const [course, setCourse] = useState<CourseId | null>(session?.courseId ?? initialCourse);
  const [heldOn, setHeldOn] = useState<string | null>(session?.heldOn ?? today());
  const [trainer, setTrainer] = useState(session?.trainer ?? "");
  const [place, setPlace] = useState(session?.place ?? "");
  const [capacity, setCapacity] = useState<number | null>(session?.capacity ?? 12);
  const done = (id: SessionId | null) => {
    onClose();
    if (id && onCreated) onCreated(id);
  };
  const { errors, save, textField, formProps } = useDialogMutation(useSaveSession(session?.id ?? null), FIELDS, done);

  const submit = () => {
    if (!errors.requireFilled({ courseId: course ?? "", heldOn: heldOn ?? "", trainer, capacity: capacity === null ? "" : String(capacity) })) return;
    save({ courseId: course ?? "", heldOn: heldOn ?? "", trainer, place, capacity: capacity ?? 0 });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={session ? t("training.sessions.editTitle") : t("training.sessions.newTitle")}
      submitLabel={session ? t("common.save") : t("training.sessions.create")}
      {...formProps}
      onSubmit={submit}
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
          label={t("fields.heldOn")}
          value={heldOn}
          onChange={(v) => {
            setHeldOn(v);
            errors.clear("heldOn");
          }}
          valueFormat="YYYY-MM-DD"
          required
          error={errors.fieldErrors.heldOn}
        />
        <NumberInput
          label={t("fields.capacity")}
          value={capacity ?? ""}
          onChange={(v) => {
            setCapacity(v === "" ? null : Math.round(Number(v)));
            errors.clear("capacity");
          }}
          min={1}
          max={500}
          allowDecimal={false}
          required
          error={errors.fieldErrors.capacity}
        />
      </SimpleGrid>
      <TextInput label={t("fields.trainer")} {...textField("trainer", trainer, setTrainer)} required maxLength={120} />
      <TextInput label={t("fields.place")} {...textField("place", place, setPlace)} maxLength={120} />
    </FormDialog>
  );
}
