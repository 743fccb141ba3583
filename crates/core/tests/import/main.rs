//! Importing real-shaped exports end to end: detection, dry run, import, re-import, bad
//! files, cancel — on a real database file.

mod fixtures;

use std::ops::ControlFlow;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use frontline_core::import::{self, Confidence, FileEncoding, ImportMapping, ImportOptions, Layout, RowErrorCode};
use frontline_core::{Error, Store};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z").unwrap().with_timezone(&Utc)
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&dir.path().join("frontline.db"), Arc::new(now)).unwrap();
    (dir, store)
}

/// The options the wizard would start from for `bytes`, times without an offset in
/// Shanghai.
fn suggested(store: &Store, bytes: &[u8]) -> ImportOptions {
    let info = import::inspect(store.conn(), bytes, None).unwrap();
    let mut mapping = info.mapping;
    mapping.time_zone = "Asia/Shanghai".into();
    ImportOptions { encoding: None, mapping, skip_invalid_rows: false }
}

fn mapping_file(name: &str) -> ImportMapping {
    serde_json::from_slice(&fixtures::bytes(name)).unwrap()
}

fn go(store: &mut Store, bytes: &[u8], opts: &ImportOptions) -> Result<import::ImportSummary, Error> {
    import::import(store, bytes, opts, |_| ControlFlow::Continue(()))
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// (status, priority, channel, first response, resolved) of the case imported as `external`.
fn case(store: &Store, external: &str) -> (String, String, String, Option<String>, Option<String>) {
    store
        .conn()
        .query_row(
            "SELECT status, priority, channel, first_response_at, resolved_at FROM cases WHERE external_id = ?1",
            [external],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap_or_else(|e| panic!("{external}: {e}"))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

#[test]
fn a_zendesk_export_imports_with_its_history_and_a_second_import_adds_nothing() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("zendesk.csv");
    let info = import::inspect(store.conn(), &bytes, None).unwrap();
    assert_eq!(
        (info.layout, info.encoding, info.detected.confidence),
        (Layout::Zendesk, FileEncoding::Utf8, Confidence::High)
    );
    assert_eq!(info.preview.len(), 7);
    assert!(!info.mapping_saved);
    let opts = suggested(&store, &bytes);

    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    assert!(dry.errors.is_empty(), "{:#?}", dry.errors);
    assert_eq!(
        (dry.rows, dry.cases, dry.skipped, dry.customers_created, dry.agents_created, dry.teams_created),
        (7, 7, 0, 5, 3, 4)
    );
    let hold = dry.values.iter().find(|v| v.value == "Hold").unwrap();
    assert_eq!((hold.rows, hold.mapped.as_deref()), (1, Some("pending_internal")));
    assert_eq!(count(&store, "cases"), 0, "a dry run writes nothing");

    let done = go(&mut store, &bytes, &opts).unwrap();
    assert_eq!((done.cases, done.customers_created, done.agents_created, done.teams_created), (7, 5, 3, 4));
    // Status, first response and resolution come out of the timeline at the file's times.
    assert_eq!(
        case(&store, "zendesk:1001"),
        ("resolved".into(), "p2".into(), "email".into(), s("2026-10-01T01:57:00.000Z"), s("2026-10-02T08:40:00.000Z"))
    );
    assert_eq!(
        case(&store, "zendesk:1002"),
        ("closed".into(), "p3".into(), "email".into(), s("2026-10-02T05:40:05.000Z"), s("2026-10-04T09:05:00.000Z"))
    );
    assert_eq!(
        case(&store, "zendesk:1003"),
        ("open".into(), "p1".into(), "phone".into(), s("2026-11-20T00:05:00.000Z"), None)
    );
    assert_eq!(case(&store, "zendesk:1004"), ("new".into(), "p3".into(), "chat".into(), None, None));
    assert_eq!(case(&store, "zendesk:1005").0, "pending_customer");
    assert_eq!(case(&store, "zendesk:1006").0, "pending_internal");
    assert_eq!(case(&store, "zendesk:1006").2, "social");
    let (created, closed_at): (String, String) = store
        .conn()
        .query_row(
            "SELECT c.created_at, (SELECT max(at) FROM case_events e WHERE e.case_id = c.id)
             FROM cases c WHERE external_id = 'zendesk:1002'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((created.as_str(), closed_at.as_str()), ("2026-10-02T03:30:05.000Z", "2026-10-09T01:00:00.000Z"));
    // The same customer whatever the case of the e-mail; the organisation as company.
    let (li_na_cases, acme): (i64, String) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM cases k JOIN customers c ON c.id = k.customer_id WHERE c.email = 'li.na@example.com'),
                    (SELECT company FROM customers WHERE email = 'helpdesk@acme.example')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((li_na_cases, acme.as_str()), (2, "Acme, Inc."));
    let tags: String =
        store.conn().query_row("SELECT tags FROM cases WHERE external_id = 'zendesk:1003'", [], |r| r.get(0)).unwrap();
    assert_eq!(tags, r#"["billing","duplicate_charge"]"#);
    let title: String =
        store.conn().query_row("SELECT title FROM cases WHERE external_id = 'zendesk:1003'", [], |r| r.get(0)).unwrap();
    assert_eq!(title, r#"Charged twice for "Premium" plan"#);

    // Every cell of an imported case, the external id among them, is versioned for sync:
    // written whole, each case holds one version for all of them.
    let versioned: (i64, i64) = store
        .conn()
        .query_row(
            "SELECT count(*) FILTER (WHERE col = '*'), count(*) FILTER (WHERE col <> '*')
             FROM column_versions WHERE tbl = 'cases'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(versioned, (7, 0));

    // Again: nothing new, every row counted as skipped; the mapping was saved.
    let info = import::inspect(store.conn(), &bytes, None).unwrap();
    assert!(info.mapping_saved);
    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    assert_eq!((dry.cases, dry.skipped, dry.customers_created), (0, 7, 0));
    let again = go(&mut store, &bytes, &opts).unwrap();
    assert_eq!((again.cases, again.skipped), (0, 7));
    assert_eq!(count(&store, "cases"), 7);
    assert_eq!(count(&store, "customers"), 5);
}

#[test]
fn a_freshdesk_export_with_a_bom_and_naive_times_in_the_mappings_zone() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("freshdesk.csv");
    let info = import::inspect(store.conn(), &bytes, None).unwrap();
    assert_eq!((info.layout, info.detected.bom), (Layout::Freshdesk, true));
    assert_eq!(info.headers[0], "Ticket ID", "the BOM is not part of the first header");
    assert!(info.preview[0][2].contains("no e-mail arrives"), "{:?}", info.preview[0]);
    let opts = suggested(&store, &bytes);
    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    assert!(dry.errors.is_empty(), "{:#?}", dry.errors);
    assert_eq!((dry.cases, dry.customers_created, dry.agents_created, dry.teams_created), (6, 4, 2, 3));
    go(&mut store, &bytes, &opts).unwrap();
    assert_eq!(
        case(&store, "freshdesk:2001"),
        ("resolved".into(), "p3".into(), "email".into(), s("2026-09-14T02:47:30.000Z"), s("2026-09-14T07:20:11.000Z"))
    );
    assert_eq!(case(&store, "freshdesk:2002").0, "closed");
    assert_eq!(case(&store, "freshdesk:2003").0, "pending_customer");
    assert_eq!(case(&store, "freshdesk:2005").0, "pending_internal");
    let description: String = store
        .conn()
        .query_row("SELECT description FROM cases WHERE external_id = 'freshdesk:2001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(description, "Customer writes:\r\n\"I tried three times, no e-mail arrives.\"");
}

#[test]
fn gbk_and_big5_spreadsheets_with_a_mapping_file() {
    for (file, mapping, encoding, cases) in [
        ("legacy-gbk.csv", "legacy-gbk.mapping.json", FileEncoding::Gb18030, 4),
        ("legacy-big5.csv", "legacy-big5.mapping.json", FileEncoding::Big5, 3),
    ] {
        let (_dir, mut store) = fresh();
        let bytes = fixtures::bytes(file);
        let info = import::inspect(store.conn(), &bytes, None).unwrap();
        assert_eq!((info.encoding, info.layout), (encoding, Layout::Generic), "{file}");
        let opts = ImportOptions { encoding: None, mapping: mapping_file(mapping), skip_invalid_rows: false };
        let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
        assert!(dry.errors.is_empty(), "{file}: {:#?}", dry.errors);
        assert_eq!(dry.cases, cases, "{file}");
        go(&mut store, &bytes, &opts).unwrap();
        assert_eq!(count(&store, "cases"), i64::from(cases));
    }
    let (_dir, mut store) = fresh();
    let opts =
        ImportOptions { encoding: None, mapping: mapping_file("legacy-gbk.mapping.json"), skip_invalid_rows: false };
    go(&mut store, &fixtures::bytes("legacy-gbk.csv"), &opts).unwrap();
    assert_eq!(
        case(&store, "legacy-crm:GD-0001"),
        ("resolved".into(), "p1".into(), "phone".into(), s("2026-11-03T09:40:00.000Z"), s("2026-11-03T09:40:00.000Z"))
    );
    let (title, tags): (String, String) = store
        .conn()
        .query_row("SELECT title, tags FROM cases WHERE external_id = 'legacy-crm:GD-0001'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((title.as_str(), tags.as_str()), ("退款没有到账，请尽快处理", r#"["VIP","退款"]"#));
    let (_dir, mut store) = fresh();
    let opts =
        ImportOptions { encoding: None, mapping: mapping_file("legacy-big5.mapping.json"), skip_invalid_rows: false };
    go(&mut store, &fixtures::bytes("legacy-big5.csv"), &opts).unwrap();
    // 03/11/2026 is the 3rd of November, 09:15 in Taipei.
    let created: String = store
        .conn()
        .query_row("SELECT created_at FROM cases WHERE external_id = 'tw-crm:TW-101'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(created, "2026-11-03T01:15:00.000Z");
}

#[test]
fn the_wrong_encoding_gives_row_errors_not_garbage() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("legacy-gbk.csv");
    let opts = ImportOptions {
        encoding: Some(FileEncoding::Utf8),
        mapping: mapping_file("legacy-gbk.mapping.json"),
        skip_invalid_rows: false,
    };
    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    assert!(dry.errors.iter().any(|e| e.row == 1), "the headers themselves do not read: {:#?}", dry.errors);
    assert!(matches!(go(&mut store, &bytes, &opts), Err(Error::ImportInvalid { .. })));
    assert_eq!(count(&store, "cases"), 0);
}

#[test]
fn a_bad_file_lists_every_row_error_and_imports_nothing_half() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("bad.csv");
    let opts = suggested(&store, &bytes);
    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    let got: Vec<(u32, Option<&str>, RowErrorCode)> =
        dry.errors.iter().map(|e| (e.row, e.column.as_deref(), e.code)).collect();
    assert_eq!(
        got,
        [
            (3, Some("created"), RowErrorCode::BadDate),
            (4, Some("priority"), RowErrorCode::UnknownPriority),
            (5, Some("title"), RowErrorCode::Required),
            (6, Some("resolved"), RowErrorCode::BeforeCreated),
            (7, Some("created"), RowErrorCode::AmbiguousDate),
            (9, None, RowErrorCode::DuplicateId),
            (10, None, RowErrorCode::FieldCount),
            (11, Some("status"), RowErrorCode::UnknownStatus),
            (12, None, RowErrorCode::Truncated),
        ]
    );
    assert_eq!(dry.errors[1].value.as_deref(), Some("Highest"));
    assert_eq!((dry.rows, dry.invalid_rows, dry.cases), (11, 9, 2));
    let unknown = dry.values.iter().find(|v| v.value == "Highest").unwrap();
    assert_eq!(unknown.mapped, None);

    match go(&mut store, &bytes, &opts) {
        Err(Error::ImportInvalid { rows }) => assert_eq!(rows, 9),
        other => panic!("{other:?}"),
    }
    for table in ["cases", "customers", "case_events", "import_mappings"] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
    // Skipping the bad rows imports the two good ones, the quoted one with its line break.
    let skip = ImportOptions { skip_invalid_rows: true, ..opts };
    assert_eq!(go(&mut store, &bytes, &skip).unwrap().cases, 2);
    let title: String =
        store.conn().query_row("SELECT title FROM cases WHERE external_id = 'csv:A7'", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "Quoted, with a comma and a line break", "a title is one line");
    // A file of no known layout whose headers fit the mapping saved by that import gets it.
    let mut saved = skip.mapping.clone();
    saved.source = "csv".into();
    let info = import::inspect(store.conn(), &bytes, None).unwrap();
    assert!(info.mapping_saved);
    assert_eq!(info.mapping, saved);
}

#[test]
fn missing_required_columns_stop_the_whole_file() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("missing-columns.csv");
    let opts = ImportOptions { skip_invalid_rows: true, ..suggested(&store, &bytes) };
    let dry = import::dry_run(store.conn(), &bytes, &opts, now()).unwrap();
    assert!(dry.file_is_wrong());
    assert_eq!(
        dry.errors.iter().map(|e| (e.row, e.code, e.field.map(|f| f.as_str()))).collect::<Vec<_>>(),
        [(1, RowErrorCode::MissingColumn, Some("createdAt"))]
    );
    let mut mapped = opts.clone();
    mapped.mapping.columns.insert(import::Field::Category, "Kategorie".into());
    let dry = import::dry_run(store.conn(), &bytes, &mapped, now()).unwrap();
    assert!(
        dry.errors.iter().any(|e| e.code == RowErrorCode::MissingColumn && e.column.as_deref() == Some("Kategorie"))
    );
    assert!(matches!(go(&mut store, &bytes, &opts), Err(Error::ImportInvalid { .. })));
    assert_eq!(count(&store, "cases"), 0);
}

#[test]
fn a_cancelled_import_keeps_nothing() {
    let (_dir, mut store) = fresh();
    let bytes = fixtures::bytes("zendesk.csv");
    let opts = suggested(&store, &bytes);
    // A new database already holds the versions of the built-in journey stages.
    let versions_before = count(&store, "column_versions");
    let mut calls = 0;
    let result = import::import(&mut store, &bytes, &opts, |p| {
        calls += 1;
        if p.done >= 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert!(calls >= 2);
    for table in ["cases", "customers", "agents", "teams", "case_events", "import_mappings"] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
    assert_eq!(count(&store, "column_versions"), versions_before);
}

#[test]
fn a_short_file_of_few_chinese_characters_asks_which_encoding() {
    let (_dir, store) = fresh();
    let (bytes, _, _) = encoding_rs::GBK.encode("名\n");
    let info = import::inspect(store.conn(), &bytes, None).unwrap();
    assert_eq!(info.detected.confidence, Confidence::Low);
    let big5 = import::inspect(store.conn(), &bytes, Some(FileEncoding::Big5)).unwrap();
    assert_eq!(big5.encoding, FileEncoding::Big5);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the bytes, reading, checking and planning a file never panics.
    #[test]
    fn the_csv_path_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), quotes in 0usize..4) {
        let (_dir, store) = fresh();
        let mut bytes = bytes;
        bytes.extend(std::iter::repeat_n(b'"', quotes));
        for encoding in [None, Some(FileEncoding::Gb18030), Some(FileEncoding::Big5)] {
            let info = import::inspect(store.conn(), &bytes, encoding).unwrap();
            let opts = ImportOptions { encoding, mapping: info.mapping, skip_invalid_rows: true };
            let _ = import::dry_run(store.conn(), &bytes, &opts, now());
        }
    }

    /// Text shaped like CSV, with dates and values in every form the reader knows.
    #[test]
    fn csv_shaped_text_never_panics(cells in proptest::collection::vec(
        prop_oneof![
            Just("2026-03-05 14:22".to_owned()), Just("05/03/2026".to_owned()), Just("\"a,\nb\"".to_owned()),
            Just("solved".to_owned()), Just("P2".to_owned()), Just("".to_owned()), Just("-".to_owned()),
            "[a-z0-9 :/.+\"-]{0,12}",
        ], 0..40),
        width in 1usize..6,
    ) {
        let (_dir, store) = fresh();
        let mut text = "id,title,status,priority,created\n".to_owned();
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push(if i % width == width - 1 { '\n' } else { ',' });
        }
        let info = import::inspect(store.conn(), text.as_bytes(), None).unwrap();
        let opts = ImportOptions { encoding: None, mapping: info.mapping, skip_invalid_rows: true };
        let _ = import::dry_run(store.conn(), text.as_bytes(), &opts, now());
    }
}
