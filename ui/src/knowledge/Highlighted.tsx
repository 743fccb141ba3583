/** Text from Rust's search with the searched-for pieces marked: segments, never HTML. */
import { Mark } from "@mantine/core";

import type { Segment } from "../ipc/bindings";

export function Highlighted({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          // Mark's default colour follows the theme's light and dark schemes.
          <Mark key={i}>{s.text}</Mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
