/**
 * The built-in queues as tabs, each with its count (kept out of the tab's accessible
 * name, which stays the queue's name; the count is its description). The counts come in
 * one call after the list's first rows; until then each tab holds a placeholder of the
 * badge's size (no shift when the numbers arrive) described as "Counting…".
 */
import { Badge, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId, Queue, QueueCounts } from "../ipc/bindings";
import classes from "./QueueTabs.module.css";
import { QUEUES } from "./model";

/** The count of `queue` in `counts`; undefined while unknown ("My cases" without a me). */
export function countOf(counts: QueueCounts, queue: Queue): number | undefined {
  switch (queue) {
    case "all":
      return counts.all;
    case "mine":
      return counts.mine ?? undefined;
    case "unassigned":
      return counts.unassigned;
    case "breaching":
      return counts.breaching;
    case "escalated":
      return counts.escalated;
    case "vip":
      return counts.vip;
    case "awaiting_callback":
      return counts.awaitingCallback;
  }
}

function QueueCount({
  queue,
  counts,
  me,
  id,
}: {
  queue: Queue;
  counts: QueueCounts | undefined;
  me: AgentId | null;
  id: string;
}) {
  const { t, i18n } = useTranslation();
  // "My cases" has no count until the user says who they are.
  if (queue === "mine" && me === null) return null;
  if (counts === undefined) {
    return (
      <Badge id={id} size="xs" radius="sm" variant="light" color="gray" className={classes.count} data-loading aria-hidden>
        <span className="visually-hidden">{t("cases.queues.counting")}</span>
      </Badge>
    );
  }
  const count = countOf(counts, queue);
  if (count === undefined) return null;
  const urgent = queue === "breaching" && count > 0;
  return (
    <Badge
      id={id}
      size="xs"
      radius="sm"
      variant={urgent ? "filled" : "light"}
      color={urgent ? "red" : "gray"}
      className={classes.count}
      aria-hidden
    >
      {new Intl.NumberFormat(i18n.language).format(count)}
    </Badge>
  );
}

/** The tabs, and `children` as the current queue's panel. */
export function QueueTabs({
  value,
  counts,
  me,
  onChange,
  children,
}: {
  value: Queue;
  me: AgentId | null;
  /** Every queue's count; undefined while they load. */
  counts: QueueCounts | undefined;
  onChange: (queue: Queue) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Tabs
      value={value}
      onChange={(v) => {
        const queue = QUEUES.find((q) => q === v);
        if (queue) onChange(queue);
      }}
      variant="default"
      activateTabWithKeyboard
      keepMounted={false}
      styles={{ tab: { padding: "8px 12px", fontSize: "var(--mantine-font-size-sm)" }, tabSection: { marginInlineStart: 6 } }}
      style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}
    >
      <Tabs.List aria-label={t("cases.queues.label")} aria-busy={counts === undefined || undefined}>
        {QUEUES.map((queue) => (
          <Tabs.Tab
            key={queue}
            value={queue}
            rightSection={<QueueCount queue={queue} counts={counts} me={me} id={`queue-count-${queue}`} />}
            aria-describedby={`queue-count-${queue}`}
          >
            {t(`cases.queues.${queue}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={value} pt="sm" style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
        {children}
      </Tabs.Panel>
    </Tabs>
  );
}
