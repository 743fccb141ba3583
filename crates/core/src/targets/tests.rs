//! Targets on a real database: set, replaced, cleared and listed; one row per (scope,
//! KPI) whichever device sets it; bad input leaving everything as it was.

use super::*;
use crate::people::{AgentInput, roles};
use crate::store::Store;
use crate::store::schema::Merge;
use crate::store::test_support::{outbox, temp_store};

fn add_agent(store: &mut Store, name: &str, role: &str) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: None,
        role_id: Some(roles::built_in_id(role)),
        hired_on: None,
    };
    store.write(|tx| roster::create(tx, &input)).unwrap()
}

fn role(key: &str) -> TargetScope {
    TargetScope::Role { role_id: roles::built_in_id(key) }
}

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule, Option<u32>) {
    match r {
        Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn rows(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM kpi_targets", [], |r| r.get(0)).unwrap()
}

#[test]
fn targets_are_registers() {
    assert!(Table::KpiTargets.is_synced() && !Table::KpiTargets.is_append_only());
    assert!(Table::KpiTargets.columns().iter().all(|c| c.merge == Merge::Register));
}

#[test]
fn setting_a_target_again_replaces_it_in_the_same_row() {
    let (_d, mut store, _c) = temp_store();
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(90.0))).unwrap();
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(92.5))).unwrap();
    assert_eq!(rows(&store), 1);
    assert_eq!(list(store.conn()).unwrap(), [KpiTarget { scope: role("agent"), kpi: KpiMetric::Csat, value: 92.5 }]);
}

#[test]
fn two_devices_setting_the_same_target_write_the_same_row() {
    let (_d1, mut a, _c1) = temp_store();
    let (_d2, mut b, _c2) = temp_store();
    a.write(|tx| set(tx, &role("agent"), KpiMetric::HandleTime, Some(360.0))).unwrap();
    b.write(|tx| set(tx, &role("agent"), KpiMetric::HandleTime, Some(300.0))).unwrap();
    let row_of = |s: &Store| outbox(s).into_iter().find(|o| o.1 == "kpi_targets").map(|o| o.2).unwrap();
    assert_eq!(row_of(&a), row_of(&b), "one register, so the last writer wins instead of two targets");
}

#[test]
fn a_cleared_target_keeps_its_row_and_is_no_longer_listed() {
    let (_d, mut store, _c) = temp_store();
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(90.0))).unwrap();
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, None)).unwrap();
    assert_eq!(rows(&store), 1, "clearing merges as setting does");
    assert!(list(store.conn()).unwrap().is_empty());
}

#[test]
fn an_agent_gets_their_own_target_over_their_roles() {
    let (_d, mut store, _c) = temp_store();
    let ann = add_agent(&mut store, "Ann", "agent");
    let bo = add_agent(&mut store, "Bo", "agent");
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(90.0))).unwrap();
    store.write(|tx| set(tx, &role("agent"), KpiMetric::HandleTime, Some(360.0))).unwrap();
    store.write(|tx| set(tx, &TargetScope::Agent { agent_id: ann.clone() }, KpiMetric::Csat, Some(80.0))).unwrap();
    let of = |a: &AgentId| {
        for_agent(store.conn(), a).unwrap().into_iter().map(|t| (t.kpi, t.value, t.own)).collect::<Vec<_>>()
    };
    assert_eq!(of(&ann), [(KpiMetric::HandleTime, 360.0, false), (KpiMetric::Csat, 80.0, true)]);
    assert_eq!(of(&bo), [(KpiMetric::HandleTime, 360.0, false), (KpiMetric::Csat, 90.0, false)]);
}

#[test]
fn an_agent_without_cases_has_no_data_against_each_target() {
    let (_d, mut store, clock) = temp_store();
    let ann = add_agent(&mut store, "Ann", "agent");
    assert!(agent_status(store.conn(), &ann, clock.get()).unwrap().is_empty(), "no targets, nothing to show");
    store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(90.0))).unwrap();
    let status = agent_status(store.conn(), &ann, clock.get()).unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!((status[0].actual, status[0].cases, status[0].verdict), (None, 0, Verdict::NoData));
}

#[test]
fn bad_values_and_unknown_scopes_are_refused_and_nothing_is_written() {
    let (_d, mut store, _c) = temp_store();
    let ann = add_agent(&mut store, "Ann", "agent");
    assert_eq!(
        rule_of(store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(100.5)))),
        ("targetPercent", ValidationRule::OutOfRange, Some(100))
    );
    assert_eq!(rule_of(store.write(|tx| set(tx, &role("agent"), KpiMetric::Csat, Some(-1.0)))).0, "targetPercent");
    assert_eq!(
        rule_of(store.write(|tx| set(tx, &role("agent"), KpiMetric::HandleTime, Some(-5.0)))).0,
        "targetSeconds"
    );
    assert_eq!(
        rule_of(store.write(|tx| set(tx, &role("agent"), KpiMetric::HandleTime, Some(f64::NAN)))).0,
        "targetSeconds"
    );
    assert_eq!(
        rule_of(store.write(|tx| set(tx, &role("agent"), KpiMetric::Resolution, Some(f64::from(MAX_SECONDS) + 1.0)))).2,
        Some(MAX_SECONDS)
    );
    let nobody = TargetScope::Agent { agent_id: AgentId("no-such-agent".into()) };
    assert_eq!(rule_of(store.write(|tx| set(tx, &nobody, KpiMetric::Csat, Some(90.0)))).0, "agentId");
    let no_role = TargetScope::Role { role_id: RoleId("no-such-role".into()) };
    assert_eq!(rule_of(store.write(|tx| set(tx, &no_role, KpiMetric::Csat, Some(90.0)))).0, "roleId");
    assert_eq!(rows(&store), 0);
    store.write(|tx| set(tx, &TargetScope::Agent { agent_id: ann }, KpiMetric::Csat, Some(0.0))).unwrap();
    assert_eq!(rows(&store), 1, "0% is a valid floor");
}
