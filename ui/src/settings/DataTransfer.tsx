/**
 * Settings → Data: everything this database syncs as one JSON file, and such a file read
 * back into an empty database (a new laptop, or data leaving another Frontline). Rust
 * opens the file dialogs; while a file is written or read, a bar shows how far it has
 * come, with Cancel (an import then keeps nothing).
 */
import { Button, Group, Progress as Bar, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDatabaseExport, IconDatabaseImport } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { datedFileName } from "../export/useCasesCsvExport";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { cancelExport, useExportJson, useImportJson } from "../ipc/export";
import { Section } from "../shell/Section";

function failed(t: TFunction, title: string, e: unknown) {
  const cancelled = ipcErrorOf(e)?.code === "cancelled";
  notifications.show({
    color: cancelled ? "gray" : "red",
    title: cancelled ? undefined : title,
    message: cancelled ? t("data.cancelled") : describeError(t, e),
  });
}

export function DataTransfer() {
  const { t } = useTranslation();
  const exporting = useExportJson();
  const importing = useImportJson();
  const busy = exporting.isPending || importing.isPending;

  const exportAll = () =>
    exporting.mutate(
      { fileName: datedFileName(t("data.fileName"), "json") },
      {
        onSuccess: (done) => {
          if (done) notifications.show({ color: "teal", message: t("data.exported", { count: done.rows, path: done.path }) });
        },
        onError: (e) => failed(t, t("data.exportFailed"), e),
      },
    );
  const importFile = () =>
    importing.mutate(undefined, {
      onSuccess: (summary) => {
        if (summary)
          notifications.show({
            color: "teal",
            message: t("data.imported", { count: summary.rows, cases: summary.cases }),
          });
      },
      onError: (e) => failed(t, t("data.importFailed"), e),
    });

  const share = (done: number, total: number) => (total > 0 ? Math.round((100 * done) / total) : 0);
  const exported = exporting.progress;
  const imported = importing.progress;

  return (
    <Section title={t("data.title")} description={t("data.description")}>
      <Stack gap="sm">
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDatabaseExport size={16} aria-hidden />}
            loading={exporting.isPending}
            disabled={busy && !exporting.isPending}
            onClick={exportAll}
          >
            {t("data.export")}
          </Button>
          <Button
            variant="default"
            leftSection={<IconDatabaseImport size={16} aria-hidden />}
            loading={importing.isPending}
            disabled={busy && !importing.isPending}
            onClick={importFile}
          >
            {t("data.import")}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t("data.importNote")}
        </Text>
        {(exported || imported) && (
          <Stack gap={6}>
            <Bar
              value={exported ? share(exported.rows, exported.total) : share(imported?.bytes ?? 0, imported?.totalBytes ?? 0)}
              animated
              aria-label={t("data.progressLabel")}
            />
            <Group justify="space-between">
              <Text size="sm" role="status">
                {exported
                  ? t("data.exportProgress", { done: exported.rows, total: exported.total })
                  : t("data.importProgress", { done: imported?.rows ?? 0 })}
              </Text>
              <Button size="xs" variant="default" onClick={() => void cancelExport()}>
                {t("data.cancel")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
