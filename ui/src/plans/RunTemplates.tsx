/**
 * Communications during a run: pick a template of the run's version, type the expected
 * recovery, and Rust fills it with the run's values (incident name, start time in this
 * computer's time zone, commander). The result is copied to the clipboard or opened in
 * the mail client as a `mailto:` link (subject and body encoded).
 */
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconClipboardCopy, IconMail } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { CommsTemplateId, FilledTemplate, PlanRunId, Template } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useFillTemplate } from "../ipc/queries";
import { mailtoHref } from "./comms";

/** This computer's IANA time zone: the start time is said in the reader's own. */
const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function RunTemplates({ run, templates }: { run: PlanRunId; templates: Template[] }) {
  const { t } = useTranslation();
  const fill = useFillTemplate(run);
  const [choice, setChoice] = useState<CommsTemplateId | null>(null);
  const [recovery, setRecovery] = useState("");
  const [filled, setFilled] = useState<FilledTemplate | null>(null);

  const submit = () => {
    if (!choice) return;
    fill.mutate(
      { template: choice, input: { expectedRecovery: recovery, timeZone: localTimeZone() } },
      { onSuccess: setFilled },
    );
  };

  const copy = async () => {
    if (!filled) return;
    try {
      await navigator.clipboard.writeText(`${filled.title}\n\n${filled.body}`);
      notifications.show({ message: t("plans.template.copied") });
    } catch {
      notifications.show({ color: "red", message: t("plans.template.copyFailed") });
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-templates-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="run-templates-title">
          {t("plans.template.runTitle")}
        </Title>
        {templates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.template.noneInVersion")}
          </Text>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Group align="flex-end" gap="sm">
              <Select
                label={t("plans.template.pick")}
                data={templates.map((tpl) => ({ value: tpl.id, label: `${t(`plans.templateKind.${tpl.kind}`)} · ${tpl.title}` }))}
                value={choice}
                onChange={(v) => {
                  setChoice(v);
                  setFilled(null);
                }}
                allowDeselect={false}
                style={{ flex: 2 }}
              />
              <TextInput
                label={t("plans.fields.expectedRecovery")}
                description={t("plans.template.recoveryHint")}
                value={recovery}
                onChange={(e) => setRecovery(e.currentTarget.value)}
                maxLength={120}
                style={{ flex: 1 }}
              />
              <Button type="submit" disabled={!choice} loading={fill.isPending}>
                {t("plans.template.fill")}
              </Button>
            </Group>
          </form>
        )}
        {fill.isError ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, fill.error)}
          </Text>
        ) : null}
        {filled ? (
          <Stack gap="xs">
            {filled.missing.length > 0 ? (
              <Alert color="yellow" role="status">
                {t("plans.template.missing", {
                  count: filled.missing.length,
                  names: filled.missing.map((n) => `{${n}}`).join(", "),
                })}
              </Alert>
            ) : null}
            <TextInput label={t("plans.template.subject")} value={filled.title} readOnly />
            <Textarea label={t("plans.template.message")} value={filled.body} readOnly autosize minRows={4} />
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconClipboardCopy size={14} aria-hidden />} onClick={() => void copy()}>
                {t("plans.template.copy")}
              </Button>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={mailtoHref(filled.title, filled.body)}
                leftSection={<IconMail size={14} aria-hidden />}
              >
                {t("plans.template.openMail")}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
