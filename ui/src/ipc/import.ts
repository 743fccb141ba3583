/**
 * CSV import: the file is chosen in the system's open dialog, opened and read by Rust
 * (the webview gets its name and contents' summary, never a path); the dry run and the
 * import run there too, the import reporting progress through a Tauri `Channel`. When an
 * import ends (done, cancelled or failed) every cached query is refreshed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import {
  commands,
  type ChosenFile,
  type DryRun,
  type FileEncoding,
  type ImportOptions,
  type ImportProgress,
} from "./bindings";
import { unwrap } from "./result";

/** Opens the open dialog; `null` when the user closed it without choosing. */
export async function chooseImportFile(): Promise<ChosenFile | null> {
  return unwrap(await commands.importChooseFile());
}

/** Reads the chosen file again in another encoding. */
export async function inspectImportFile(encoding: FileEncoding): Promise<ChosenFile> {
  return unwrap(await commands.importInspect(encoding));
}

/** Checks every row of the chosen file; writes nothing. */
export async function dryRunImport(options: ImportOptions): Promise<DryRun> {
  return unwrap(await commands.importDryRun(options));
}

export function useImportRun() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async (options: ImportOptions) => {
      setProgress(null);
      const channel = new Channel<ImportProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.importRun(options, channel));
    },
    onSettled: () => client.invalidateQueries(),
  });
  return { ...mutation, progress };
}

/** Asks a running import to stop; it then fails with `cancelled`, having kept nothing. */
export async function cancelImport(): Promise<void> {
  unwrap(await commands.importCancel());
}
