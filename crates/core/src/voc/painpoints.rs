//! The pain-point view: for a period, where in the customer journey cases arise and why
//! (journey stage × root cause) and what customers say about it (journey stage × feedback
//! theme), with a count and a CSAT (share of 4–5 among 1–5 answers, as DESIGN.md's KPI)
//! in every cell, and the lists each cell drills down to.
//!
//! SQL only groups rows ([`read`]); the heat map is a pure function of the groups
//! ([`build`]), so its numbers are tested by hand. A cell's drill-down is the base query
//! of its map narrowed to its stage and its column, which the case and feedback lists
//! filter with the same columns the groups were made of: a cell and its list agree.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::feedback::FeedbackQuery;
use super::stages::{self, JourneyStage};
use crate::Result;
use crate::cases::CaseQuery;
use crate::ids::JourneyStageId;
use crate::kpi::{Period, PeriodRequest, Share};

/// Most columns a heat map shows: the root causes (or themes) with the most entries; the
/// rest are counted in [`HeatMap::left_out`].
pub const MAX_COLUMNS: usize = 10;

/// What the view asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PainPointsRequest {
    /// The period: cases created and feedback given in it.
    pub period: PeriodRequest,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    /// Cases (or feedback entries) in it.
    pub count: u32,
    /// Their CSAT: share of 4–5 among those answered.
    pub csat: Share,
}

/// One journey stage's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeatRow {
    /// The stage.
    pub stage: JourneyStage,
    /// One cell per column, in column order.
    pub cells: Vec<HeatCell>,
    /// The whole row, columns left out included.
    pub total: HeatCell,
}

/// A heat map: journey stages down, root causes or themes across.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeatMap {
    /// The columns shown, most entries first.
    pub columns: Vec<String>,
    /// The stages in journey order: every stage in use, and every one with entries.
    pub rows: Vec<HeatRow>,
    /// The largest cell count (for the colour scale).
    pub max_count: u32,
    /// Entries in columns beyond the [`MAX_COLUMNS`] shown.
    pub left_out: u32,
    /// The list behind the map (the period); a cell adds its stage and column.
    pub drill_period: DrillPeriod,
}

/// The period a map's drill-downs cover, in the terms of its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "list")]
pub enum DrillPeriod {
    /// Cases created in `[from, to)` (RFC 3339).
    Cases {
        /// Start.
        from: String,
        /// End, excluded.
        to: String,
    },
    /// Feedback given on days `from` to `to`, both included (YYYY-MM-DD).
    Feedback {
        /// First day.
        from: String,
        /// Last day.
        to: String,
    },
}

/// The pain-point view of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PainPoints {
    /// The period.
    pub period: Period,
    /// Stage × root cause, of cases created in the period with both recorded.
    pub cases: HeatMap,
    /// Stage × theme, of feedback given in the period.
    pub feedback: HeatMap,
    /// Cases created in the period without a journey stage (in no row).
    pub cases_without_stage: u32,
    /// Cases created in the period with a stage but no root cause yet (in no column).
    pub cases_without_root_cause: u32,
    /// Feedback given in the period without a journey stage.
    pub feedback_without_stage: u32,
}

/// A group of entries: one stage, one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The stage.
    pub stage: JourneyStageId,
    /// The root cause or theme.
    pub column: String,
    /// Entries.
    pub count: u32,
    /// Entries with a CSAT answer (1–5).
    pub answered: u32,
    /// Of those, answers of 4 or 5.
    pub satisfied: u32,
}

fn share(hits: u32, cases: u32) -> Share {
    Share { percent: (cases > 0).then(|| f64::from(hits) * 100.0 / f64::from(cases)), hits, cases }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    count: u32,
    answered: u32,
    satisfied: u32,
}

impl Tally {
    fn add(&mut self, g: &Group) {
        self.count += g.count;
        self.answered += g.answered;
        self.satisfied += g.satisfied;
    }
    fn cell(self) -> HeatCell {
        HeatCell { count: self.count, csat: share(self.satisfied, self.answered) }
    }
}

