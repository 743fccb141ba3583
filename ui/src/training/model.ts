/** The fixed lists of training, as Rust names them, with their labels; roles as data. */
import type { TFunction } from "i18next";

import type { ComplianceState, Mode, RecordStatus, RequirementLevel, Role, RoleId, Topic } from "../ipc/bindings";

export const TOPICS: readonly Topic[] = [
  "product_knowledge",
  "service_skills",
  "crm_tools",
  "compliance",
  "crisis_response",
  "other",
];
export const MODES: readonly Mode[] = ["classroom", "online", "on_the_job"];

export const topicOptions = (t: TFunction) => TOPICS.map((v) => ({ value: v, label: t(`training.topic.${v}`) }));
export const modeOptions = (t: TFunction) => MODES.map((v) => ({ value: v, label: t(`training.mode.${v}`) }));

/** A role's name on screen: the team's name, or the built-in's translated one. */
export function roleLabel(t: TFunction, role: Pick<Role, "key" | "name">): string {
  if (role.name) return role.name;
  return role.key ? t(`training.roles.builtIn.${role.key}`, { defaultValue: role.key }) : "";
}

/** The label of the role with `id` among `roles` ("" when unknown or none). */
export function roleLabelOf(t: TFunction, roles: readonly Role[] | undefined, id: RoleId | null): string {
  const role = id ? roles?.find((r) => r.id === id) : undefined;
  return role ? roleLabel(t, role) : "";
}

/** Options for a role picker: live roles, plus `keep` (the value held) even if retired. */
export function roleOptions(t: TFunction, roles: readonly Role[], keep: RoleId | null = null) {
  return roles.filter((r) => !r.retired || r.id === keep).map((r) => ({ value: r.id, label: roleLabel(t, r) }));
}

/** A duration in minutes as people say it: whole hours as hours, anything else in minutes. */
export function durationLabel(t: TFunction, minutes: number): string {
  return minutes % 60 === 0 ? t("training.courses.hours", { count: minutes / 60 }) : t("training.courses.minutes", { count: minutes });
}

/** Each status's colour; the icon and the text say the same, so colour is never alone. */
export const STATUS_COLOR: Record<RecordStatus, string> = {
  valid: "teal",
  expiring: "yellow",
  expired: "red",
  failed: "gray",
};

/** The compliance states in the order the matrix's counts and legend show them. */
export const COMPLIANCE_STATES: readonly ComplianceState[] = ["compliant", "expiring", "expired", "due", "missing", "exempt"];

/** Each compliance state's colour; as with records, the icon and the text say the same. */
export const COMPLIANCE_COLOR: Record<ComplianceState, string> = {
  compliant: "teal",
  expiring: "yellow",
  expired: "red",
  due: "blue",
  missing: "orange",
  exempt: "gray",
};

/** What a role can be asked to take of a course, in the editor's order. */
export const LEVELS: readonly RequirementLevel[] = ["required", "recommended", "none"];

/** The "needs" list's horizons, in days. */
export const HORIZONS = [30, 60, 90] as const;
