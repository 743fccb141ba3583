//! Key performance indicators: the definitions of DESIGN.md in one place, for the
//! dashboard, the reports and the CLI alike.
//!
//! KPIs are derived from the cases and their timelines, never synced: after a merge every
//! device computes the same numbers from the same timelines. What each case contributes
//! that does not depend on when the dashboard is asked (its business-time first response
//! and resolution, SLA outcome, status history, response count) is kept as derived,
//! local-only data refreshed whenever the case, its timeline or an SLA input changes
//! (`facts.rs`); the measures themselves run on every request.
//!
//! - `period.rs`: the period asked for and the previous one of equal length, in whole
//!   days of the team's time zone.
//! - `calendar.rs`: a calendar week or month and the one before, for the reports.
//! - `filter.rs`: which cases count, as the case list's own query, and the list each
//!   tile drills down to.
//! - `facts.rs`: each case's KPI facts, worked out from its row, timeline and SLA, kept
//!   in `case_kpi_facts` (the stored form: `facts/codec.rs`).
//! - `source.rs`: reading the cases a pair of periods needs, from their facts.
//! - `measures.rs`: the measures, as pure functions of those records and a period.
//! - `charts.rs`: the same measures per day or week, and the top lists.
//! - `leaderboard.rs`: the same measures per agent or team.
//! - `values.rs`: what they give, for the wire.
//! - `metric.rs`: the per-agent KPIs targets are set on, with their unit and direction.
//! - `table.rs`: the tiles as a table, for CSV files and reports.

mod calendar;
mod charts;
pub(crate) mod facts;
mod filter;
mod leaderboard;
mod measures;
mod metric;
mod period;
mod source;
mod table;
mod values;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use calendar::{CalendarPeriod, CalendarUnit};
pub use charts::{
    BacklogCell, ChannelCount, Charts, DAILY_MAX_DAYS, Granularity, RankedCount, TOP_N, TrendPoint, VolumePoint,
};
pub use filter::{KpiDrills, KpiFilter};
pub use leaderboard::{Leaderboard, LeaderboardBy, LeaderboardRequest, LeaderboardRow};
pub use metric::{KpiDirection, KpiMetric, KpiUnit};
pub(crate) use period::resolve as resolve_period;
pub use period::{PERIOD_DAYS_BACK_MAX, PERIOD_DAYS_MAX, Period, PeriodPreset, PeriodRequest};
pub use table::{KpiRow, KpiValue, kpi_rows};
pub use values::{AgeBucket, AgeCount, Average, Backlog, Callbacks, Kpis, Nps, PriorityCount, Share};

use crate::Result;
use crate::cases::SlaSetup;

/// What the dashboard asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DashboardRequest {
    /// The period.
    pub period: PeriodRequest,
    /// Which cases count.
    pub filter: KpiFilter,
}

/// The KPIs of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PeriodKpis {
    /// The period.
    pub period: Period,
    /// Its KPIs.
    pub kpis: Kpis,
}

/// The dashboard: a period beside the previous one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// The time zone the periods' days are counted in.
    pub time_zone: String,
    /// The period asked for.
    pub current: PeriodKpis,
    /// The period of equal length just before.
    pub previous: PeriodKpis,
    /// The case lists behind the current period's tiles.
    pub drills: KpiDrills,
    /// The current period's charts.
    pub charts: Charts,
}

/// The dashboard for `request` as of `now`.
///
/// Days are counted in the time zone of the teams filtered on, when they share one
/// calendar, and in the workspace's otherwise. Each case counts its business hours in its
/// own team's calendar, as its SLA does. Errors: a bad period or filter (see
/// [`PeriodRequest`] and [`KpiFilter`]), as validation errors naming the field.
pub fn dashboard(conn: &rusqlite::Connection, request: &DashboardRequest, now: DateTime<Utc>) -> Result<Dashboard> {
    let (d, ()) = dashboard_of(conn, &request.filter, now, |tz| {
        let (current, previous) = period::resolve(&request.period, tz, now)?;
        Ok((current, previous, ()))
    })?;
    Ok(d)
}

