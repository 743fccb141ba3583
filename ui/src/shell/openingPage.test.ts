import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";

import { DEFAULT_LIST, toListQuery } from "../cases/listState";
import { readDashboardState, toDashboardRequest } from "../dashboard/dashboardState";
import { caseKeys } from "../ipc/cases";
import { kpiKeys } from "../ipc/kpi";
import { sampleDashboard } from "../test/dashboard";
import { callsTo, mockIpc } from "../test/ipc";
import { prefetchOpeningPage } from "./openingPage";

describe("prefetchOpeningPage", () => {
  it("asks for the home screen's numbers before anything renders", async () => {
    mockIpc();
    const client = new QueryClient();
    prefetchOpeningPage(client, "");
    const request = toDashboardRequest(readDashboardState(new URLSearchParams()));
    expect(callsTo("kpi_dashboard")).toEqual([{ request }]);
    expect(callsTo("case_list")).toEqual([]);
    await expect.poll(() => client.getQueryData(kpiKeys.dashboard(request))).toEqual(sampleDashboard());
  });

  it("asks for the Cases page's first page when the window opens there", async () => {
    mockIpc();
    const client = new QueryClient();
    prefetchOpeningPage(client, "#/cases");
    const query = toListQuery(DEFAULT_LIST, null);
    expect(callsTo("case_list")).toEqual([{ query: { ...query, offset: 0, limit: expect.any(Number) } }]);
    expect(callsTo("kpi_dashboard")).toEqual([]);
    await expect.poll(() => client.getQueryData(caseKeys.page(query, 0))).toEqual({ rows: [], total: 0 });
  });

  it("reads the queue from the route and leaves other sections and My cases alone", () => {
    mockIpc();
    prefetchOpeningPage(new QueryClient(), "#/cases?queue=unassigned");
    expect((callsTo("case_list")[0] as { query: { queue: string } }).query.queue).toBe("unassigned");
    prefetchOpeningPage(new QueryClient(), "#/settings");
    prefetchOpeningPage(new QueryClient(), "#/cases?queue=mine");
    expect(callsTo("case_list")).toHaveLength(1);
    expect(callsTo("kpi_dashboard")).toEqual([]);
  });
});
