/** The service reports, made by Rust from the local data on every request. */
import { useQuery } from "@tanstack/react-query";

import { commands, type ReportKind } from "./bindings";
import { caseKeys } from "./cases";
import { unwrap } from "./result";

export const reportKeys = {
  service: (kind: ReportKind) => [...caseKeys.all, "report", kind] as const,
};

/** The weekly or monthly service report (refreshed with the cases). */
export function useServiceReport(kind: ReportKind) {
  return useQuery({
    queryKey: reportKeys.service(kind),
    queryFn: async () => unwrap(await commands.reportService(kind)),
  });
}
