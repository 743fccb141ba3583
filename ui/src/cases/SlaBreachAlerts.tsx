/**
 * Says so when an SLA target falls due (Rust's breach watcher reports it): a notice in
 * the window with a way to the case or the Breaching queue, and a desktop notification
 * when Frontline is not in front.
 */
import { Button, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { notifyDesktop, useSlaBreaches } from "../ipc/queries";

export function SlaBreachAlerts() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  useSlaBreaches((cases) => {
    const first = cases[0];
    if (!first) return;
    const one = cases.length === 1;
    const title = t("cases.breach.title");
    const body = one ? `${first.reference} · ${first.title}` : t("cases.breach.many", { count: cases.length });
    const id = notifications.show({
      color: "red",
      icon: <IconAlertTriangle size={16} aria-hidden />,
      title,
      autoClose: 20_000,
      message: (
        <>
          <Text size="sm" lineClamp={2}>
            {body}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            mt={6}
            onClick={() => {
              notifications.hide(id);
              void navigate(one ? `/cases/${first.id}` : "/cases?queue=breaching");
            }}
          >
            {one ? t("cases.breach.open") : t("cases.breach.showQueue")}
          </Button>
        </>
      ),
    });
    if (!document.hasFocus()) void notifyDesktop(title, body);
  });

  return null;
}
