/**
 * What a pain-point cell opens: the case list or the feedback list narrowed to the cell's
 * stage and column over the map's period — the same columns Rust grouped the cell by, so
 * the list holds exactly the cell's count.
 */
import type { CaseQuery, FeedbackQuery, HeatMap, JourneyStageId } from "../ipc/bindings";
import { drillListState, emptyListQuery, writeListState } from "../cases/listState";

export function cellCaseQuery(map: HeatMap, stage: JourneyStageId, column: string): CaseQuery {
  const period = map.drillPeriod;
  return {
    ...emptyListQuery(),
    journeyStages: [stage],
    rootCauses: [column],
    createdFrom: period.list === "cases" ? period.from : null,
    createdTo: period.list === "cases" ? period.to : null,
    offset: 0,
    limit: 100,
  };
}

export function cellFeedbackQuery(map: HeatMap, stage: JourneyStageId, column: string): FeedbackQuery {
  const period = map.drillPeriod;
  return {
    ...emptyFeedbackQuery(),
    journeyStages: [stage],
    themes: [column],
    from: period.list === "feedback" ? period.from : null,
    to: period.list === "feedback" ? period.to : null,
  };
}

export function emptyFeedbackQuery(): FeedbackQuery {
  return { text: null, sources: [], sentiments: [], journeyStages: [], themes: [], from: null, to: null, offset: 0, limit: 100 };
}

/** The case list URL of a cell. */
export function cellCasesPath(map: HeatMap, stage: JourneyStageId, column: string): string {
  return `/cases?${writeListState(drillListState(cellCaseQuery(map, stage, column))).toString()}`;
}

/** The feedback list URL of a cell. */
export function cellFeedbackPath(map: HeatMap, stage: JourneyStageId, column: string): string {
  const q = cellFeedbackQuery(map, stage, column);
  const params = new URLSearchParams();
  params.append("stage", stage);
  params.append("theme", column);
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  return `/voice/feedback?${params.toString()}`;
}
