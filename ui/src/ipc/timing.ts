/**
 * UI timings written to the app's log, where `cargo xtask bench` reads them (e.g. how
 * long the Cases page took to show its first rows). Best effort: a failure to log is
 * never the user's problem.
 */
import { commands, type UiTiming } from "./bindings";

export function reportTiming(timing: UiTiming, ms: number): void {
  commands.appLogTiming(timing, Math.max(0, Math.round(ms))).catch(() => undefined);
}
