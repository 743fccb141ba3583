/**
 * Demo data: generates cases, customers and agents in Rust, reporting progress through
 * a Tauri `Channel` (created here so feature code never touches `@tauri-apps/api`).
 * When it ends (done, cancelled or failed) every cached list is refreshed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Channel, invoke } from "@tauri-apps/api/core";
import { useState } from "react";

import { commands, type IpcError, type Language } from "./bindings";
import { unwrap, type Result } from "./result";

export interface DemoProgressValue {
  done: number;
  total: number;
}

export interface DemoSummaryValue {
  cases: number;
  customers: number;
  agents: number;
}

// TODO(bindings): call commands.demoGenerate / commands.demoCancel once they are generated;
// until then the same commands are invoked by name, with the arguments Rust will take.
const demo = {
  demoGenerate: (cases: number, language: Language, onProgress: Channel<DemoProgressValue>) =>
    invoke<DemoSummaryValue>("demo_generate", { cases, language, onProgress }).then(
      (data): Result<DemoSummaryValue, IpcError> => ({ status: "ok", data }),
      (error: unknown): Result<DemoSummaryValue, IpcError> => {
        if (error instanceof Error) throw error;
        return { status: "error", error: error as IpcError };
      },
    ),
  demoCancel: () =>
    invoke<null>("demo_cancel").then(
      (data): Result<null, IpcError> => ({ status: "ok", data }),
      (error: unknown): Result<null, IpcError> => {
        if (error instanceof Error) throw error;
        return { status: "error", error: error as IpcError };
      },
    ),
};
void commands;

export function useDemoGenerate() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<DemoProgressValue | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ cases, language }: { cases: number; language: Language }) => {
      setProgress({ done: 0, total: cases });
      const channel = new Channel<DemoProgressValue>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await demo.demoGenerate(cases, language, channel));
    },
    onSettled: () => client.invalidateQueries(),
  });
  return { ...mutation, progress };
}

/** Asks a running generation to stop; it then ends with what it made so far. */
export async function cancelDemo(): Promise<void> {
  unwrap(await demo.demoCancel());
}
