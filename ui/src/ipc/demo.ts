/**
 * Demo data: generates cases, customers and agents in Rust, reporting progress through
 * a Tauri `Channel` (created here so feature code never touches `@tauri-apps/api`).
 * When it ends (done, cancelled or failed) every cached query is refreshed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import { commands, type DemoProgress, type Language } from "./bindings";
import { unwrap } from "./result";

export function useDemoGenerate() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ cases, language }: { cases: number; language: Language }) => {
      setProgress({ done: 0, total: cases });
      const channel = new Channel<DemoProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.demoGenerate(cases, language, channel));
    },
    onSettled: () => client.invalidateQueries(),
  });
  return { ...mutation, progress };
}

/** Asks a running generation to stop; it then fails with `cancelled`, having kept nothing. */
export async function cancelDemo(): Promise<void> {
  unwrap(await commands.demoCancel());
}
