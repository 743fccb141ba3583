/** Start a run of a plan's published version: a drill, a tabletop or a real incident. */
import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import type { PlanId, PlanRunId, RunKind } from "../ipc/bindings";
import { useStartRun } from "../ipc/queries";
import { RUN_KINDS, runKindOptions } from "./model";

const FIELDS = ["commander", "planId"] as const;

export function RunDialog({
  plan,
  opened,
  onClose,
  onStarted,
}: {
  plan: PlanId;
  opened: boolean;
  onClose: () => void;
  onStarted: (run: PlanRunId) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RunKind>("drill");
  const [commander, setCommander] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(useStartRun(), FIELDS, onStarted);

  const submit = () => {
    if (!errors.requireFilled({ commander })) return;
    save({ planId: plan, kind, commander });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("plans.run.startTitle")}
      submitLabel={t("plans.run.start")}
      intro={t("plans.run.startIntro")}
      {...formProps}
      onSubmit={submit}
    >
      <FormSelect label={t("plans.fields.kind")} data={runKindOptions(t)} value={kind} onChange={(v) => isOneOf(RUN_KINDS, v) && setKind(v)} allowDeselect={false} />
      <TextInput label={t("plans.fields.commander")} {...textField("commander", commander, setCommander)} required maxLength={120} data-autofocus />
    </FormDialog>
  );
}
