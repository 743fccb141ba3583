/** Resolving needs the root cause and what was done; both are required. */
import { Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { CaseId } from "../../ipc/bindings";
import { useTransitionCase } from "../../ipc/queries";
import { FormDialog, useFormErrors } from "./FormDialog";

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
  const transition = useTransitionCase(caseId);
  const [rootCause, setRootCause] = useState("");
  const [summary, setSummary] = useState("");
  const errors = useFormErrors(["rootCause", "resolutionSummary"] as const);

  const submit = () => {
    if (!errors.requireFilled({ rootCause, resolutionSummary: summary })) return;
    transition.mutate(
      { to: "resolved", resolution: { rootCause: rootCause.trim(), resolutionSummary: summary.trim() } },
      {
        onSuccess: () => {
          setRootCause("");
          setSummary("");
          onResolved();
        },
        onError: errors.fail,
      },
    );
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.resolve.title")}
      submitLabel={t("cases.resolve.submit")}
      pending={transition.isPending}
      formError={errors.formError}
      onSubmit={submit}
      intro={
        <Text size="sm" c="dimmed">
          {t("cases.resolve.intro")}
        </Text>
      }
    >
      <Textarea
        label={t("fields.rootCause")}
        value={rootCause}
        onChange={(e) => {
          setRootCause(e.currentTarget.value);
          errors.clear("rootCause");
        }}
        error={errors.fieldErrors.rootCause}
        required
        autosize
        minRows={2}
        maxRows={6}
        data-autofocus
      />
      <Textarea
        label={t("fields.resolutionSummary")}
        value={summary}
        onChange={(e) => {
          setSummary(e.currentTarget.value);
          errors.clear("resolutionSummary");
        }}
        error={errors.fieldErrors.resolutionSummary}
        required
        autosize
        minRows={3}
        maxRows={8}
      />
    </FormDialog>
  );
}
