import { afterEach, describe, expect, it, vi } from "vitest";

import { dropOpening, markOpening, takeOpening } from "./openingMark";

describe("opening mark", () => {
  afterEach(() => {
    dropOpening();
    vi.restoreAllMocks();
  });

  it("is taken once, by the page it was for", () => {
    vi.spyOn(performance, "now").mockReturnValue(1234);
    markOpening("/cases");
    expect(takeOpening("/customers")).toBeNull();
    expect(takeOpening("/cases")).toBe(1234);
    expect(takeOpening("/cases")).toBeNull();
  });

  it("is replaced by the next request", () => {
    const now = vi.spyOn(performance, "now").mockReturnValue(10);
    markOpening("/cases");
    now.mockReturnValue(20);
    markOpening("/settings");
    expect(takeOpening("/cases")).toBeNull();
    expect(takeOpening("/settings")).toBe(20);
  });

  it("is gone once dropped", () => {
    markOpening("/cases");
    dropOpening();
    expect(takeOpening("/cases")).toBeNull();
  });
});
