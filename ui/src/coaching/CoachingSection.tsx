/**
 * The coaching section of an agent's page: every note, the latest first — its kind and
 * day, who coached, what went well and what to improve, the actions agreed (ticked done
 * here, overdue ones said in words) and the follow-up, marked when it is due. Each note
 * can be corrected or deleted (after a confirmation naming its day).
 */
import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMessages, IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { today } from "../dashboard/period";
import type { AgentId, CoachingNote } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useActionDone, useCoaching, useDeleteCoaching } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { CoachingDialog } from "./CoachingDialog";

function DeleteNote({ note, onClose }: { note: CoachingNote; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteCoaching();
  return (
    <ConfirmDialog
      title={t("coaching.deleteTitle")}
      confirmLabel={t("common.delete")}
      confirmColor="red"
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(note.id, {
          onSuccess: () => {
            notifications.show({ message: t("coaching.deleted", { day: note.heldOn }), color: "teal" });
            onClose();
          },
        })
      }
    >
      <Text size="sm">{t("coaching.deleteBody", { day: note.heldOn, kind: t(`coaching.kinds.${note.kind}`) })}</Text>
    </ConfirmDialog>
  );
}

export function CoachingSection({ agent }: { agent: { id: AgentId; name: string; leftOn: string | null } }) {
  const { t } = useTranslation();
  const notes = useCoaching(agent.id);
  const done = useActionDone();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CoachingNote | null>(null);
  const [deleting, setDeleting] = useState<CoachingNote | null>(null);

  return (
    <Stack gap="xs" component="section" aria-labelledby="agent-coaching-title">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="agent-coaching-title">
          {t("coaching.title")}
        </Title>
        {agent.leftOn ? null : (
          <Button size="xs" variant="default" leftSection={<IconMessages size={14} aria-hidden />} onClick={() => setAdding(true)}>
            {t("coaching.new")}
          </Button>
        )}
      </Group>
      {notes.isError ? (
        <Text role="alert">{describeError(t, notes.error)}</Text>
      ) : !notes.data ? null : notes.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("coaching.empty")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {notes.data.map((n) => (
            <Paper component="li" key={n.id} withBorder radius="md" p="sm" aria-label={t("coaching.noteLabel", { day: n.heldOn, kind: t(`coaching.kinds.${n.kind}`) })}>
              <Group gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {n.heldOn} · {t(`coaching.kinds.${n.kind}`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t("coaching.by", { author: n.author })}
                </Text>
                {n.followUpOn ? (
                  n.followUpDue ? (
                    <Badge color="orange" variant="light" size="sm">
                      {t("coaching.followUpDue", { day: n.followUpOn })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("coaching.followUp", { day: n.followUpOn })}
                    </Text>
                  )
                ) : null}
                <Group gap={4} ml="auto">
                  <Tooltip label={t("coaching.edit")}>
                    <ActionIcon size="sm" variant="subtle" aria-label={t("coaching.editOf", { day: n.heldOn })} onClick={() => setEditing(n)}>
                      <IconPencil size={14} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t("common.delete")}>
                    <ActionIcon size="sm" variant="subtle" color="red" aria-label={t("coaching.deleteOf", { day: n.heldOn })} onClick={() => setDeleting(n)}>
                      <IconTrash size={14} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
              {n.strengths ? (
                <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                  <Text span fw={500}>{t("coaching.strengths")}: </Text>
                  {n.strengths}
                </Text>
              ) : null}
              {n.improvements ? (
                <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                  <Text span fw={500}>{t("coaching.improvements")}: </Text>
                  {n.improvements}
                </Text>
              ) : null}
              {n.actions.length > 0 ? (
                <Stack gap={4} mt={6}>
                  {n.actions.map((a) => (
                    <Checkbox
                      key={a.id}
                      size="xs"
                      checked={a.doneOn !== null}
                      disabled={done.isPending && done.variables?.id === a.id}
                      onChange={(e) =>
                        done.mutate(
                          { id: a.id, doneOn: e.currentTarget.checked ? today() : null },
                          { onError: (error) => notifications.show({ color: "red", message: describeError(t, error) }) },
                        )
                      }
                      label={
                        <>
                          {a.text}{" "}
                          <Text span size="xs" c={a.overdue ? "red" : "dimmed"} fw={a.overdue ? 600 : undefined}>
                            {a.doneOn
                              ? t("coaching.doneOn", { day: a.doneOn })
                              : a.overdue
                                ? t("coaching.overdue", { day: a.dueOn })
                                : t("coaching.due", { day: a.dueOn })}
                          </Text>
                        </>
                      }
                    />
                  ))}
                </Stack>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
      {adding ? <CoachingDialog agent={agent} opened onClose={() => setAdding(false)} /> : null}
      {editing ? <CoachingDialog agent={agent} note={editing} opened onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteNote note={deleting} onClose={() => setDeleting(null)} /> : null}
    </Stack>
  );
}
