import { describe, expect, it } from "vitest";

import { createI18n } from "../i18n";
import type { ErrorCode, IpcError, ValidationRule } from "./bindings";
import { describeError, fieldOf, ipcErrorMessage } from "./errors";
import { IpcFailure } from "./queries";

const t = createI18n("en").t;

function err(overrides: Partial<IpcError> & Pick<IpcError, "code">): IpcError {
  return { message: "internal detail, never shown", field: null, rule: null, limit: null, ...overrides };
}

describe("ipcErrorMessage", () => {
  it.each<[ValidationRule, number | null, string]>([
    ["required", null, "This field is required."],
    ["too_long", 120, "Must be at most 120 characters."],
    ["invalid_time_zone", null, "Choose a time zone from the list."],
    ["invalid_time", null, "Enter a time as HH:MM (24-hour)."],
    ["end_before_start", null, "The closing time must be later than the opening time."],
    ["invalid_value", null, "This value is not valid."],
  ])("translates validation rule %s", (rule, limit, expected) => {
    expect(ipcErrorMessage(t, err({ code: "validation", rule, limit }))).toBe(expected);
  });

  it.each<[ErrorCode, RegExp]>([
    ["not_found", /was not found/],
    ["database_unavailable", /cannot be opened/],
    ["invalid_transition", /not allowed/],
    ["storage", /local database/],
    ["cancelled", /nothing was changed/],
    ["internal", /went wrong inside Frontline/],
  ])("translates code %s, ignoring the message text", (code, expected) => {
    const message = ipcErrorMessage(t, err({ code }));
    expect(message).toMatch(expected);
    expect(message).not.toContain("internal detail");
  });

  it("falls back to a generic message for a code it does not know yet", () => {
    const unknown = err({ code: "quota_exceeded" as ErrorCode });
    expect(ipcErrorMessage(t, unknown)).toBe(t("errors.internal"));
  });

  it("falls back to invalid_value for a validation error without a rule", () => {
    expect(ipcErrorMessage(t, err({ code: "validation" }))).toBe("This value is not valid.");
  });

  it("speaks the active language", () => {
    const zh = createI18n("zh-Hant").t;
    expect(ipcErrorMessage(zh, err({ code: "validation", rule: "too_long", limit: 120 }))).toBe(
      "最多 120 個字元。",
    );
  });
});

describe("describeError", () => {
  it("names the field of a validation error", () => {
    const failure = new IpcFailure(
      err({ code: "validation", field: "organisationName", rule: "too_long", limit: 120 }),
    );
    expect(describeError(t, failure)).toBe("Organisation name: Must be at most 120 characters.");
  });

  it("explains a failure of the IPC bridge itself", () => {
    expect(describeError(t, new TypeError("window.__TAURI_INTERNALS__ is undefined"))).toBe(
      "Frontline's local service did not answer. Restart the app and try again.",
    );
  });
});

describe("fieldOf", () => {
  it.each([
    ["organisationName", "organisationName"],
    ["workingHours", "workingHours"],
    ["workingHours[2].end", "workingHours"],
    ["workingHours.mon.start", "workingHours"],
    ["somethingElse", null],
    [null, null],
  ])("maps %s to %s", (field, expected) => {
    expect(fieldOf(err({ code: "validation", field }))).toBe(expected);
  });
});
