//! Sessions on a real database: scheduling, enrolment (capacity, agents who left), the
//! attendance grid writing records whose pass/fail and expiry follow the course, and bad
//! input leaving everything as it was.

use super::sessions::{self, AttendanceRow, SessionInput};
use super::*;
use crate::ids::{AgentId, CourseId, SessionId};
use crate::people::{AgentInput, roles, roster};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;
use crate::{Error, ValidationRule};

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule, Option<u32>) {
    match r {
        Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

fn add_agent(store: &mut Store, name: &str, hired_on: Option<&str>) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: String::new(),
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
        mode: Mode::Classroom,
        duration_minutes: 120,
        validity_months,
        pass_mark,
    };
    store.write(|tx| courses::create(tx, &input)).unwrap()
}

fn session_input(course: &CourseId, held_on: &str, capacity: u32) -> SessionInput {
    SessionInput {
        course_id: course.clone(),
        held_on: held_on.into(),
        trainer: "Grace Wu".into(),
        place: "Room 3".into(),
        capacity,
    }
}

fn add_session(store: &mut Store, course: &CourseId, held_on: &str, capacity: u32) -> SessionId {
    store
        .write(|tx| sessions::create(tx, &session_input(course, held_on, capacity)))
        .unwrap()
}

fn row(agent: &AgentId, attended: bool, score: Option<i32>) -> AttendanceRow {
    AttendanceRow {
        agent_id: agent.clone(),
        attended,
        score,
    }
}

#[test]
fn sessions_are_registers_and_enrolments_a_set_under_the_session() {
    for c in ["course_id", "held_on", "trainer", "place", "capacity"] {
        assert_eq!(
            Table::TrainingSessions.column(c).unwrap().merge,
            Merge::Register,
            "{c}"
        );
    }
    assert_eq!(
        Table::TrainingEnrolments.column("present").unwrap().merge,
        Merge::Set
    );
    assert_eq!(
        Table::TrainingEnrolments.column("attended").unwrap().merge,
        Merge::Register
    );
    assert_eq!(
        Table::TrainingEnrolments.parent(),
        Some((Table::TrainingSessions, "session_id"))
    );
    assert!(Table::TrainingSessions.is_synced() && !Table::TrainingSessions.is_append_only());
}

#[test]
fn a_session_is_scheduled_listed_on_its_course_and_edited() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let other = add_course(&mut store, "CRM basics", None, None);
    let early = add_session(&mut store, &gdpr, "2026-01-10", 8);
    let late = add_session(&mut store, &gdpr, "2026-04-01", 8);
    add_session(&mut store, &other, "2026-02-01", 4);
    let listed: Vec<SessionId> = sessions::list(store.conn(), Some(&gdpr))
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, [late.clone(), early.clone()]);
    assert_eq!(sessions::list(store.conn(), None).unwrap().len(), 3);
    let s = sessions::get(store.conn(), &early).unwrap();
    assert_eq!(
        (
            s.course_title.as_str(),
            s.trainer.as_str(),
            s.place.as_str(),
            s.capacity
        ),
        ("Data protection", "Grace Wu", "Room 3", 8)
    );
    assert_eq!((s.enrolled, s.attended, s.passed), (0, 0, 0));

    let mut edit = session_input(&gdpr, "2026-01-11", 10);
    edit.trainer = "Bo Chen".into();
    store
        .write(|tx| sessions::update(tx, &early, &edit))
        .unwrap();
    let s = sessions::get(store.conn(), &early).unwrap();
    assert_eq!(
        (s.held_on.as_str(), s.trainer.as_str(), s.capacity),
        ("2026-01-11", "Bo Chen", 10)
    );
}

#[test]
fn bad_sessions_are_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let before = snapshot(&store);
    let unknown = CourseId("0190aaaa-0000-7000-8000-000000000000".into());
    let cases: Vec<(SessionInput, (&str, ValidationRule))> = vec![
        (
            session_input(&unknown, "2026-03-01", 5),
            ("courseId", ValidationRule::InvalidValue),
        ),
        (
            session_input(&gdpr, "2026-02-30", 5),
            ("heldOn", ValidationRule::InvalidValue),
        ),
        (
            session_input(&gdpr, "2028-03-01", 5),
            ("heldOn", ValidationRule::TooLate),
        ),
        (
            session_input(&gdpr, "2026-03-01", 0),
            ("capacity", ValidationRule::InvalidValue),
        ),
        (
            session_input(&gdpr, "2026-03-01", 501),
            ("capacity", ValidationRule::InvalidValue),
        ),
        (
            SessionInput {
                trainer: " ".into(),
                ..session_input(&gdpr, "2026-03-01", 5)
            },
            ("trainer", ValidationRule::Required),
        ),
    ];
    for (input, want) in cases {
        let (field, rule, _) = rule_of(store.write(|tx| sessions::create(tx, &input)));
        assert_eq!((field, rule), want, "{input:?}");
    }
    assert_eq!(snapshot(&store), before);
}

