//! Training on a real database: the roster (the agents cases use), roles, courses and
//! records, with bad input leaving everything as it was.

use super::*;
use crate::ids::{AgentId, CourseId, RoleId, TeamId};
use crate::people::{self, Activity, AgentInput, RosterQuery, roles, roster};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::{outbox, temp_store};
use crate::{Error, ValidationRule};

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// What a failed write must leave as it was.
fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

fn agent_input(
    name: &str,
    employee_id: &str,
    team: Option<&TeamId>,
    hired_on: Option<&str>,
) -> AgentInput {
    AgentInput {
        name: name.into(),
        employee_id: employee_id.into(),
        team_id: team.cloned(),
        role_id: Some(roles::built_in_id("agent")),
        hired_on: hired_on.map(Into::into),
    }
}

fn add_agent(store: &mut Store, name: &str, employee_id: &str, hired_on: Option<&str>) -> AgentId {
    store
        .write(|tx| roster::create(tx, &agent_input(name, employee_id, None, hired_on)))
        .unwrap()
}

fn course_input(title: &str, validity_months: Option<u16>, pass_mark: Option<u8>) -> CourseInput {
    CourseInput {
        title: title.into(),
        topic: Topic::Compliance,
        mode: Mode::Online,
        duration_minutes: 90,
        validity_months,
        pass_mark,
    }
}

fn add_course(
    store: &mut Store,
    title: &str,
    validity_months: Option<u16>,
    pass_mark: Option<u8>,
) -> CourseId {
    store
        .write(|tx| courses::create(tx, &course_input(title, validity_months, pass_mark)))
        .unwrap()
}

fn record(
    agent: &AgentId,
    course: &CourseId,
    completed_on: &str,
    score: Option<u8>,
) -> RecordInput {
    RecordInput {
        agent_id: agent.clone(),
        course_id: course.clone(),
        completed_on: completed_on.into(),
        score,
        issuer: String::new(),
        note: String::new(),
    }
}

fn today(store: &Store) -> chrono::NaiveDate {
    crate::settings::today(store.conn(), store.now()).unwrap()
}

#[test]
fn every_new_column_declares_the_merge_kind_its_meaning_needs() {
    for (table, col) in [
        (Table::Agents, "employee_id"),
        (Table::Agents, "hired_on"),
        (Table::Agents, "left_on"),
        (Table::Agents, "role"),
        (Table::Roles, "name"),
        (Table::Roles, "retired"),
        (Table::Courses, "title"),
        (Table::Courses, "validity_months"),
        (Table::Courses, "pass_mark"),
    ] {
        assert_eq!(
            table.column(col).unwrap().merge,
            Merge::Register,
            "{}.{col}",
            table.name()
        );
    }
    // A completion is an event: it travels whole, merges by union, is never edited.
    assert!(Table::TrainingRecords.is_append_only() && Table::TrainingRecords.is_synced());
    for c in Table::TrainingRecords.columns() {
        assert_eq!(c.merge, Merge::Event, "training_records.{}", c.name);
    }
    assert_eq!(
        Table::TrainingRecords.parent(),
        Some((Table::Agents, "agent_id"))
    );
}

#[test]
fn the_built_in_roles_exist_with_the_same_ids_everywhere_and_the_team_edits_them() {
    let (_d, mut store, _) = temp_store();
    let (_d2, other, _) = temp_store();
    let keys: Vec<Option<String>> = roles::list(store.conn())
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(keys, roles::BUILT_IN.map(|k| Some(k.to_owned())));
    assert_eq!(
        roles::list(store.conn()).unwrap(),
        roles::list(other.conn()).unwrap()
    );

    let trainer = store.write(|tx| roles::create(tx, "Trainer")).unwrap();
    let lead = roles::built_in_id("team_lead");
    store
        .write(|tx| roles::rename(tx, &lead, "Shift lead"))
        .unwrap();
    assert_eq!(
        rule_of(store.write(|tx| roles::create(tx, "shift LEAD"))),
        ("name", ValidationRule::Duplicate)
    );
    assert_eq!(
        rule_of(store.write(|tx| roles::create(tx, "qa"))),
        ("name", ValidationRule::Duplicate)
    );
    let list = roles::list(store.conn()).unwrap();
    assert_eq!(
        list.last().map(|r| (&r.id, r.name.as_str(), r.position)),
        Some((&trainer, "Trainer", 5))
    );

    // A retired role is refused for a new choice but kept by the agent who holds it.
    let mut input = with_role(agent_input("Li Na", "", None, None), &trainer);
    let li = store.write(|tx| roster::create(tx, &input)).unwrap();
    store
        .write(|tx| roles::set_retired(tx, &trainer, true))
        .unwrap();
    input.name = "Li Na (evening)".into();
    store.write(|tx| roster::update(tx, &li, &input)).unwrap();
    let refused = with_role(agent_input("Bo", "", None, None), &trainer);
    assert_eq!(
        rule_of(store.write(|tx| roster::create(tx, &refused))),
        ("roleId", ValidationRule::InvalidValue)
    );
}

