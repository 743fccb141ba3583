/**
 * Record a coaching conversation with an agent: one-to-one or feedback, the day, what
 * went well, what to improve, the actions agreed (each with a due day) and when to follow
 * up. Rust checks the days against each other and refuses an empty note. Given a saved
 * `note`, the same form corrects its own fields; its actions are ticked on the page, so
 * they are not edited here.
 */
import { ActionIcon, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { ActionInput, AgentId, CoachingKind, CoachingNote } from "../ipc/bindings";
import { useCreateCoaching, useUpdateCoaching } from "../ipc/queries";

const FIELDS = ["heldOn", "strengths", "improvements", "followUpOn", "author", "actions", "dueOn"] as const;
const KINDS: CoachingKind[] = ["one_to_one", "feedback"];

export function CoachingDialog({
  agent,
  note,
  opened,
  onClose,
}: {
  agent: { id: AgentId; name: string };
  /** The note to correct; none for a new one. */
  note?: CoachingNote;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CoachingKind>(note?.kind ?? "one_to_one");
  const [heldOn, setHeldOn] = useState<string | null>(note?.heldOn ?? today());
  const [strengths, setStrengths] = useState(note?.strengths ?? "");
  const [improvements, setImprovements] = useState(note?.improvements ?? "");
  const [followUpOn, setFollowUpOn] = useState<string | null>(note?.followUpOn ?? null);
  const [author, setAuthor] = useState(note?.author ?? "");
  const [actions, setActions] = useState<ActionInput[]>([]);
  const create = useDialogMutation(useCreateCoaching(), FIELDS, onClose);
  const update = useDialogMutation(useUpdateCoaching(), FIELDS, onClose);
  const { errors, textField, formProps } = note ? update : create;
  const changeAction = (i: number, patch: Partial<ActionInput>) => {
    setActions((as) => as.map((a, j) => (j === i ? { ...a, ...patch } : a)));
    errors.clear("actions");
    errors.clear("dueOn");
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t(note ? "coaching.dialog.editTitle" : "coaching.dialog.title", { name: agent.name })}
      submitLabel={t("coaching.dialog.save")}
      {...formProps}
      onSubmit={() => {
        if (!errors.requireFilled({ heldOn: heldOn ?? "", author })) return;
        const fields = { heldOn: heldOn ?? "", kind, strengths, improvements, followUpOn, author };
        if (note) update.save({ id: note.id, edit: fields });
        else create.save({ agentId: agent.id, ...fields, actions });
      }}
    >
      <SegmentedControl
        aria-label={t("coaching.kind")}
        data={KINDS.map((k) => ({ value: k, label: t(`coaching.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => setKind(v as CoachingKind)}
      />
      <SimpleGrid cols={2} spacing="sm">
        <DateInput
          label={t("coaching.heldOn")}
          value={heldOn}
          onChange={(v) => {
            setHeldOn(v);
            errors.clear("heldOn");
          }}
          valueFormat="YYYY-MM-DD"
          maxDate={today()}
          required
          data-autofocus
          error={errors.fieldErrors.heldOn}
        />
        <TextInput label={t("coaching.author")} {...textField("author", author, setAuthor)} required maxLength={120} />
      </SimpleGrid>
      <Textarea label={t("coaching.strengths")} {...textField("strengths", strengths, setStrengths)} autosize minRows={2} maxRows={6} maxLength={4000} />
      <Textarea label={t("coaching.improvements")} {...textField("improvements", improvements, setImprovements)} autosize minRows={2} maxRows={6} maxLength={4000} />
      {note ? null : (
        <Stack gap="xs" role="group" aria-label={t("coaching.actions")}>
          <Text size="sm" fw={500}>
            {t("coaching.actions")}
          </Text>
          {actions.map((a, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t("coaching.action", { n: i + 1 })}
                value={a.text}
                onChange={(e) => changeAction(i, { text: e.currentTarget.value })}
                maxLength={300}
                required
                error={i === 0 ? errors.fieldErrors.actions : undefined}
              />
              <DateInput
                w={150}
                label={t("coaching.dueOn")}
                value={a.dueOn || null}
                onChange={(v) => changeAction(i, { dueOn: v ?? "" })}
                valueFormat="YYYY-MM-DD"
                required
                error={i === 0 ? errors.fieldErrors.dueOn : undefined}
              />
              <ActionIcon mb={4} variant="subtle" color="red" aria-label={t("coaching.removeAction", { n: i + 1 })} onClick={() => setActions((as) => as.filter((_, j) => j !== i))}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setActions((as) => [...as, { text: "", dueOn: "" }])}>
              {t("coaching.addAction")}
            </Button>
          </Group>
        </Stack>
      )}
      <DateInput
        label={t("coaching.followUpOn")}
        description={t("coaching.followUpHint")}
        value={followUpOn}
        onChange={(v) => {
          setFollowUpOn(v);
          errors.clear("followUpOn");
        }}
        valueFormat="YYYY-MM-DD"
        clearable
        error={errors.fieldErrors.followUpOn}
      />
    </FormDialog>
  );
}
