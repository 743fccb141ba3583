/**
 * Moving the knowledge base in and out as Markdown files. Import: choose a folder (Rust
 * opens the dialog and checks every file, writing nothing), read each file's error, then
 * import all of it as drafts in one go, with progress and Cancel (a cancelled import keeps
 * nothing). Export: choose a folder and every article is written there as a `.md` file
 * with its front matter.
 */
import { Alert, Button, Group, Modal, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { IconFileExport, IconFolderOpen } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ChosenFolder, FileError, MarkdownProgress } from "../ipc/bindings";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { cancelMarkdown, chooseMarkdownFolder, useMarkdownExport, useMarkdownImport } from "../ipc/queries";

function problemText(t: TFunction, e: FileError): string {
  return t(`knowledge.files.problem.${e.problem}`, { limit: e.limit ?? 0 });
}

function percent(p: MarkdownProgress | null): number {
  return p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
}

export function MarkdownDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState<ChosenFolder | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const imp = useMarkdownImport();
  const exp = useMarkdownExport();
  const running = imp.isPending || exp.isPending;
  const fail = (e: unknown) =>
    setMessage({
      color: "red",
      text: ipcErrorOf(e)?.code === "cancelled" ? t("knowledge.files.cancelled") : describeError(t, e),
    });

  const choose = () => {
    setChoosing(true);
    setMessage(null);
    chooseMarkdownFolder()
      .then((chosen) => {
        if (chosen) setFolder(chosen);
      })
      .catch(fail)
      .finally(() => setChoosing(false));
  };
  const runImport = () => {
    setMessage(null);
    imp.mutate(undefined, {
      onSuccess: (made) => {
        setFolder(null);
        setMessage({ color: "teal", text: t("knowledge.files.imported", { count: made }) });
      },
      onError: fail,
    });
  };
  const runExport = () => {
    setMessage(null);
    exp.mutate(undefined, {
      onSuccess: (done) => {
        if (done) setMessage({ color: "teal", text: t("knowledge.files.exported", { count: done.files, path: done.path }) });
      },
      onError: fail,
    });
  };
  const check = folder?.check;
  const progress = imp.isPending ? imp.progress : exp.progress;

  return (
    <Modal
      opened
      onClose={running ? () => undefined : onClose}
      title={t("knowledge.files.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="md">
        <Stack gap="xs" component="section" aria-label={t("knowledge.files.importTitle")}>
          <Title order={3} size="h5">
            {t("knowledge.files.importTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("knowledge.files.importHint")}
          </Text>
          <Group>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFolderOpen size={14} aria-hidden />}
              loading={choosing}
              disabled={running}
              onClick={choose}
            >
              {t("knowledge.files.choose")}
            </Button>
          </Group>
          {folder && check ? (
            <Stack gap="xs">
              <Text size="sm" aria-live="polite">
                {t("knowledge.files.checked", {
                  folder: folder.name,
                  files: t("knowledge.files.files", { count: check.files }),
                  ready: check.ready,
                })}
              </Text>
              {check.newCategories.length > 0 ? (
                <Text size="sm">
                  {t("knowledge.files.newCategories", { names: check.newCategories.join(t("knowledge.acks.separator")) })}
                </Text>
              ) : null}
              {check.errors.length > 0 ? (
                <>
                  <Alert color="red" title={t("knowledge.files.errorsTitle", { count: check.errors.length })}>
                    {t("knowledge.files.errorsHint")}
                  </Alert>
                  <Table striped aria-label={t("knowledge.files.errorsLabel")}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("knowledge.files.file")}</Table.Th>
                        <Table.Th scope="col">{t("knowledge.files.problemColumn")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {check.errors.map((e) => (
                        <Table.Tr key={e.file}>
                          <Table.Th scope="row" fw="normal">
                            {e.file}
                          </Table.Th>
                          <Table.Td>{problemText(t, e)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              ) : null}
              <Group>
                <Button
                  size="xs"
                  disabled={check.errors.length > 0 || check.ready === 0 || exp.isPending}
                  loading={imp.isPending}
                  onClick={runImport}
                >
                  {t("knowledge.files.import", { count: check.ready })}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stack>
        <Stack gap="xs" component="section" aria-label={t("knowledge.files.exportTitle")}>
          <Title order={3} size="h5">
            {t("knowledge.files.exportTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("knowledge.files.exportHint")}
          </Text>
          <Group>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFileExport size={14} aria-hidden />}
              loading={exp.isPending}
              disabled={imp.isPending}
              onClick={runExport}
            >
              {t("knowledge.files.export")}
            </Button>
          </Group>
        </Stack>
        {running ? (
          <Group gap="sm" wrap="nowrap">
            <Progress
              value={percent(progress)}
              aria-label={t("knowledge.files.progress")}
              animated
              striped
              size="lg"
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="default" onClick={() => void cancelMarkdown().catch(fail)}>
              {t("common.cancel")}
            </Button>
          </Group>
        ) : null}
        {message ? (
          <Alert color={message.color} role={message.color === "red" ? "alert" : "status"}>
            {message.text}
          </Alert>
        ) : null}
      </Stack>
    </Modal>
  );
}
