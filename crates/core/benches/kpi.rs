//! The KPI dashboard on the DESIGN benchmark size (100k cases, about 1M timeline events):
//! `kpi::dashboard` for the last 30 days beside the 30 before (the dashboard), and for the
//! last 90 beside the 90 before (the 90-day report: every case of the demo), each against
//! a raw-SQLite baseline taken in the same run.
//!
//! The baseline is the cheapest hand-written SQL that gives the same tiles in calendar
//! time: one aggregate per period over the case rows (counts, mean first-response and
//! resolution time, CSAT, NPS, backlog, call-backs). What it leaves out is what the module
//! adds: business hours in each team's calendar, pending-customer pauses and reopenings
//! (which need the timeline), SLA compliance, first-contact resolution and the charts.
//!
//! Both are asked as of the data's latest event, as the app is right after the demo ran:
//! the cached database may come from a demo that ended on another day than
//! [`support::demo_end`] (`frontline-cli demo` ends now), and asking as of a day weeks
//! before its end would measure a dashboard of the past with the future already in it.
#![allow(missing_docs, clippy::unwrap_used)]

mod support;

use std::time::Instant;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::Store;
use frontline_core::kpi::{self, DashboardRequest, KpiFilter, Period, PeriodPreset, PeriodRequest};
use frontline_core::settings::Language;
use support::bench_db;

/// One aggregate per period over the case rows: the tiles in calendar time.
const BASELINE_SQL: &str = "SELECT
   count(*) FILTER (WHERE created_at >= ?1),
   avg((julianday(first_response_at) - julianday(created_at)) * 86400) FILTER (WHERE created_at >= ?1),
   count(*) FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at >= ?1 AND resolved_at < ?2),
   avg((julianday(resolved_at) - julianday(created_at)) * 86400)
     FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at >= ?1 AND resolved_at < ?2),
   avg(handle_seconds) FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at >= ?1
     AND resolved_at < ?2 AND handle_seconds > 0),
   avg(csat >= 4) FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at >= ?1
     AND resolved_at < ?2 AND csat BETWEEN 1 AND 5),
   avg(CASE WHEN nps >= 9 THEN 100 WHEN nps <= 6 THEN -100 ELSE 0 END)
     FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at >= ?1 AND resolved_at < ?2
     AND nps IS NOT NULL),
   count(*) FILTER (WHERE status NOT IN ('resolved', 'closed')),
   count(*) FILTER (WHERE callback_due_at >= ?1 AND callback_due_at < ?2),
   count(*) FILTER (WHERE callback_due_at < ?2 AND callback_done_at IS NULL)
 FROM cases
 WHERE deleted_at IS NULL AND created_at < ?2
   AND (created_at >= ?1 OR status NOT IN ('resolved', 'closed') OR resolved_at >= ?1
        OR callback_due_at >= ?1)";

type BaselineRow = (i64, Option<f64>, i64, Option<f64>, Option<f64>, Option<f64>, Option<f64>, i64, i64, i64);

fn baseline(stmt: &mut rusqlite::CachedStatement<'_>, periods: &[Period]) -> Vec<BaselineRow> {
    periods
        .iter()
        .map(|p| {
            stmt.query_row([&p.start, &p.end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
            })
            .unwrap()
        })
        .collect()
}

fn dashboard(c: &mut Criterion) {
    let path = bench_db(Language::ZhHans);
    let opened = Instant::now();
    let store = Store::open(&path).unwrap();
    // A database of an older schema is migrated here, its KPI facts worked out once.
    eprintln!("kpi: opened {} in {:.1} s", path.display(), opened.elapsed().as_secs_f64());
    let conn = store.conn();
    let last: String = conn.query_row("SELECT max(at) FROM case_events", [], |r| r.get(0)).unwrap();
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(&last).unwrap().with_timezone(&Utc);

    let mut g = c.benchmark_group("kpi");
    for (name, preset) in [("dashboard_30d", PeriodPreset::Days30), ("report_90d", PeriodPreset::Days90)] {
        let request = DashboardRequest { period: PeriodRequest::preset(preset), filter: KpiFilter::default() };
        let d = kpi::dashboard(conn, &request, now).unwrap();
        assert!(d.current.kpis.created > 10_000, "{:?}", d.current.kpis);
        eprintln!(
            "kpi/{name} as of {now}: {} cases created, {} resolved, backlog {}; previous period {} created",
            d.current.kpis.created, d.current.kpis.resolved, d.current.kpis.backlog.total, d.previous.kpis.created
        );
        g.bench_function(name, |b| b.iter(|| kpi::dashboard(conn, &request, now).unwrap()));
        let periods = [d.current.period.clone(), d.previous.period.clone()];
        let mut stmt = conn.prepare_cached(BASELINE_SQL).unwrap();
        g.bench_function(format!("baseline/{name}_raw_sql"), |b| b.iter(|| baseline(&mut stmt, &periods)));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = dashboard
}
criterion_main!(benches);
