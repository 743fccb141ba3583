/** The service reports, made by Rust from the local data on every request. */
import { useMutation, useQuery } from "@tanstack/react-query";

import { commands, type ReportRequest } from "./bindings";
import { caseKeys } from "./cases";
import { unwrap } from "./result";

export const reportKeys = {
  service: (request: ReportRequest) => [...caseKeys.all, "report", request.kind, request.of] as const,
};

/** The weekly or monthly service report (refreshed with the cases). */
export function useServiceReport(request: ReportRequest) {
  return useQuery({
    queryKey: reportKeys.service(request),
    queryFn: async () => unwrap(await commands.reportService(request)),
  });
}

/**
 * The report as a PDF: Rust opens the save dialog (offering `service-report-<period>.pdf`)
 * and writes the file on a worker. Resolves to the path written, or `null` when the
 * dialog was closed.
 */
export function useSaveReportPdf() {
  return useMutation({
    mutationFn: async (request: ReportRequest) => unwrap(await commands.reportSavePdf(request)),
  });
}
