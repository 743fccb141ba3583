/** A record's status as a badge: an icon and words, and a colour that only repeats them. */
import { Badge } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconClockExclamation, type Icon } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { RecordStatus } from "../ipc/bindings";
import { STATUS_COLOR } from "./model";

const ICON: Record<RecordStatus, Icon> = {
  valid: IconCircleCheck,
  expiring: IconClockExclamation,
  expired: IconAlertTriangle,
  failed: IconCircleX,
};

export function StatusBadge({ status }: { status: RecordStatus }) {
  const { t } = useTranslation();
  const StatusIcon = ICON[status];
  return (
    <Badge
      variant="light"
      color={STATUS_COLOR[status]}
      tt="none"
      leftSection={<StatusIcon size={14} aria-hidden />}
    >
      {t(`training.status.${status}`)}
    </Badge>
  );
}
