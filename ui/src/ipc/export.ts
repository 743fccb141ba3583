/**
 * Exports to files: Rust opens the save dialog (the window never names a path), writes
 * the file on a worker and reports progress through a `Channel` (created here so feature
 * code never touches `@tauri-apps/api`). A closed dialog resolves to `null`.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import {
  commands,
  type CaseQuery,
  type DashboardRequest,
  type JsonImportProgress,
  type Progress,
  type TeamId,
} from "./bindings";
import { unwrap } from "./result";

/** Every case of `query`'s list (its paging ignored) to a CSV file, with progress. */
export function useExportCasesCsv() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ query, fileName }: { query: CaseQuery; fileName: string }) => {
      const channel = new Channel<Progress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.exportCasesCsv(query, fileName, channel));
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

/** The dashboard's KPIs for `request` to a CSV file. */
export function useExportKpiCsv() {
  return useMutation({
    mutationFn: async ({ request, fileName }: { request: DashboardRequest; fileName: string }) =>
      unwrap(await commands.exportKpiCsv(request, fileName)),
  });
}

/** The training compliance matrix of a team (or everyone) as it stands today to a CSV file. */
export function useExportComplianceCsv() {
  return useMutation({
    mutationFn: async ({ teamId, fileName }: { teamId: TeamId | null; fileName: string }) =>
      unwrap(await commands.exportComplianceCsv(teamId, fileName)),
  });
}

/** Stops a running export; it then fails with `cancelled`, leaving no file behind. */
export async function cancelExport(): Promise<void> {
  unwrap(await commands.exportCancel());
}

/** Everything the database syncs to a JSON file (canonical export), with progress. */
export function useExportJson() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ fileName }: { fileName: string }) => {
      const channel = new Channel<Progress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.dataExportJson(fileName, channel));
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

/**
 * An export read back into this (empty) database, with progress; all or nothing. When it
 * ends (done, cancelled or refused) every cached query is refreshed.
 */
export function useImportJson() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<JsonImportProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      const channel = new Channel<JsonImportProgress>();
      channel.onmessage = (p) => setProgress(p);
      return unwrap(await commands.dataImportJson(channel));
    },
    onSettled: () => {
      setProgress(null);
      return client.invalidateQueries();
    },
  });
  return { ...mutation, progress };
}
