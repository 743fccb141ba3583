/** Mark an agent as left on a day (today unless changed). They keep their cases and history. */
import { Text } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { RosterAgent } from "../ipc/bindings";
import { useSetLeft } from "../ipc/queries";

const FIELDS = ["leftOn"] as const;

export function LeftDialog({ agent, opened, onClose }: { agent: RosterAgent; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [leftOn, setLeftOn] = useState<string | null>(today());
  const { errors, save, formProps } = useDialogMutation(useSetLeft(), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ leftOn: leftOn ?? "" })) return;
    save({ id: agent.id, leftOn });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("training.people.leftTitle", { name: agent.name })}
      submitLabel={t("training.people.markLeft")}
      {...formProps}
      onSubmit={submit}
      intro={<Text size="sm">{t("training.people.leftIntro")}</Text>}
    >
      <DateInput
        label={t("fields.leftOn")}
        value={leftOn}
        onChange={(v) => {
          setLeftOn(v);
          errors.clear("leftOn");
        }}
        valueFormat="YYYY-MM-DD"
        required
        data-autofocus
        error={errors.fieldErrors.leftOn}
      />
    </FormDialog>
  );
}