fn with_role(mut input: AgentInput, role: &RoleId) -> AgentInput {
    input.role_id = Some(role.clone());
    input
}

#[test]
fn agents_made_for_cases_are_on_the_roster_and_the_roster_filters_by_team_role_and_activity() {
    let (_d, mut store, _) = temp_store();
    let team = store.write(|tx| people::create_team(tx, "Tier 2")).unwrap();
    let from_cases = store
        .write(|tx| people::create_agent(tx, "Wang Fang", Some(&team)))
        .unwrap();
    let ann = store
        .write(|tx| {
            roster::create(
                tx,
                &agent_input("Ann", "E-1", Some(&team), Some("2024-05-06")),
            )
        })
        .unwrap();
    let bo = add_agent(&mut store, "Bo", "E-2", None);

    let all = roster::roster(store.conn(), &RosterQuery::default()).unwrap();
    assert_eq!(
        all.iter().map(|a| &a.id).collect::<Vec<_>>(),
        [&ann, &bo, &from_cases]
    );
    let wang = &all[2];
    assert_eq!(
        (
            wang.employee_id.as_str(),
            wang.role_id.as_ref(),
            wang.hired_on.as_ref()
        ),
        ("", None, None)
    );
    assert_eq!(wang.team_name.as_deref(), Some("Tier 2"));

    // The case's agent gets roster facts: the same row, not a second one.
    let facts = with_role(
        agent_input("Wang Fang", "E-3", Some(&team), Some("2023-01-09")),
        &roles::built_in_id("senior_agent"),
    );
    store
        .write(|tx| roster::update(tx, &from_cases, &facts))
        .unwrap();
    assert_eq!(people::agents(store.conn()).unwrap().len(), 3);

    let q = |team_id: Option<&TeamId>, role: Option<&str>, activity| RosterQuery {
        team_id: team_id.cloned(),
        role_id: role.map(roles::built_in_id),
        activity,
    };
    let ids = |q: RosterQuery| {
        roster::roster(store.conn(), &q)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(q(Some(&team), None, None)),
        [ann.clone(), from_cases.clone()]
    );
    assert_eq!(
        ids(q(None, Some("senior_agent"), None)),
        std::slice::from_ref(&from_cases)
    );

    store
        .write(|tx| roster::set_left(tx, &ann, Some("2026-02-27")))
        .unwrap();
    let ids = |q: RosterQuery| {
        roster::roster(store.conn(), &q)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(q(None, None, Some(Activity::Left))), std::slice::from_ref(&ann));
    assert_eq!(
        ids(q(None, None, Some(Activity::Active))),
        [bo.clone(), from_cases.clone()]
    );
    // Back again: active.
    store.write(|tx| roster::set_left(tx, &ann, None)).unwrap();
    assert_eq!(roster::get(store.conn(), &ann).unwrap().left_on, None);
}

