/**
 * Sync → Conflicts: this device's edits that lost to a newer edit elsewhere, each with
 * what it is (a case's reference and title, a customer's name), which field, this
 * device's value beside the one kept, and when it was found; Keep mine puts this
 * device's value back everywhere, Accept theirs closes the question. Two SLA policies
 * for one scope (made on two devices) ask which to keep. After each answer the list and
 * the sync state refresh, and the focus moves to the next conflict (or, after the last,
 * to "No conflicts").
 */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDateTime, useNow } from "../cases/time";
import type { Conflict, ConflictResolution } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useResolveConflict, useSyncConflicts } from "../ipc/queries";
import sectionClasses from "../shell/Section.module.css";
import { fieldLabel, formatConflictValue, rowLabel, tableLabel, timeAgo } from "./format";
import classes from "./Sync.module.css";

/** Where a conflict's record is shown in the app, if anywhere. */
function rowLink(conflict: Conflict): string | null {
  switch (conflict.table) {
    case "cases":
      return `/cases/${encodeURIComponent(conflict.rowId)}`;
    case "customers":
      return `/customers/${encodeURIComponent(conflict.rowId)}`;
    case "sla_policies":
    case "holidays":
    case "workspace_settings":
      return "/settings";
    default:
      return null;
  }
}

/** One side of a conflict; `null` is an empty value, said as such. */
function Value({ label, value, mine }: { label: string; value: string | null; mine?: boolean }) {
  const { t } = useTranslation();
  const empty = value === null;
  return (
    <div className={`${classes.value} ${mine ? classes.mine : ""}`}>
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" size="sm" className={empty ? classes.empty : undefined}>
        {value ?? t("sync.conflicts.empty")}
      </Text>
    </div>
  );
}

