//! Query speed on the DESIGN benchmark size: 100k cases, about 1M timeline events.
//!
//! Each measured operation is paired with a raw-SQLite baseline taken in the same run
//! (`baseline/...`): the cheapest hand-written SQL that returns the same rows, so the
//! numbers say what our layer costs on this machine, not just how fast the machine is.
//! The data set is made once by `frontline_core::demo` (deterministic) and cached at
//! `$FRONTLINE_BENCH_DB` (default: ~/.cache/frontline/bench-100k.db).
#![allow(missing_docs, clippy::unwrap_used)]

use std::ops::ControlFlow;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::cases::{self, CaseQuery, CaseStatus, Priority, Queue};
use frontline_core::demo::{self, DemoOptions};
use frontline_core::settings::Language;
use frontline_core::{Store, system_now};

const CASES: u32 = 100_000;

fn bench_db() -> PathBuf {
    let path = std::env::var_os("FRONTLINE_BENCH_DB").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
        home.join(".cache/frontline/bench-100k.db")
    });
    let ready = Store::open(&path).ok().and_then(|s| s.info().ok()).is_some_and(|i| {
        i.row_counts.iter().any(|(t, n)| *t == "cases" && *n >= u64::from(CASES))
    });
    if !ready {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        let opts = DemoOptions {
            cases: CASES,
            language: Language::ZhHans,
            seed: 42,
            end: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            force: false,
        };
        eprintln!("generating {CASES} demo cases into {} (once)", path.display());
        demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    }
    path
}

fn queries(c: &mut Criterion) {
    let path = bench_db();
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let now = system_now()();
    let page = CaseQuery::default();
    let filtered = CaseQuery {
        statuses: vec![CaseStatus::Open, CaseStatus::PendingInternal],
        priorities: vec![Priority::P1, Priority::P2],
        ..CaseQuery::default()
    };
    let deep = CaseQuery { offset: 90_000, ..CaseQuery::default() };
    let text = |t: &str| CaseQuery { text: Some(t.into()), ..CaseQuery::default() };

    let mut g = c.benchmark_group("case_list");
    g.bench_function("first_page", |b| b.iter(|| cases::query::list(conn, &page, now).unwrap()));
    g.bench_function("page_at_offset_90000", |b| b.iter(|| cases::query::list(conn, &deep, now).unwrap()));
    g.bench_function("filter_status_priority", |b| b.iter(|| cases::query::list(conn, &filtered, now).unwrap()));
    g.bench_function("queue_breaching", |b| {
        let q = CaseQuery { queue: Queue::Breaching, sort: cases::CaseSort::Due, descending: false, ..page.clone() };
        b.iter(|| cases::query::list(conn, &q, now).unwrap())
    });
    g.bench_function("baseline/first_page_raw_sql", |b| {
        let mut stmt = conn
            .prepare(
                "SELECT c.id, c.ref, c.title, c.status FROM cases c WHERE c.deleted_at IS NULL
                 ORDER BY c.created_at DESC LIMIT 100",
            )
            .unwrap();
        b.iter(|| {
            let rows: Vec<(String, String, String, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(|r| r.unwrap()).collect();
            let total: i64 = conn.query_row("SELECT count(*) FROM cases WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
            (rows, total)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("search");
    for (name, q) in [("chinese_4_chars", "宽带断线"), ("chinese_2_chars", "退款"), ("english_word", "refund")] {
        let query = text(q);
        g.bench_function(name, |b| b.iter(|| cases::query::list(conn, &query, now).unwrap()));
    }
    g.bench_function("baseline/fts_match_raw_sql", |b| {
        let mut stmt = conn.prepare("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"宽带断线\"' LIMIT 100").unwrap();
        b.iter(|| stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().map(|r| r.unwrap()).collect::<Vec<_>>())
    });
    g.finish();

    let mut g = c.benchmark_group("case_detail");
    let some = cases::query::list(conn, &page, now).unwrap().rows.remove(0).id;
    g.bench_function("detail_with_timeline_and_sla", |b| b.iter(|| cases::detail(&store, &some).unwrap()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = queries
}
criterion_main!(benches);