#[test]
fn bad_agents_are_refused_with_the_field_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann", "E-1", Some("2024-05-06"));
    let before = snapshot(&store);
    let mut create = |input: AgentInput| rule_of(store.write(|tx| roster::create(tx, &input)));
    assert_eq!(
        create(agent_input("  ", "", None, None)),
        ("name", ValidationRule::Required)
    );
    assert_eq!(
        create(agent_input("Bo", " e-1 ", None, None)),
        ("employeeId", ValidationRule::Duplicate)
    );
    assert_eq!(
        create(agent_input("Bo", "", Some(&TeamId::new()), None)),
        ("teamId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        create(agent_input("Bo", "", None, Some("2024-13-01"))),
        ("hiredOn", ValidationRule::InvalidValue)
    );
    assert_eq!(
        create(agent_input("Bo", "", None, Some("2030-01-01"))),
        ("hiredOn", ValidationRule::TooLate)
    );
    assert_eq!(
        create(with_role(agent_input("Bo", "", None, None), &RoleId::new())),
        ("roleId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        rule_of(store.write(|tx| roster::set_left(tx, &ann, Some("2024-05-05")))),
        ("leftOn", ValidationRule::BeforeHire)
    );
    assert_eq!(
        rule_of(store.write(|tx| roster::set_left(tx, &ann, Some("yesterday")))),
        ("leftOn", ValidationRule::InvalidValue)
    );
    assert!(matches!(
        store.write(|tx| roster::set_left(tx, &AgentId::new(), None)),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(snapshot(&store), before);

    // Leaving on the hire day is fine; a hire date moved past the leaving date is not.
    store
        .write(|tx| roster::set_left(tx, &ann, Some("2024-05-06")))
        .unwrap();
    let moved = agent_input("Ann", "E-1", None, Some("2024-06-01"));
    assert_eq!(
        rule_of(store.write(|tx| roster::update(tx, &ann, &moved))),
        ("hiredOn", ValidationRule::BeforeHire)
    );
    // Keeping one's own employee id is no duplicate.
    store
        .write(|tx| {
            roster::update(
                tx,
                &ann,
                &agent_input("Ann Lee", "E-1", None, Some("2024-05-06")),
            )
        })
        .unwrap();
}

#[test]
fn courses_are_added_listed_and_edited() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let crm = add_course(&mut store, "CRM basics", None, None);
    let list = courses::list(store.conn()).unwrap();
    assert_eq!(
        list.iter().map(|c| &c.id).collect::<Vec<_>>(),
        [&crm, &gdpr]
    );
    let mut input = course_input("Data protection 2026", Some(24), Some(75));
    input.mode = Mode::Classroom;
    store
        .write(|tx| courses::update(tx, &gdpr, &input))
        .unwrap();
    let c = courses::get(store.conn(), &gdpr).unwrap();
    assert_eq!(
        (c.title.as_str(), c.validity_months, c.pass_mark, c.mode),
        ("Data protection 2026", Some(24), Some(75), Mode::Classroom)
    );
}

#[test]
fn bad_courses_are_refused_with_the_field_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    add_course(&mut store, "Data protection", Some(12), Some(80));
    let before = snapshot(&store);
    let mut create = |input: CourseInput| rule_of(store.write(|tx| courses::create(tx, &input)));
    assert_eq!(
        create(course_input("", None, None)),
        ("title", ValidationRule::Required)
    );
    assert_eq!(
        create(course_input("DATA PROTECTION", None, None)),
        ("title", ValidationRule::Duplicate)
    );
    assert_eq!(
        create(course_input("A", Some(0), None)),
        ("validityMonths", ValidationRule::InvalidValue)
    );
    assert_eq!(
        create(course_input("A", Some(121), None)),
        ("validityMonths", ValidationRule::InvalidValue)
    );
    assert_eq!(
        create(course_input("A", None, Some(101))),
        ("passMark", ValidationRule::InvalidValue)
    );
    let mut zero = course_input("A", None, None);
    zero.duration_minutes = 0;
    assert_eq!(
        create(zero),
        ("durationMinutes", ValidationRule::InvalidValue)
    );
    assert!(matches!(
        store.write(|tx| courses::update(tx, &CourseId::new(), &course_input("B", None, None))),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn records_are_only_added_and_their_status_follows_from_the_course_and_the_day() {
    let (_d, mut store, clock) = temp_store();
    let ann = add_agent(&mut store, "Ann", "E-1", Some("2024-05-06"));
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let crm = add_course(&mut store, "CRM basics", None, None);
    let first = store
        .write(|tx| records::add(tx, &record(&ann, &gdpr, "2025-03-20", Some(92))))
        .unwrap();
    store
        .write(|tx| records::add(tx, &record(&ann, &gdpr, "2025-03-10", Some(60))))
        .unwrap();
    let mut cert = record(&ann, &crm, "2024-06-01", None);
    cert.issuer = "Vendor Academy".into();
    store.write(|tx| records::add(tx, &cert)).unwrap();

    // 2026-03-02: the pass of 2025-03-20 expires on 2026-03-20, within 30 days.
    let h = records::history(store.conn(), &ann, today(&store)).unwrap();
    let seen: Vec<(&str, RecordStatus, Option<&str>)> = h
        .records
        .iter()
        .map(|r| (r.completed_on.as_str(), r.status, r.expires_on.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("2025-03-20", RecordStatus::Expiring, Some("2026-03-20")),
            ("2025-03-10", RecordStatus::Failed, Some("2026-03-10")),
            ("2024-06-01", RecordStatus::Valid, None),
        ]
    );
    assert_eq!(h.records[2].issuer, "Vendor Academy");
    assert_eq!(h.records[0].id, first);

    // Re-certification after expiry is a new record; the old one stays, expired.
    clock.set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 4, 2, 9, 0, 0).unwrap());
    store
        .write(|tx| records::add(tx, &record(&ann, &gdpr, "2026-04-01", Some(85))))
        .unwrap();
    let h = records::history(store.conn(), &ann, today(&store)).unwrap();
    let statuses: Vec<RecordStatus> = h.records.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            RecordStatus::Valid,
            RecordStatus::Expired,
            RecordStatus::Failed,
            RecordStatus::Valid
        ]
    );

    // A lower pass mark, corrected on the course, reaches every record of it.
    store
        .write(|tx| {
            courses::update(
                tx,
                &gdpr,
                &course_input("Data protection", Some(12), Some(50)),
            )
        })
        .unwrap();
    let h = records::history(store.conn(), &ann, today(&store)).unwrap();
    assert!(h.records.iter().all(|r| r.passed));

    // Each record is one outbox entry holding the whole row.
    let rows: Vec<_> = outbox(&store)
        .into_iter()
        .filter(|(_, t, ..)| t == "training_records")
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|(_, _, _, col, _)| col.is_empty()));
    assert!(matches!(
        store.write(|tx| tx.upsert(
            Table::TrainingRecords,
            first.as_str(),
            &[("note", rusqlite::types::Value::Text("edited".into()))]
        )),
        Err(Error::Internal(_))
    ));
}

