//! `import-training FILE`: training records from CSV through the real binary — a dry run
//! listing every row error, an all-or-nothing import, a GBK file (named with --encoding:
//! a few Chinese words are too short to tell GBK from Big5), and a second import that
//! adds nothing.

use std::path::Path;

use frontline_core::Store;
use frontline_core::people::{AgentInput, roles, roster};
use frontline_core::training::{CourseInput, Mode, Topic, courses};

use super::{cli, stderr, stdout};

/// An agent with employee id E-1 and two courses: one with a pass mark, one without.
fn setup(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let agent = AgentInput {
        name: "Ann Lee".into(),
        employee_id: "E-1".into(),
        team_id: None,
        role_id: Some(roles::built_in_id("agent")),
        hired_on: Some("2024-05-06".into()),
    };
    store.write(|tx| roster::create(tx, &agent)).unwrap();
    for (title, pass_mark) in [("Data protection", Some(80)), ("客户服务礼仪", None)] {
        let course = CourseInput {
            title: title.into(),
            topic: Topic::Compliance,
            mode: Mode::Online,
            duration_minutes: 60,
            validity_months: Some(12),
            pass_mark,
        };
        store.write(|tx| courses::create(tx, &course)).unwrap();
    }
}

fn records(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM training_records", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_dry_run_lists_every_row_error_and_the_import_writes_nothing_until_the_file_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    setup(&db);
    let file = dir.path().join("records.csv");
    std::fs::write(
        &file,
        "employee id,course,date,score\n\
         E-1,Data protection,2026-01-15,91\n\
         E-9,Data protection,2026-01-15,91\n\
         E-1,First aid,2026-01-15,91\n\
         E-1,Data protection,15/01/2026,91\n\
         E-1,Data protection,2026-01-16,101\n",
    )
    .unwrap();
    let out = cli(&db, &["import-training", file.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("5 rows"), "{text}");
    assert!(text.contains("4 errors:"), "{text}");
    assert!(
        text.contains("row 3, column \"employee id\": no agent on the roster has this employee id (\"E-9\")"),
        "{text}"
    );
    assert!(text.contains("row 4, column \"course\": no course has this title (\"First aid\")"), "{text}");
    assert!(text.contains("row 5, column \"date\": not a date as YYYY-MM-DD (\"15/01/2026\")"), "{text}");
    assert!(text.contains("row 6, column \"score\": not a whole number from 0 to 100 (\"101\")"), "{text}");
    assert_eq!(records(&db), 0, "a dry run writes nothing");

    let out = cli(&db, &["import-training", file.to_str().unwrap(), "--dry-run", "--json"]);
    let dry: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((dry["ready"].as_u64(), dry["errors"].as_array().map(Vec::len)), (Some(1), Some(4)));
    assert_eq!(dry["errors"][0]["code"], "unknown_employee");

    let out = cli(&db, &["import-training", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("nothing was imported: 4 errors in 5 rows"), "{}", stderr(&out));
    assert_eq!(records(&db), 0, "all or nothing");
}

#[test]
fn a_gbk_file_is_imported_once_and_a_second_import_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    setup(&db);
    let file = dir.path().join("records-gbk.csv");
    // "工号,课程,日期,分数\nE-1,客户服务礼仪,2026-01-15,\nE-1,Data protection,2026-01-20,85\n" in GBK.
    let mut bytes = b"\xb9\xa4\xba\xc5,\xbf\xce\xb3\xcc,\xc8\xd5\xc6\xda,\xb7\xd6\xca\xfd\n".to_vec();
    bytes.extend_from_slice(b"E-1,\xbf\xcd\xbb\xa7\xb7\xfe\xce\xf1\xc0\xf1\xd2\xc7,2026-01-15,\n");
    bytes.extend_from_slice(b"E-1,Data protection,2026-01-20,85\n");
    std::fs::write(&file, bytes).unwrap();

    let out = cli(&db, &["import-training", file.to_str().unwrap(), "--dry-run", "--encoding", "gbk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("in GBK/GB18030, 2 rows"), "{}", stdout(&out));
    assert!(stdout(&out).contains("no errors"), "{}", stdout(&out));

    let out = cli(&db, &["import-training", file.to_str().unwrap(), "--encoding", "gbk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("imported 2 training records"), "{}", stdout(&out));
    assert!(!stderr(&out).contains('\r'), "no progress lines off a terminal");
    assert_eq!(records(&db), 2);

    let out = cli(&db, &["import-training", file.to_str().unwrap(), "--encoding", "gbk", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((again["imported"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)));
    assert_eq!(records(&db), 2);
}
