/**
 * Exporting a case list (the current one, or a saved view's) to CSV: Rust asks where to
 * save, then writes every case of the list; while it writes, a dialog shows how far it
 * has come with a Cancel button. The outcome is said in a notification.
 */
import { Button, Group, Modal, Progress as Bar, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";

import type { CaseQuery } from "../ipc/bindings";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { cancelExport, useExportCasesCsv } from "../ipc/export";

/** A file name for an export: `base` (a view's name, "cases"…) with today's date. */
export function datedFileName(base: string, extension: "csv" | "json", now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  // Characters no file system takes (and control characters) become "-".
  const safe = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-").trim() || "export";
  return `${safe} ${day}.${extension}`;
}

export function useCasesCsvExport() {
  const { t } = useTranslation();
  const run = useExportCasesCsv();

  const start = (query: CaseQuery, fileName: string) =>
    run.mutate(
      { query, fileName },
      {
        onSuccess: (done) => {
          if (done) {
            notifications.show({
              color: "teal",
              message: t("export.casesDone", { count: done.rows, path: done.path }),
            });
          }
        },
        onError: (e) => {
          const cancelled = ipcErrorOf(e)?.code === "cancelled";
          notifications.show({
            color: cancelled ? "gray" : "red",
            title: cancelled ? undefined : t("export.failed"),
            message: cancelled ? t("export.cancelled") : describeError(t, e),
          });
        },
      },
    );

  const progress = run.progress;
  const dialog = (
    <Modal
      opened={run.isPending && progress !== null}
      onClose={() => void cancelExport()}
      title={t("export.casesTitle")}
      size="sm"
      closeOnClickOutside={false}
    >
      <Stack gap="sm">
        <Bar
          value={progress && progress.total > 0 ? Math.round((100 * progress.rows) / progress.total) : 0}
          aria-label={t("export.casesTitle")}
          animated
        />
        <Text size="sm" role="status">
          {t("export.casesProgress", { done: progress?.rows ?? 0, total: progress?.total ?? 0 })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void cancelExport()}>
            {t("export.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  return { start, running: run.isPending, dialog };
}