#[test]
fn enrolment_respects_capacity_refuses_agents_who_left_and_is_one_row_per_agent() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let s = add_session(&mut store, &gdpr, "2026-02-20", 2);
    let ann = add_agent(&mut store, "Ann Lee", Some("2024-05-06"));
    let bo = add_agent(&mut store, "Bo Chen", None);
    let cy = add_agent(&mut store, "Cy Wang", None);
    let gone = add_agent(&mut store, "Dee Left", Some("2020-01-01"));
    store
        .write(|tx| roster::set_left(tx, &gone, Some("2026-01-31")))
        .unwrap();

    store
        .write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&ann)))
        .unwrap();
    // Enrolling again is harmless and takes no second place.
    store
        .write(|tx| sessions::enrol(tx, &s, &[ann.clone(), bo.clone()]))
        .unwrap();
    assert_eq!(sessions::get(store.conn(), &s).unwrap().enrolled, 2);
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM training_enrolments ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut want = vec![
        crate::ids::member_id(s.as_str(), ann.as_str()),
        crate::ids::member_id(s.as_str(), bo.as_str()),
    ];
    want.sort();
    assert_eq!(ids, want);

    let before = snapshot(&store);
    assert_eq!(
        rule_of(store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&cy)))),
        ("agentIds", ValidationRule::OverCapacity, Some(2))
    );
    assert_eq!(
        rule_of(store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&gone)))),
        ("agentIds", ValidationRule::AgentLeft, None)
    );
    let nobody = AgentId("0190aaaa-0000-7000-8000-000000000001".into());
    assert_eq!(
        rule_of(store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&nobody)))),
        ("agentIds", ValidationRule::InvalidValue, None)
    );
    // Capacity cannot drop below who is enrolled.
    assert_eq!(
        rule_of(store.write(|tx| sessions::update(tx, &s, &session_input(&gdpr, "2026-02-20", 1)))),
        ("capacity", ValidationRule::OverCapacity, Some(2))
    );
    assert_eq!(snapshot(&store), before);

    // A withdrawal frees the place, and keeps the row (present 0) so it merges per agent.
    store.write(|tx| sessions::withdraw(tx, &s, &bo)).unwrap();
    store
        .write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&cy)))
        .unwrap();
    let names: Vec<String> = sessions::detail(store.conn(), &s)
        .unwrap()
        .attendees
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Ann Lee", "Cy Wang"]);
}

#[test]
fn attendance_writes_records_on_the_session_day_whose_pass_and_expiry_follow_the_course() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let s = add_session(&mut store, &gdpr, "2026-02-20", 5);
    let ann = add_agent(&mut store, "Ann Lee", None);
    let bo = add_agent(&mut store, "Bo Chen", None);
    let cy = add_agent(&mut store, "Cy Wang", None);
    let dee = add_agent(&mut store, "Dee Ho", None);
    store
        .write(|tx| sessions::enrol(tx, &s, &[ann.clone(), bo.clone(), cy.clone(), dee.clone()]))
        .unwrap();

    let saved = store
        .write(|tx| {
            sessions::save_attendance(
                tx,
                &s,
                &[
                    row(&ann, true, Some(85)),
                    row(&bo, true, Some(79)),
                    row(&cy, true, None),
                    row(&dee, false, None),
                ],
            )
        })
        .unwrap();
    assert_eq!(saved.records, 2);

    let d = sessions::detail(store.conn(), &s).unwrap();
    assert_eq!(
        (d.session.enrolled, d.session.attended, d.session.passed),
        (4, 3, 1)
    );
    assert_eq!(d.pass_mark, Some(80));
    let by_name = |n: &str| d.attendees.iter().find(|a| a.name == n).unwrap().clone();
    let a = by_name("Ann Lee");
    assert!(a.attended);
    let result = a.result.unwrap();
    assert_eq!(
        (result.score, result.passed, result.expires_on.as_deref()),
        (Some(85), true, Some("2027-02-20"))
    );
    let b = by_name("Bo Chen").result.unwrap();
    assert_eq!((b.score, b.passed, b.expires_on), (Some(79), false, None));
    // Attended, score still to come: no record yet.
    let c = by_name("Cy Wang");
    assert!(c.attended && c.result.is_none());
    assert!(!by_name("Dee Ho").attended);

    // The record is in the agent's history like any other, completed on the session day.
    let today = crate::settings::today(store.conn(), store.now()).unwrap();
    let h = records::history(store.conn(), &ann, today).unwrap();
    assert_eq!(h.records.len(), 1);
    assert_eq!(
        (
            h.records[0].completed_on.as_str(),
            h.records[0].status,
            h.records[0].expires_on.as_deref()
        ),
        ("2026-02-20", RecordStatus::Valid, Some("2027-02-20"))
    );
    let session_id: Option<String> = store
        .conn()
        .query_row(
            "SELECT session_id FROM training_records WHERE agent_id = ?1",
            [&ann],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(session_id.as_deref(), Some(s.as_str()));

    // Saving again: recorded rows come back unchanged and write nothing; the pending score
    // is added.
    let saved = store
        .write(|tx| {
            sessions::save_attendance(
                tx,
                &s,
                &[row(&ann, true, Some(85)), row(&cy, true, Some(90))],
            )
        })
        .unwrap();
    assert_eq!(saved.records, 1);
    assert_eq!(sessions::get(store.conn(), &s).unwrap().passed, 2);
}

