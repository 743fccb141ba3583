/** Resolving needs the root cause and what was done; both are required. */
import { Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { CaseId } from "../../ipc/bindings";
import { useTransitionCase } from "../../ipc/queries";
import { FormDialog } from "./FormDialog";
import { useDialogMutation } from "./useDialogMutation";

export function ResolveDialog({
  caseId,
  opened,
  onClose,
  onResolved,
}: {
  caseId: CaseId;
  opened: boolean;
  onClose: () => void;
  onResolved: () => void;
}) {
  const { t } = useTranslation();
  const [rootCause, setRootCause] = useState("");
  const [summary, setSummary] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(
    useTransitionCase(caseId),
    ["rootCause", "resolutionSummary"] as const,
    onResolved,
  );

  const submit = () => {
    if (!errors.requireFilled({ rootCause, resolutionSummary: summary })) return;
    save({ to: "resolved", resolution: { rootCause: rootCause.trim(), resolutionSummary: summary.trim() } });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.resolve.title")}
      submitLabel={t("cases.resolve.submit")}
      {...formProps}
      onSubmit={submit}
      intro={
        <Text size="sm" c="dimmed">
          {t("cases.resolve.intro")}
        </Text>
      }
    >
      <Textarea
        label={t("fields.rootCause")}
        {...textField("rootCause", rootCause, setRootCause)}
        required
        autosize
        minRows={2}
        maxRows={6}
        data-autofocus
      />
      <Textarea
        label={t("fields.resolutionSummary")}
        {...textField("resolutionSummary", summary, setSummary)}
        required
        autosize
        minRows={3}
        maxRows={8}
      />
    </FormDialog>
  );
}
