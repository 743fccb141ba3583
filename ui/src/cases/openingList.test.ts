import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";

import { caseKeys } from "../ipc/cases";
import { callsTo, mockIpc } from "../test/ipc";
import { DEFAULT_LIST, toListQuery } from "./listState";
import { prefetchOpeningList } from "./openingList";

describe("prefetchOpeningList", () => {
  it("asks for the Cases page's first page before anything renders", async () => {
    mockIpc();
    const client = new QueryClient();
    prefetchOpeningList(client, "");
    const query = toListQuery(DEFAULT_LIST, null);
    expect(callsTo("case_list")).toEqual([{ query: { ...query, offset: 0, limit: expect.any(Number) } }]);
    await expect.poll(() => client.getQueryData(caseKeys.page(query, 0))).toEqual({ rows: [], total: 0 });
  });

  it("reads the queue from the route and leaves other sections and My cases alone", () => {
    mockIpc();
    prefetchOpeningList(new QueryClient(), "#/cases?queue=unassigned");
    expect((callsTo("case_list")[0] as { query: { queue: string } }).query.queue).toBe("unassigned");
    prefetchOpeningList(new QueryClient(), "#/settings");
    prefetchOpeningList(new QueryClient(), "#/cases?queue=mine");
    expect(callsTo("case_list")).toHaveLength(1);
  });
});
