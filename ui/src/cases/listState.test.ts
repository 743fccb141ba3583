import { describe, expect, it } from "vitest";

import {
  DEFAULT_LIST,
  activeFilterCount,
  drillListState,
  fromCaseQuery,
  readListState,
  toListQuery,
  writeListState,
  type ListState,
} from "./listState";

const busy: ListState = {
  queue: "vip",
  text: "退款",
  statuses: ["open", "pending_customer"],
  priorities: ["p1"],
  channels: ["email"],
  categories: ["Billing"],
  assignees: ["a1", "a2"],
  tag: "refund",
  createdFrom: "2026-11-01",
  createdTo: "2026-11-30",
  teams: ["t1"],
  tiers: ["vip"],
  bounds: { resolvedFrom: "2026-11-01T16:00:00.000Z", resolvedTo: "2026-12-01T16:00:00.000Z" },
  journeyStages: ["stage-billing"],
  rootCauses: ["Tariff | not updated"],
  sort: "due",
  descending: false,
};

describe("list state in the URL", () => {
  it("writes nothing for the defaults", () => {
    expect(writeListState(DEFAULT_LIST).toString()).toBe("");
    expect(readListState(new URLSearchParams())).toEqual(DEFAULT_LIST);
  });

  it("round-trips every field", () => {
    expect(readListState(writeListState(busy))).toEqual(busy);
  });

  it("ignores values it does not know", () => {
    const state = readListState(new URLSearchParams("queue=nope&status=open&status=bogus&sort=x&from=yesterday"));
    expect(state).toEqual({ ...DEFAULT_LIST, statuses: ["open"] });
  });

  it("takes no more values per filter from a link than a query may carry", () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 40_000; i += 1) params.append("category", `c${i}`);
    const state = readListState(params);
    expect(state.categories).toHaveLength(100);
    expect(state.categories.at(-1)).toBe("c99");
  });

  it("counts the filters in use", () => {
    expect(activeFilterCount(DEFAULT_LIST)).toBe(0);
    // The drill-down's journey stage and root cause count as one filter, like its bounds.
    expect(activeFilterCount(busy)).toBe(11);
    expect(activeFilterCount({ ...busy, journeyStages: [], rootCauses: [] })).toBe(10);
  });
});

describe("the query sent to Rust", () => {
  it("turns local days into instants, the last day inclusive", () => {
    const q = toListQuery(busy, "me-1");
    expect(q.createdFrom).toBe(new Date(2026, 10, 1).toISOString());
    expect(q.createdTo).toBe(new Date(2026, 11, 1).toISOString());
    expect(q.me).toBeNull(); // Only "My cases" sends who I am.
    expect(q.text).toBe("退款");
    expect(toListQuery({ ...busy, queue: "mine" }, "me-1").me).toBe("me-1");
    expect(toListQuery({ ...busy, text: "   " }, null).text).toBeNull();
    expect(q.journeyStages).toEqual(["stage-billing"]);
    expect(q.rootCauses).toEqual(["Tariff | not updated"]);
  });

  it("reads a saved view back into the same list state", () => {
    const query = { ...toListQuery(busy, null), offset: 0, limit: 100 };
    expect(fromCaseQuery(query)).toEqual(busy);
  });
});

describe("a dashboard tile's drill-down", () => {
  const tile = {
    ...toListQuery(DEFAULT_LIST, null),
    priorities: ["p2" as const],
    teams: ["t1"],
    createdFrom: "2026-11-01T16:00:00.000Z",
    createdTo: "2026-12-01T16:00:00.000Z",
    offset: 0,
    limit: 100,
  };

  it("keeps the tile's instants, not this computer's days, through the URL", () => {
    const state = readListState(writeListState(drillListState(tile)));
    expect(state.createdFrom).toBeNull();
    expect(state.bounds).toEqual({ createdFrom: tile.createdFrom, createdTo: tile.createdTo });
    const q = toListQuery(state, null);
    expect(q.createdFrom).toBe(tile.createdFrom);
    expect(q.createdTo).toBe(tile.createdTo);
    expect(q.teams).toEqual(["t1"]);
    expect(q.priorities).toEqual(["p2"]);
  });

  it("sends the resolved and call-back bounds it was given", () => {
    const resolved = { ...tile, createdFrom: null, createdTo: null, resolvedFrom: "2026-11-01T16:00:00.000Z" };
    expect(toListQuery(drillListState(resolved), null).resolvedFrom).toBe("2026-11-01T16:00:00.000Z");
    const overdue = { ...tile, queue: "awaiting_callback" as const, callbackDueTo: "2026-12-01T08:00:00.000Z" };
    const q = toListQuery(drillListState(overdue), null);
    expect([q.queue, q.callbackDueTo]).toEqual(["awaiting_callback", "2026-12-01T08:00:00.000Z"]);
  });

  it("drops a bound from a link that is not an instant", () => {
    expect(readListState(new URLSearchParams("resolvedFrom=yesterday")).bounds).toEqual({});
  });
});
