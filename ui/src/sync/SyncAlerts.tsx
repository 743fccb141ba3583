/**
 * Follows the background sync for the whole window (mounted once, in the frame): every
 * view refreshes when pulled data arrives, and a sync that replaced edits of this
 * device's says so, with a way to the conflicts — in the window, and on the desktop
 * when Frontline is not in front.
 */
import { Button, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowsExchange } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { notifyDesktop, useSyncEvents } from "../ipc/queries";

export function SyncAlerts() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  useSyncEvents((finished) => {
    if (finished.conflicts === 0) return;
    const title = t("sync.conflicts.noticeTitle");
    const body = t("sync.conflicts.notice", { count: finished.conflicts });
    const id = notifications.show({
      color: "orange",
      icon: <IconArrowsExchange size={16} aria-hidden />,
      title,
      autoClose: 20_000,
      message: (
        <>
          <Text size="sm">{body}</Text>
          <Button
            size="compact-xs"
            variant="light"
            color="orange"
            mt={6}
            onClick={() => {
              notifications.hide(id);
              void navigate("/sync/conflicts");
            }}
          >
            {t("sync.conflicts.review")}
          </Button>
        </>
      ),
    });
    if (!document.hasFocus()) void notifyDesktop(title, body);
  });

  return null;
}
