//! Query speed on the DESIGN benchmark size: 100k cases, about 1M timeline events.
//!
//! Each measured operation is paired with a raw-SQLite baseline taken in the same run
//! (`baseline/...`): the cheapest hand-written SQL that returns the same rows, so the
//! numbers say what our layer costs on this machine, not just how fast the machine is.
//! The data set is made once by `frontline_core::demo` (deterministic) and cached at
//! `$FRONTLINE_BENCH_DB` (default: ~/.cache/frontline/bench-100k.db).
#![allow(missing_docs, clippy::unwrap_used)]

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::cases::{self, CaseQuery, CaseStatus, Priority, Queue};
use frontline_core::ids::AgentId;
use frontline_core::settings::Language;
use frontline_core::{Store, system_now};
use support::{CASES, bench_db};

/// What a search finds, for BENCHMARKS.md (a search that finds nothing measures nothing):
/// written to `$FRONTLINE_BENCH_HITS` as `{"search/<name>": {"query": …, "hits": n}}`.
fn record_hits(hits: &[(String, String, u32)]) {
    let Some(path) = std::env::var_os("FRONTLINE_BENCH_HITS") else { return };
    let map: serde_json::Map<String, serde_json::Value> = hits
        .iter()
        .map(|(id, query, n)| (id.clone(), serde_json::json!({ "query": query, "hits": n })))
        .collect();
    std::fs::write(path, serde_json::Value::Object(map).to_string()).unwrap();
}

fn queries(c: &mut Criterion) {
    let path = bench_db(Language::ZhHans);
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let english = Store::open(&bench_db(Language::En)).unwrap();
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
    g.bench_function("baseline/page_at_offset_90000_raw_sql", |b| {
        let mut stmt = conn
            .prepare(
                "SELECT c.id, c.ref, c.title, c.status FROM cases c WHERE c.deleted_at IS NULL
                 ORDER BY c.created_at DESC, c.id DESC LIMIT 100 OFFSET 90000",
            )
            .unwrap();
        b.iter(|| {
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect::<Vec<_>>()
        })
    });
    // The Cases page's tabs: every queue's count ("My cases" for the busiest agent), and
    // the filters' categories and tags.
    let me: AgentId = conn
        .query_row(
            "SELECT assignee_id FROM cases WHERE assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let counts = cases::counts::queue_counts(conn, Some(&me), now).unwrap();
    assert!(counts.all >= CASES && counts.mine.unwrap_or(0) > 0, "{counts:?}");
    g.bench_function("queue_counts", |b| b.iter(|| cases::counts::queue_counts(conn, Some(&me), now).unwrap()));
    g.bench_function("baseline/queue_counts_by_count_star", |b| {
        // What counting each queue's rows costs, hand-written: one count(*) per tab.
        let soon = (now + chrono::Duration::minutes(60)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let me = me.as_str().to_owned();
        let queries: [(&str, Vec<String>); 7] = [
            ("SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL", vec![]),
            ("SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.assignee_id = ?1", vec![me]),
            (
                "SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.status NOT IN ('resolved', 'closed')
                 AND c.assignee_id IS NULL",
                vec![],
            ),
            ("SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.attention_due_at <= ?1", vec![soon]),
            ("SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.escalation_department IS NOT NULL", vec![]),
            (
                "SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL
                 AND c.customer_id IN (SELECT id FROM customers WHERE tier = 'vip')",
                vec![],
            ),
            (
                "SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.callback_due_at IS NOT NULL
                 AND c.callback_done_at IS NULL",
                vec![],
            ),
        ];
        b.iter(|| {
            queries
                .iter()
                .map(|(sql, args)| {
                    let mut stmt = conn.prepare_cached(sql).unwrap();
                    stmt.query_row(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0)).unwrap()
                })
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("filter_categories_and_tags", |b| {
        b.iter(|| (cases::query::categories(conn).unwrap(), cases::query::tags(conn).unwrap()))
    });
    g.bench_function("baseline/categories_and_tags_distinct_raw_sql", |b| {
        let mut cats = conn
            .prepare("SELECT DISTINCT category FROM cases WHERE deleted_at IS NULL AND category <> '' ORDER BY category")
            .unwrap();
        let mut tags = conn
            .prepare("SELECT DISTINCT j.value FROM cases c, json_each(c.tags) j WHERE c.deleted_at IS NULL ORDER BY j.value")
            .unwrap();
        b.iter(|| {
            let c: Vec<String> = cats.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
            let t: Vec<String> = tags.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
            (c, t)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("search");
    let mut hits = Vec::new();
    for (name, q, store) in
        [("chinese_4_chars", "宽带断线", &store), ("chinese_2_chars", "退款", &store), ("english_word", "refund", &english)]
    {
        let query = text(q);
        let found = cases::query::list(store.conn(), &query, now).unwrap().total;
        assert!(found > 0, "search/{name} for {q:?} finds nothing: it would measure nothing");
        hits.push((format!("search/{name}"), q.to_owned(), found));
        g.bench_function(name, |b| b.iter(|| cases::query::list(store.conn(), &query, now).unwrap()));
    }
    record_hits(&hits);
    g.bench_function("baseline/fts_match_raw_sql", |b| {
        let mut stmt = conn.prepare("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"宽带断线\"' LIMIT 100").unwrap();
        b.iter(|| stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().map(|r| r.unwrap()).collect::<Vec<_>>())
    });
    g.bench_function("baseline/english_fts_match_raw_sql", |b| {
        let mut stmt = english
            .conn()
            .prepare("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"refund\"' LIMIT 100")
            .unwrap();
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
