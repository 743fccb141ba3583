/**
 * Communication templates in the UI: which placeholders exist (Rust's list, exported as
 * `PLAN_PLACEHOLDERS`), the unknown ones a text holds — found the way Rust finds them, so
 * the form names them before Rust refuses the save — and the `mailto:` address that opens
 * a filled template in the mail client.
 */
import { PLAN_PLACEHOLDERS, type TemplateKind } from "../ipc/bindings";

export const TEMPLATE_KINDS: readonly TemplateKind[] = ["internal", "customer", "public"];

/** `{name}` with `name` of ASCII lower-case letters, digits and `_` (crates/core/src/plans/placeholders.rs). */
const PLACEHOLDER = /\{([a-z0-9_]+)\}/g;

/** The placeholders of `text` that are not known, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = PLAN_PLACEHOLDERS;
  const out: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!known.includes(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Every placeholder as it is typed: `{incident_name}`, … */
export const placeholderList = () => PLAN_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");

/** A `mailto:` address with the subject and body, each percent-encoded (RFC 6068). */
export function mailtoHref(subject: string, body: string): string {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, "\r\n"))}`;
}
