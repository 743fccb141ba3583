/**
 * A record's status, or a compliance state, as a badge: an icon and words, and a colour
 * that only repeats them.
 */
import { Badge } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconClockExclamation,
  IconHourglass,
  IconShieldCheck,
  type Icon,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { ComplianceState, RecordStatus } from "../ipc/bindings";
import { COMPLIANCE_COLOR, STATUS_COLOR } from "./model";

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

export const COMPLIANCE_ICON: Record<ComplianceState, Icon> = {
  compliant: IconCircleCheck,
  expiring: IconClockExclamation,
  expired: IconAlertTriangle,
  due: IconHourglass,
  missing: IconCircleDashed,
  exempt: IconShieldCheck,
};

export function ComplianceBadge({ state }: { state: ComplianceState }) {
  const { t } = useTranslation();
  const StateIcon = COMPLIANCE_ICON[state];
  return (
    <Badge variant="light" color={COMPLIANCE_COLOR[state]} tt="none" leftSection={<StateIcon size={14} aria-hidden />}>
      {t(`training.compliance.state.${state}`)}
    </Badge>
  );
}
