/**
 * The action items of a closed run's after-action review: what is to be done, by whom and
 * by when, each ticked when done (Rust records the day); open items past their day are
 * marked overdue. New items are added with the form below the list.
 */
import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { useFormErrors } from "../cases/dialogs/FormDialog";
import type { ActionItem, PlanRunId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRemoveActionItem, useSaveActionItem, useSetActionItemDone } from "../ipc/queries";
import { formatDay } from "../settings/CalendarDay";
import { ActionItemDialog } from "./ActionItemDialog";

const FIELDS = ["text", "owner", "dueOn", "actionItems"] as const;

/** One item's line: done tick, text, owner, due day, overdue mark; edit and remove on the run page. */
export function ActionItemLine({ item, onRemove }: { item: ActionItem; onRemove?: () => void }) {
  const { t, i18n } = useTranslation();
  const setDone = useSetActionItemDone();
  const [editing, setEditing] = useState(false);
  const due = formatDay(i18n.language, item.dueOn, "medium");
  return (
    <Stack component="li" gap={2}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Checkbox
          checked={item.doneOn !== null}
          onChange={(e) => setDone.mutate({ id: item.id, done: e.currentTarget.checked })}
          label={item.text}
          aria-describedby={`action-item-${item.id}-meta`}
          styles={{ label: { textDecoration: item.doneOn ? "line-through" : undefined } }}
        />
        {onRemove ? (
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" aria-label={t("plans.review.editItem", { text: item.text })} onClick={() => setEditing(true)}>
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={t("plans.review.removeItem", { text: item.text })} onClick={onRemove}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ) : null}
      </Group>
      <Group gap="xs" pl="xl" id={`action-item-${item.id}-meta`}>
        <Text size="xs" c="dimmed">
          {t("plans.review.itemMeta", { owner: item.owner, due })}
        </Text>
        {item.doneOn ? (
          <Text size="xs" c="dimmed">
            {t("plans.review.doneOn", { day: formatDay(i18n.language, item.doneOn, "medium") })}
          </Text>
        ) : null}
        {item.overdue ? (
          <Badge size="xs" color="red" variant="outline">
            {t("plans.review.overdue")}
          </Badge>
        ) : null}
      </Group>
      {setDone.error ? (
        <Text size="xs" c="red" role="alert">
          {describeError(t, setDone.error)}
        </Text>
      ) : null}
      {editing ? <ActionItemDialog item={item} onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}

export function RunActionItems({ run, items }: { run: PlanRunId; items: ActionItem[] }) {
  const { t } = useTranslation();
  const add = useSaveActionItem(run, null);
  const remove = useRemoveActionItem();
  const errors = useFormErrors(FIELDS);
  const [text, setText] = useState("");
  const [owner, setOwner] = useState("");
  const [dueOn, setDueOn] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.requireFilled({ text, owner, dueOn: dueOn ?? "" })) return;
    add.mutate(
      { text, owner, dueOn: dueOn ?? "" },
      {
        onSuccess: () => {
          setText("");
          setOwner("");
          setDueOn(null);
        },
        onError: errors.fail,
      },
    );
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-action-items-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="run-action-items-title">
          {t("plans.review.itemsTitle")}
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.review.noItems")}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
            {items.map((item) => (
              <ActionItemLine key={item.id} item={item} onRemove={() => remove.mutate(item.id)} />
            ))}
          </Stack>
        )}
        {remove.error ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, remove.error)}
          </Text>
        ) : null}
        <form onSubmit={submit} noValidate aria-label={t("plans.review.addItem")}>
          <Group align="flex-start" gap="xs">
            <TextInput
              label={t("plans.review.itemText")}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                errors.clear("text");
              }}
              error={errors.fieldErrors.text ?? errors.fieldErrors.actionItems}
              maxLength={300}
              required
              style={{ flex: 2, minWidth: 200 }}
            />
            <TextInput
              label={t("plans.review.owner")}
              value={owner}
              onChange={(e) => {
                setOwner(e.currentTarget.value);
                errors.clear("owner");
              }}
              error={errors.fieldErrors.owner}
              maxLength={120}
              required
              style={{ flex: 1, minWidth: 140 }}
            />
            <DateInput
              label={t("fields.dueOn")}
              value={dueOn}
              onChange={(v) => {
                setDueOn(v);
                errors.clear("dueOn");
              }}
              valueFormat="YYYY-MM-DD"
              required
              error={errors.fieldErrors.dueOn}
              w={160}
            />
            <Button type="submit" mt={25} loading={add.isPending}>
              {t("plans.review.addItem")}
            </Button>
          </Group>
          {errors.formError ? (
            <Text size="sm" c="red" role="alert">
              {errors.formError}
            </Text>
          ) : null}
        </form>
      </Stack>
    </Paper>
  );
}
