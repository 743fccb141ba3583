/**
 * The import's fields and values as the wizard lists them: every field a column can fill
 * (required ones first), and the statuses, priorities and channels a file's values map to.
 */
import type { CaseChannel, CaseStatus, DateOrder, Field, FileEncoding, ImportMapping, Priority } from "../ipc/bindings";

export const FIELDS: readonly Field[] = [
  "title",
  "createdAt",
  "externalId",
  "description",
  "status",
  "priority",
  "channel",
  "category",
  "tags",
  "updatedAt",
  "firstResponseAt",
  "firstResponseMinutes",
  "resolvedAt",
  "closedAt",
  "rootCause",
  "resolutionSummary",
  "customerName",
  "customerEmail",
  "customerPhone",
  "customerCompany",
  "assignee",
  "team",
];

/** Fields the file must have a column for (as Rust requires). */
export const REQUIRED: readonly Field[] = ["title", "createdAt"];

export const ENCODINGS: readonly FileEncoding[] = ["utf8", "gb18030", "big5"];
export const DATE_ORDERS: readonly DateOrder[] = ["unknown", "day_first", "month_first"];
export const STATUSES: readonly CaseStatus[] = ["new", "open", "pending_customer", "pending_internal", "resolved", "closed"];
export const PRIORITIES: readonly Priority[] = ["p1", "p2", "p3", "p4"];
export const CHANNELS: readonly CaseChannel[] = ["phone", "email", "chat", "social", "walk_in"];

/** How Rust looks a file's value up in a value map: trimmed, lower-case. */
export function valueKey(value: string): string {
  return value.trim().toLowerCase();
}

/** `mapping` with the file's `value` of `field` mapped to `to` (or unmapped). */
export function mapValue(mapping: ImportMapping, field: Field, value: string, to: string | null): ImportMapping {
  const key = valueKey(value);
  const set = <T extends string>(map: Partial<Record<string, T>> | undefined): Record<string, T> => {
    const next = { ...map } as Record<string, T>;
    if (to === null) delete next[key];
    else next[key] = to as T;
    return next;
  };
  switch (field) {
    case "status":
      return { ...mapping, statuses: set(mapping.statuses) };
    case "priority":
      return { ...mapping, priorities: set(mapping.priorities) };
    default:
      return { ...mapping, channels: set(mapping.channels) };
  }
}

/** `mapping` with `field` read from `header` (or not imported). */
export function mapColumn(mapping: ImportMapping, field: Field, header: string | null): ImportMapping {
  const columns = { ...mapping.columns };
  if (header === null) delete columns[field];
  else columns[field] = header;
  return { ...mapping, columns };
}
