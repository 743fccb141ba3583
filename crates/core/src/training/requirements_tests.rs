//! Requirements, exemptions and the compliance matrix on a real database: one row per
//! pair, bad input leaving everything as it was, and the matrix of a team read back.

use super::compliance::ComplianceState;
use super::matrix::{self, ComplianceQuery};
use super::requirements::{self, Exemption, Requirement, RequirementLevel};
use super::*;
use crate::ids::{AgentId, CourseId, RoleId, TeamId, member_id};
use crate::people::{self, AgentInput, roles, roster};
use crate::settings::Language;
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;
use crate::{Error, ValidationRule};

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

fn agent_role() -> RoleId {
    roles::built_in_id("agent")
}

fn add_agent(store: &mut Store, name: &str, team: Option<&TeamId>, hired_on: Option<&str>) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: team.cloned(),
        role_id: Some(agent_role()),
        hired_on: hired_on.map(Into::into),
    };
    store.write(|tx| roster::create(tx, &input)).unwrap()
}

fn add_course(store: &mut Store, title: &str, validity_months: Option<u16>) -> CourseId {
    let input = CourseInput {
        title: title.into(),
        topic: Topic::Compliance,
        mode: Mode::Online,
        duration_minutes: 60,
        validity_months,
        pass_mark: Some(80),
    };
    store.write(|tx| courses::create(tx, &input)).unwrap()
}

fn require(role: &RoleId, course: &CourseId, level: RequirementLevel, grace_days: u16) -> Requirement {
    Requirement { role_id: role.clone(), course_id: course.clone(), level, grace_days }
}

#[test]
fn requirements_are_registers_and_exemptions_a_set_under_the_agent() {
    for c in ["role_id", "course_id", "level", "grace_days"] {
        assert_eq!(Table::TrainingRequirements.column(c).unwrap().merge, Merge::Register, "{c}");
    }
    assert_eq!(Table::TrainingExemptions.column("present").unwrap().merge, Merge::Set);
    assert_eq!(Table::TrainingExemptions.column("reason").unwrap().merge, Merge::Register);
    assert_eq!(Table::TrainingExemptions.parent(), Some((Table::Agents, "agent_id")));
    assert!(!Table::TrainingRequirements.is_append_only() && Table::TrainingRequirements.is_synced());
}

#[test]
fn a_requirement_is_one_row_per_role_and_course_and_none_clears_it() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "GDPR", Some(12));
    let role = agent_role();
    store.write(|tx| requirements::set(tx, &require(&role, &gdpr, RequirementLevel::Required, 30))).unwrap();
    store.write(|tx| requirements::set(tx, &require(&role, &gdpr, RequirementLevel::Recommended, 10))).unwrap();
    let rows: i64 = store.conn().query_row("SELECT count(*) FROM training_requirements", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
    let id: String = store.conn().query_row("SELECT id FROM training_requirements", [], |r| r.get(0)).unwrap();
    assert_eq!(id, member_id(role.as_str(), gdpr.as_str()), "the same id on every device");
    assert_eq!(requirements::list(store.conn()).unwrap(), [require(&role, &gdpr, RequirementLevel::Recommended, 10)]);
    store.write(|tx| requirements::set(tx, &require(&role, &gdpr, RequirementLevel::NotAsked, 0))).unwrap();
    assert!(requirements::list(store.conn()).unwrap().is_empty());
}

