//! Every input of a case write or query has a bound, refused below, at and above it with
//! the field, the rule and the limit, and nothing written (issue #13, "Bounds on every
//! input").

use chrono::Duration;

use super::super::bulk::{self, BulkAction, MAX_BULK, Prior};
use super::super::query::{self, CaseQuery, LIST_MAX, TEXT_MAX};
use super::{count_rows, create, resolution};
use crate::cases::*;
use crate::ids::{AgentId, CaseId, CustomerId};
use crate::store::test_support::temp_store;
use crate::{Error, Result, ValidationRule};

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> (&'static str, ValidationRule, Option<u32>) {
    match r {
        Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn callback_due_dates_stay_within_a_year_back_and_two_years_ahead() {
    let (_d, mut store, clock) = temp_store();
    let id = create(&mut store, "Refund");
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let now = clock.get();
    let at = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339();
    let back = now - Duration::days(i64::from(CALLBACK_WINDOW_DAYS_BACK));
    let ahead = now + Duration::days(i64::from(CALLBACK_WINDOW_DAYS_AHEAD));
    for ok in [back, back + Duration::minutes(1), now, ahead - Duration::minutes(1), ahead] {
        store.write(|tx| schedule_callback(tx, &id, &at(ok))).unwrap();
        assert_eq!(
            get(store.conn(), &id).unwrap().follow_up.due_at.as_deref(),
            Some(crate::time::to_db_text(ok).as_str())
        );
    }
    let before = count_rows(&store, "case_events");
    let mut refused = |s: &str| refusal(store.write(|tx| schedule_callback(tx, &id, s)));
    assert_eq!(refused(&at(back - Duration::minutes(1))), ("dueAt", ValidationRule::TooEarly, Some(365)));
    assert_eq!(refused(&at(ahead + Duration::minutes(1))), ("dueAt", ValidationRule::TooLate, Some(730)));
    // What the tester typed: years 0001 and 9999.
    assert_eq!(refused("0001-01-01T00:00:00Z"), ("dueAt", ValidationRule::TooEarly, Some(365)));
    assert_eq!(refused("9999-12-31T23:59:59Z"), ("dueAt", ValidationRule::TooLate, Some(730)));
    assert_eq!(refused("tomorrow"), ("dueAt", ValidationRule::InvalidValue, None));
    assert_eq!(count_rows(&store, "case_events"), before);
    assert_eq!(
        get(store.conn(), &id).unwrap().follow_up.due_at.as_deref(),
        Some(crate::time::to_db_text(ahead).as_str())
    );
}

#[test]
fn the_window_moves_with_the_transactions_now() {
    let (_d, mut store, clock) = temp_store();
    let id = create(&mut store, "Refund");
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let due = (clock.get() + Duration::days(800)).to_rfc3339();
    assert_eq!(refusal(store.write(|tx| schedule_callback(tx, &id, &due))).1, ValidationRule::TooLate);
    clock.set(clock.get() + Duration::days(100));
    store.write(|tx| schedule_callback(tx, &id, &due)).unwrap();
}

#[test]
fn a_case_takes_at_most_twenty_tags() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "Tagged");
    let tags = |n: usize| (0..n).map(|i| format!("tag{i}")).collect::<Vec<_>>();
    store.write(|tx| set_tags(tx, &id, &tags(MAX_TAGS - 1))).unwrap();
    store.write(|tx| set_tags(tx, &id, &tags(MAX_TAGS))).unwrap();
    assert_eq!(
        refusal(store.write(|tx| set_tags(tx, &id, &tags(MAX_TAGS + 1)))),
        ("tags", ValidationRule::TooMany, Some(20))
    );
    // A huge list is refused by its length before any tag in it is looked at.
    let flood = vec!["x".to_owned(); 40_000];
    assert_eq!(refusal(store.write(|tx| set_tags(tx, &id, &flood))), ("tags", ValidationRule::TooMany, Some(20)));
    let long = vec!["t".repeat(41)];
    assert_eq!(refusal(store.write(|tx| set_tags(tx, &id, &long))), ("tags", ValidationRule::TooLong, Some(40)));
    assert_eq!(get(store.conn(), &id).unwrap().tags.len(), MAX_TAGS);
}

