import { describe, expect, it } from "vitest";

import { groupTimeZones } from "./timeZones";

describe("groupTimeZones", () => {
  it("groups by region, sorted, with region-less zones last under Other", () => {
    expect(groupTimeZones(["UTC", "Europe/Paris", "Asia/Taipei", "Europe/Berlin"], "UTC", "Other")).toEqual([
      { group: "Asia", items: ["Asia/Taipei"] },
      { group: "Europe", items: ["Europe/Berlin", "Europe/Paris"] },
      { group: "Other", items: ["UTC"] },
    ]);
  });

  it("offers the current value even when the list lacks it", () => {
    expect(groupTimeZones([], "Asia/Shanghai", "Other")).toEqual([
      { group: "Asia", items: ["Asia/Shanghai"] },
    ]);
  });
});
