//! QA on a real database: scorecards and their versions, evaluations scored by the
//! version they were made on, an agent's trend, a case's calibration, and bad input
//! leaving everything as it was.

use super::*;
use crate::cases::{self, CaseChannel, NewCase, Priority};
use crate::ids::{AgentId, CaseId};
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

fn add_agent(store: &mut Store, name: &str) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: None,
        role_id: Some(roles::built_in_id("agent")),
        hired_on: None,
    };
    store.write(|tx| roster::create(tx, &input)).unwrap()
}

fn add_case(store: &mut Store) -> CaseId {
    let case = NewCase {
        title: "Refund not received".into(),
        description: String::new(),
        customer_id: None,
        channel: CaseChannel::Phone,
        category: "Billing".into(),
        priority: Priority::P2,
    };
    store.write(|tx| cases::create(tx, &case)).unwrap()
}

fn criterion(label: &str, weight: u8, points: u8, critical: bool) -> Criterion {
    Criterion { key: String::new(), label: label.into(), weight, points, critical }
}

fn call_form() -> ScorecardInput {
    ScorecardInput {
        name: "Phone call".into(),
        criteria: vec![
            criterion("Verified identity", 10, 1, true),
            criterion("Showed empathy", 30, 5, false),
            criterion("Resolved the issue", 60, 4, false),
        ],
    }
}

/// Ratings in the criteria's order.
fn ratings(card: &Scorecard, values: &[Option<u8>]) -> Vec<Rating> {
    card.criteria.iter().zip(values).map(|(c, v)| Rating { key: c.key.clone(), value: *v }).collect()
}

fn input(
    card: &Scorecard,
    agent: &AgentId,
    case: Option<&CaseId>,
    evaluator: &str,
    on: &str,
    values: &[Option<u8>],
) -> EvaluationInput {
    EvaluationInput {
        version_id: card.version_id.clone(),
        agent_id: agent.clone(),
        case_id: case.cloned(),
        evaluator: evaluator.into(),
        evaluated_on: on.into(),
        ratings: ratings(card, values),
        comment: "Good close; slow to verify.".into(),
    }
}

#[test]
fn qa_tables_declare_their_merge_kinds() {
    assert!(!Table::QaScorecards.is_append_only());
    assert!(Table::QaScorecards.columns().iter().all(|c| c.merge == Merge::Register));
    for t in [Table::QaScorecardVersions, Table::QaEvaluations] {
        assert!(t.is_synced() && t.is_append_only(), "{}", t.name());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Event), "{}", t.name());
    }
}

#[test]
fn an_edited_scorecard_keeps_the_scores_already_given() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let id = store.write(|tx| create(tx, &call_form())).unwrap();
    let v1 = get(store.conn(), &id).unwrap();
    assert_eq!((v1.version, v1.criteria.len()), (1, 3));
    assert!(v1.criteria.iter().all(|c| !c.key.is_empty()));
    // (10·1 + 30·3/5 + 60·4/4) / 100 = 88.
    store
        .write(|tx| evaluate(tx, &input(&v1, &ann, None, "Grace Wu", "2026-02-10", &[Some(1), Some(3), Some(4)])))
        .unwrap();

    // Renaming alone makes no new version.
    let mut renamed = call_form();
    renamed.name = "Phone call (2026)".into();
    renamed.criteria = v1.criteria.clone();
    store.write(|tx| update(tx, &id, &renamed)).unwrap();
    assert_eq!(get(store.conn(), &id).unwrap().version, 1);

    // Resolution now weighs less and empathy more: a second version.
    let mut edited = renamed.clone();
    edited.criteria[1].weight = 60;
    edited.criteria[2].weight = 30;
    store.write(|tx| update(tx, &id, &edited)).unwrap();
    let v2 = get(store.conn(), &id).unwrap();
    assert_eq!((v2.version, v2.name.as_str(), v2.evaluations), (2, "Phone call (2026)", 1));
    assert_eq!(
        v2.criteria.iter().map(|c| &c.key).collect::<Vec<_>>(),
        v1.criteria.iter().map(|c| &c.key).collect::<Vec<_>>()
    );
    // The same ratings on the new version: (10·1 + 60·0.6 + 30·1) / 100 = 76.
    store
        .write(|tx| evaluate(tx, &input(&v2, &ann, None, "Grace Wu", "2026-03-01", &[Some(1), Some(3), Some(4)])))
        .unwrap();

    let qa = for_agent(store.conn(), &ann).unwrap();
    let got: Vec<_> = qa.evaluations.iter().map(|e| (e.version, e.evaluated_on.as_str(), e.outcome.score)).collect();
    assert_eq!(got, [(2, "2026-03-01", Some(76.0)), (1, "2026-02-10", Some(88.0))]);
    assert_eq!(qa.evaluations[1].scorecard_name, "Phone call (2026)");
}