#[test]
fn bad_records_are_refused_with_the_field_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann", "E-1", Some("2024-05-06"));
    let gdpr = add_course(&mut store, "Data protection", Some(12), Some(80));
    let before = snapshot(&store);
    let mut add = |input: RecordInput| rule_of(store.write(|tx| records::add(tx, &input)));
    assert_eq!(
        add(record(&AgentId::new(), &gdpr, "2025-01-01", Some(90))),
        ("agentId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        add(record(&ann, &CourseId::new(), "2025-01-01", Some(90))),
        ("courseId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        add(record(&AgentId("x'; --".into()), &gdpr, "2025-01-01", None)),
        ("agentId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        add(record(&ann, &gdpr, "2026-03-03", Some(90))),
        ("completedOn", ValidationRule::TooLate)
    );
    assert_eq!(
        add(record(&ann, &gdpr, "2024-05-05", Some(90))),
        ("completedOn", ValidationRule::BeforeHire)
    );
    assert_eq!(
        add(record(&ann, &gdpr, "1.1.2025", Some(90))),
        ("completedOn", ValidationRule::InvalidValue)
    );
    assert_eq!(
        add(record(&ann, &gdpr, "2025-01-01", Some(101))),
        ("score", ValidationRule::InvalidValue)
    );
    assert_eq!(
        add(record(&ann, &gdpr, "2025-01-01", None)),
        ("score", ValidationRule::Required)
    );
    let mut long = record(&ann, &gdpr, "2025-01-01", Some(90));
    long.issuer = "x".repeat(121);
    assert_eq!(add(long), ("issuer", ValidationRule::TooLong));
    assert_eq!(snapshot(&store), before);
    // The hire day itself and today are fine.
    store
        .write(|tx| records::add(tx, &record(&ann, &gdpr, "2024-05-06", Some(80))))
        .unwrap();
    store
        .write(|tx| records::add(tx, &record(&ann, &gdpr, "2026-03-02", Some(80))))
        .unwrap();
}
