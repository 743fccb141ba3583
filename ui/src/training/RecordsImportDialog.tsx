/**
 * Import training records from a CSV file (employee id, course, date, score; UTF-8, GBK
 * or Big5, as spreadsheets save it). Choosing the file opens the system's dialog from
 * Rust and runs a dry run at once: every row error, with its row number and the reason
 * in words, is listed before anything is written, and Import stays disabled until there
 * is none. The encoding can be changed when detection was unsure. The import runs in one
 * transaction with a progress bar.
 */
import { Alert, Button, Group, Modal, Progress, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconFileImport } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ENCODINGS } from "../import/fields";
import { ScrollBox } from "../import/ScrollBox";
import type { FileEncoding, RecordDryRun } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { chooseRecordsFile, dryRunRecordsImport, useRecordsImport } from "../ipc/queries";

/** Row errors listed at once; the rest are counted. */
const ERRORS_SHOWN = 500;

export function RecordsImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [dry, setDry] = useState<RecordDryRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useRecordsImport();
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);

  const load = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    run.reset();
    try {
      await work();
    } catch (e) {
      setError(describeError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const choose = () =>
    load(async () => {
      const chosen = await chooseRecordsFile();
      if (!chosen) return;
      setName(chosen.name);
      setDry(chosen.dryRun);
    });
  const reread = (encoding: FileEncoding) => load(async () => setDry(await dryRunRecordsImport(encoding)));

  const errorRows = dry ? new Set(dry.errors.map((e) => e.row)).size : 0;
  const canImport = !!dry && dry.errors.length === 0 && dry.ready > 0 && !run.isSuccess;
  const progress = run.progress && run.progress.total > 0 ? Math.round((run.progress.done / run.progress.total) * 100) : 0;

  return (
    <Modal opened={opened} onClose={onClose} title={t("training.import.title")} size="xl" closeButtonProps={{ "aria-label": t("common.close") }}>
      <Stack gap="sm">
        <Text size="sm">{t("training.import.intro")}</Text>
        <Group gap="sm" align="flex-end">
          <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => void choose()} loading={busy} data-autofocus>
            {t("training.import.choose")}
          </Button>
          {name ? <Text size="sm">{name}</Text> : null}
          {dry ? (
            <Select
              label={t("training.import.encoding")}
              size="xs"
              w={200}
              data={ENCODINGS.map((e) => ({ value: e, label: t(`import.encoding.${e}`) }))}
              value={dry.encoding}
              onChange={(v) => v && v !== dry.encoding && void reread(v as FileEncoding)}
              allowDeselect={false}
              disabled={busy || run.isPending}
            />
          ) : null}
        </Group>
        {dry && dry.detected.confidence === "low" ? (
          <Text size="sm" c="dimmed">
            {t("training.import.unsure")}
          </Text>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {dry ? (
          <>
            <SimpleGrid cols={3} spacing="sm">
              {(
                [
                  ["rows", dry.rows],
                  ["ready", dry.ready],
                  ["duplicates", dry.duplicates],
                ] as const
              ).map(([key, value]) => (
                <div key={key}>
                  <Text size="xs" c="dimmed">
                    {t(`training.import.figures.${key}`)}
                  </Text>
                  <Text fw={600}>{number(value)}</Text>
                </div>
              ))}
            </SimpleGrid>
            {dry.errors.length === 0 ? (
              <Text size="sm" role="status">
                {dry.ready > 0 ? t("training.import.noErrors") : t("training.import.nothing")}
              </Text>
            ) : (
              <>
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="status">
                  {t("training.import.errors", { count: errorRows })}
                </Alert>
                <ScrollBox mah={280} label={t("training.import.errorsTitle")}>
                  <Table striped withTableBorder fz="sm" aria-label={t("training.import.errorsTitle")}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("training.import.row")}</Table.Th>
                        <Table.Th scope="col">{t("training.import.column")}</Table.Th>
                        <Table.Th scope="col">{t("training.import.problem")}</Table.Th>
                        <Table.Th scope="col">{t("training.import.value")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {dry.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{e.row}</Table.Td>
                          <Table.Td>{e.column ?? t("common.none")}</Table.Td>
                          <Table.Td>{t(`training.import.problems.${e.code}`)}</Table.Td>
                          <Table.Td>{e.value ?? ""}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollBox>
                {dry.errors.length > ERRORS_SHOWN ? (
                  <Text size="sm" c="dimmed">
                    {t("training.import.more", { count: dry.errors.length - ERRORS_SHOWN })}
                  </Text>
                ) : null}
              </>
            )}
          </>
        ) : null}
        {run.isPending || (run.progress && !run.isSuccess && !run.isError) ? (
          <Stack gap={4}>
            <Progress value={progress} aria-label={t("training.import.progressLabel")} />
            <Text size="sm" aria-live="polite">
              {t("training.import.progress", { done: run.progress?.done ?? 0, total: run.progress?.total ?? dry?.ready ?? 0 })}
            </Text>
          </Stack>
        ) : null}
        {run.isSuccess ? (
          <Alert color="teal" role="status">
            {t("training.import.done", { count: run.data.imported, duplicates: run.data.duplicates })}
          </Alert>
        ) : null}
        {run.isError ? (
          <Alert color="red" role="alert">
            {describeError(t, run.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {run.isSuccess ? t("common.close") : t("common.cancel")}
          </Button>
          <Button onClick={() => dry && run.mutate(dry.encoding)} disabled={!canImport || busy} loading={run.isPending}>
            {t("training.import.run", { count: dry?.ready ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
