/**
 * The settings form. Edits a draft copy of the stored settings; Save checks it
 * client-side (fast feedback), sends it to Rust (the authority), and on success shows a
 * notification and takes what Rust stored as the new baseline. A validation error from
 * Rust is shown beside its field; anything else in an alert above the Save bar.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import type { Language, Settings, Theme, WorkingDay } from "../ipc/bindings";
import { describeError, ipcErrorOf, ruleMessage } from "../ipc/errors";
import { useSaveSettings, useTimeZones } from "../ipc/queries";
import { LANGUAGES, isLanguage } from "../i18n/languages";
import classes from "./SettingsPage.module.css";
import { groupTimeZones } from "./timeZones";
import {
  hasIssues,
  issuesFromIpcError,
  validateSettings,
  type FormIssues,
  type Issue,
} from "./validation";
import { Section } from "../shell/Section";
import { WorkingHoursEditor } from "./WorkingHoursEditor";

const THEMES: readonly Theme[] = ["light", "dark", "system"];

function isTheme(value: string): value is Theme {
  return (THEMES as readonly string[]).includes(value);
}

export function SettingsForm({ saved }: { saved: Settings }) {
  const { t, i18n } = useTranslation();
  const save = useSaveSettings();
  const timeZones = useTimeZones();
  const formRef = useRef<HTMLFormElement>(null);

  const [draft, setDraft] = useState<Settings>(saved);
  const [issues, setIssues] = useState<FormIssues>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);

  // After a failed save, move focus to the first field that needs attention.
  useEffect(() => {
    if (focusRequest === 0) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.focus({ preventScroll: true });
    // Centre it: scrolled only "into view", it can end up under the sticky Save bar.
    field.scrollIntoView({ block: "center" });
  }, [focusRequest]);

  const edit = (patch: Partial<Settings>, clear: (keyof FormIssues)[]) => {
    setDraft((current) => ({ ...current, ...patch }));
    setIssues((current) => {
      const next = { ...current };
      for (const key of clear) delete next[key];
      return next;
    });
  };

  const editDay = (day: WorkingDay) => {
    setDraft((current) => ({
      ...current,
      workingHours: current.workingHours.map((d) => (d.weekday === day.weekday ? day : d)),
    }));
    setIssues((current) => {
      const { workingHours: _whole, days, ...rest } = current;
      const remaining = { ...days };
      delete remaining[day.weekday];
      return Object.keys(remaining).length > 0 ? { ...rest, days: remaining } : rest;
    });
  };

  const discard = () => {
    setDraft(saved);
    setIssues({});
    setSaveError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaveError(null);
    const found = validateSettings(draft);
    setIssues(found);
    if (hasIssues(found)) {
      setFocusRequest((n) => n + 1);
      return;
    }
    save.mutate(draft, {
      onSuccess: (stored) => {
        setDraft(stored);
        // Said in the language just saved, which is applied right after.
        notifications.show({
          message: i18n.getFixedT(stored.language)("settings.saved"),
          color: "teal",
          icon: <IconCheck size={16} aria-hidden />,
          autoClose: 3000,
        });
      },
      onError: (error) => {
        const ipc = ipcErrorOf(error);
        const placed = ipc ? issuesFromIpcError(ipc, draft) : null;
        if (placed) {
          setIssues(placed);
          setFocusRequest((n) => n + 1);
        } else {
          setSaveError(error);
        }
      },
    });
  };

  const message = (issue: Issue | undefined) =>
    issue ? ruleMessage(t, issue.rule, issue.limit) : undefined;

  const zoneData = useMemo(
    () => groupTimeZones(timeZones.data ?? [], draft.timeZone, t("settings.organisation.otherZones")),
    [timeZones.data, draft.timeZone, t],
  );

  const languageData = LANGUAGES.map((l) => ({ value: l.value, label: l.nativeName }));
  const themeData = [
    { value: "light", label: t("settings.appearance.themeLight") },
    { value: "dark", label: t("settings.appearance.themeDark") },
    { value: "system", label: t("settings.appearance.themeSystem") },
  ];

  const clientIssuesOnly = hasIssues(issues) && !saveError;

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Section title={t("settings.organisation.heading")}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label={t("fields.organisationName")}
              description={t("settings.organisation.nameDescription")}
              value={draft.organisationName}
              onChange={(event) =>
                edit({ organisationName: event.currentTarget.value }, ["organisationName"])
              }
              error={message(issues.organisationName)}
              autoComplete="organization"
            />
            <Select
              label={t("fields.timeZone")}
              description={t("settings.organisation.timeZoneDescription")}
              placeholder={
                timeZones.isPending
                  ? t("settings.organisation.timeZonesLoading")
                  : t("settings.organisation.timeZonePlaceholder")
              }
              data={zoneData}
              value={draft.timeZone || null}
              onChange={(value) => edit({ timeZone: value ?? "" }, ["timeZone"])}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t("settings.organisation.noTimeZoneMatch")}
              maxDropdownHeight={280}
              error={
                message(issues.timeZone) ??
                (timeZones.isError ? describeError(t, timeZones.error) : undefined)
              }
            />
          </SimpleGrid>
        </Section>

        <Section title={t("settings.appearance.heading")}>
          <SimpleGrid cols={2} spacing="md">
            <Select
              label={t("fields.language")}
              data={languageData}
              value={draft.language}
              onChange={(value) => {
                if (value && isLanguage(value)) edit({ language: value as Language }, ["language"]);
              }}
              allowDeselect={false}
              error={message(issues.language)}
            />
            <Select
              label={t("fields.theme")}
              data={themeData}
              value={draft.theme}
              onChange={(value) => {
                if (value && isTheme(value)) edit({ theme: value }, ["theme"]);
              }}
              allowDeselect={false}
              error={message(issues.theme)}
            />
          </SimpleGrid>
        </Section>

        <Section title={t("fields.workingHours")} description={t("settings.hours.description")}>
          {issues.workingHours && (
            <Text size="sm" c="red" mb="xs" role="alert">
              {message(issues.workingHours)}
            </Text>
          )}
          <WorkingHoursEditor days={draft.workingHours} issues={issues.days} onChange={editDay} />
        </Section>

        {saveError !== null && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={t("settings.saveFailed")}
          >
            {describeError(t, saveError)}
          </Alert>
        )}

        <div className={classes.actionDock}>
          <Paper withBorder radius="md" px="md" py="xs" className={classes.actionBar}>
            <Group justify="space-between" wrap="nowrap">
              <div role="status">
                {clientIssuesOnly ? (
                  <Text size="sm" c="red">
                    {t("settings.fixErrors")}
                  </Text>
                ) : dirty ? (
                  <Badge variant="dot" color="orange" radius="sm" size="lg" className={classes.unsaved}>
                    {t("settings.unsaved")}
                  </Badge>
                ) : null}
              </div>
              <Group gap="sm" wrap="nowrap">
                <Button variant="default" onClick={discard} disabled={!dirty || save.isPending}>
                  {t("settings.discard")}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t("settings.save")}
                </Button>
              </Group>
            </Group>
          </Paper>
        </div>
      </Stack>
    </form>
  );
}
