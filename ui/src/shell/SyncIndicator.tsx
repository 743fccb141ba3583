/**
 * The status bar's sync part: "Sync off" (not signed in), "Synced 2 minutes ago",
 * "Syncing… 340 received", "Offline — will retry" or "Sync error", each a link to the
 * Sync page; then "N waiting" and an "N conflicts" badge that opens the conflicts.
 * While another program holds the database busy at start-up, "Waiting for the
 * database…" instead; the DatabaseReady event (AppLayout) reloads every query, and with
 * it this one, the moment it opens.
 *
 * What it shows is not a live region (the relative time and the progress change all
 * the time); a hidden polite one says only the moments that matter — a sync started,
 * finished, failed, or brought conflicts — and is emptied again soon after, so nothing
 * stale lingers for a screen reader to find.
 */
import { Badge, Group, Tooltip } from "@mantine/core";
import {
  IconAlertTriangle,
  IconHourglass,
  IconCloudCheck,
  IconCloud,
  IconCloudOff,
  IconPlayerPause,
  IconRefresh,
  type Icon,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useNow } from "../cases/time";
import type { SyncState } from "../ipc/bindings";
import { ipcErrorOf } from "../ipc/errors";
import { useSyncState } from "../ipc/queries";
import { syncErrorKind, timeAgo } from "../sync/format";
import classes from "./StatusBar.module.css";

type Kind = "off" | "syncing" | "synced" | "never" | "offline" | "cancelled" | "error" | "busy";

/** How long an announcement stays in the live region. */
const ANNOUNCEMENT_MS = 10_000;

function kindOf(state: SyncState): Kind {
  const { status, running } = state;
  if (!status.signedIn) return "off";
  if (running) return "syncing";
  if (status.lastErrorCode) return syncErrorKind(status.lastErrorCode);
  return status.lastSyncAt ? "synced" : "never";
}

const ICONS: Record<Kind, Icon> = {
  off: IconCloudOff,
  syncing: IconRefresh,
  synced: IconCloudCheck,
  never: IconCloud,
  offline: IconCloudOff,
  cancelled: IconPlayerPause,
  error: IconAlertTriangle,
  busy: IconHourglass,
};

function label(t: TFunction, language: string, kind: Kind, state: SyncState, now: number): string {
  switch (kind) {
    case "off":
      return t("status.syncOff");
    case "syncing": {
      const p = state.progress;
      if (p?.phase === "sending") return t("status.syncingSent", { count: p.sent });
      if (p && p.received > 0) return t("status.syncingReceived", { count: p.received });
      return t("status.syncing");
    }
    case "synced":
      return t("status.synced", { when: timeAgo(t, language, state.status.lastSyncAt ?? "", now) });
    case "never":
      return t("status.notSyncedYet");
    case "offline":
      return t("status.syncOffline");
    case "cancelled":
      return t("status.syncCancelled");
    case "error":
      return t("status.syncError");
    case "busy":
      return t("status.databaseWaiting");
  }
}

/** What is said when the state becomes `kind` (never the ticking counts or times). */
function announcement(t: TFunction, kind: Kind): string {
  switch (kind) {
    case "syncing":
      return t("status.syncing");
    case "synced":
      return t("status.synced", { when: t("sync.justNow") });
    case "offline":
      return t("status.syncOffline");
    case "cancelled":
      return t("status.syncCancelled");
    case "error":
      return t("status.syncError");
    case "busy":
      return t("status.databaseWaiting");
    case "off":
    case "never":
      return "";
  }
}

/** The polite announcement: set when the kind or the number of conflicts changes. */
function useAnnouncement(kind: Kind | null, conflicts: number): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const previous = useRef<{ kind: Kind; conflicts: number } | null>(null);

  useEffect(() => {
    if (kind === null) return;
    const before = previous.current;
    previous.current = { kind, conflicts };
    // The state as the window opens is shown, not announced.
    if (!before) return;
    const parts: string[] = [];
    if (before.kind === "busy" && kind !== "busy") parts.push(t("status.databaseReady"));
    if (before.kind !== kind) parts.push(announcement(t, kind));
    if (conflicts > before.conflicts) parts.push(t("status.conflicts", { count: conflicts }));
    const text = parts.filter(Boolean).join(". ");
    if (!text) return;
    setMessage(text);
    const timer = setTimeout(() => setMessage(""), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [kind, conflicts, t]);

  return message;
}

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const state = useSyncState();
  const now = useNow();
  // A busy database answers every command with `busy` until it opens; a later refetch
  // that works replaces the error (and keeps the data of an earlier one otherwise).
  const busy = state.isError && ipcErrorOf(state.error)?.code === "busy";
  const data = state.data;
  const kind: Kind | null = busy ? "busy" : data ? kindOf(data) : null;
  const message = useAnnouncement(kind, data?.status.conflicts ?? 0);

  const live = (
    <span role="status" className="visually-hidden">
      {message}
    </span>
  );
  if (kind === "busy") {
    return (
      <Group gap={10} wrap="nowrap" className={classes.item}>
        <Tooltip label={t("status.databaseWaitingHint")} openDelay={400} multiline w={320}>
          <span className={classes.busy} data-kind="busy">
            <IconHourglass size={14} aria-hidden />
            <span>{t("status.databaseWaiting")}</span>
          </span>
        </Tooltip>
        {live}
      </Group>
    );
  }
  if (!data || !kind) return <Group className={classes.item}>{live}</Group>;

  const { status } = data;
  // f64 counts arrive as `number | null` in the bindings (NaN would be null); never null here.
  const pending = status.pending ?? 0;
  const conflicts = status.conflicts ?? 0;
  const StateIcon = ICONS[kind];
  const text = label(t, i18n.language, kind, data, now);
  const link = (
    <Link to="/sync" className={classes.syncLink} data-kind={kind}>
      <StateIcon size={14} aria-hidden className={kind === "syncing" ? classes.spin : undefined} />
      <span>{text}</span>
    </Link>
  );

  return (
    <Group gap={10} wrap="nowrap" className={classes.item}>
      {kind === "off" ? (
        <Tooltip label={t("status.syncOffHint")} openDelay={400}>
          {link}
        </Tooltip>
      ) : (
        link
      )}
      {status.signedIn && pending > 0 && (
        <span className={classes.waiting}>{t("status.waiting", { count: pending })}</span>
      )}
      {conflicts > 0 && (
        <Badge
          component={Link}
          to="/sync/conflicts"
          size="sm"
          radius="sm"
          color="orange"
          variant="filled"
          tt="none"
          className={classes.conflicts}
        >
          {t("status.conflicts", { count: conflicts })}
        </Badge>
      )}
      {live}
    </Group>
  );
}