#[test]
fn a_course_without_a_pass_mark_records_every_attendee_as_passed() {
    let (_d, mut store, _) = temp_store();
    let crm = add_course(&mut store, "CRM basics", None, None);
    let s = add_session(&mut store, &crm, "2026-02-20", 5);
    let ann = add_agent(&mut store, "Ann Lee", None);
    store
        .write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&ann)))
        .unwrap();
    let saved = store
        .write(|tx| sessions::save_attendance(tx, &s, &[row(&ann, true, None)]))
        .unwrap();
    assert_eq!(saved.records, 1);
    let r = sessions::detail(store.conn(), &s).unwrap().attendees[0]
        .result
        .clone()
        .unwrap();
    assert_eq!((r.score, r.passed, r.expires_on), (None, true, None));
}

#[test]
fn bad_attendance_is_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let s = add_session(&mut store, &gdpr, "2026-02-20", 5);
    let future = add_session(&mut store, &gdpr, "2026-06-01", 5);
    let ann = add_agent(&mut store, "Ann Lee", None);
    let bo = add_agent(&mut store, "Bo Chen", None);
    let late_hire = add_agent(&mut store, "Cy Wang", Some("2026-03-01"));
    let stranger = add_agent(&mut store, "Not Enrolled", None);
    store
        .write(|tx| sessions::enrol(tx, &s, &[ann.clone(), bo.clone(), late_hire.clone()]))
        .unwrap();
    store
        .write(|tx| sessions::enrol(tx, &future, std::slice::from_ref(&ann)))
        .unwrap();
    store
        .write(|tx| sessions::save_attendance(tx, &s, &[row(&bo, true, Some(90))]))
        .unwrap();
    let before = snapshot(&store);

    // A good first row is not kept when a later one is refused: one transaction.
    let cases: Vec<(SessionId, Vec<AttendanceRow>, (&str, ValidationRule))> = vec![
        (
            s.clone(),
            vec![row(&ann, true, Some(85)), row(&bo, true, Some(101))],
            ("score", ValidationRule::InvalidValue),
        ),
        (
            s.clone(),
            vec![row(&ann, true, Some(-1))],
            ("score", ValidationRule::InvalidValue),
        ),
        (
            s.clone(),
            vec![row(&ann, true, Some(85)), row(&stranger, true, Some(85))],
            ("agentId", ValidationRule::InvalidValue),
        ),
        (
            s.clone(),
            vec![row(&ann, true, Some(85)), row(&bo, true, Some(95))],
            ("score", ValidationRule::Recorded),
        ),
        (
            s.clone(),
            vec![row(&bo, false, None)],
            ("score", ValidationRule::Recorded),
        ),
        (
            s.clone(),
            vec![row(&ann, true, Some(85)), row(&late_hire, true, Some(85))],
            ("completedOn", ValidationRule::BeforeHire),
        ),
        (
            future.clone(),
            vec![row(&ann, true, Some(85))],
            ("completedOn", ValidationRule::TooLate),
        ),
    ];
    for (session, rows, want) in cases {
        let (field, rule, _) =
            rule_of(store.write(|tx| sessions::save_attendance(tx, &session, &rows)));
        assert_eq!((field, rule), want, "{rows:?}");
        assert_eq!(snapshot(&store), before, "{rows:?}");
    }
    match store.write(|tx| {
        sessions::save_attendance(
            tx,
            &SessionId("0190aaaa-0000-7000-8000-000000000002".into()),
            &[],
        )
    }) {
        Err(Error::NotFound {
            entity: "session", ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // A recorded result's course cannot change under it.
    let crm = add_course(&mut store, "CRM basics", None, None);
    assert_eq!(
        rule_of(store.write(|tx| sessions::update(tx, &s, &session_input(&crm, "2026-02-20", 5)))),
        ("courseId", ValidationRule::Recorded, None)
    );
}

#[test]
fn an_agent_who_left_after_enrolling_still_shows_and_can_be_marked() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let s = add_session(&mut store, &gdpr, "2026-02-20", 5);
    let ann = add_agent(&mut store, "Ann Lee", Some("2020-01-01"));
    store
        .write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&ann)))
        .unwrap();
    store
        .write(|tx| roster::set_left(tx, &ann, Some("2026-02-28")))
        .unwrap();
    let d = sessions::detail(store.conn(), &s).unwrap();
    assert_eq!(d.attendees[0].left_on.as_deref(), Some("2026-02-28"));
    store
        .write(|tx| sessions::save_attendance(tx, &s, &[row(&ann, true, Some(88))]))
        .unwrap();
    assert!(
        sessions::detail(store.conn(), &s).unwrap().attendees[0]
            .result
            .as_ref()
            .unwrap()
            .passed
    );
}
