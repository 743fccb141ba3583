/**
 * How a generated command's `Result` becomes a value or a thrown error. Every hook in
 * this folder unwraps through here, so React Query's `error` is always an `IpcFailure`
 * (carrying the structured `IpcError`) or a plain `Error` from the IPC bridge itself.
 */
import type { IpcError } from "./bindings";

/** What every fallible generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export class IpcFailure extends Error {
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.error = error;
  }
}

export function unwrap<T>(result: Result<T, IpcError>): T {
  if (result.status === "ok") return result.data;
  throw new IpcFailure(result.error);
}
