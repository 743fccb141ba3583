//! Training records from CSV on a real database: UTF-8, GBK and Big5 files, a dry run
//! listing every row's problem, and an import that writes all or nothing.

use super::import::{self, RecordRowCode};
use super::*;
use crate::Error;
use crate::ids::{AgentId, CourseId};
use crate::import::encoding::FileEncoding;
use crate::people::{AgentInput, roles, roster};
use crate::store::Store;
use crate::store::test_support::temp_store;

fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

fn add_agent(store: &mut Store, name: &str, employee_id: &str, hired_on: Option<&str>) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: employee_id.into(),
        team_id: None,
        role_id: Some(roles::built_in_id("agent")),
        hired_on: hired_on.map(Into::into),
    };
    store.write(|tx| roster::create(tx, &input)).unwrap()
}

fn add_course(
    store: &mut Store,
    title: &str,
    validity_months: Option<u16>,
    pass_mark: Option<u8>,
) -> CourseId {
    let input = CourseInput {
        title: title.into(),
        topic: Topic::Compliance,
        mode: Mode::Online,
        duration_minutes: 60,
        validity_months,
        pass_mark,
    };
    store.write(|tx| courses::create(tx, &input)).unwrap()
}

fn today(store: &Store) -> chrono::NaiveDate {
    crate::settings::today(store.conn(), store.now()).unwrap()
}

fn encode(text: &str, e: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = e.encode(text);
    assert!(!unmappable, "{text} is not all in {}", e.name());
    bytes.into_owned()
}

/// The roster and courses the files name (today is 2026-03-02).
fn setup(store: &mut Store) -> (AgentId, AgentId) {
    let ann = add_agent(store, "Ann Lee", "E-1001", Some("2024-05-06"));
    let li = add_agent(store, "李娜", "E-1002", Some("2025-01-01"));
    add_course(store, "Data protection", Some(12), Some(80));
    add_course(store, "客户服务礼仪", None, None);
    add_course(store, "客戶服務禮儀", None, Some(60));
    (ann, li)
}

#[test]
fn a_utf8_file_with_a_bom_is_checked_then_imported_in_one_go_and_not_twice() {
    let (_d, mut store, _) = temp_store();
    let (ann, li) = setup(&mut store);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "Employee ID,Course,Date,Score\nE-1001,Data protection,2025-03-20,92\ne-1002,data PROTECTION,2026/2/1,85.0\n\
         E-1001,客户服务礼仪,2026年1月5日,\n,,,\n"
            .as_bytes(),
    );
    let before = snapshot(&store);
    let dry = import::dry_run(store.conn(), &bytes, None, today(&store)).unwrap();
    assert_eq!(
        (dry.encoding, dry.rows, dry.ready, dry.duplicates),
        (FileEncoding::Utf8, 3, 3, 0)
    );
    assert!(dry.errors.is_empty(), "{:?}", dry.errors);
    assert_eq!(snapshot(&store), before, "a dry run writes nothing");

    let mut seen = Vec::new();
    let done = store
        .write(|tx| import::import(tx, &bytes, None, |p| seen.push((p.done, p.total))))
        .unwrap();
    assert_eq!((done.imported, done.duplicates), (3, 0));
    assert_eq!(seen.first(), Some(&(0, 3)));
    assert_eq!(seen.last(), Some(&(3, 3)));
    let h = records::history(store.conn(), &ann, today(&store)).unwrap();
    let got: Vec<(&str, &str, Option<u8>)> = h
        .records
        .iter()
        .map(|r| (r.course_title.as_str(), r.completed_on.as_str(), r.score))
        .collect();
    assert_eq!(
        got,
        [
            ("客户服务礼仪", "2026-01-05", None),
            ("Data protection", "2025-03-20", Some(92))
        ]
    );
    assert_eq!(h.records[1].status, RecordStatus::Expiring);
    let h = records::history(store.conn(), &li, today(&store)).unwrap();
    assert_eq!(
        (h.records[0].completed_on.as_str(), h.records[0].score),
        ("2026-02-01", Some(85))
    );

    // The same file again: every row is already held.
    let again = import::dry_run(store.conn(), &bytes, None, today(&store)).unwrap();
    assert_eq!((again.ready, again.duplicates), (0, 3));
    let after = snapshot(&store);
    let done = store
        .write(|tx| import::import(tx, &bytes, None, |_| {}))
        .unwrap();
    assert_eq!((done.imported, done.duplicates), (0, 3));
    assert_eq!(snapshot(&store), after);
}

