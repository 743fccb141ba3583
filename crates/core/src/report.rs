//! The weekly and monthly service reports, generated on demand from the local database
//! (offline), for the printable page, the PDF and the CLI alike.
//!
//! A weekly report covers a calendar week (Monday to Sunday), a monthly one a calendar
//! month, in the workspace's time zone, beside the week or month before
//! ([`kpi::calendar_dashboard`]); by default the last complete one. Every number is one
//! of [`crate::kpi`]'s, never measured again here: the KPI table is that dashboard's tiles
//! and the day-by-day table and top lists are its charts, read once for the whole period.
//!
//! Sections other features will fill (insights raised, incidents and drills, training
//! compliance) are added when those features exist and have data in the period; a report
//! never shows an empty placeholder.

mod format;
mod pdf;

pub use format::{change_text, value_text};
pub use crate::pdf::find_font;
pub use pdf::report_pdf;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::export::labels::Label;
use crate::export::table::Cell;
use crate::kpi::{self, CalendarPeriod, CalendarUnit, KpiFilter, Nps, Period, RankedCount, Share};
use crate::settings::Language;

crate::text_enum::text_enum! {
    /// Which report.
    pub enum ReportKind {
        /// A calendar week, Monday to Sunday, beside the week before.
        Weekly = "weekly",
        /// A calendar month beside the month before.
        Monthly = "monthly",
    }
}

/// Which report, of which week or month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportRequest {
    /// Weekly or monthly.
    pub kind: ReportKind,
    /// Any day (YYYY-MM-DD) of the week or month wanted; `None`: the last complete one.
    pub of: Option<String>,
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

/// One day of the period: the dashboard's volume and trend charts at that day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportDay {
    /// The day (YYYY-MM-DD, in the report's time zone).
    pub day: String,
    /// Cases created that day.
    pub created: u32,
    /// SLA compliance of the cases resolved that day.
    pub sla_compliance: Share,
    /// CSAT of the cases resolved that day.
    pub csat: Share,
    /// NPS of the cases resolved that day.
    pub nps: Nps,
}

/// A service report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ServiceReport {
    /// Which report.
    pub kind: ReportKind,
    /// The week or month: its name, and the days that ask for its neighbours.
    pub period: CalendarPeriod,
    /// When it was made (RFC 3339, UTC).
    pub generated_at: String,
    /// The organisation's name (may be empty).
    pub organisation: String,
    /// The time zone its days are counted in.
    pub time_zone: String,
    /// The period reported on.
    pub current: Period,
    /// The week or month before.
    pub previous: Period,
    /// Every KPI, in the dashboard's order.
    pub kpis: Vec<ReportKpi>,
    /// Each day of the period, oldest first.
    pub days: Vec<ReportDay>,
    /// The period's most frequent categories (cases created), most first; at most
    /// [`kpi::TOP_N`].
    pub top_categories: Vec<RankedCount>,
    /// The root causes of the period's resolved cases, most first; at most [`kpi::TOP_N`].
    pub top_root_causes: Vec<RankedCount>,
}

impl ServiceReport {
    /// The name its PDF is offered under: `service-report-2026-W48.pdf`,
    /// `service-report-2026-11.pdf`.
    pub fn file_name(&self) -> String {
        format!("service-report-{}.pdf", self.period.name)
    }
}

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

