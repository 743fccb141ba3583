//! The KPI dashboard on the DESIGN benchmark size (100k cases, about 1M timeline events):
//! `kpi::dashboard` for the last 30 days beside the 30 before, against a raw-SQLite
//! baseline taken in the same run.
//!
//! The baseline is the cheapest hand-written SQL that gives the same tiles in calendar
//! time: one aggregate per period over the case rows (counts, mean first-response and
//! resolution time, CSAT, NPS, backlog, call-backs). What it leaves out is what the module
//! adds: business hours in each team's calendar, pending-customer pauses and reopenings
//! (which need the timeline), SLA compliance and first-contact resolution.
#![allow(missing_docs, clippy::unwrap_used)]

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::Store;
use frontline_core::kpi::{self, DashboardRequest, KpiFilter, PeriodPreset, PeriodRequest};
use frontline_core::settings::Language;
use support::{bench_db, demo_end};

fn dashboard(c: &mut Criterion) {
    let store = Store::open(&bench_db(Language::ZhHans)).unwrap();
    let conn = store.conn();
    // The demo's last day, so both periods hold its cases.
    let now = demo_end() - chrono::Duration::minutes(1);
    let request =
        DashboardRequest { period: PeriodRequest::preset(PeriodPreset::Days30), filter: KpiFilter::default() };
    let d = kpi::dashboard(conn, &request, now).unwrap();
    assert!(d.current.kpis.created > 10_000 && d.previous.kpis.created > 10_000, "{:?}", d.current.kpis);
    eprintln!(
        "kpi/dashboard_30d: {} cases created, {} resolved; previous period {} created",
        d.current.kpis.created, d.current.kpis.resolved, d.previous.kpis.created
    );

    let mut g = c.benchmark_group("kpi");
    g.bench_function("dashboard_30d", |b| b.iter(|| kpi::dashboard(conn, &request, now).unwrap()));
    g.bench_function("baseline/dashboard_30d_raw_sql", |b| {
        let periods = [d.current.period.clone(), d.previous.period.clone()];
        let mut stmt = conn
            .prepare(
                "SELECT
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
                        OR callback_due_at >= ?1)",
            )
            .unwrap();
        b.iter(|| {
            periods
                .iter()
                .map(|p| {
                    stmt.query_row([&p.start, &p.end], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<f64>>(1)?, r.get::<_, i64>(2)?, r.get::<_, Option<f64>>(3)?,
                            r.get::<_, Option<f64>>(4)?, r.get::<_, Option<f64>>(5)?, r.get::<_, Option<f64>>(6)?,
                            r.get::<_, i64>(7)?, r.get::<_, i64>(8)?, r.get::<_, i64>(9)?))
                    })
                    .unwrap()
                })
                .collect::<Vec<_>>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = dashboard
}
criterion_main!(benches);
