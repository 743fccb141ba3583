/**
 * Adds many days to a calendar at once, after a preview: from an iCalendar (.ics) file
 * the user picks (read here, parsed by Rust; nothing is saved until "Add") or from one
 * of the ready public-holiday sets. The preview lists each day with its kind, marks the
 * days the calendar already has (left as they are), says which events were left out and
 * why, and lets the user choose whose hours make-up working days have.
 */
import { Alert, FileInput, Group, Select, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconFileImport } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog, useFormErrors } from "../cases/dialogs/FormDialog";
import { LIMITS, type CalendarId, type HolidaySet, type ImportPreview, type ImportedDay, type Weekday } from "../ipc/bindings";
import { previewImport, previewSet, useApplyDays } from "../ipc/calendars";
import { ipcErrorOf } from "../ipc/errors";
import { DayKindBadge, formatDay } from "./CalendarDay";
import { WEEKDAYS } from "./validation";

export type ImportSource = { kind: "file" } | { kind: "set"; set: HolidaySet };

const FIELDS = ["file"] as const;

export interface ImportDaysDialogProps {
  source: ImportSource;
  calendar: CalendarId | null;
  calendarName: string;
  language: string;
  onClose: () => void;
}

/** A file refusal in words the user can act on. */
function fileMessage(t: TFunction, error: unknown): string | null {
  const ipc = ipcErrorOf(error);
  if (ipc?.code !== "validation" || ipc.field !== "file") return null;
  switch (ipc.rule) {
    case "too_long":
      return t("settings.import.tooLarge", { limit: Math.round((ipc.limit ?? LIMITS.icsFileMaxBytes) / 1000) });
    case "too_many":
      return t("settings.import.tooMany", { limit: ipc.limit });
    case "required":
      return t("settings.import.noDays");
    default:
      return t("settings.import.notIcs");
  }
}

export function ImportDaysDialog({ source, calendar, calendarName, language, onClose }: ImportDaysDialogProps) {
  const { t } = useTranslation();
  const apply = useApplyDays();
  const errors = useFormErrors(FIELDS);
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [worksAs, setWorksAs] = useState<Weekday>("mon");
  const setSource = source.kind === "set" ? source.set : null;

  // A ready set previews at once.
  useEffect(() => {
    if (!setSource) return;
    let live = true;
    setLoading(true);
    previewSet(calendar, setSource.id)
      .then((days) => live && setPreview({ calendarName: null, days, skipped: [] }))
      .catch((error: unknown) => live && errors.fail(error))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opened set
  }, [setSource, calendar]);

  const pick = async (picked: File | null) => {
    setFile(picked);
    setPreview(null);
    setContent(null);
    errors.clear("file");
    if (!picked) return;
    if (picked.size > LIMITS.icsFileMaxBytes) {
      errors.set("file", t("settings.import.tooLarge", { limit: Math.round(LIMITS.icsFileMaxBytes / 1000) }));
      return;
    }
    setLoading(true);
    try {
      const text = await picked.text();
      setPreview(await previewImport(calendar, text));
      setContent(text);
    } catch (error) {
      const message = fileMessage(t, error);
      if (message) errors.set("file", message);
      else errors.fail(error);
    } finally {
      setLoading(false);
    }
  };

  const toAdd = preview?.days.filter((d) => !d.alreadyListed) ?? [];
  const hasWorkdays = toAdd.some((d) => d.kind === "workday");

  const submit = () => {
    if (!preview) {
      if (source.kind === "file") errors.set("file", t("settings.import.pickFile"));
      return;
    }
    if (toAdd.length === 0) {
      onClose();
      return;
    }
    const args =
      source.kind === "file"
        ? { source: "file" as const, calendar, content: content ?? "", worksAs }
        : { source: "set" as const, calendar, id: source.set.id };
    apply.mutate(args, {
      onSuccess: (count) => {
        notifications.show({ message: t("settings.import.added", { count }), color: "teal" });
        onClose();
      },
      onError: (error) => errors.fail(error),
    });
  };

  const title =
    source.kind === "file"
      ? t("settings.import.titleFile", { calendar: calendarName })
      : t("settings.import.titleSet", {
          set: t("settings.holidays.setName", {
            region: t(`settings.holidays.regions.${source.set.region}`),
            year: source.set.year,
          }),
          calendar: calendarName,
        });

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={title}
      size="xl"
      submitLabel={preview && toAdd.length === 0 ? t("common.close") : t("settings.import.add", { count: toAdd.length })}
      pending={apply.isPending}
      formError={errors.formError}
      onSubmit={submit}
    >
      {source.kind === "file" ? (
        <FileInput
          label={t("settings.import.file")}
          description={t("settings.import.fileDescription")}
          placeholder={t("settings.import.pickFile")}
          accept=".ics,text/calendar"
          value={file}
          onChange={(picked) => void pick(picked)}
          error={errors.fieldErrors.file}
          leftSection={<IconFileImport size={16} aria-hidden />}
          clearable
          clearButtonProps={{ "aria-label": t("settings.import.clearFile") }}
          data-autofocus
        />
      ) : (
        <Stack gap={4}>
          <Text size="sm">{t("settings.import.source", { source: source.set.source })}</Text>
          {!source.set.complete && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
              {t("settings.import.incomplete", { year: source.set.year })}
            </Alert>
          )}
        </Stack>
      )}

      {loading && (
        <Text size="sm" c="dimmed" role="status">
          {t("settings.import.reading")}
        </Text>
      )}

      {preview && (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {t("settings.import.summary", {
              count: toAdd.length,
              listed: preview.days.length - toAdd.length,
            })}
          </Text>
          <Table verticalSpacing={2} horizontalSpacing="sm" aria-label={t("settings.import.previewTable")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.date")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("settings.holidays.kind")}</Table.Th>
                <Table.Th>{t("settings.import.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.days.map((d: ImportedDay) => (
                <Table.Tr key={d.date}>
                  <Table.Td>
                    <time dateTime={d.date}>{formatDay(language, d.date)}</time>
                  </Table.Td>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>
                    <DayKindBadge kind={d.kind} worksAs={d.kind === "workday" && source.kind === "file" ? worksAs : null} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={d.alreadyListed ? "dimmed" : undefined}>
                      {d.alreadyListed ? t("settings.import.alreadyListed") : t("settings.import.new")}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {hasWorkdays && source.kind === "file" && (
            <Group gap="xs">
              <Select
                label={t("settings.import.worksAs")}
                data={WEEKDAYS.map((d) => ({ value: d, label: t(`settings.weekdays.${d}`) }))}
                value={worksAs}
                onChange={(value) => value && setWorksAs(value as Weekday)}
                allowDeselect={false}
                w={200}
              />
            </Group>
          )}
          {preview.skipped.length > 0 && (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t("settings.import.skipped", { count: preview.skipped.length })}
              </Text>
              <ul style={{ margin: 0, paddingInlineStart: "1.2em" }}>
                {preview.skipped.map((s, i) => (
                  <li key={i}>
                    <Text size="sm" span>
                      {t("settings.import.skippedItem", {
                        name: s.name || t("common.none"),
                        reason: t(`settings.import.reasons.${s.reason}`),
                      })}
                    </Text>
                  </li>
                ))}
              </ul>
            </Stack>
          )}
        </Stack>
      )}
    </FormDialog>
  );
}