/// The heat map of `groups` over `stages` (in journey order): the [`MAX_COLUMNS`]
/// columns with most entries (ties by name), a row per live stage and per retired stage
/// that has entries, groups of unknown stages left out.
pub fn build(stages: &[JourneyStage], groups: &[Group], drill_period: DrillPeriod) -> HeatMap {
    let mut totals: Vec<(String, u32)> = Vec::new();
    for g in groups.iter().filter(|g| stages.iter().any(|s| s.id == g.stage)) {
        match totals.iter_mut().find(|(c, _)| *c == g.column) {
            Some((_, n)) => *n += g.count,
            None => totals.push((g.column.clone(), g.count)),
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let left_out = totals.iter().skip(MAX_COLUMNS).map(|(_, n)| n).sum();
    let columns: Vec<String> = totals.into_iter().take(MAX_COLUMNS).map(|(c, _)| c).collect();
    let mut rows = Vec::new();
    for stage in stages {
        let mut cells = vec![Tally::default(); columns.len()];
        let mut total = Tally::default();
        for g in groups.iter().filter(|g| g.stage == stage.id) {
            total.add(g);
            if let Some(i) = columns.iter().position(|c| *c == g.column) {
                cells[i].add(g);
            }
        }
        if stage.retired && total.count == 0 {
            continue;
        }
        rows.push(HeatRow {
            stage: stage.clone(),
            cells: cells.into_iter().map(Tally::cell).collect(),
            total: total.cell(),
        });
    }
    let max_count = rows.iter().flat_map(|r| r.cells.iter().map(|c| c.count)).max().unwrap_or(0);
    HeatMap { columns, rows, max_count, left_out, drill_period }
}

/// The pain points of the period asked for, as of `now`, with days in the workspace's
/// time zone. Errors: a bad period (see [`PeriodRequest`]).
pub fn pain_points(conn: &rusqlite::Connection, request: &PainPointsRequest, now: DateTime<Utc>) -> Result<PainPoints> {
    let (span, _) = crate::kpi::resolve_period(&request.period, super::workspace_zone(conn)?, now)?;
    let period = span.view();
    conn.execute_batch("SAVEPOINT pain_points")?;
    let out = read(conn, &period);
    conn.execute_batch("RELEASE pain_points")?;
    out
}

fn read(conn: &rusqlite::Connection, period: &Period) -> Result<PainPoints> {
    let stages = stages::list(conn)?;
    let group = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Group> {
        Ok(Group { stage: r.get(0)?, column: r.get(1)?, count: r.get(2)?, answered: r.get(3)?, satisfied: r.get(4)? })
    };
    let case_groups: Vec<Group> = conn
        .prepare_cached(
            "SELECT c.journey_stage_id, c.root_cause, count(*), count(CASE WHEN c.csat BETWEEN 1 AND 5 THEN 1 END),
                    count(CASE WHEN c.csat BETWEEN 4 AND 5 THEN 1 END)
             FROM cases c
             WHERE c.deleted_at IS NULL AND c.journey_stage_id IS NOT NULL AND c.created_at >= ?1 AND c.created_at < ?2
               AND c.root_cause IS NOT NULL AND c.root_cause <> ''
             GROUP BY 1, 2",
        )?
        .query_map([&period.start, &period.end], group)?
        .collect::<Result<_, _>>()?;
    let feedback_groups: Vec<Group> = conn
        .prepare_cached(
            "SELECT f.journey_stage_id, t.theme, count(*), count(CASE WHEN f.csat BETWEEN 1 AND 5 THEN 1 END),
                    count(CASE WHEN f.csat BETWEEN 4 AND 5 THEN 1 END)
             FROM feedback f JOIN feedback_themes t ON t.feedback_id = f.id AND t.present = 1 AND t.deleted_at IS NULL
             WHERE f.deleted_at IS NULL AND f.journey_stage_id IS NOT NULL AND f.received_on BETWEEN ?1 AND ?2
             GROUP BY 1, 2",
        )?
        .query_map([&period.first_day, &period.last_day], group)?
        .collect::<Result<_, _>>()?;
    let (without_stage, without_cause): (u32, u32) = conn
        .prepare_cached(
            "SELECT count(CASE WHEN c.journey_stage_id IS NULL THEN 1 END),
                count(CASE WHEN c.journey_stage_id IS NOT NULL AND coalesce(c.root_cause, '') = '' THEN 1 END)
         FROM cases c WHERE c.deleted_at IS NULL AND c.created_at >= ?1 AND c.created_at < ?2",
        )?
        .query_row([&period.start, &period.end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let feedback_without_stage: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM feedback f WHERE f.deleted_at IS NULL AND f.journey_stage_id IS NULL
             AND f.received_on BETWEEN ?1 AND ?2",
        )?
        .query_row([&period.first_day, &period.last_day], |r| r.get(0))?;
    Ok(PainPoints {
        cases: build(&stages, &case_groups, DrillPeriod::Cases { from: period.start.clone(), to: period.end.clone() }),
        feedback: build(
            &stages,
            &feedback_groups,
            DrillPeriod::Feedback { from: period.first_day.clone(), to: period.last_day.clone() },
        ),
        period: period.clone(),
        cases_without_stage: without_stage,
        cases_without_root_cause: without_cause,
        feedback_without_stage,
    })
}

/// The cases behind one cell of the case map.
pub fn case_drill(map: &HeatMap, stage: &JourneyStageId, column: &str) -> CaseQuery {
    let (from, to) = match &map.drill_period {
        DrillPeriod::Cases { from, to } | DrillPeriod::Feedback { from, to } => (from.clone(), to.clone()),
    };
    CaseQuery {
        journey_stages: vec![stage.clone()],
        root_causes: vec![column.to_owned()],
        created_from: Some(from),
        created_to: Some(to),
        ..CaseQuery::default()
    }
}

/// The feedback behind one cell of the feedback map.
pub fn feedback_drill(map: &HeatMap, stage: &JourneyStageId, column: &str) -> FeedbackQuery {
    let (from, to) = match &map.drill_period {
        DrillPeriod::Cases { from, to } | DrillPeriod::Feedback { from, to } => (from.clone(), to.clone()),
    };
    FeedbackQuery {
        journey_stages: vec![stage.clone()],
        themes: vec![column.to_owned()],
        from: Some(from),
        to: Some(to),
        limit: 100,
        ..FeedbackQuery::default()
    }
}