#[test]
fn the_dry_run_lists_every_row_error_and_the_import_writes_nothing() {
    let (_d, mut store, _) = temp_store();
    setup(&mut store);
    let text = "员工编号,课程,日期,成绩\n\
        E-1001,Data protection,2025-03-20,92\n\
        E-9999,Data protection,2025-03-20,92\n\
        E-1001,Knitting,2025-03-20,92\n\
        E-1001,Data protection,20/03/2025,92\n\
        E-1001,Data protection,2025-02-30,92\n\
        E-1001,Data protection,2026-03-03,92\n\
        E-1001,Data protection,2025-03-20,101\n\
        E-1001,Data protection,2025-03-20,-5\n\
        E-1001,Data protection,2025-03-20,\n\
        E-1002,Data protection,2024-12-31,90\n\
        E-9999,Knitting,someday,abc\n\
        E-1001,Data protection\n";
    let dry = import::dry_run(store.conn(), text.as_bytes(), None, today(&store)).unwrap();
    let got: Vec<(u32, Option<&str>, RecordRowCode, Option<&str>)> = dry
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.code, e.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                3,
                Some("员工编号"),
                RecordRowCode::UnknownEmployee,
                Some("E-9999")
            ),
            (
                4,
                Some("课程"),
                RecordRowCode::UnknownCourse,
                Some("Knitting")
            ),
            (5, Some("日期"), RecordRowCode::BadDate, Some("20/03/2025")),
            (6, Some("日期"), RecordRowCode::BadDate, Some("2025-02-30")),
            (
                7,
                Some("日期"),
                RecordRowCode::FutureDate,
                Some("2026-03-03")
            ),
            (8, Some("成绩"), RecordRowCode::BadScore, Some("101")),
            (9, Some("成绩"), RecordRowCode::BadScore, Some("-5")),
            (10, Some("成绩"), RecordRowCode::ScoreRequired, None),
            (
                11,
                Some("日期"),
                RecordRowCode::BeforeHire,
                Some("2024-12-31")
            ),
            (
                12,
                Some("员工编号"),
                RecordRowCode::UnknownEmployee,
                Some("E-9999")
            ),
            (
                12,
                Some("课程"),
                RecordRowCode::UnknownCourse,
                Some("Knitting")
            ),
            (12, Some("日期"), RecordRowCode::BadDate, Some("someday")),
            (12, Some("成绩"), RecordRowCode::BadScore, Some("abc")),
            (13, None, RecordRowCode::FieldCount, None),
        ]
    );
    assert_eq!((dry.rows, dry.ready), (12, 1));
    let before = snapshot(&store);
    match store.write(|tx| import::import(tx, text.as_bytes(), None, |_| {})) {
        Err(Error::ImportInvalid { rows: 11 }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_file_without_the_needed_columns_says_which_are_missing() {
    let (_d, mut store, _) = temp_store();
    setup(&mut store);
    let dry = import::dry_run(
        store.conn(),
        b"Name,Course,When\nAnn,Data protection,2025-01-01\n",
        None,
        today(&store),
    )
    .unwrap();
    let got: Vec<(RecordRowCode, Option<&str>)> = dry
        .errors
        .iter()
        .map(|e| (e.code, e.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (RecordRowCode::MissingColumn, Some("employee id")),
            (RecordRowCode::MissingColumn, Some("date")),
            (RecordRowCode::MissingColumn, Some("score")),
        ]
    );
    let empty = import::dry_run(store.conn(), b"", None, today(&store)).unwrap();
    assert_eq!(empty.errors[0].code, RecordRowCode::NoHeader);
}

#[test]
fn gbk_and_big5_files_from_chinese_spreadsheets_are_read() {
    let (_d, mut store, _) = temp_store();
    let (ann, li) = setup(&mut store);
    let simplified = "员工编号,课程,完成日期,成绩\nE-1002,客户服务礼仪,2026-01-10,\nE-1001,客户服务礼仪,2026年2月3日,88\n\
        E-1003,客户服务礼仪,2026-01-10,\n";
    let gbk = encode(simplified, encoding_rs::GBK);
    let dry = import::dry_run(store.conn(), &gbk, None, today(&store)).unwrap();
    assert_eq!(dry.encoding, FileEncoding::Gb18030);
    let got: Vec<(u32, RecordRowCode, Option<&str>)> = dry
        .errors
        .iter()
        .map(|e| (e.row, e.code, e.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [(4, RecordRowCode::UnknownEmployee, Some("E-1003"))],
        "the translated headers and titles are read"
    );

    let traditional = "員工編號,課程,完成日期,成績\nE-1002,客戶服務禮儀,2026/01/10,75\nE-1001,客戶服務禮儀,2026.02.03,\n";
    let big5 = encode(traditional, encoding_rs::BIG5);
    let dry = import::dry_run(store.conn(), &big5, None, today(&store)).unwrap();
    assert_eq!(dry.encoding, FileEncoding::Big5);
    let got: Vec<(u32, Option<&str>, RecordRowCode)> = dry
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.code))
        .collect();
    // 客戶服務禮儀 has a pass mark: its score is required.
    assert_eq!(got, [(3, Some("成績"), RecordRowCode::ScoreRequired)]);
    assert_eq!(dry.ready, 1);

    // Read in the wrong encoding the titles are not found; in the right one they import.
    let wrong = import::dry_run(
        store.conn(),
        &big5,
        Some(FileEncoding::Gb18030),
        today(&store),
    )
    .unwrap();
    assert!(!wrong.errors.is_empty());
    let fixed = "員工編號,課程,完成日期,成績\nE-1002,客戶服務禮儀,2026/01/10,75\n";
    let done = store
        .write(|tx| {
            import::import(
                tx,
                &encode(fixed, encoding_rs::BIG5),
                Some(FileEncoding::Big5),
                |_| {},
            )
        })
        .unwrap();
    assert_eq!(done.imported, 1);
    let h = records::history(store.conn(), &li, today(&store)).unwrap();
    assert_eq!(
        (
            h.records[0].course_title.as_str(),
            h.records[0].score,
            h.records[0].passed
        ),
        ("客戶服務禮儀", Some(75), true)
    );
    assert!(
        records::history(store.conn(), &ann, today(&store))
            .unwrap()
            .records
            .is_empty()
    );
}

#[test]
fn days_are_read_only_year_first() {
    for (text, want) in [
        ("2026-03-01", Some("2026-03-01")),
        ("2026/3/1", Some("2026-03-01")),
        ("2026.03.01", Some("2026-03-01")),
        ("2026年3月1日", Some("2026-03-01")),
        (" 2024-02-29 ", Some("2024-02-29")),
        ("2025-02-29", None),
        ("01/03/2026", None),
        ("2026-3", None),
        ("", None),
    ] {
        assert_eq!(
            import::parse_day(text).map(|d| d.to_string()).as_deref(),
            want,
            "{text}"
        );
    }
}
