/**
 * Exempt an agent from a course, with the reason (a certificate held elsewhere, a role
 * that never meets the case). An exempt course counts as exempt in the compliance matrix
 * until the exemption is ended.
 */
import { Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { CourseId, RosterAgent } from "../ipc/bindings";
import { useCourses, useSetExemption } from "../ipc/queries";

const FIELDS = ["courseId", "reason"] as const;

export function ExemptionDialog({ agent, opened, onClose }: { agent: RosterAgent; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const courses = useCourses();
  const [course, setCourse] = useState<CourseId | null>(null);
  const [reason, setReason] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(useSetExemption(), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ courseId: course ?? "", reason })) return;
    save({ agentId: agent.id, courseId: course ?? "", reason });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("training.exemptions.newTitle", { name: agent.name })}
      submitLabel={t("training.exemptions.create")}
      {...formProps}
      onSubmit={submit}
      intro={<Text size="sm">{t("training.exemptions.intro")}</Text>}
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
      <TextInput label={t("fields.reason")} {...textField("reason", reason, setReason)} maxLength={200} required />
    </FormDialog>
  );
}
