/**
 * What a run records with words: skip a step (with a reason), a note on a step, or close
 * the run (no words, a confirmation).
 */
import { Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { PlanRunId, Step } from "../ipc/bindings";
import { useRecordRun } from "../ipc/queries";

export type RunDialogAction = { kind: "skip"; step: Step } | { kind: "note"; step: Step } | { kind: "close" };

const FIELDS = ["reason", "text", "runId", "step"] as const;

export function ActionDialog({ run, action, onClose }: { run: PlanRunId; action: RunDialogAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(useRecordRun(run), FIELDS, onClose);
  const field = action.kind === "skip" ? "reason" : "text";

  const submit = () => {
    if (action.kind === "close") return save({ kind: "close" });
    if (!errors.requireFilled(action.kind === "skip" ? { reason: text } : { text })) return;
    save(action.kind === "skip" ? { kind: "skip", step: action.step.id, reason: text } : { kind: "note", step: action.step.id, text });
  };

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t(`plans.action.${action.kind}Title`)}
      submitLabel={t(`plans.action.${action.kind}`)}
      intro={action.kind === "close" ? t("plans.action.closeIntro") : action.step.text}
      {...formProps}
      onSubmit={submit}
    >
      {action.kind === "close" ? null : (
        <Textarea
          label={t(`plans.fields.${field}`)}
          {...textField(field, text, setText)}
          required
          autosize
          minRows={2}
          maxLength={action.kind === "skip" ? 2000 : 4000}
          data-autofocus
        />
      )}
    </FormDialog>
  );
}
