/**
 * Turns IPC failures into messages for people. Only the structured parts of an
 * `IpcError` are used (`code`, `field`, `rule`, `limit`); its `message` is for logs and
 * is never shown or matched, so every message exists in every language.
 */
import type { TFunction } from "i18next";

import type { ErrorCode, IpcError, ValidationRule } from "./bindings";
import { IpcFailure } from "./result";

const CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "invalid_transition",
  "database_unavailable",
  "storage",
  "busy",
  "cancelled",
  "clock_ahead",
  "demo_data",
  "other_workspace",
  "not_signed_in",
  "demo_while_signed_in",
  "network",
  "unauthorized",
  "forbidden",
  "rate_limited",
  "update_required",
  "protocol",
  "server",
  "not_empty",
  "import_invalid",
  "file",
  "import_not_empty",
  "not_an_export",
  "export_too_new",
  "no_report_font",
  "internal",
];

const RULES: readonly ValidationRule[] = [
  "required",
  "too_long",
  "too_many",
  "too_early",
  "too_late",
  "invalid_time_zone",
  "invalid_time",
  "end_before_start",
  "invalid_value",
  "duplicate",
  "overlap",
  "before_hire",
  "before_conversation",
  "no_steps",
  "not_published",
  "run_closed",
  "run_not_closed",
  "before_run_start",
  "over_capacity",
  "agent_left",
  "recorded",
  "article_not_published",
  "invalid_email",
  "invalid_backup",
  "unknown_placeholder",
  "image_too_large",
  "image_type",
  "out_of_range",
  "attachment_too_large",
  "attachment_type",
];

/** Fields the UI has a label for (`fields.*` in the locale files). */
export const KNOWN_FIELDS = [
  // Settings
  "organisationName",
  "timeZone",
  "workingHours",
  "language",
  "theme",
  // Cases
  "title",
  "description",
  "customerId",
  "channel",
  "category",
  "priority",
  "text",
  "department",
  "reason",
  "level",
  "rootCause",
  "resolutionSummary",
  "summary",
  "handleSeconds",
  "outcome",
  "comment",
  "csat",
  "nps",
  "tags",
  "dueAt",
  "limit",
  "me",
  "createdFrom",
  "createdTo",
  "ids",
  "changed",
  "statuses",
  "priorities",
  "channels",
  "categories",
  "assignees",
  "customerIds",
  "tag",
  "query",
  "cases",
  "teams",
  "tiers",
  "resolvedFrom",
  "resolvedTo",
  "callbackDueFrom",
  "callbackDueTo",
  // Dashboard
  "from",
  "to",
  "period",
  // Service report: a day of the week or month asked for
  "of",
  // Customers
  "name",
  "company",
  "email",
  "phone",
  "notes",
  "tier",
  // Service levels
  "firstResponseMinutes",
  "resolutionMinutes",
  "businessHours",
  "date",
  // Sync: signing in, and the other fields a conflict can name
  "server",
  "workspace",
  "password",
  "deviceName",
  "ref",
  "assigneeId",
  "teamId",
  "role",
  "caseId",
  "createdAt",
  "deletedAt",
  // Import
  "file",
  // Import (a mapping's source name) and customer voice (a feedback entry's source)
  "source",
  // Customer voice
  "journeyStageId",
  "journeyStages",
  "rootCauses",
  "receivedOn",
  "sentiment",
  "themes",
  "finding",
  "requestedChange",
  "reviewOn",
  "caseIds",
  "feedbackIds",
  "stages",
  "path",
  "contents",
  // A file name a save dialog is offered
  "fileName",
  "sources",
  "sentiments",
  "departments",
  // Training
  "employeeId",
  "hiredOn",
  "leftOn",
  "roleId",
  "roles",
  "agentId",
  "courseId",
  "topic",
  "mode",
  "durationMinutes",
  "validityMonths",
  "passMark",
  "completedOn",
  "score",
  "issuer",
  "note",
  "graceDays",
  "withinDays",
  "heldOn",
  "trainer",
  "place",
  "capacity",
  "agentIds",
  "attended",
  "rows",
  // QA
  "criteria",
  "criterionLabel",
  "weight",
  "points",
  "evaluator",
  "evaluatedOn",
  "ratings",
  "strengths",
  "improvements",
  "followUpOn",
  "author",
  "actions",
  "dueOn",
  "doneOn",
  // Plans
  "owner",
  "reviewDays",
  "drillDays",
  "triggers",
  "thresholds",
  "ownerRole",
  "offsetMinutes",
  "commander",
  "steps",
  "planId",
  "runId",
  "step",
  "mobile",
  "backupId",
  "contactId",
  "contacts",
  "templateId",
  "templates",
  "expectedRecovery",
  "hotWash",
  "wentWell",
  "wentWrong",
  "actionItems",
  "key",
  // Knowledge base
  "image",
  "body",
  "categoryId",
  "parentId",
  "articleId",
  "versionId",
  "articleIds",
  "roleIds",
  "agentIds",
  "ackedOn",
  // KPI targets
  "kpi",
  "targetPercent",
  "targetSeconds",
  // Training certificates
  "recordId",
] as const;
export type KnownField = (typeof KNOWN_FIELDS)[number];

