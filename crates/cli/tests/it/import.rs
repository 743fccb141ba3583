//! `import FILE`: the core's fixtures through the real binary.

use std::path::{Path, PathBuf};

use super::{cli, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/import").join(name)
}

fn cases(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_dry_run_then_an_import_then_a_second_import_that_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    let file = fixture("zendesk.csv");
    let out = cli(&db, &["import", file.to_str().unwrap(), "--dry-run", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dry: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((dry["cases"].as_u64(), dry["errors"].as_array().map(Vec::len)), (Some(7), Some(0)));
    assert_eq!(cases(&db), 0, "a dry run writes nothing");

    let out = cli(&db, &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("imported 7 cases"), "{}", stdout(&out));
    assert!(!stderr(&out).contains('\r'), "no progress lines off a terminal");
    let out = cli(&db, &["import", file.to_str().unwrap(), "--json"]);
    let again: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((again["cases"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(7)));
    assert_eq!(cases(&db), 7);
}

#[test]
fn a_bad_file_lists_its_errors_and_changes_nothing_unless_told_to_skip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    let file = fixture("bad.csv");
    let out = cli(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("row 3 (line 3): created: not a date (\"2026-13-45 09:00\")"), "{err}");
    assert!(err.contains("row 12 (line 13): the file ends in the middle of this row"), "{err}");
    assert!(err.contains("nothing was imported: 9 of 11 rows have errors"), "{err}");
    assert_eq!(cases(&db), 0);
    let out = cli(&db, &["import", file.to_str().unwrap(), "--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("9 rows with errors were left out"), "{}", stdout(&out));
    assert_eq!(cases(&db), 2);
}

#[test]
fn a_mapping_file_and_an_encoding_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    let file = fixture("legacy-big5.csv");
    let mapping = fixture("legacy-big5.mapping.json");
    let out = cli(&db, &["import", file.to_str().unwrap(), "--mapping", mapping.to_str().unwrap(), "--encoding", "big5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cases(&db), 3);
    // Read as GBK, the Big5 text is not what the mapping names: the header is wrong.
    let other = dir.path().join("other.db");
    let out = cli(&other, &["import", file.to_str().unwrap(), "--mapping", mapping.to_str().unwrap(), "--encoding", "gbk"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("the file's header or size is wrong"), "{}", stderr(&out));
    let out = cli(&other, &["import", file.to_str().unwrap(), "--encoding", "latin1"]);
    assert!(stderr(&out).contains("unknown encoding \"latin1\""), "{}", stderr(&out));
    let out = cli(&other, &["import", file.to_str().unwrap(), "--show-mapping"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(shown["columns"]["title"], "標題");
}
