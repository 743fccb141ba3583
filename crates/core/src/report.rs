//! The weekly and monthly service reports, generated on demand from the local database
//! (offline), for the printable page and the PDF alike.
//!
//! Every number is one of [`crate::kpi`]'s, never measured again here: the KPI table is the
//! dashboard's for the report's period beside the previous one, and each day of the daily
//! charts is the dashboard of that one day (its cases created, its SLA compliance). Only the
//! "top" lists are counted here, as plain counts of the period's cases by category (created
//! in it) and by root cause (resolved in it).
//!
//! Sections other features will fill (insights raised, incidents and drills, training
//! compliance) are added when those features exist and have data in the period; a report
//! never shows an empty placeholder.

mod pdf;

pub use pdf::{find_font, report_pdf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Result;
use crate::export::labels::Label;
use crate::export::table::Cell;
use crate::kpi::{self, DashboardRequest, KpiFilter, Period, PeriodPreset, PeriodRequest};
use crate::settings::Language;

crate::text_enum::text_enum! {
    /// Which report.
    pub enum ReportKind {
        /// The last 7 days beside the 7 before.
        Weekly = "weekly",
        /// The last 30 days beside the 30 before.
        Monthly = "monthly",
    }
}

crate::text_enum::text_enum! {
    /// What a KPI's value counts in.
    pub enum ReportUnit {
        /// Seconds (a mean duration).
        Seconds = "seconds",
        /// Percent (a share of cases).
        Percent = "percent",
        /// Cases.
        Cases = "cases",
        /// An NPS score, −100 to 100.
        Score = "score",
    }
}

/// One KPI of the report: this period beside the previous one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportKpi {
    /// Stable key (`first_response`, `backlog.p1`, …).
    pub key: String,
    /// Name in the report's language.
    pub name: String,
    /// Unit of the values.
    pub unit: ReportUnit,
    /// This period's value; `None` without data.
    pub current: Option<f64>,
    /// Cases (or answers) it rests on.
    pub current_basis: Option<f64>,
    /// The previous period's value.
    pub previous: Option<f64>,
    /// Cases (or answers) that rests on.
    pub previous_basis: Option<f64>,
}

/// One day of the daily charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportDay {
    /// The day (YYYY-MM-DD, in the report's time zone).
    pub day: String,
    /// Cases created that day.
    pub created: u32,
    /// SLA compliance of the cases resolved that day; `None` without any.
    pub sla_compliance: Option<f64>,
    /// Cases that share is taken over.
    pub sla_cases: u32,
}

/// A category or root cause and its cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportCount {
    /// The category or root cause, as the cases name it.
    pub name: String,
    /// Cases.
    pub cases: u32,
}

/// A service report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ServiceReport {
    /// Which report.
    pub kind: ReportKind,
    /// When it was made (RFC 3339, UTC).
    pub generated_at: String,
    /// The organisation's name (may be empty).
    pub organisation: String,
    /// The time zone its days are counted in.
    pub time_zone: String,
    /// The period reported on.
    pub current: Period,
    /// The period before, of equal length.
    pub previous: Period,
    /// Every KPI, in the dashboard's order.
    pub kpis: Vec<ReportKpi>,
    /// Each day of the period, oldest first.
    pub days: Vec<ReportDay>,
    /// The period's most frequent categories (cases created), most first; at most
    /// [`TOP`].
    pub top_categories: Vec<ReportCount>,
    /// The root causes of the period's resolved cases, most first; at most [`TOP`].
    pub top_root_causes: Vec<ReportCount>,
}

/// Entries of a "top" list.
pub const TOP: u32 = 8;

fn number(c: Cell) -> Option<f64> {
    match c {
        Cell::Int(i) => Some(i as f64),
        Cell::Number(f) => Some(f),
        Cell::Empty | Cell::Text(_) => None,
    }
}

fn unit(label: Label) -> ReportUnit {
    match label {
        Label::Seconds => ReportUnit::Seconds,
        Label::Percent => ReportUnit::Percent,
        Label::Score => ReportUnit::Score,
        _ => ReportUnit::Cases,
    }
}

