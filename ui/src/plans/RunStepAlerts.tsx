/**
 * Says so when a required step of an active run passes its target (Rust's step watcher
 * reports each once): a notice in the window with a way to the run, and a desktop
 * notification when Frontline is not in front — as SLA breaches are announced.
 */
import { Button, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlarm } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { notifyDesktop, useRunStepsOverdue } from "../ipc/queries";

export function RunStepAlerts() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  useRunStepsOverdue((steps) => {
    const first = steps[0];
    if (!first) return;
    const oneRun = steps.every((s) => s.runId === first.runId);
    const title = t("plans.overdue.title", { kind: t(`plans.kind.${first.runKind}`), plan: first.title });
    const body = steps.length === 1 ? first.stepText : t("plans.overdue.many", { count: steps.length });
    const id = notifications.show({
      color: "red",
      icon: <IconAlarm size={16} aria-hidden />,
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
              void navigate(oneRun ? `/plans/runs/${first.runId}` : "/plans");
            }}
          >
            {oneRun ? t("plans.overdue.openRun") : t("plans.overdue.showPlans")}
          </Button>
        </>
      ),
    });
    if (!document.hasFocus()) void notifyDesktop(title, body);
  });

  return null;
}
