/**
 * The wizard's mapping step: where the rows come from (the source name, part of every
 * imported case's external id), which column holds which field (required ones marked),
 * how the file's dates read (which comes first, and the time zone of times written
 * without one), and the priority and channel of rows that leave them empty.
 */
import { Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { CaseChannel, ChosenFile, DateOrder, ImportMapping, Priority } from "../ipc/bindings";
import { useTimeZones } from "../ipc/queries";
import { CHANNELS, DATE_ORDERS, FIELDS, PRIORITIES, REQUIRED, mapColumn } from "./fields";

export interface MappingStepProps {
  file: ChosenFile;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

export function MappingStep({ file, mapping, onChange }: MappingStepProps) {
  const { t } = useTranslation();
  const zones = useTimeZones();
  const headers = file.info.headers.map((h) => ({ value: h, label: h }));
  return (
    <Stack gap="sm">
      <Text size="sm">{t("import.mapping.intro")}</Text>
      <TextInput
        label={t("import.mapping.source")}
        description={t("import.mapping.sourceHint")}
        value={mapping.source}
        maxLength={40}
        required
        onChange={(e) => onChange({ ...mapping, source: e.currentTarget.value })}
        w={320}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={6}>
        {FIELDS.map((field) => (
          <Select
            key={field}
            label={t(`import.fields.${field}`)}
            required={REQUIRED.includes(field)}
            placeholder={t("import.mapping.notImported")}
            clearable={!REQUIRED.includes(field)}
            searchable
            data={headers}
            value={mapping.columns[field] ?? null}
            onChange={(v) => onChange(mapColumn(mapping, field, v))}
            size="xs"
          />
        ))}
      </SimpleGrid>
      <Group gap="md" align="flex-end">
        <Select
          label={t("import.mapping.dateOrder")}
          allowDeselect={false}
          data={DATE_ORDERS.map((o) => ({ value: o, label: t(`import.dateOrder.${o}`) }))}
          value={mapping.dateOrder ?? "unknown"}
          onChange={(v) => v && onChange({ ...mapping, dateOrder: v as DateOrder })}
          size="xs"
          w={280}
        />
        <Select
          label={t("import.mapping.timeZone")}
          searchable
          clearable
          placeholder={t("import.mapping.workspaceZone", { zone: file.info.workspaceTimeZone })}
          data={zones.data ?? []}
          value={mapping.timeZone || null}
          onChange={(v) => onChange({ ...mapping, timeZone: v ?? "" })}
          size="xs"
          w={280}
        />
      </Group>
      <Group gap="md">
        <Select
          label={t("import.mapping.defaultPriority")}
          allowDeselect={false}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))}
          value={mapping.defaultPriority ?? "p3"}
          onChange={(v) => v && onChange({ ...mapping, defaultPriority: v as Priority })}
          size="xs"
          w={280}
        />
        <Select
          label={t("import.mapping.defaultChannel")}
          allowDeselect={false}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))}
          value={mapping.defaultChannel ?? "email"}
          onChange={(v) => v && onChange({ ...mapping, defaultChannel: v as CaseChannel })}
          size="xs"
          w={280}
        />
      </Group>
    </Stack>
  );
}
