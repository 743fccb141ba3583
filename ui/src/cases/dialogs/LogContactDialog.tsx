/** Log a contact with the customer: channel, direction, summary and handle time. */
import { NumberInput, SimpleGrid, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { CaseChannel, CaseId, Direction } from "../../ipc/bindings";
import { useLogCaseContact } from "../../ipc/queries";
import { CHANNELS, channelOptions, isOneOf } from "../model";
import { FormDialog } from "./FormDialog";
import { FormSelect } from "./FormSelect";
import { useDialogMutation } from "./useDialogMutation";

const DIRECTIONS: readonly Direction[] = ["inbound", "outbound"];
/** The longest single contact Rust accepts (24 h). */
const MAX_MINUTES = 24 * 60;

export function LogContactDialog({
  caseId,
  defaultChannel,
  opened,
  onClose,
}: {
  caseId: CaseId;
  defaultChannel: CaseChannel;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<CaseChannel>(defaultChannel);
  const [direction, setDirection] = useState<Direction>("outbound");
  const [summary, setSummary] = useState("");
  const [minutes, setMinutes] = useState<number | string>(5);
  const { errors, save, textField, formProps } = useDialogMutation(
    useLogCaseContact(caseId),
    ["channel", "direction", "summary", "handleSeconds"] as const,
    onClose,
  );

  const submit = () => {
    const m = typeof minutes === "number" ? minutes : Number(minutes);
    if (!Number.isFinite(m) || m < 0 || m > MAX_MINUTES) {
      errors.set("handleSeconds", t("errors.validation.invalid_value"));
      return;
    }
    save({ channel, direction, summary: summary.trim(), handleSeconds: Math.round(m * 60) });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.contact.title")}
      submitLabel={t("cases.contact.submit")}
      {...formProps}
      onSubmit={submit}
      size="lg"
    >
      <SimpleGrid cols={3} spacing="sm">
        <FormSelect
          label={t("fields.channel")}
          data={channelOptions(t)}
          value={channel}
          onChange={(v) => isOneOf(CHANNELS, v) && setChannel(v)}
          allowDeselect={false}
          error={errors.fieldErrors.channel}
          data-autofocus
        />
        <FormSelect
          label={t("fields.direction")}
          data={DIRECTIONS.map((d) => ({ value: d, label: t(`cases.direction.${d}`) }))}
          value={direction}
          onChange={(v) => isOneOf(DIRECTIONS, v) && setDirection(v)}
          allowDeselect={false}
          error={errors.fieldErrors.direction}
        />
        <NumberInput
          label={t("cases.contact.minutes")}
          value={minutes}
          onChange={(v) => {
            setMinutes(v);
            errors.clear("handleSeconds");
          }}
          min={0}
          max={MAX_MINUTES}
          step={1}
          allowNegative={false}
          error={errors.fieldErrors.handleSeconds}
        />
      </SimpleGrid>
      <Textarea
        label={t("fields.summary")}
        {...textField("summary", summary, setSummary)}
        autosize
        minRows={3}
      />
    </FormDialog>
  );
}