#[test]
fn an_agents_trend_is_the_mean_per_month() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let bo = add_agent(&mut store, "Bo Chen");
    let id = store.write(|tx| create(tx, &call_form())).unwrap();
    let card = get(store.conn(), &id).unwrap();
    for (on, values) in [
        ("2026-01-05", [Some(1), Some(5), Some(4)]), // 100
        ("2026-01-20", [Some(1), Some(0), Some(2)]), // 40
        ("2026-02-03", [Some(0), Some(5), Some(4)]), // critical failed: 0
        ("2026-02-25", [None, Some(5), Some(2)]),    // (30 + 30) / 90 = 66.7
        ("2026-03-02", [None, None, None]),          // nothing applies: no score
    ] {
        store.write(|tx| evaluate(tx, &input(&card, &ann, None, "Grace Wu", on, &values))).unwrap();
    }
    store
        .write(|tx| evaluate(tx, &input(&card, &bo, None, "Grace Wu", "2026-01-05", &[Some(1), Some(0), Some(0)])))
        .unwrap();

    let qa = for_agent(store.conn(), &ann).unwrap();
    assert_eq!(qa.evaluations.len(), 5);
    assert!(qa.evaluations.iter().find(|e| e.evaluated_on == "2026-02-03").unwrap().outcome.critical_failed);
    let months: Vec<_> = qa.months.iter().map(|m| (m.month.as_str(), m.average, m.count)).collect();
    // The mean of the scores as shown (one decimal), so it can be checked from the list:
    // (0 + 66.7) / 2 = 33.35 → 33.4.
    assert_eq!(months, [("2026-01", 70.0, 2), ("2026-02", 33.4, 2)]);
    // (100 + 40 + 0 + 66.7) / 4 = 51.7
    assert_eq!(qa.average, Some(51.7));
    assert_eq!(for_agent(store.conn(), &bo).unwrap().average, Some(10.0));
}

