/**
 * Coaching follow-ups that are due (or overdue) and not yet held, on the roster page:
 * one line per agent, linked to their page. Nothing shows while none is due.
 */
import { Alert, Anchor, List } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useFollowUpsDue } from "../ipc/queries";

export function FollowUpsDue() {
  const { t } = useTranslation();
  const due = useFollowUpsDue();
  if (!due.data || due.data.length === 0) return null;
  return (
    <Alert variant="light" color="orange" icon={<IconMessages size={18} aria-hidden />} title={t("coaching.dueTitle", { count: due.data.length })}>
      <List size="sm" spacing={2}>
        {due.data.map((n) => (
          <List.Item key={n.id}>
            <Anchor component={Link} to={`/training/people/${n.agentId}`} size="sm">
              {n.agentName}
            </Anchor>{" "}
            {t("coaching.dueLine", { day: n.followUpOn, held: n.heldOn })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
