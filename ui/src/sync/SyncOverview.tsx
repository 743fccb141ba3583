/**
 * The signed-in Sync page: how sync is doing (last synced, changes waiting, a running
 * sync's progress with Cancel, the last error in words with what to do, changes kept
 * aside for a newer Frontline) with Sync now; and the account and device, with Sign out
 * (after a confirmation that the data stays and a later sign-in sends it all again).
 */
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconAlertTriangle,
  IconCheck,
  IconInfoCircle,
  IconLogout,
  IconPlayerStopFilled,
  IconRefresh,
  IconWifiOff,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";

import { formatDateTime, useNow } from "../cases/time";
import type { SyncState, SyncStatus } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCancelSync, useSignOut, useSyncNow } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { Section } from "../shell/Section";
import { roleLabel, syncErrorKind, syncErrorMessage, timeAgo } from "./format";
import classes from "./Sync.module.css";

function Fact({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className={classes.fact}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={500} className={classes.factValue}>
        {children}
      </Text>
      {hint && (
        <Text component="dd" size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}

function LastSynced({ at }: { at: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (!at) return <>{t("sync.status.never")}</>;
  return (
    <Tooltip label={formatDateTime(i18n.language, at)} openDelay={400}>
      <time dateTime={at}>{timeAgo(t, i18n.language, at, now)}</time>
    </Tooltip>
  );
}

/** What a running sync is doing, in words (never the counts). */
function phaseText(t: TFunction, progress: SyncState["progress"]): string {
  if (!progress) return t("sync.status.starting");
  return progress.phase === "sending" ? t("sync.status.phaseSending") : t("sync.status.phaseReceiving");
}

/** What a running sync is doing; the counts come with its progress events. */
function Progress({ progress }: { progress: SyncState["progress"] }) {
  const { t } = useTranslation();
  const phase = phaseText(t, progress);
  return (
    <Group gap="sm" wrap="nowrap" className={classes.progress}>
      {/* No value: how much is left is not known until the server has sent it all. */}
      <Loader size="sm" role="progressbar" aria-label={t("sync.status.progressLabel")} aria-valuetext={phase} />
      <div>
        <Text size="sm" fw={500}>
          {phase}
        </Text>
        {progress && (
          <Text size="xs" c="dimmed">
            {t("sync.status.counts", { received: progress.received, sent: progress.sent })}
          </Text>
        )}
      </div>
    </Group>
  );
}

function LastError({ code }: { code: string }) {
  const { t } = useTranslation();
  const kind = syncErrorKind(code);
  const look = {
    offline: { color: "orange", title: t("sync.status.offlineTitle"), icon: <IconWifiOff size={18} aria-hidden /> },
    cancelled: { color: "gray", title: t("sync.status.cancelledTitle"), icon: <IconInfoCircle size={18} aria-hidden /> },
    error: { color: "red", title: t("sync.status.errorTitle"), icon: <IconAlertTriangle size={18} aria-hidden /> },
  }[kind];
  return (
    <Alert color={look.color} variant="light" icon={look.icon} title={look.title}>
      {syncErrorMessage(t, code)}
    </Alert>
  );
}

function SignOutDialog({
  status,
  onClose,
  onSignedOut,
}: {
  status: SyncStatus;
  onClose: () => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <ConfirmDialog
      title={t("sync.signOut.title", { workspace: status.workspace ?? "" })}
      confirmLabel={t("sync.signOut.button")}
      confirmIcon={<IconLogout size={16} aria-hidden />}
      pending={signOut.isPending}
      error={signOut.error}
      onClose={onClose}
      // mutateAsync: signing out unmounts this dialog (mutate's callbacks would be dropped).
      onConfirm={() =>
        void signOut.mutateAsync().then(
          () => {
            notifications.show({
              color: "teal",
              icon: <IconCheck size={16} aria-hidden />,
              message: t("sync.signOut.done"),
            });
            onSignedOut();
          },
          () => undefined, // Shown in the dialog (signOut.error).
        )
      }
    >
      <Text size="sm">{t("sync.signOut.body")}</Text>
      {(status.pending ?? 0) > 0 && (
        <Text size="sm" fw={500}>
          {t("sync.signOut.pending", { count: status.pending ?? 0 })}
        </Text>
      )}
    </ConfirmDialog>
  );
}

export function SyncOverview({
  state,
  headingRef,
  onSignedOut,
}: {
  state: SyncState;
  headingRef?: Ref<HTMLHeadingElement>;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const { status, running, progress } = state;
  const syncNow = useSyncNow();
  const cancel = useCancelSync();
  const [signingOut, setSigningOut] = useState(false);
  const busy = running || syncNow.isPending;

  const actions = (
    <Group gap="xs" wrap="nowrap">
      {running && (
        <Button
          variant="default"
          leftSection={<IconPlayerStopFilled size={14} aria-hidden />}
          loading={cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          {t("sync.status.cancel")}
        </Button>
      )}
      {/* aria-disabled rather than disabled while running: a pressed button keeps the focus. */}
      <Button
        leftSection={<IconRefresh size={16} aria-hidden />}
        aria-disabled={busy || undefined}
        data-disabled={busy || undefined}
        onClick={() => {
          if (!busy) syncNow.mutate();
        }}
      >
        {t("sync.status.syncNow")}
      </Button>
    </Group>
  );

  const failure = syncNow.error ?? cancel.error;

  return (
    <>
      <Section
        title={t("sync.status.heading")}
        description={t("sync.status.background")}
        action={actions}
        headingRef={headingRef}
      >
        <Stack gap="md">
          <SimpleGrid component="dl" cols={2} spacing="md" verticalSpacing="sm" className={classes.facts}>
            <Fact label={t("sync.status.lastSynced")}>
              <LastSynced at={status.lastSyncAt} />
            </Fact>
            <Fact label={t("sync.status.waiting")}>{t("sync.status.waitingCount", { count: status.pending ?? 0 })}</Fact>
          </SimpleGrid>
          {running && <Progress progress={progress} />}
          {/* Always present, so a screen reader hears each phase as it starts (the counts
              tick too fast to be spoken); the status bar says when a sync ends. */}
          <div role="status" aria-live="polite" className="visually-hidden">
            {running ? phaseText(t, progress) : ""}
          </div>
          {!running && status.lastErrorCode && <LastError code={status.lastErrorCode} />}
          {failure !== null && (
            <Text size="sm" c="red" role="alert">
              {describeError(t, failure)}
            </Text>
          )}
          {(status.parked ?? 0) > 0 && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t("sync.status.parked", { count: status.parked ?? 0 })}
            </Alert>
          )}
        </Stack>
      </Section>

      <Section
        title={t("sync.overview.heading")}
        action={
          <Button variant="default" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => setSigningOut(true)}>
            {t("sync.signOut.button")}
          </Button>
        }
      >
        <SimpleGrid component="dl" cols={2} spacing="md" verticalSpacing="sm" className={classes.facts}>
          <Fact label={t("sync.overview.workspace")}>{status.workspace}</Fact>
          <Fact label={t("sync.overview.user")}>{status.user}</Fact>
          <Fact label={t("sync.overview.role")}>{status.role ? roleLabel(t, status.role) : t("common.none")}</Fact>
          <Fact label={t("sync.overview.device")} hint={t("sync.overview.deviceHint")}>
            <span className={classes.code}>{status.deviceCode}</span>
          </Fact>
          <Fact label={t("sync.overview.server")}>
            <span className={classes.server}>{status.server}</span>
          </Fact>
        </SimpleGrid>
      </Section>

      {signingOut && (
        <SignOutDialog
          status={status}
          onClose={() => setSigningOut(false)}
          onSignedOut={() => {
            setSigningOut(false);
            onSignedOut();
          }}
        />
      )}
    </>
  );
}
