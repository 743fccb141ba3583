//! Attachments on a real database: a certificate split into parts and read back whole,
//! type and size refused, only external records, one file per record.

use super::*;
use crate::people::{AgentInput, roles, roster};
use crate::store::Store;
use crate::store::schema::Merge;
use crate::store::test_support::temp_store;
use crate::training::{CourseInput, Mode, RecordInput, Topic, courses, records};

fn setup(store: &mut Store) -> (AgentId, TrainingRecordId) {
    let agent = AgentInput {
        name: "Ann Lee".into(),
        employee_id: "E-1".into(),
        team_id: None,
        role_id: Some(roles::built_in_id("agent")),
        hired_on: None,
    };
    let ann = store.write(|tx| roster::create(tx, &agent)).unwrap();
    let course = CourseInput {
        title: "First aid".into(),
        topic: Topic::Compliance,
        mode: Mode::Classroom,
        duration_minutes: 60,
        validity_months: Some(24),
        pass_mark: None,
    };
    let course = store.write(|tx| courses::create(tx, &course)).unwrap();
    let input = RecordInput {
        agent_id: ann.clone(),
        course_id: course,
        completed_on: "2026-01-10".into(),
        score: None,
        issuer: "Red Cross".into(),
        note: String::new(),
    };
    let record = store.write(|tx| records::add(tx, &input)).unwrap();
    (ann, record)
}

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len - bytes.len()).map(|i| (i % 251) as u8));
    bytes
}

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn rows(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM training_record_files", [], |r| r.get(0)).unwrap()
}

#[test]
fn parts_are_events() {
    assert!(Table::TrainingRecordFiles.is_synced() && Table::TrainingRecordFiles.is_append_only());
    assert!(Table::TrainingRecordFiles.columns().iter().all(|c| c.merge == Merge::Event));
}

#[test]
fn a_large_certificate_is_stored_in_parts_under_the_wire_bound_and_read_back_whole() {
    let (_d, mut store, _) = temp_store();
    let (ann, record) = setup(&mut store);
    let bytes = pdf(MAX_BYTES);
    store.write(|tx| attach(tx, &record, "C:\\scans\\first-aid.pdf", &bytes)).unwrap();
    assert_eq!(rows(&store), (MAX_BYTES / PART_BYTES) as i64);
    let longest: i64 =
        store.conn().query_row("SELECT max(length(data)) FROM training_record_files", [], |r| r.get(0)).unwrap();
    assert!((longest as usize) < frontline_sync::protocol::MAX_VALUE_BYTES, "each part fits the wire");
    let listed = for_agent(store.conn(), &ann).unwrap();
    assert_eq!(
        listed,
        [Attachment {
            record_id: record.clone(),
            name: "first-aid.pdf".into(),
            mime: "application/pdf".into(),
            size: MAX_BYTES as u32
        }]
    );
    let (_, back) = content(store.conn(), &record).unwrap();
    assert!(back == bytes, "the same bytes come back");
    let out = _d.path().join("saved.pdf");
    save(store.conn(), &record, &out).unwrap();
    assert!(std::fs::read(&out).unwrap() == bytes, "saved back out whole");
}

#[test]
fn a_file_missing_a_part_is_not_shown_until_it_arrives() {
    let (_d, mut store, _) = temp_store();
    let (ann, record) = setup(&mut store);
    store
        .write(|tx| attach(tx, &record, "scan.png", &[b"\x89PNG\r\n\x1a\n".as_slice(), &[7; PART_BYTES]].concat()))
        .unwrap();
    assert_eq!(rows(&store), 2);
    store.conn().execute("DELETE FROM training_record_files WHERE part = 1", []).unwrap();
    assert!(for_agent(store.conn(), &ann).unwrap().is_empty(), "half a file is not a file");
    assert!(matches!(content(store.conn(), &record), Err(Error::NotFound { .. })));
}

#[test]
fn wrong_types_and_sizes_are_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let (_, record) = setup(&mut store);
    let cases: [(&[u8], ValidationRule); 4] = [
        (b"MZ\x90\x00 an executable", ValidationRule::AttachmentType),
        (b"GIF89a not accepted for certificates", ValidationRule::AttachmentType),
        (b"", ValidationRule::AttachmentType),
        (&pdf(MAX_BYTES + 1), ValidationRule::AttachmentTooLarge),
    ];
    for (bytes, rule) in cases {
        assert_eq!(rule_of(store.write(|tx| attach(tx, &record, "x.pdf", bytes))), ("file", rule));
    }
    assert_eq!(rule_of(store.write(|tx| attach(tx, &record, "", &pdf(100)))).0, "fileName");
    assert_eq!(rows(&store), 0);
    assert!(matches!(
        store.write(|tx| attach(tx, &TrainingRecordId::new(), "x.pdf", &pdf(100))),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_record_carries_one_file() {
    let (_d, mut store, _) = temp_store();
    let (_, record) = setup(&mut store);
    store.write(|tx| attach(tx, &record, "a.jpg", b"\xFF\xD8\xFF\xE0 jpeg")).unwrap();
    assert_eq!(rule_of(store.write(|tx| attach(tx, &record, "b.pdf", &pdf(100)))), ("file", ValidationRule::Duplicate));
    assert_eq!(rows(&store), 1);
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.pdf");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_BYTES as u64 + 1).unwrap();
    assert_eq!(rule_of(read_file(&path)), ("file", ValidationRule::AttachmentTooLarge));
}
