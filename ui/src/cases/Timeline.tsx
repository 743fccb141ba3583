/**
 * The case's append-only timeline, newest first: every event kind as a translated
 * sentence with its time in the interface language. Above it, the note box (Ctrl+Enter
 * adds the note) and "Log contact".
 */
import { Button, Group, Paper, Stack, Text, Textarea, ThemeIcon, Title } from "@mantine/core";
import {
  IconArrowsExchange,
  IconBellMinus,
  IconBellRinging,
  IconCircleCheck,
  IconEdit,
  IconHash,
  IconNote,
  IconPhoneCall,
  IconPhoneCheck,
  IconPhoneOutgoing,
  IconPlus,
  IconTags,
  IconUserCheck,
  type Icon,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { CaseEvent, CaseId, EventData } from "../ipc/bindings";
import { KNOWN_FIELDS, placeError } from "../ipc/errors";
import { useAddCaseNote } from "../ipc/queries";
import { priorityLabel } from "./model";
import { formatDateTime, formatDuration } from "./time";
import classes from "./Timeline.module.css";

interface EventView {
  icon: Icon;
  color: string;
  title: string;
  body?: ReactNode;
}

function Lines({ lines }: { lines: (string | null | undefined | false)[] }) {
  const shown = lines.filter((l): l is string => typeof l === "string" && l !== "");
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((line, i) => (
        <Text key={i} size="sm" className={classes.text}>
          {line}
        </Text>
      ))}
    </>
  );
}

function fieldLabel(t: TFunction, field: string): string {
  return (KNOWN_FIELDS as readonly string[]).includes(field)
    ? t(`fields.${field as (typeof KNOWN_FIELDS)[number]}`)
    : field;
}

/** How one event reads. Exhaustive over `EventData["kind"]`. */
export function describeEvent(t: TFunction, language: string, data: EventData): EventView {
  const sep = t("cases.timeline.listSeparator");
  switch (data.kind) {
    case "created":
      return {
        icon: IconPlus,
        color: "blue",
        title: t("cases.timeline.created", {
          priority: priorityLabel(t, data.priority),
          channel: t(`cases.channel.${data.channel}`),
        }),
      };
    case "note":
      return { icon: IconNote, color: "gray", title: t("cases.timeline.note"), body: <Lines lines={[data.text]} /> };
    case "status_changed":
      return {
        icon: IconArrowsExchange,
        color: "indigo",
        title: t("cases.timeline.status_changed", {
          from: t(`cases.status.${data.from}`),
          to: t(`cases.status.${data.to}`),
        }),
      };
    case "assigned": {
      const title =
        data.assignee && data.team
          ? t("cases.timeline.assignedWithTeam", { assignee: data.assignee, team: data.team })
          : data.assignee
            ? t("cases.timeline.assigned", { assignee: data.assignee })
            : data.team
              ? t("cases.timeline.assignedTeam", { team: data.team })
              : t("cases.timeline.unassigned");
      return { icon: IconUserCheck, color: "cyan", title };
    }
    case "escalated":
      return {
        icon: IconBellRinging,
        color: "grape",
        title: t("cases.timeline.escalated", {
          department: data.escalation.department,
          level: data.escalation.level,
        }),
        body: <Lines lines={[t("common.labelValue", { label: t("fields.reason"), value: data.escalation.reason })]} />,
      };
    case "de_escalated":
      return {
        icon: IconBellMinus,
        color: "grape",
        title: t("cases.timeline.de_escalated"),
        body: <Lines lines={[t("common.labelValue", { label: t("fields.reason"), value: data.reason })]} />,
      };
    case "tags_changed":
      return {
        icon: IconTags,
        color: "gray",
        title: t("cases.timeline.tags_changed"),
        body: (
          <Lines
            lines={[
              data.added.length > 0 && t("cases.timeline.tagsAdded", { tags: data.added.join(sep) }),
              data.removed.length > 0 && t("cases.timeline.tagsRemoved", { tags: data.removed.join(sep) }),
            ]}
          />
        ),
      };
    case "edited":
      return {
        icon: IconEdit,
        color: "gray",
        title: t("cases.timeline.edited", { fields: data.fields.map((f) => fieldLabel(t, f)).join(sep) }),
      };
    case "customer_contact":
      return {
        icon: data.direction === "outbound" ? IconPhoneOutgoing : IconPhoneCall,
        color: "teal",
        title: t("cases.timeline.customer_contact", {
          channel: t(`cases.channel.${data.channel}`),
          direction: t(`cases.direction.${data.direction}`),
        }),
        body: (
          <Lines
            lines={[
              data.summary,
              data.handleSeconds > 0 &&
                t("cases.timeline.handleTime", { duration: formatDuration(t, data.handleSeconds / 60) }),
            ]}
          />
        ),
      };
    case "resolved":
      return {
        icon: IconCircleCheck,
        color: "teal",
        title: t("cases.timeline.resolved"),
        body: (
          <Lines
            lines={[
              t("common.labelValue", { label: t("fields.rootCause"), value: data.rootCause }),
              t("common.labelValue", { label: t("fields.resolutionSummary"), value: data.resolutionSummary }),
            ]}
          />
        ),
      };
    case "callback_scheduled":
      return {
        icon: IconPhoneOutgoing,
        color: "orange",
        title: t("cases.timeline.callback_scheduled", { time: formatDateTime(language, data.dueAt) }),
      };
    case "callback_recorded":
      return {
        icon: IconPhoneCheck,
        color: "teal",
        title: t("cases.timeline.callback_recorded"),
        body: (
          <Lines
            lines={[
              t("common.labelValue", { label: t("fields.outcome"), value: data.outcome }),
              [
                data.csat !== null && t("cases.detail.csatValue", { value: data.csat }),
                data.nps !== null && t("cases.detail.npsValue", { value: data.nps }),
              ]
                .filter(Boolean)
                .join(" · "),
              data.comment && t("common.labelValue", { label: t("fields.comment"), value: data.comment }),
            ]}
          />
        ),
      };
    case "reference_changed":
      return {
        icon: IconHash,
        color: "gray",
        title: t("cases.timeline.reference_changed", { from: data.from, to: data.to }),
        body: t("cases.timeline.referenceClash"),
      };
  }
}

