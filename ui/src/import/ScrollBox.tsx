/**
 * A scroll box for a table that keyboard users can scroll too: its viewport is in the Tab
 * order (with Mantine's focus ring) and named, so the arrow keys scroll a table that holds
 * nothing focusable of its own (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
import { ScrollArea } from "@mantine/core";
import type { ReactNode } from "react";

export function ScrollBox({ label, mah, children }: { label: string; mah: number; children: ReactNode }) {
  return (
    <ScrollArea.Autosize
      mah={mah}
      type="auto"
      viewportProps={{ tabIndex: 0, role: "region", "aria-label": label, className: "mantine-focus-auto" }}
    >
      {children}
    </ScrollArea.Autosize>
  );
}
