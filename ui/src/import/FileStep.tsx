/**
 * The wizard's first step: choose the file, see how it was read — its layout, its
 * encoding (a choice when detection is unsure: the preview shows the text in the encoding
 * chosen, so the readable one is easy to pick) — and its first rows.
 */
import { Alert, Badge, Button, Group, Select, Stack, Table, Text } from "@mantine/core";
import { IconFileImport, IconQuestionMark } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ChosenFile, FileEncoding } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { chooseImportFile, inspectImportFile } from "../ipc/import";
import { ENCODINGS } from "./fields";
import { ScrollBox } from "./ScrollBox";

export interface FileStepProps {
  file: ChosenFile | null;
  onChosen: (file: ChosenFile | null) => void;
  onError: (message: string | null) => void;
}

export function FileStep({ file, onChosen, onError }: FileStepProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  const load = (work: Promise<ChosenFile | null>) => {
    setBusy(true);
    onError(null);
    work.then(
      (f) => {
        if (f) onChosen(f);
        setBusy(false);
      },
      (e: unknown) => {
        onError(describeError(t, e));
        setBusy(false);
      },
    );
  };

  const info = file?.info;
  const unsure = info?.detected.confidence === "low";
  return (
    <Stack gap="sm">
      <Text size="sm">{t("import.file.intro")}</Text>
      <Group gap="sm">
        <Button leftSection={<IconFileImport size={16} aria-hidden />} loading={busy} onClick={() => load(chooseImportFile())}>
          {file ? t("import.file.chooseOther") : t("import.file.choose")}
        </Button>
        {file && (
          <Text size="sm" fw={500}>
            {t("import.file.chosen", { name: file.name, size: number.format(file.size / 1024) })}
          </Text>
        )}
      </Group>
      {info && (
        <>
          <Group gap="md" align="flex-end">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("import.file.layout")}
              </Text>
              <Badge variant="light" size="lg">
                {t(`import.layout.${info.layout}`)}
              </Badge>
            </div>
            <Select
              label={t("import.file.encoding")}
              value={info.encoding}
              allowDeselect={false}
              data={ENCODINGS.map((e) => ({ value: e, label: t(`import.encoding.${e}`) }))}
              onChange={(v) => v && v !== info.encoding && load(inspectImportFile(v as FileEncoding))}
              w={220}
            />
          </Group>
          {unsure && (
            <Alert color="yellow" variant="light" icon={<IconQuestionMark size={18} aria-hidden />}>
              {t("import.file.unsure")}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t("import.file.previewCaption", { count: info.preview.length })}
          </Text>
          <ScrollBox mah={280} label={t("import.file.previewLabel")}>
            <Table striped withTableBorder fz="xs" aria-label={t("import.file.previewLabel")}>
              <Table.Thead>
                <Table.Tr>
                  {info.headers.map((h, i) => (
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {info.preview.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, c) => (
                      <Table.Td key={c} style={{ whiteSpace: "pre-wrap", maxWidth: 260 }}>
                        {cell}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </>
      )}
    </Stack>
  );
}