function NoteForm({ caseId, onLogContact }: { caseId: CaseId; onLogContact?: () => void }) {
  const { t } = useTranslation();
  const add = useAddCaseNote(caseId);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) {
      setError(t("errors.validation.required"));
      return;
    }
    add.mutate(text.trim(), {
      onSuccess: () => setText(""),
      onError: (e) => setError(placeError(t, e, ["text"] as const).message),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap={6}>
        <Textarea
          label={t("fields.text")}
          placeholder={t("cases.note.placeholder")}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          error={error ?? undefined}
          autosize
          minRows={2}
          maxRows={10}
        />
        <Group justify="flex-end" gap="xs">
          {onLogContact && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPhoneCall size={14} aria-hidden />}
              onClick={onLogContact}
            >
              {t("cases.detail.logContact")}
            </Button>
          )}
          <Button type="submit" size="xs" loading={add.isPending} leftSection={<IconNote size={14} aria-hidden />}>
            {t("cases.note.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Timeline({
  caseId,
  events,
  canAddNote,
  onLogContact,
}: {
  caseId: CaseId;
  events: CaseEvent[];
  /** The case's status allows notes (the note box shows). */
  canAddNote: boolean;
  /** Opens the contact dialog; without it (status does not allow), no "Log contact". */
  onLogContact?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const newestFirst = [...events].reverse();
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb="sm">
        {t("cases.timeline.heading")}
      </Title>
      {canAddNote && <NoteForm caseId={caseId} onLogContact={onLogContact} />}
      {newestFirst.length === 0 ? (
        <Text size="sm" c="dimmed" mt="md">
          {t("cases.timeline.empty")}
        </Text>
      ) : (
        <ol className={classes.list}>
          {newestFirst.map((event) => {
            const view = describeEvent(t, i18n.language, event.data);
            const EventIcon = view.icon;
            return (
              <li key={event.id} className={classes.item} data-kind={event.data.kind}>
                <ThemeIcon size={26} radius="xl" variant="light" color={view.color} className={classes.icon} aria-hidden>
                  <EventIcon size={15} />
                </ThemeIcon>
                <div className={classes.content}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={500}>
                      {view.title}
                    </Text>
                    <Text size="xs" c="dimmed" className={classes.time}>
                      <time dateTime={event.at}>{formatDateTime(i18n.language, event.at)}</time>
                    </Text>
                  </Group>
                  {view.body && <div className={classes.body}>{view.body}</div>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Paper>
  );
}