/// The report `request` asks for as of `now`, its KPI names in `lang`, over every case.
/// Errors: a bad `of` (not a date, a week or month not ended yet, or too far back), as a
/// validation error on `of`.
pub fn service_report(conn: &rusqlite::Connection, request: &ReportRequest, lang: Language, now: DateTime<Utc>) -> Result<ServiceReport> {
    let unit_of = match request.kind {
        ReportKind::Weekly => CalendarUnit::Week,
        ReportKind::Monthly => CalendarUnit::Month,
    };
    let (period, d) = kpi::calendar_dashboard(conn, unit_of, request.of.as_deref(), &KpiFilter::default(), now)?;
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
    // A month has at most 31 days, which the dashboard charts by day
    // (`kpi::DAILY_MAX_DAYS`): each volume and trend point is one day, in the same order.
    let charts = d.charts;
    let days = charts
        .volume
        .into_iter()
        .zip(charts.trend)
        .map(|(v, t)| ReportDay { day: v.period.first_day, created: v.total, sla_compliance: t.sla_compliance, csat: t.csat, nps: t.nps })
        .collect();
    Ok(ServiceReport {
        kind: request.kind,
        period,
        generated_at: crate::time::to_db_text(now),
        organisation: crate::settings::load_with(conn)?.organisation_name,
        time_zone: d.time_zone,
        current: d.current.period,
        previous: d.previous.period,
        kpis,
        days,
        top_categories: charts.top_categories,
        top_root_causes: charts.top_root_causes,
    })
}

