import { describe, expect, it } from "vitest";

import {
  DEFAULT_LIST,
  activeFilterCount,
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
    expect(activeFilterCount(busy)).toBe(7);
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
  });

  it("reads a saved view back into the same list state", () => {
    const query = { ...toListQuery(busy, null), offset: 0, limit: 100 };
    expect(fromCaseQuery(query)).toEqual(busy);
  });
});