/** The `IpcError` inside a thrown value, or null when it is something else. */
export function ipcErrorOf(error: unknown): IpcError | null {
  return error instanceof IpcFailure ? error.error : null;
}

/**
 * The form field an error belongs to. Rust may name a nested part
 * (`workingHours[2].end`, `workingHours.mon`); the UI attaches it to the top field.
 */
export function fieldOf(error: IpcError): KnownField | null {
  if (!error.field) return null;
  const base = error.field.split(/[.[]/, 1)[0] ?? "";
  return (KNOWN_FIELDS as readonly string[]).includes(base) ? (base as KnownField) : null;
}

/** The message for one validation rule, without the field's name (shown beside it). */
export function ruleMessage(t: TFunction, rule: ValidationRule, limit?: number | null): string {
  switch (rule) {
    case "too_long":
    case "too_many":
    case "too_early":
    case "too_late":
    case "over_capacity":
    case "image_too_large":
    case "out_of_range":
    case "attachment_too_large":
      return t(`errors.validation.${rule}`, { limit: limit ?? 0 });
    default:
      return t(`errors.validation.${rule}`);
  }
}

/** The message for an `IpcError`, meant to be shown beside its field. */
export function ipcErrorMessage(t: TFunction, error: IpcError): string {
  if (error.code === "validation") {
    const rule = error.rule && RULES.includes(error.rule) ? error.rule : "invalid_value";
    return ruleMessage(t, rule, error.limit);
  }
  // A code added on the Rust side before the UI knows it still gets a message.
  const code = CODES.includes(error.code) ? error.code : "internal";
  return t(`errors.${code as Exclude<ErrorCode, "validation">}`);
}

/** A self-contained message for any thrown value, naming the field when there is one. */
export function describeError(t: TFunction, error: unknown): string {
  const ipc = ipcErrorOf(error);
  if (!ipc) return t("errors.unreachable");
  const message = ipcErrorMessage(t, ipc);
  const field = fieldOf(ipc);
  if (ipc.code !== "validation") return message;
  return t("errors.withField", {
    field: field ? t(`fields.${field}`) : t("fields.unknown"),
    message,
  });
}

/**
 * Where a failed submit's message goes: beside one of `fields` (the form's own fields)
 * when it is a validation error about one of them, otherwise in the form's alert.
 */
export function placeError<F extends string>(
  t: TFunction,
  error: unknown,
  fields: readonly F[],
): { field: F; message: string } | { field: null; message: string } {
  const ipc = ipcErrorOf(error);
  if (ipc?.code === "validation") {
    const field = fieldOf(ipc);
    if (field && (fields as readonly string[]).includes(field)) {
      return { field: field as string as F, message: ipcErrorMessage(t, ipc) };
    }
  }
  return { field: null, message: describeError(t, error) };
}
