/**
 * Bulk actions on the selected cases: Assign, Close or Add tag. Each goes through one
 * confirmation dialog (which also asks what the action needs), then a notification
 * says how many changed and how many were skipped, with an Undo button.
 */
import { Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowBackUp, IconCheck, IconTag, IconUserPlus, IconX } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { LIMITS, type BulkAction, type BulkOutcome, type CaseId } from "../ipc/bindings";
import { describeError, placeError } from "../ipc/errors";
import { pickableAgents, undoBulk, useAgents, useBulkCases, useCaseTags } from "../ipc/queries";
import classes from "./BulkActions.module.css";

type Kind = "assign" | "close" | "add_tag";
const NOBODY = "__nobody__";

function outcomeMessage(t: TFunction, outcome: BulkOutcome): string {
  const done = t("cases.bulk.done", { count: outcome.changed.length });
  return outcome.skipped.length > 0
    ? `${done}. ${t("cases.bulk.skipped", { count: outcome.skipped.length })}`
    : done;
}

function ConfirmDialog({
  kind,
  ids,
  onClose,
  onDone,
}: {
  kind: Kind;
  ids: CaseId[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const bulk = useBulkCases();
  const agents = useAgents();
  const tags = useCaseTags();
  const [agent, setAgent] = useState<string | null>(null);
  const [tag, setTag] = useState("");
  // Unique: the kept Cases list (KeptPage) and a customer's page can both hold this bar.
  const tagSuggestions = useId();
  const [rootCause, setRootCause] = useState("");
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const count = ids.length;
  // Rust changes at most this many cases in one action (and takes as many back).
  const tooMany = count > LIMITS.bulkMax;

  const title =
    kind === "assign"
      ? t("cases.bulk.assignTitle", { count })
      : kind === "close"
        ? t("cases.bulk.closeTitle", { count })
        : t("cases.bulk.addTagTitle", { count });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (tooMany) return;
    let action: BulkAction;
    if (kind === "assign") {
      if (!agent) {
        setError({ field: "assignee", message: t("errors.validation.required") });
        return;
      }
      action = { action: "assign", assignee: agent === NOBODY ? null : agent };
    } else if (kind === "add_tag") {
      if (!tag.trim()) {
        setError({ field: "tags", message: t("errors.validation.required") });
        return;
      }
      action = { action: "add_tag", tag: tag.trim() };
    } else {
      const withResolution = rootCause.trim() !== "" || summary.trim() !== "";
      action = {
        action: "close",
        resolution: withResolution
          ? { rootCause: rootCause.trim(), resolutionSummary: summary.trim() }
          : null,
      };
    }
    bulk.mutate(
      { ids, action },
      {
        onSuccess: (outcome) => {
          onDone();
          const id = notifications.show({
            color: outcome.changed.length > 0 ? "teal" : "yellow",
            icon: <IconCheck size={16} aria-hidden />,
            autoClose: 15_000,
            message: (
              <Group gap="sm" wrap="nowrap" justify="space-between">
                <Text size="sm">{outcomeMessage(t, outcome)}</Text>
                {outcome.changed.length > 0 && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconArrowBackUp size={14} aria-hidden />}
                    onClick={() => {
                      notifications.hide(id);
                      undoBulk(client, outcome.changed).then(
                        () => notifications.show({ message: t("cases.bulk.undone"), color: "teal" }),
                        (e: unknown) =>
                          notifications.show({
                            title: t("cases.bulk.undoFailed"),
                            message: describeError(t, e),
                            color: "red",
                          }),
                      );
                    }}
                  >
                    {t("cases.bulk.undo")}
                  </Button>
                )}
              </Group>
            ),
          });
        },
        onError: (e) => setError(placeError(t, e, ["rootCause", "resolutionSummary", "tags"] as const)),
      },
    );
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {kind === "assign" && (
            <Select
              label={t("cases.bulk.assignTo")}
              data={[
                { value: NOBODY, label: t("cases.bulk.nobody") },
                // Agents who have left are given no new cases.
                ...pickableAgents(agents.data).map((a) => ({
                  value: a.id,
                  label: a.teamName ? `${a.name} (${a.teamName})` : a.name,
                })),
              ]}
              value={agent}
              onChange={(v) => {
                setAgent(v);
                setError(null);
              }}
              searchable
              data-autofocus
              error={fieldError("assignee")}
            />
          )}
          {kind === "add_tag" && (
            <TextInput
              label={t("cases.bulk.tag")}
              value={tag}
              onChange={(e) => {
                setTag(e.currentTarget.value);
                setError(null);
              }}
              list={tagSuggestions}
              data-autofocus
              error={fieldError("tags")}
              maxLength={40}
            />
          )}
          {kind === "add_tag" && (
            <datalist id={tagSuggestions}>
              {(tags.data ?? []).map((tg) => (
                <option key={tg} value={tg} />
              ))}
            </datalist>
          )}
          {kind === "close" && (
            <>
              <Text size="sm" c="dimmed">
                {t("cases.bulk.closeExplain")}
              </Text>
              <Textarea
                label={t("fields.rootCause")}
                value={rootCause}
                onChange={(e) => setRootCause(e.currentTarget.value)}
                autosize
                minRows={2}
                error={fieldError("rootCause")}
              />
              <Textarea
                label={t("fields.resolutionSummary")}
                value={summary}
                onChange={(e) => setSummary(e.currentTarget.value)}
                autosize
                minRows={2}
                error={fieldError("resolutionSummary")}
              />
            </>
          )}
          {tooMany && (
            <Text size="sm" c="red" role="alert">
              {t("cases.bulk.tooMany", { limit: LIMITS.bulkMax })}
            </Text>
          )}
          {error && error.field === null && (
            <Text size="sm" c="red" role="alert">
              {error.message}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={bulk.isPending}
              disabled={tooMany}
              data-autofocus={kind === "close" || undefined}
            >
              {t("cases.bulk.apply", { count })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function BulkActions({ ids, onClear }: { ids: CaseId[]; onClear: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind | null>(null);

  return (
    <>
      {ids.length > 0 && (
        <Paper className={classes.bar} shadow="md" radius="md" withBorder role="toolbar" aria-label={t("cases.bulk.toolbar")}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} px="xs" role="status">
              {t("cases.bulk.selected", { count: ids.length })}
            </Text>
            <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} aria-hidden />} onClick={() => setKind("assign")}>
              {t("cases.bulk.assign")}
            </Button>
            <Button size="xs" variant="light" leftSection={<IconCheck size={14} aria-hidden />} onClick={() => setKind("close")}>
              {t("cases.bulk.close")}
            </Button>
            <Button size="xs" variant="light" leftSection={<IconTag size={14} aria-hidden />} onClick={() => setKind("add_tag")}>
              {t("cases.bulk.addTag")}
            </Button>
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
              {t("cases.bulk.clear")}
            </Button>
          </Group>
        </Paper>
      )}
      {kind && (
        <ConfirmDialog
          kind={kind}
          ids={ids}
          onClose={() => setKind(null)}
          onDone={() => {
            setKind(null);
            onClear();
          }}
        />
      )}
    </>
  );
}