/// The dashboard of a calendar week or month (the one holding the day `of`, YYYY-MM-DD,
/// or else the last complete one) beside the week or month before, as of `now`, with
/// what the period is called and how to reach its neighbours. Days are counted as
/// [`dashboard`] counts them. Errors: a bad `of` (see [`CalendarUnit`]'s resolution: not
/// a date, not ended yet, too far back), or a bad filter, as validation errors.
pub fn calendar_dashboard(
    conn: &rusqlite::Connection,
    unit: CalendarUnit,
    of: Option<&str>,
    filter: &KpiFilter,
    now: DateTime<Utc>,
) -> Result<(CalendarPeriod, Dashboard)> {
    let (d, period) = dashboard_of(conn, filter, now, |tz| {
        let r = calendar::resolve(unit, of, tz, now)?;
        Ok((r.current, r.previous, r.period))
    })?;
    Ok((period, d))
}

/// The dashboard of the two periods `periods` picks in the filter's time zone, read in
/// one snapshot (the case rows and their timelines are read by several statements).
fn dashboard_of<T>(
    conn: &rusqlite::Connection,
    filter: &KpiFilter,
    now: DateTime<Utc>,
    periods: impl FnOnce(chrono_tz::Tz) -> Result<(period::Span, period::Span, T)>,
) -> Result<(Dashboard, T)> {
    filter.validate(conn)?;
    conn.execute_batch("SAVEPOINT kpi_dashboard")?;
    let out = (|| {
        let setup = SlaSetup::load(conn)?;
        let tz = time_zone(conn, &setup, filter)?;
        let (current, previous, extra) = periods(tz)?;
        let (mut tiles, mut before) = (measures::Tally::new(&current, now), measures::Tally::new(&previous, now));
        let mut charts = charts::Tally::new(&current, tz, now);
        source::each(conn, &setup, filter, (previous.start, current.end), now, |r| {
            tiles.add(r);
            before.add(r);
            charts.add(r);
        })?;
        let d = Dashboard {
            time_zone: tz.name().to_owned(),
            current: PeriodKpis { period: current.view(), kpis: tiles.done() },
            previous: PeriodKpis { period: previous.view(), kpis: before.done() },
            drills: filter::drills(filter, &current, measures::as_of(&current, now)),
            charts: charts.done(),
        };
        Ok((d, extra))
    })();
    conn.execute_batch("RELEASE kpi_dashboard")?;
    out
}

/// The KPIs per agent or team for `request`'s period as of `now`, in the same time zone
/// as the dashboard with the same filter. Errors as [`dashboard`].
pub fn leaderboard(
    conn: &rusqlite::Connection,
    request: &LeaderboardRequest,
    now: DateTime<Utc>,
) -> Result<Leaderboard> {
    request.filter.validate(conn)?;
    conn.execute_batch("SAVEPOINT kpi_leaderboard")?;
    let out = (|| {
        let setup = SlaSetup::load(conn)?;
        let tz = time_zone(conn, &setup, &request.filter)?;
        let (current, _) = period::resolve(&request.period, tz, now)?;
        let mut groups = leaderboard::Groups::new(request.by, &current, now);
        source::each(conn, &setup, &request.filter, (current.start, current.end), now, |r| groups.add(r))?;
        let names = leaderboard::names(conn, request.by)?;
        Ok(Leaderboard {
            time_zone: tz.name().to_owned(),
            period: current.view(),
            by: request.by,
            rows: groups.rows(&names, &request.filter),
        })
    })();
    conn.execute_batch("RELEASE kpi_leaderboard")?;
    out
}

/// The zone of the filtered teams' calendar if they share one; the workspace's otherwise.
fn time_zone(conn: &rusqlite::Connection, setup: &SlaSetup, filter: &KpiFilter) -> Result<chrono_tz::Tz> {
    let workspace = setup.time_zone_of(conn, None)?;
    let mut zones = filter.teams.iter().map(|t| setup.time_zone_of(conn, Some(t)));
    let Some(first) = zones.next().transpose()? else { return Ok(workspace) };
    for zone in zones {
        if zone? != first {
            return Ok(workspace);
        }
    }
    Ok(first)
}

#[cfg(test)]
pub(crate) mod tests;