/// Writes `report` as a PDF in `lang` to `path`, whole or not at all (an existing file is
/// replaced only with `replace`). Errors: no font covering Chinese
/// ([`crate::Error::NoReportFont`]), `path` existing without `replace`
/// ([`crate::Error::AlreadyExists`]), or the file system's refusal ([`crate::Error::Io`]).
pub fn save_pdf(report: &ServiceReport, lang: Language, path: &Path, replace: bool) -> Result<()> {
    crate::pdf::save(path, replace, lang, |font| report_pdf(report, lang, font))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::tests::data;
    use crate::store::Store;
    use crate::{Error, ValidationRule};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn report(store: &Store, kind: ReportKind, of: Option<&str>, now: DateTime<Utc>) -> ServiceReport {
        service_report(store.conn(), &ReportRequest { kind, of: of.map(str::to_owned) }, Language::En, now).unwrap()
    }

    fn kpi<'a>(r: &'a ServiceReport, key: &str) -> &'a ReportKpi {
        r.kpis.iter().find(|k| k.key == key).unwrap()
    }

    /// The week of Monday 2 March 2026 in `kpi::tests`' data set (Shanghai days): A, B and
    /// C created on Monday, D on Tuesday (23:30 UTC Monday); A, B (again) and C resolved on
    /// Tuesday, C breaching both targets; answers CSAT 5/3/4 and NPS 10/6/9.
    #[test]
    fn a_weekly_report_of_a_named_week_matches_the_hand_computed_values() {
        let d = data();
        let r = report(&d.store, ReportKind::Weekly, Some("2026-03-04"), d.store.now());
        assert_eq!(r.time_zone, "Asia/Shanghai");
        assert_eq!(r.period.name, "2026-W10");
        assert_eq!((r.current.first_day.as_str(), r.current.last_day.as_str()), ("2026-03-02", "2026-03-08"));
        assert_eq!(r.current.start, "2026-03-01T16:00:00.000Z", "Shanghai's midnight");
        assert_eq!((r.previous.first_day.as_str(), r.previous.last_day.as_str()), ("2026-02-23", "2026-03-01"));
        assert_eq!((r.period.earlier.as_deref(), r.period.later.as_deref()), (Some("2026-02-23"), Some("2026-03-09")));

        let created: Vec<(&str, u32)> = r.days.iter().map(|d| (d.day.as_str(), d.created)).collect();
        assert_eq!(
            created,
            [("2026-03-02", 3), ("2026-03-03", 1), ("2026-03-04", 0), ("2026-03-05", 0), ("2026-03-06", 0), ("2026-03-07", 0), ("2026-03-08", 0)]
        );
        let tuesday = &r.days[1];
        assert_eq!(tuesday.sla_compliance, Share { percent: Some(200.0 / 3.0), hits: 2, cases: 3 });
        assert_eq!((tuesday.csat.hits, tuesday.csat.cases), (2, 3), "5 and 4 of 5, 3, 4");
        assert_eq!((tuesday.nps.promoters, tuesday.nps.passives, tuesday.nps.detractors), (2, 0, 1));
        assert!((tuesday.nps.score.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.days[0].sla_compliance.percent, None, "nothing resolved on Monday: no data, not 0");

        assert_eq!((kpi(&r, "created").current, kpi(&r, "created").previous), (Some(4.0), Some(0.0)));
        assert_eq!(kpi(&r, "resolved").current, Some(3.0));
        let frt = kpi(&r, "first_response");
        assert_eq!((frt.unit, frt.current_basis), (ReportUnit::Seconds, Some(3.0)));
        assert!((frt.current.unwrap() - 60.0 * (60.0 + 20.0 + 720.0) / 3.0).abs() < 1e-6, "A 60, B 20, C 720 min");
        assert_eq!(frt.previous, None, "an empty week before: no data");
        assert_eq!(r.top_categories, [RankedCount { name: "Billing".into(), cases: 4 }]);
        assert_eq!(r.top_root_causes, [RankedCount { name: "Bank delay".into(), cases: 3 }]);
    }

    #[test]
    fn a_monthly_report_is_the_calendar_month_beside_the_month_before() {
        let d = data();
        // 1 April, 20:00 in Shanghai: March has ended.
        let r = report(&d.store, ReportKind::Monthly, None, utc("2026-04-01T12:00:00Z"));
        assert_eq!(r.period.name, "2026-03");
        assert_eq!((r.current.days, r.days.len()), (31, 31));
        assert_eq!((r.previous.first_day.as_str(), r.previous.days), ("2026-02-01", 28));
        assert_eq!(r.period.later, None, "April is under way");
        // A–D in the first week, E (the Berlin team's) on Friday 27 March.
        assert_eq!((kpi(&r, "created").current, kpi(&r, "resolved").current), (Some(5.0), Some(4.0)));
        assert_eq!(r.days.iter().map(|d| d.created).sum::<u32>(), 5, "the days add up to the tile");
        assert_eq!(r.days[26].created, 1, "E: 23:00 on the 27th in Shanghai");
        assert_eq!(r.file_name(), "service-report-2026-03.pdf");
    }

    #[test]
    fn by_default_the_last_complete_week() {
        let d = data();
        // The clock: Tuesday 31 March, 20:00 in Shanghai.
        let r = report(&d.store, ReportKind::Weekly, None, d.store.now());
        assert_eq!((r.current.first_day.as_str(), r.current.last_day.as_str()), ("2026-03-23", "2026-03-29"));
        assert_eq!(r.period.later, None);
        assert_eq!(kpi(&r, "created").current, Some(1.0), "E");
        assert_eq!(r.file_name(), "service-report-2026-W13.pdf");
    }

    #[test]
    fn a_week_not_ended_or_a_bad_day_is_refused_on_of() {
        let d = data();
        let ask = |of: &str| service_report(d.store.conn(), &ReportRequest { kind: ReportKind::Weekly, of: Some(of.into()) }, Language::En, d.store.now());
        assert!(matches!(ask("2026-03-31"), Err(Error::Validation { field: "of", rule: ValidationRule::TooLate, .. })));
        assert!(matches!(ask("31/03/2026"), Err(Error::Validation { field: "of", rule: ValidationRule::InvalidValue, .. })));
    }

    #[test]
    fn an_empty_database_reports_no_data_not_zero() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let r = report(&store, ReportKind::Weekly, None, store.now());
        let csat = kpi(&r, "csat");
        assert_eq!((csat.current, csat.current_basis), (None, Some(0.0)));
        assert_eq!(r.days.len(), 7);
        assert!(r.days.iter().all(|d| d.created == 0 && d.sla_compliance.percent.is_none() && d.nps.score.is_none()));
        assert!(r.top_categories.is_empty() && r.top_root_causes.is_empty());
    }

    #[test]
    fn save_pdf_never_overwrites_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let r = report(&store, ReportKind::Weekly, None, store.now());
        let path = dir.path().join(r.file_name());
        std::fs::write(&path, b"older").unwrap();
        assert!(matches!(save_pdf(&r, Language::En, &path, false), Err(Error::AlreadyExists { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"older");
        save_pdf(&r, Language::En, &path, true).expect("a CJK font (fonts-wqy-microhei or fonts-noto-cjk)");
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    }
}
