/**
 * What the Cases page and the Dashboard show on an empty database: how to start (`body`,
 * the Cases page's by default) and "Load demo data"
 * (1,000 / 10,000 / 100,000 cases, in English or Chinese) with a progress bar and Cancel.
 * Rust refuses demo data once the database has cases (`not_empty`, e.g. a case logged in
 * the meantime); the message then says why.
 */
import { Button, Group, Paper, Progress, SegmentedControl, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDatabasePlus, IconInbox } from "@tabler/icons-react";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { LIMITS, type Language } from "../ipc/bindings";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { cancelDemo, useDemoGenerate } from "../ipc/queries";

/** The sizes offered; the largest is the most Rust generates in one run. */
export const SIZES = [1_000, 10_000, LIMITS.demoCasesMax] as const;

export function EmptyState({ body, actions }: { body?: string; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const generate = useDemoGenerate();
  const [size, setSize] = useState<string>(String(SIZES[0]));
  const [language, setLanguage] = useState<Language>(i18n.language === "en" ? "en" : "zh-Hans");
  const [cancelling, setCancelling] = useState(false);
  const sizeLabel = useId();
  const languageLabel = useId();
  const number = new Intl.NumberFormat(i18n.language);

  const start = () => {
    setCancelling(false);
    generate.mutate(
      { cases: Number(size), language },
      {
        onSuccess: (summary) =>
          notifications.show({
            color: "teal",
            message: t("cases.empty.done", { ...summary }),
          }),
        onError: (e) =>
          ipcErrorOf(e)?.code === "cancelled"
            ? notifications.show({ message: t("cases.empty.cancelled") })
            : notifications.show({ color: "red", title: t("cases.empty.failed"), message: describeError(t, e) }),
      },
    );
  };

  const cancel = () => {
    setCancelling(true);
    // The generation then ends with `cancelled` (handled above), having kept nothing.
    cancelDemo().catch((e: unknown) => {
      setCancelling(false);
      notifications.show({ color: "red", message: describeError(t, e) });
    });
  };

  const progress = generate.progress;
  const percent = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0;

  return (
    <Paper withBorder radius="md" p="xl" maw={640}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
            <IconInbox size={22} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Title order={2} size="h4">
              {t("cases.empty.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {body ?? t("cases.empty.body")}
            </Text>
          </div>
        </Group>

        {generate.isPending ? (
          <Stack gap={6}>
            <Progress value={percent} aria-label={t("cases.empty.progressLabel")} animated striped size="lg" />
            <Group justify="space-between">
              <Text size="sm" role="status">
                {t("cases.empty.progress", { done: progress?.done ?? 0, total: progress?.total ?? Number(size) })}
              </Text>
              <Button variant="default" size="xs" onClick={cancel} loading={cancelling}>
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="sm">
            <Group gap="lg" align="flex-end">
              <div>
                <Text id={sizeLabel} size="sm" fw={500} mb={4}>
                  {t("cases.empty.size")}
                </Text>
                <SegmentedControl
                  aria-labelledby={sizeLabel}
                  value={size}
                  onChange={setSize}
                  data={SIZES.map((s) => ({ value: String(s), label: number.format(s) }))}
                />
              </div>
              <div>
                <Text id={languageLabel} size="sm" fw={500} mb={4}>
                  {t("cases.empty.language")}
                </Text>
                <SegmentedControl
                  aria-labelledby={languageLabel}
                  value={language}
                  onChange={(v) => setLanguage(v === "en" ? "en" : "zh-Hans")}
                  data={[
                    { value: "en", label: "English" },
                    { value: "zh-Hans", label: "中文" },
                  ]}
                />
              </div>
            </Group>
            <Group gap="sm">
              <Button leftSection={<IconDatabasePlus size={16} aria-hidden />} onClick={start}>
                {t("cases.empty.loadDemo")}
              </Button>
              {actions}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
