use std::ops::ControlFlow;

use super::*;
use crate::cases::{self, CaseQuery, Queue};
use crate::ids::CaseId;
use crate::export::canonical_string;
use crate::settings::Language;
use crate::store::test_support::{TestClock, outbox, temp_store};

fn go(_: JsonImportProgress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A store with 300 demo cases in Chinese, its clock pinned ([`TestClock`]), one case deleted, one re-tagged (a tag
/// removed and added: set elements with a removed one) and one with a note.
fn source() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_clock(&dir.path().join("source.db"), TestClock::new().now()).unwrap();
    let opts = crate::demo::DemoOptions { cases: 300, language: Language::ZhHans, seed: 11, end: store.now(), force: false };
    crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    let ids: Vec<CaseId> = cases::query::list(store.conn(), &CaseQuery { limit: 3, ..CaseQuery::default() }, store.now())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    store
        .write(|tx| {
            tx.delete(Table::Cases, ids[0].as_str())?;
            cases::set_tags(tx, &ids[1], &["退款".into(), "vip".into()])?;
            cases::set_tags(tx, &ids[1], &["退款".into()])?;
            cases::add_note(tx, &ids[2], "客户来电：已处理 \"quoted\", with a comma")
        })
        .unwrap();
    (dir, store)
}

fn import_string(store: &mut Store, json: &str) -> Result<JsonImportSummary> {
    import_json(store, json.as_bytes(), json.len() as u64, go)
}

/// An empty store whose clock reads the source's instant: the due times cached for a
/// paused case depend on when they were computed.
fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&dir.path().join("target.db"), TestClock::new().now()).unwrap();
    (dir, store)
}

