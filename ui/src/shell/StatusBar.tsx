/**
 * The status bar at the bottom of the window: connectivity, sync state, and where the
 * data lives (database path, schema version, app version). Two live regions: the
 * connectivity indicator (going offline is announced) and the sync part's own, which
 * says only when a sync starts, ends, fails or brings conflicts (see SyncIndicator), or
 * when a database another program held busy opens.
 */
import { Box, Group, Text, Tooltip } from "@mantine/core";
import { IconDatabase, IconWifi, IconWifiOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { ipcErrorOf } from "../ipc/errors";
import { useAppInfo } from "../ipc/queries";
import classes from "./StatusBar.module.css";
import { SyncIndicator } from "./SyncIndicator";
import { useOnline } from "./useOnline";

export function StatusBar() {
  const { t } = useTranslation();
  const online = useOnline();
  const appInfo = useAppInfo();

  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap" className={classes.bar}>
      <Group gap={6} wrap="nowrap" role="status" className={classes.item}>
        <Box
          component="span"
          aria-hidden
          className={classes.dot}
          data-online={online || undefined}
        />
        {online ? <IconWifi size={14} aria-hidden /> : <IconWifiOff size={14} aria-hidden />}
        <span>{online ? t("status.online") : t("status.offline")}</span>
      </Group>

      <SyncIndicator />

      <Box className={classes.spacer} />

      {appInfo.isSuccess ? (
        <>
          <Tooltip label={appInfo.data.dbPath} openDelay={400} withinPortal>
            <Group gap={6} wrap="nowrap" className={classes.path}>
              <IconDatabase size={14} aria-hidden style={{ flexShrink: 0 }} />
              <Text span inherit truncate>
                {t("status.database", { path: appInfo.data.dbPath })}
              </Text>
            </Group>
          </Tooltip>
          <span className={classes.item}>
            {t("status.schema", { version: appInfo.data.schemaVersion })}
          </span>
          <span className={classes.item}>
            {t("status.version", { version: appInfo.data.version })}
          </span>
        </>
      ) : (
        <span className={classes.item}>
          {/* A busy database is waited for (the sync part says so), not unavailable. */}
          {appInfo.isError && ipcErrorOf(appInfo.error)?.code !== "busy"
            ? t("status.appInfoUnavailable")
            : t("app.loading")}
        </span>
      )}
    </Group>
  );
}
