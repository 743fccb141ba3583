/**
 * The incident log, oldest first: free entries, and an entry Rust derives for every tick,
 * skip, note and the close. While the run is open a new entry can be added.
 */
import { Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { formatDateTime } from "../cases/time";
import type { LogEntry, RunView } from "../ipc/bindings";
import { describeError, ipcErrorMessage, ipcErrorOf } from "../ipc/errors";
import { useRecordRun } from "../ipc/queries";

export function entryText(t: TFunction, e: LogEntry): string {
  if (e.kind === "log") return e.text;
  const step = e.stepText ?? t("plans.log.unknownStep");
  return t(`plans.log.${e.kind}`, { step, text: e.text });
}

export function RunLog({ run }: { run: RunView }) {
  const { t, i18n } = useTranslation();
  const record = useRecordRun(run.summary.id);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(t("errors.validation.required"));
    record.mutate(
      { kind: "log", text },
      {
        onSuccess: () => setText(""),
        onError: (e) => {
          const ipc = ipcErrorOf(e);
          setError(ipc?.field === "text" ? ipcErrorMessage(t, ipc) : describeError(t, e));
        },
      },
    );
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="run-log-title">
      <Title order={3} size="h5" id="run-log-title">
        {t("plans.log.title")}
      </Title>
      {run.log.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("plans.log.empty")}
        </Text>
      ) : (
        <Stack component="ol" gap={2} m={0} p={0} style={{ listStyle: "none" }}>
          {run.log.map((e) => (
            <Text component="li" size="sm" key={e.id} style={{ whiteSpace: "pre-wrap" }}>
              <Text span c="dimmed" size="sm">
                {formatDateTime(i18n.language, e.at)}
              </Text>{" "}
              {entryText(t, e)}
            </Text>
          ))}
        </Stack>
      )}
      {run.summary.closedAt ? null : (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="xs">
            <Textarea
              label={t("plans.log.entry")}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              autosize
              minRows={1}
              maxLength={4000}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={record.isPending}>
              {t("plans.log.add")}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
