/** Escalate to a department (level 1–3, with a reason), or withdraw the escalation. */
import { Input, SegmentedControl, TextInput, Textarea } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Case } from "../../ipc/bindings";
import { useDeEscalateCase, useEscalateCase } from "../../ipc/queries";
import { FormDialog } from "./FormDialog";
import { useDialogMutation } from "./useDialogMutation";

export function EscalateDialog({ kase, opened, onClose }: { kase: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState(kase.escalation?.department ?? "");
  const [level, setLevel] = useState(String(kase.escalation?.level ?? 1));
  const [reason, setReason] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(
    useEscalateCase(kase.id),
    ["department", "level", "reason"] as const,
    onClose,
  );
  const levelLabel = useId();

  const submit = () => {
    if (!errors.requireFilled({ department, reason })) return;
    save({ department: department.trim(), level: Number(level), reason: reason.trim() });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.escalate.title")}
      submitLabel={t("cases.escalate.submit")}
      {...formProps}
      onSubmit={submit}
    >
      <TextInput
        label={t("fields.department")}
        placeholder={t("cases.escalate.departmentPlaceholder")}
        {...textField("department", department, setDepartment)}
        required
        maxLength={80}
        data-autofocus
      />
      <Input.Wrapper label={t("fields.level")} labelProps={{ id: levelLabel, component: "div" }} error={errors.fieldErrors.level}>
        <SegmentedControl
          aria-labelledby={levelLabel}
          value={level}
          onChange={(v) => {
            setLevel(v);
            errors.clear("level");
          }}
          data={[
            { value: "1", label: t("cases.escalate.level1") },
            { value: "2", label: t("cases.escalate.level2") },
            { value: "3", label: t("cases.escalate.level3") },
          ]}
          fullWidth
          mt={4}
        />
      </Input.Wrapper>
      <Textarea
        label={t("fields.reason")}
        {...textField("reason", reason, setReason)}
        required
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}

export function DeEscalateDialog({ kase, opened, onClose }: { kase: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(
    useDeEscalateCase(kase.id),
    ["reason"] as const,
    onClose,
  );

  const submit = () => {
    if (!errors.requireFilled({ reason })) return;
    save(reason.trim());
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.escalate.withdrawTitle")}
      submitLabel={t("cases.escalate.withdraw")}
      {...formProps}
      onSubmit={submit}
    >
      <Textarea
        label={t("fields.reason")}
        {...textField("reason", reason, setReason)}
        required
        autosize
        minRows={2}
        data-autofocus
      />
    </FormDialog>
  );
}