#[test]
fn bad_requirements_and_exemptions_are_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let gdpr = add_course(&mut store, "GDPR", Some(12));
    let ann = add_agent(&mut store, "Ann", None, None);
    let before = snapshot(&store);
    let role = agent_role();
    let cases = [
        (require(&RoleId::new(), &gdpr, RequirementLevel::Required, 0), ("roleId", ValidationRule::InvalidValue)),
        (require(&role, &CourseId::new(), RequirementLevel::Required, 0), ("courseId", ValidationRule::InvalidValue)),
        (require(&role, &gdpr, RequirementLevel::Required, 366), ("graceDays", ValidationRule::InvalidValue)),
    ];
    for (req, expected) in cases {
        assert_eq!(rule_of(store.write(|tx| requirements::set(tx, &req))), expected);
    }
    let exemption = |agent: &AgentId, course: &CourseId, reason: &str| Exemption {
        agent_id: agent.clone(),
        course_id: course.clone(),
        reason: reason.into(),
    };
    assert_eq!(
        rule_of(store.write(|tx| requirements::exempt(tx, &exemption(&AgentId::new(), &gdpr, "Certified elsewhere")))),
        ("agentId", ValidationRule::InvalidValue)
    );
    assert_eq!(
        rule_of(store.write(|tx| requirements::exempt(tx, &exemption(&ann, &CourseId::new(), "Certified elsewhere")))),
        ("courseId", ValidationRule::InvalidValue)
    );
    assert_eq!(rule_of(store.write(|tx| requirements::exempt(tx, &exemption(&ann, &gdpr, "  ")))).0, "reason");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn the_matrix_of_a_team_follows_records_requirements_and_exemptions() {
    let (_d, mut store, _) = temp_store(); // today is 2026-03-02
    let today = crate::settings::today(store.conn(), store.now()).unwrap();
    let team = store.write(|tx| people::create_team(tx, "Tier 1")).unwrap();
    let gdpr = add_course(&mut store, "GDPR", Some(12));
    let ann = add_agent(&mut store, "Ann", Some(&team), Some("2020-01-06"));
    let bo = add_agent(&mut store, "Bo", Some(&team), Some("2026-02-16"));
    let cy = add_agent(&mut store, "Cy", Some(&team), Some("2020-01-06"));
    add_agent(&mut store, "Dee", None, Some("2020-01-06"));
    let left = add_agent(&mut store, "Eve", Some(&team), Some("2020-01-06"));
    store.write(|tx| roster::set_left(tx, &left, Some("2026-03-01"))).unwrap();
    store.write(|tx| requirements::set(tx, &require(&agent_role(), &gdpr, RequirementLevel::Required, 30))).unwrap();
    let record = RecordInput {
        agent_id: ann.clone(),
        course_id: gdpr.clone(),
        completed_on: "2025-03-20".into(),
        score: Some(90),
        issuer: String::new(),
        note: String::new(),
    };
    store.write(|tx| records::add(tx, &record)).unwrap();
    let exemption = Exemption { agent_id: cy.clone(), course_id: gdpr.clone(), reason: "External certificate".into() };
    store.write(|tx| requirements::exempt(tx, &exemption)).unwrap();
    assert_eq!(requirements::exemptions(store.conn(), Some(&cy)).unwrap(), [exemption]);

    let q = ComplianceQuery { team_id: Some(team.clone()), within_days: 30 };
    let view = matrix::view(store.conn(), &q, today).unwrap();
    let m = &view.matrix;
    assert_eq!(m.rows.iter().map(|r| &r.agent_id).collect::<Vec<_>>(), [&ann, &bo, &cy], "another team's and left agents are not shown");
    let states: Vec<_> = m.rows.iter().map(|r| r.cells[0].as_ref().map(|c| (c.state, c.by.clone()))).collect();
    assert_eq!(
        states,
        [
            Some((ComplianceState::Expiring, Some("2026-03-20".into()))),
            Some((ComplianceState::Due, Some("2026-03-18".into()))),
            Some((ComplianceState::Exempt, None)),
        ]
    );
    assert_eq!(view.needs.iter().map(|n| &n.agent_id).collect::<Vec<_>>(), [&bo, &ann]);

    // Ending the exemption makes Cy's course missing; everyone's matrix includes Dee.
    store.write(|tx| requirements::unexempt(tx, &cy, &gdpr)).unwrap();
    let all = matrix::view(store.conn(), &ComplianceQuery { team_id: None, within_days: 30 }, today).unwrap().matrix;
    assert_eq!(all.rows.len(), 4);
    assert_eq!((all.totals.missing, all.totals.exempt), (2, 0));

    let table = m.table(Language::En);
    assert_eq!(
        table.headers,
        ["Agent", "GDPR", "GDPR by", "Compliant", "Expiring", "Expired", "Due", "Missing", "Exempt"]
    );
    let csv = String::from_utf8(table.to_csv().unwrap()).unwrap();
    assert!(csv.contains("\r\nAnn,expiring,2026-03-20,0,1,0,0,0,0\r\n"), "{csv}");

    assert_eq!(
        rule_of(matrix::view(store.conn(), &ComplianceQuery { team_id: None, within_days: 400 }, today)),
        ("withinDays", ValidationRule::InvalidValue)
    );
}