#[test]
fn calibration_shows_two_evaluators_side_by_side() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let case = add_case(&mut store);
    let other = add_case(&mut store);
    let id = store.write(|tx| create(tx, &call_form())).unwrap();
    let card = get(store.conn(), &id).unwrap();
    let empty = for_case(store.conn(), &case).unwrap();
    assert!(empty.evaluations.is_empty() && empty.spread.is_none());

    store
        .write(|tx| {
            evaluate(tx, &input(&card, &ann, Some(&case), "Grace Wu", "2026-03-01", &[Some(1), Some(4), Some(4)]))
        })
        .unwrap();
    let one = for_case(store.conn(), &case).unwrap();
    assert_eq!((one.evaluations.len(), one.spread), (1, None));
    assert_eq!(
        one.evaluations[0].case_ref.as_deref(),
        Some(cases::get(store.conn(), &case).unwrap().reference.as_str())
    );

    store
        .write(|tx| {
            evaluate(tx, &input(&card, &ann, Some(&case), "Hao Lin", "2026-03-02", &[Some(1), Some(2), Some(3)]))
        })
        .unwrap();
    store
        .write(|tx| {
            evaluate(tx, &input(&card, &ann, Some(&other), "Hao Lin", "2026-03-02", &[Some(0), Some(0), Some(0)]))
        })
        .unwrap();
    let two = for_case(store.conn(), &case).unwrap();
    let scores: Vec<_> = two.evaluations.iter().map(|e| (e.evaluator.as_str(), e.outcome.score)).collect();
    // 10 + 24 + 60 = 94 and 10 + 12 + 45 = 67.
    assert_eq!(scores, [("Grace Wu", Some(94.0)), ("Hao Lin", Some(67.0))]);
    assert_eq!(two.spread, Some(27.0));
    let spread: Vec<_> = two.criteria.iter().map(|c| (c.label.as_str(), c.low, c.high)).collect();
    assert_eq!(spread, [("Verified identity", 1, 1), ("Showed empathy", 2, 4), ("Resolved the issue", 3, 4)]);
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let id = store.write(|tx| create(tx, &call_form())).unwrap();
    let card = get(store.conn(), &id).unwrap();
    let before = snapshot(&store);

    let mut forms = Vec::new();
    let mut f = call_form();
    f.name = "  ".into();
    forms.push((f, ("name", ValidationRule::Required)));
    let mut f = call_form();
    f.criteria.clear();
    forms.push((f, ("criteria", ValidationRule::Required)));
    let mut f = call_form();
    f.criteria[1].weight = 0;
    forms.push((f, ("weight", ValidationRule::InvalidValue)));
    let mut f = call_form();
    f.criteria[1].points = 11;
    forms.push((f, ("points", ValidationRule::InvalidValue)));
    let mut f = call_form();
    f.criteria[2].label = "showed EMPATHY".into();
    forms.push((f, ("criterionLabel", ValidationRule::Duplicate)));
    for (form, (field, rule)) in forms {
        let got = rule_of(store.write(|tx| create(tx, &form)));
        assert_eq!((got.0, got.1), (field, rule), "{form:?}");
        let got = rule_of(store.write(|tx| update(tx, &id, &form)));
        assert_eq!((got.0, got.1), (field, rule), "{form:?}");
    }

    let good = [Some(1), Some(3), Some(4)];
    let mut bad: Vec<(EvaluationInput, (&str, ValidationRule))> = Vec::new();
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.ratings[1].value = Some(6);
    bad.push((e, ("ratings", ValidationRule::InvalidValue)));
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.ratings.pop();
    bad.push((e, ("ratings", ValidationRule::Required)));
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.ratings.push(Rating { key: card.criteria[0].key.clone(), value: Some(0) });
    bad.push((e, ("ratings", ValidationRule::Duplicate)));
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.ratings.push(Rating { key: "0190aaaa-0000-7000-8000-000000000000".into(), value: Some(0) });
    bad.push((e, ("ratings", ValidationRule::InvalidValue)));
    bad.push((input(&card, &ann, None, "", "2026-03-01", &good), ("evaluator", ValidationRule::Required)));
    bad.push((input(&card, &ann, None, "Grace Wu", "2026-03-03", &good), ("evaluatedOn", ValidationRule::TooLate)));
    bad.push((input(&card, &ann, None, "Grace Wu", "2024-01-01", &good), ("evaluatedOn", ValidationRule::TooEarly)));
    bad.push((
        input(&card, &AgentId::new(), None, "Grace Wu", "2026-03-01", &good),
        ("agentId", ValidationRule::InvalidValue),
    ));
    bad.push((
        input(&card, &ann, Some(&CaseId::new()), "Grace Wu", "2026-03-01", &good),
        ("caseId", ValidationRule::InvalidValue),
    ));
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.version_id = crate::ids::ScorecardVersionId::new();
    bad.push((e, ("versionId", ValidationRule::InvalidValue)));
    let mut e = input(&card, &ann, None, "Grace Wu", "2026-03-01", &good);
    e.comment = "x".repeat(MAX_COMMENT as usize + 1);
    bad.push((e, ("comment", ValidationRule::TooLong)));
    for (e, (field, rule)) in bad {
        let got = rule_of(store.write(|tx| evaluate(tx, &e)));
        assert_eq!((got.0, got.1), (field, rule), "{e:?}");
    }
    assert_eq!(snapshot(&store), before);
    assert!(matches!(store.write(|tx| delete(tx, &crate::ids::ScorecardId::new())), Err(Error::NotFound { .. })));
}

#[test]
fn a_deleted_scorecard_is_offered_no_more_but_its_evaluations_stay() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let id = store.write(|tx| create(tx, &call_form())).unwrap();
    let card = get(store.conn(), &id).unwrap();
    store
        .write(|tx| evaluate(tx, &input(&card, &ann, None, "Grace Wu", "2026-03-01", &[Some(1), Some(5), Some(4)])))
        .unwrap();
    store.write(|tx| delete(tx, &id)).unwrap();
    assert!(list(store.conn()).unwrap().is_empty());
    let qa = for_agent(store.conn(), &ann).unwrap();
    assert_eq!(
        (qa.evaluations.len(), qa.evaluations[0].scorecard_name.as_str(), qa.average),
        (1, "Phone call", Some(100.0))
    );
}
