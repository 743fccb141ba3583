/**
 * The built-in queues as tabs, each with its count (kept out of the tab's accessible
 * name, which stays the queue's name; the count is its description).
 */
import { Badge, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId, Queue } from "../ipc/bindings";
import { useCaseCount } from "../ipc/queries";
import { emptyListQuery } from "./listState";
import { QUEUES } from "./model";

function QueueCount({ queue, me, id }: { queue: Queue; me: AgentId | null; id: string }) {
  const { i18n } = useTranslation();
  const count = useCaseCount({ ...emptyListQuery(), queue, me }, queue !== "mine" || me !== null);
  if (count.data === undefined) return null;
  const urgent = queue === "breaching" && count.data > 0;
  return (
    <Badge
      id={id}
      size="xs"
      radius="sm"
      variant={urgent ? "filled" : "light"}
      color={urgent ? "red" : "gray"}
      aria-hidden
    >
      {new Intl.NumberFormat(i18n.language).format(count.data)}
    </Badge>
  );
}

/** The tabs, and `children` as the current queue's panel. */
export function QueueTabs({
  value,
  me,
  onChange,
  children,
}: {
  value: Queue;
  me: AgentId | null;
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
      <Tabs.List aria-label={t("cases.queues.label")}>
        {QUEUES.map((queue) => (
          <Tabs.Tab
            key={queue}
            value={queue}
            rightSection={<QueueCount queue={queue} me={me} id={`queue-count-${queue}`} />}
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