#[test]
fn bulk_apply_and_undo_share_one_bound() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "One");
    let prior =
        |id: &CaseId| Prior { id: id.clone(), status: CaseStatus::New, assignee_id: None, team_id: None, tags: vec![] };
    // Below and at the limit the bound lets the list through (unknown ids are then not found).
    for n in [MAX_BULK - 1, MAX_BULK] {
        let mut ids = vec![id.clone(); n];
        ids[0] = CaseId::new();
        assert!(matches!(
            store.write(|tx| bulk::apply(tx, &ids, &BulkAction::AddTag { tag: "x".into() })),
            Err(Error::NotFound { .. })
        ));
        let priors: Vec<Prior> = ids.iter().map(prior).collect();
        assert!(matches!(store.write(|tx| bulk::undo(tx, &priors)), Err(Error::NotFound { .. })));
    }
    let over = vec![id.clone(); MAX_BULK + 1];
    let action = BulkAction::AddTag { tag: "x".into() };
    assert_eq!(
        refusal(store.write(|tx| bulk::apply(tx, &over, &action))),
        ("ids", ValidationRule::TooMany, Some(1000))
    );
    // The tester's 5,000 priors.
    let priors: Vec<Prior> = vec![prior(&id); 5_000];
    assert_eq!(refusal(store.write(|tx| bulk::undo(tx, &priors))), ("changed", ValidationRule::TooMany, Some(1000)));
    assert_eq!(refusal(store.write(|tx| bulk::apply(tx, &[], &action))), ("ids", ValidationRule::Required, None));
    let long = BulkAction::AddTag { tag: "t".repeat(41) };
    assert_eq!(
        refusal(store.write(|tx| bulk::apply(tx, std::slice::from_ref(&id), &long))),
        ("tags", ValidationRule::TooLong, Some(40))
    );
    assert!(get(store.conn(), &id).unwrap().tags.is_empty());
}

#[test]
fn every_list_of_a_query_holds_at_most_a_hundred_values() {
    let (_d, mut store, clock) = temp_store();
    create(&mut store, "One");
    let list = |q: &CaseQuery| query::list(store.conn(), q, clock.get());
    let queries: Vec<(&str, Box<dyn Fn(usize) -> CaseQuery>)> = vec![
        ("statuses", Box::new(|k| CaseQuery { statuses: vec![CaseStatus::Open; k], ..CaseQuery::default() })),
        ("priorities", Box::new(|k| CaseQuery { priorities: vec![Priority::P1; k], ..CaseQuery::default() })),
        ("channels", Box::new(|k| CaseQuery { channels: vec![CaseChannel::Phone; k], ..CaseQuery::default() })),
        (
            "categories",
            Box::new(|k| CaseQuery { categories: (0..k).map(|i| format!("c{i}")).collect(), ..CaseQuery::default() }),
        ),
        (
            "assignees",
            Box::new(|k| CaseQuery { assignees: (0..k).map(|_| AgentId::new()).collect(), ..CaseQuery::default() }),
        ),
        (
            "customerIds",
            Box::new(|k| CaseQuery {
                customer_ids: (0..k).map(|_| CustomerId::new()).collect(),
                ..CaseQuery::default()
            }),
        ),
    ];
    for (field, q) in &queries {
        list(&q(LIST_MAX - 1)).unwrap();
        list(&q(LIST_MAX)).unwrap();
        assert_eq!(refusal(list(&q(LIST_MAX + 1))), (*field, ValidationRule::TooMany, Some(100)), "{field}");
    }
    // What reached SQLite before as a generic storage error: 40,000 ids.
    let flood = CaseQuery { customer_ids: vec![CustomerId::new(); 40_000], ..CaseQuery::default() };
    assert_eq!(refusal(list(&flood)), ("customerIds", ValidationRule::TooMany, Some(100)));
}

#[test]
fn the_values_in_a_query_are_bounded_too() {
    let (_d, store, clock) = temp_store();
    let list = |q: CaseQuery| query::list(store.conn(), &q, clock.get());
    let text = |k: usize| CaseQuery { text: Some("客".repeat(k)), ..CaseQuery::default() };
    list(text(TEXT_MAX as usize)).unwrap();
    assert_eq!(refusal(list(text(TEXT_MAX as usize + 1))), ("text", ValidationRule::TooLong, Some(200)));
    let category = |k: usize| CaseQuery { categories: vec!["c".repeat(k)], ..CaseQuery::default() };
    list(category(80)).unwrap();
    assert_eq!(refusal(list(category(81))), ("categories", ValidationRule::TooLong, Some(80)));
    let tag = |k: usize| CaseQuery { tag: Some("t".repeat(k)), ..CaseQuery::default() };
    list(tag(40)).unwrap();
    assert_eq!(refusal(list(tag(41))), ("tag", ValidationRule::TooLong, Some(40)));
    let assignee = CaseQuery { assignees: vec![AgentId("a".repeat(37))], ..CaseQuery::default() };
    assert_eq!(refusal(list(assignee)), ("assignees", ValidationRule::InvalidValue, None));
    let from = CaseQuery { created_from: Some("x".repeat(10_000)), ..CaseQuery::default() };
    assert_eq!(refusal(list(from)), ("createdFrom", ValidationRule::InvalidValue, None));
    for limit in [0, query::MAX_LIMIT + 1] {
        assert_eq!(
            refusal(list(CaseQuery { limit, ..CaseQuery::default() })),
            ("limit", ValidationRule::InvalidValue, Some(500))
        );
    }
}
