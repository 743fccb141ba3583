/**
 * The wizard's dry-run step: what the import would create, the file's status, priority
 * and channel values with what each maps to (editable: a change asks for another check),
 * and every row error — row, column, problem, value — with the choice to leave those
 * rows out.
 */
import { Alert, Checkbox, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { DryRun, Field, ImportMapping } from "../ipc/bindings";
import { CHANNELS, PRIORITIES, STATUSES, mapValue } from "./fields";
import { ScrollBox } from "./ScrollBox";

/** Row errors listed at once; the rest are counted (a file can have 100,000). */
export const ERRORS_SHOWN = 500;

export interface CheckStepProps {
  dry: DryRun;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  stale: boolean;
  skipInvalid: boolean;
  onSkipInvalid: (skip: boolean) => void;
}

function Figure({ label, value }: { label: string; value: number }) {
  const { i18n } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{new Intl.NumberFormat(i18n.language).format(value)}</Text>
    </div>
  );
}

export function CheckStep({ dry, mapping, onChange, stale, skipInvalid, onSkipInvalid }: CheckStepProps) {
  const { t } = useTranslation();
  const targets = (field: Field) =>
    field === "status"
      ? STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))
      : field === "priority"
        ? PRIORITIES.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))
        : CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }));
  const mapped = (field: Field, value: string): string | null => {
    const key = value.trim().toLowerCase();
    const map = field === "status" ? mapping.statuses : field === "priority" ? mapping.priorities : mapping.channels;
    return map?.[key] ?? null;
  };
  const fileWrong = dry.errors.some((e) => e.row === 1 || e.code === "too_many_rows");
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="sm">
        <Figure label={t("import.check.rows")} value={dry.rows} />
        <Figure label={t("import.check.cases")} value={dry.cases} />
        <Figure label={t("import.check.skipped")} value={dry.skipped} />
        <Figure label={t("import.check.customers")} value={dry.customersCreated} />
        <Figure label={t("import.check.matched")} value={dry.customersMatched} />
        <Figure label={t("import.check.agentsTeams")} value={dry.agentsCreated + dry.teamsCreated} />
      </SimpleGrid>
      {stale && (
        <Alert color="blue" variant="light" role="status">
          {t("import.check.stale")}
        </Alert>
      )}

      {dry.values.length > 0 && (
        <>
          <Title order={3} size="h6">
            {t("import.check.valuesTitle")}
          </Title>
          <ScrollArea.Autosize mah={220} type="auto">
            <Table withTableBorder fz="sm" aria-label={t("import.check.valuesTitle")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("import.check.field")}</Table.Th>
                  <Table.Th>{t("import.check.value")}</Table.Th>
                  <Table.Th>{t("import.check.rowsWithIt")}</Table.Th>
                  <Table.Th>{t("import.check.mapsTo")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dry.values.map((v) => (
                  <Table.Tr key={`${v.field}:${v.value}`}>
                    <Table.Td>{t(`import.fields.${v.field}`)}</Table.Td>
                    <Table.Td>{v.value}</Table.Td>
                    <Table.Td>{v.rows}</Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t("import.check.mapValue", { value: v.value })}
                        placeholder={t("import.check.unmapped")}
                        clearable
                        data={targets(v.field)}
                        value={mapped(v.field, v.value)}
                        onChange={(to) => onChange(mapValue(mapping, v.field, v.value, to))}
                        error={mapped(v.field, v.value) === null}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}

      {dry.errors.length === 0 ? (
        <Text size="sm" role="status">
          {t("import.check.noErrors")}
        </Text>
      ) : (
        <>
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {fileWrong ? t("import.check.fileWrong") : t("import.check.errors", { count: dry.invalidRows })}
          </Alert>
          <ScrollBox mah={260} label={t("import.check.errorsTitle")}>
            <Table striped withTableBorder fz="sm" aria-label={t("import.check.errorsTitle")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("import.check.row")}</Table.Th>
                  <Table.Th>{t("import.check.column")}</Table.Th>
                  <Table.Th>{t("import.check.problem")}</Table.Th>
                  <Table.Th>{t("import.check.value")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dry.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ?? t("common.none")}</Table.Td>
                    <Table.Td>{t(`import.problem.${e.code}`)}</Table.Td>
                    <Table.Td>{e.value ?? ""}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          {dry.errors.length > ERRORS_SHOWN && (
            <Text size="xs" c="dimmed">
              {t("import.check.moreErrors", { count: dry.errors.length - ERRORS_SHOWN })}
            </Text>
          )}
          {!fileWrong && (
            <Checkbox
              label={t("import.check.skipInvalid", { count: dry.invalidRows })}
              checked={skipInvalid}
              onChange={(e) => onSkipInvalid(e.currentTarget.checked)}
            />
          )}
        </>
      )}
    </Stack>
  );
}