#[test]
fn export_import_export_gives_the_same_bytes_and_rebuilds_derived_data() {
    let (_a, src) = source();
    let json = canonical_string(src.conn()).unwrap();
    assert!(json.contains("\"deleted_at\":\"20"), "a tombstone is in the file");
    assert!(json.contains("\"present\":0"), "a removed tag is in the file");
    let (_b, mut dst) = fresh();
    let mut seen = Vec::new();
    let summary = import_json(&mut dst, json.as_bytes(), json.len() as u64, |p| {
        seen.push(p);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(canonical_string(dst.conn()).unwrap(), json, "byte for byte");
    assert_eq!(summary.cases, 300);
    let last = seen.last().unwrap();
    assert_eq!((last.rows, last.bytes, last.total_bytes), (summary.rows, json.len() as u64, json.len() as u64));
    assert!(seen.len() > 1, "progress along the way: {seen:?}");

    // Derived data is the source's: statuses, due times, tags, counts and search.
    let now = src.now();
    let all = |s: &Store, q: CaseQuery| cases::query::list(s.conn(), &CaseQuery { limit: 500, ..q }, now).unwrap();
    for q in [
        CaseQuery::default(),
        CaseQuery { queue: Queue::Breaching, ..CaseQuery::default() },
        CaseQuery { queue: Queue::Escalated, ..CaseQuery::default() },
        CaseQuery { text: Some("退款".into()), ..CaseQuery::default() },
        CaseQuery { text: Some("quoted".into()), ..CaseQuery::default() },
        CaseQuery { tag: Some("退款".into()), ..CaseQuery::default() },
    ] {
        assert_eq!(all(&dst, q.clone()), all(&src, q.clone()), "{q:?}");
    }
    assert_eq!(all(&dst, CaseQuery::default()).total, 299, "the deleted case stays deleted");
    assert_eq!(
        cases::counts::queue_counts(dst.conn(), None, now).unwrap(),
        cases::counts::queue_counts(src.conn(), None, now).unwrap()
    );
    crate::cases::counts::test_support::assert_counts_current(&dst);
    assert_eq!(cases::counts::tags(dst.conn()).unwrap(), cases::counts::tags(src.conn()).unwrap());
}

#[test]
fn imported_rows_are_this_devices_data_and_go_out_when_signed_in() {
    let (_a, src) = source();
    let json = canonical_string(src.conn()).unwrap();
    // A signed-in device records its writes in the outbox as they happen.
    let (_d, mut dst, _) = temp_store();
    import_string(&mut dst, &json).unwrap();
    let out = outbox(&dst);
    let node = dst.node_id().to_string();
    assert!(!out.is_empty());
    assert!(out.iter().all(|(hlc, ..)| hlc.ends_with(&node)), "stamped by this device");
    assert!(out.iter().any(|(_, t, _, c, _)| t == "cases" && c == "title"));
    assert!(out.iter().any(|(_, t, _, c, _)| t == "cases" && c == "deleted_at"), "the tombstone too");
    assert!(out.iter().any(|(_, t, _, c, _)| t == "case_events" && c.is_empty()), "events whole");
    // Not signed in: no outbox, but every cell is versioned, so sign-in publishes it.
    let (_b, mut plain) = fresh();
    import_string(&mut plain, &json).unwrap();
    let versions: i64 = plain.conn().query_row("SELECT count(*) FROM column_versions", [], |r| r.get(0)).unwrap();
    assert!(versions > 300 * 5, "{versions}");
}

/// Everything in the target database, for "nothing was written".
fn snapshot(store: &Store) -> String {
    let outbox: i64 = store.conn().query_row("SELECT count(*) FROM outbox", [], |r| r.get(0)).unwrap();
    let versions: i64 = store.conn().query_row("SELECT count(*) FROM column_versions", [], |r| r.get(0)).unwrap();
    format!("{}{outbox}/{versions}", canonical_string(store.conn()).unwrap())
}

#[test]
fn a_database_that_holds_anything_is_refused() {
    let (_a, src) = source();
    let json = canonical_string(src.conn()).unwrap();
    let (_d, mut dst, _) = temp_store();
    dst.write(|tx| crate::customers::find_or_create(tx, "Li Na")).unwrap();
    let before = snapshot(&dst);
    let err = import_string(&mut dst, &json).unwrap_err();
    assert!(matches!(&err, Error::ImportNotEmpty { rows: 1, tables } if tables == "customers"), "{err}");
    assert_eq!(snapshot(&dst), before);
}

#[test]
fn bad_files_are_refused_with_where_and_nothing_is_written() {
    let (_a, src) = source();
    let json = canonical_string(src.conn()).unwrap();
    let (_d, mut dst, _) = temp_store();
    let before = snapshot(&dst);
    let schema = crate::store::migrations::latest_version();
    let header = format!("{{\"$format\":{{\"name\":\"frontline\",\"schema\":{schema},\"version\":1}}");
    let cases: &[(&str, String)] = &[
        ("truncated", json[..(0..=json.len() * 2 / 3).rev().find(|i| json.is_char_boundary(*i)).unwrap()].to_owned()),
        ("empty", String::new()),
        ("not json", "name,title\nLi,退款\n".into()),
        ("foreign json", "{\"tickets\":[{\"id\":1}]}".into()),
        ("no header first", json.replacen("\"$format\"", "\"$other\"", 1)),
        ("another program's format", json.replacen("\"name\":\"frontline\"", "\"name\":\"helpdesk\"", 1)),
        ("unknown table", format!("{header},\n\"tickets\":[]}}")),
        ("local table", format!("{header},\n\"saved_views\":[]}}")),
        ("table twice", format!("{header},\n\"teams\":[],\"teams\":[]}}")),
        ("unknown column", json.replacen("\"title\":", "\"subject\":\"x\",\"title\":", 1)),
        ("derived column", json.replacen("\"title\":", "\"status\":\"open\",\"title\":", 1)),
        ("row without id", format!("{header},\n\"teams\":[{{\"created_at\":\"2026-01-01T00:00:00.000Z\",\"name\":\"A\"}}]}}")),
        ("a value that is an object", format!("{header},\n\"teams\":[{{\"id\":\"t\",\"created_at\":\"x\",\"name\":{{}}}}]}}")),
        ("a duplicate id", format!("{header},\n\"teams\":[{{\"id\":\"t\",\"created_at\":\"x\",\"name\":\"A\"}},{{\"id\":\"t\",\"created_at\":\"x\",\"name\":\"B\"}}]}}")),
        ("trailing garbage", format!("{json}x")),
    ];
    for (what, text) in cases {
        let err = import_string(&mut dst, text).unwrap_err();
        assert!(matches!(err, Error::NotAnExport { .. }), "{what}: {err}");
        assert_eq!(snapshot(&dst), before, "{what}: nothing written");
    }
    let half = (0..=json.len() / 2).rev().find(|i| json.is_char_boundary(*i)).unwrap();
    let truncated = import_string(&mut dst, &json[..half]).unwrap_err().to_string();
    assert!(truncated.contains("line "), "says where: {truncated}");
    let unknown = import_string(&mut dst, &cases[9].1).unwrap_err().to_string();
    assert!(unknown.contains("column \"subject\""), "{unknown}");
}

#[test]
fn a_newer_export_is_refused_as_too_new() {
    let (_d, mut dst, _) = temp_store();
    let schema = crate::store::migrations::latest_version();
    for header in [
        format!("{{\"$format\":{{\"name\":\"frontline\",\"schema\":{},\"version\":1}}}}", schema + 1),
        format!("{{\"$format\":{{\"name\":\"frontline\",\"schema\":{schema},\"version\":2,\"compression\":\"none\"}}}}"),
    ] {
        let err = import_string(&mut dst, &header).unwrap_err();
        assert!(matches!(err, Error::ExportTooNew { .. }), "{header}: {err}");
        assert!(err.to_string().contains("Update Frontline"));
    }
    // The same header at this version is a valid, empty export.
    let empty = format!("{{\"$format\":{{\"name\":\"frontline\",\"schema\":{schema},\"version\":1}}}}");
    assert_eq!(import_string(&mut dst, &empty).unwrap(), JsonImportSummary { rows: 0, cases: 0 });
}

#[test]
fn cancelling_keeps_nothing() {
    let (_a, src) = source();
    let json = canonical_string(src.conn()).unwrap();
    let (_d, mut dst, _) = temp_store();
    let before = snapshot(&dst);
    let err = import_json(&mut dst, json.as_bytes(), 0, |_| ControlFlow::Break(())).unwrap_err();
    assert!(matches!(err, Error::Cancelled));
    assert_eq!(snapshot(&dst), before);
}