/// The `kind` report as of `now`, its KPI names in `lang`, over every case.
pub fn service_report(conn: &rusqlite::Connection, kind: ReportKind, lang: Language, now: DateTime<Utc>) -> Result<ServiceReport> {
    let preset = match kind {
        ReportKind::Weekly => PeriodPreset::Days7,
        ReportKind::Monthly => PeriodPreset::Days30,
    };
    let dashboard = |period: PeriodRequest| kpi::dashboard(conn, &DashboardRequest { period, filter: KpiFilter::default() }, now);
    let d = dashboard(PeriodRequest::preset(preset))?;
    let kpis = kpi::kpi_rows(lang)
        .into_iter()
        .map(|r| {
            let (current, current_basis) = (r.value)(&d.current.kpis);
            let (previous, previous_basis) = (r.value)(&d.previous.kpis);
            ReportKpi {
                key: r.key,
                name: r.name,
                unit: unit(r.unit),
                current: number(current),
                current_basis: number(current_basis),
                previous: number(previous),
                previous_basis: number(previous_basis),
            }
        })
        .collect();
    let mut days = Vec::with_capacity(d.current.period.days as usize);
    let mut day = chrono::NaiveDate::parse_from_str(&d.current.period.first_day, "%Y-%m-%d")
        .map_err(|e| crate::Error::Internal(format!("period day: {e}")))?;
    for _ in 0..d.current.period.days {
        let text = day.to_string();
        let one = dashboard(PeriodRequest { preset: PeriodPreset::Custom, from: Some(text.clone()), to: Some(text.clone()) })?;
        let k = &one.current.kpis;
        days.push(ReportDay {
            day: text,
            created: k.created,
            sla_compliance: k.sla_compliance.percent,
            sla_cases: k.sla_compliance.cases,
        });
        day = day.succ_opt().unwrap_or(day);
    }
    let (start, end) = (&d.current.period.start, &d.current.period.end);
    let top_categories = top(
        conn,
        "SELECT category, count(*) FROM cases WHERE deleted_at IS NULL AND category <> ''
         AND created_at >= ?1 AND created_at < ?2 GROUP BY category ORDER BY count(*) DESC, category LIMIT ?3",
        start,
        end,
    )?;
    let top_root_causes = top(
        conn,
        "SELECT root_cause, count(*) FROM cases WHERE deleted_at IS NULL AND status IN ('resolved', 'closed')
         AND coalesce(root_cause, '') <> '' AND resolved_at >= ?1 AND resolved_at < ?2
         GROUP BY root_cause ORDER BY count(*) DESC, root_cause LIMIT ?3",
        start,
        end,
    )?;
    Ok(ServiceReport {
        kind,
        generated_at: crate::time::to_db_text(now),
        organisation: crate::settings::load_with(conn)?.organisation_name,
        time_zone: d.time_zone,
        current: d.current.period,
        previous: d.previous.period,
        kpis,
        days,
        top_categories,
        top_root_causes,
    })
}

fn top(conn: &rusqlite::Connection, sql: &str, start: &str, end: &str) -> Result<Vec<ReportCount>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params![start, end, TOP], |r| Ok(ReportCount { name: r.get(0)?, cases: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::Store;

    #[test]
    fn the_weekly_report_holds_the_dashboards_numbers_and_each_days() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let opts = crate::demo::DemoOptions { cases: 600, language: Language::ZhHans, seed: 3, end: store.now(), force: false };
        crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
        let now = store.now();
        let r = service_report(store.conn(), ReportKind::Weekly, Language::ZhHans, now).unwrap();
        let d = kpi::dashboard(
            store.conn(),
            &DashboardRequest { period: PeriodRequest::preset(PeriodPreset::Days7), filter: KpiFilter::default() },
            now,
        )
        .unwrap();
        assert_eq!(r.current, d.current.period);
        assert_eq!(r.days.len(), 7);
        let created = r.kpis.iter().find(|k| k.key == "created").unwrap();
        assert_eq!(created.current, Some(f64::from(d.current.kpis.created)));
        assert_eq!(created.previous, Some(f64::from(d.previous.kpis.created)));
        assert_eq!(r.days.iter().map(|x| x.created).sum::<u32>(), d.current.kpis.created, "the days add up");
        let frt = r.kpis.iter().find(|k| k.key == "first_response").unwrap();
        assert_eq!((frt.name.as_str(), frt.unit), ("首次响应时间", ReportUnit::Seconds));
        assert_eq!(frt.current, d.current.kpis.first_response.mean_seconds);
        assert!(!r.top_categories.is_empty() && r.top_categories.len() <= TOP as usize);
        assert!(r.top_categories.windows(2).all(|w| w[0].cases >= w[1].cases), "most first");
        assert!(r.top_categories.iter().map(|c| c.cases).sum::<u32>() <= d.current.kpis.created);
        let monthly = service_report(store.conn(), ReportKind::Monthly, Language::En, now).unwrap();
        assert_eq!((monthly.current.days, monthly.days.len()), (30, 30));
    }

    #[test]
    fn an_empty_database_reports_no_data_not_zero() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let r = service_report(store.conn(), ReportKind::Weekly, Language::En, store.now()).unwrap();
        let csat = r.kpis.iter().find(|k| k.key == "csat").unwrap();
        assert_eq!((csat.current, csat.current_basis), (None, Some(0.0)));
        assert!(r.days.iter().all(|d| d.created == 0 && d.sla_compliance.is_none()));
        assert!(r.top_categories.is_empty() && r.top_root_causes.is_empty());
    }
}