function ConflictItem({
  conflict,
  itemRef,
  onResolve,
  pending,
}: {
  conflict: Conflict;
  itemRef: (el: HTMLElement | null) => void;
  onResolve: (resolution: ConflictResolution) => void;
  pending: ConflictResolution | null;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const headingId = useId();
  const fieldId = useId();
  const duplicate = conflict.kind === "duplicate";
  const row = rowLabel(t, conflict);
  const field = fieldLabel(t, conflict);
  const link = rowLink(conflict);
  const show = (value: string | null) =>
    duplicate ? (value ?? t("sync.conflicts.empty")) : formatConflictValue(t, i18n.language, conflict, value);
  const isEmpty = (value: string | null) => !duplicate && (value === null || value === "") && conflict.field !== "deletedAt";

  const names = duplicate
    ? {
        mine: t("sync.conflicts.keepThisNamed", { name: conflict.mine ?? "" }),
        theirs: t("sync.conflicts.keepOtherNamed", { name: conflict.theirs ?? "" }),
      }
    : {
        mine: t("sync.conflicts.keepMineNamed", { field, row }),
        theirs: t("sync.conflicts.acceptTheirsNamed", { field, row }),
      };

  const title: ReactNode = duplicate ? (
    t("sync.conflicts.duplicateTitle")
  ) : link ? (
    <Anchor component={Link} to={link} inherit>
      {row}
    </Anchor>
  ) : (
    row
  );

  return (
    <Paper
      component="article"
      withBorder
      radius="md"
      p="md"
      ref={itemRef}
      tabIndex={-1}
      aria-labelledby={`${headingId} ${fieldId}`}
      className={classes.conflict}
    >
      <Stack gap="sm">
        <div>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Badge variant="light" color="gray" radius="sm" tt="none" fw={500}>
              {tableLabel(t, conflict.table)}
            </Badge>
            <Text size="xs" c="dimmed" title={formatDateTime(i18n.language, conflict.foundAt)}>
              {t("sync.conflicts.foundAt", { when: timeAgo(t, i18n.language, conflict.foundAt, now) })}
            </Text>
          </Group>
          <Title order={2} size="h5" mt={6} id={headingId} className={classes.factValue}>
            {title}
          </Title>
          <Text size="sm" c="dimmed" id={fieldId} mt={2}>
            {duplicate ? t("sync.conflicts.duplicateBody") : t("common.labelValue", { label: t("sync.conflicts.field"), value: field })}
          </Text>
        </div>

        <dl className={classes.values}>
          <Value
            mine
            label={duplicate ? t("sync.conflicts.thisDevice") : t("sync.conflicts.mine")}
            value={isEmpty(conflict.mine) ? null : show(conflict.mine)}
          />
          <Value
            label={duplicate ? t("sync.conflicts.other") : t("sync.conflicts.theirs")}
            value={isEmpty(conflict.theirs) ? null : show(conflict.theirs)}
          />
        </dl>

        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            aria-label={names.theirs}
            loading={pending === "accept_theirs"}
            disabled={pending !== null}
            onClick={() => onResolve("accept_theirs")}
          >
            {duplicate ? t("sync.conflicts.keepOther") : t("sync.conflicts.acceptTheirs")}
          </Button>
          <Button
            aria-label={names.mine}
            loading={pending === "keep_mine"}
            disabled={pending !== null}
            onClick={() => onResolve("keep_mine")}
          >
            {duplicate ? t("sync.conflicts.keepThisDevice") : t("sync.conflicts.keepMine")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation();
  const conflicts = useSyncConflicts();
  const resolve = useResolveConflict();
  const [working, setWorking] = useState<{ id: number | null; resolution: ConflictResolution } | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** After an answer: the position whose conflict should take the focus. */
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const items = useRef(new Map<number, HTMLElement>());
  const noneRef = useRef<HTMLHeadingElement>(null);

  const list = conflicts.data ?? [];

  useEffect(() => {
    if (focusAt === null || !conflicts.isSuccess) return;
    if (list.length === 0) noneRef.current?.focus();
    else items.current.get(Math.min(focusAt, list.length - 1))?.focus();
    setFocusAt(null);
  }, [focusAt, conflicts.isSuccess, list.length]);

  const answer = (conflict: Conflict, index: number, resolution: ConflictResolution) => {
    setError(null);
    setWorking({ id: conflict.id, resolution });
    const duplicate = conflict.kind === "duplicate";
    const row = rowLabel(t, conflict);
    const field = fieldLabel(t, conflict);
    resolve.mutate(
      { id: conflict.id, resolution },
      {
        onSuccess: () => {
          notifications.show({
            color: "teal",
            icon: <IconCheck size={16} aria-hidden />,
            message: duplicate
              ? t("sync.conflicts.policyKept", {
                  name: (resolution === "keep_mine" ? conflict.mine : conflict.theirs) ?? "",
                })
              : resolution === "keep_mine"
                ? t("sync.conflicts.kept", { field, row })
                : t("sync.conflicts.accepted", { field, row }),
          });
          setFocusAt(index);
        },
        onError: setError,
        onSettled: () => setWorking(null),
      },
    );
  };

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Anchor component={Link} to="/sync" size="sm">
          <Group gap={4} component="span" wrap="nowrap">
            <IconArrowLeft size={14} aria-hidden />
            {t("sync.conflicts.back")}
          </Group>
        </Anchor>
        <Title order={1} size="h2" mt="xs">
          {t("sync.conflicts.title")}
        </Title>
        <Text size="sm" c="dimmed" mt={2} maw={720}>
          {t("sync.conflicts.intro")}
        </Text>
      </div>

      {conflicts.isPending && (
        <Center py="xl">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}

      {conflicts.isError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("sync.conflicts.loadFailed")}>
          <Group justify="space-between">
            <Text size="sm">{describeError(t, conflicts.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void conflicts.refetch()}>
              {t("common.retry")}
            </Button>
          </Group>
        </Alert>
      )}

      {error !== null && (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {describeError(t, error)}
        </Alert>
      )}

      {conflicts.isSuccess && list.length === 0 && (
        <Paper withBorder radius="md" p="lg">
          <Group wrap="nowrap" gap="md" align="flex-start">
            <ThemeIcon variant="light" color="teal" size={40} radius="md" aria-hidden>
              <IconCircleCheck size={22} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Title order={2} size="h5" ref={noneRef} tabIndex={-1} className={sectionClasses.heading}>
                {t("sync.conflicts.none")}
              </Title>
              <Text size="sm" c="dimmed" mt={2}>
                {t("sync.conflicts.noneBody")}
              </Text>
            </div>
          </Group>
        </Paper>
      )}

      {list.length > 0 && (
        // role="list": WebKit drops the list role of a <ul> styled without bullets.
        <ul className={classes.list} role="list" aria-label={t("sync.conflicts.listLabel")}>
          {list.map((conflict, index) => (
            <li key={conflict.id ?? `${conflict.table}/${conflict.rowId}/${conflict.field}`}>
              <ConflictItem
                conflict={conflict}
                itemRef={(el) => {
                  if (el) items.current.set(index, el);
                  else items.current.delete(index);
                }}
                pending={working && working.id === conflict.id ? working.resolution : null}
                onResolve={(resolution) => answer(conflict, index, resolution)}
              />
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
