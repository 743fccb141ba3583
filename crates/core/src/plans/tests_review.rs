//! Hot-washes, after-action reviews and action items on a real database: only a closed
//! run takes them, bad input leaves everything as it was, and each field and item merges
//! on its own.

use chrono::{Duration, NaiveDate};

use super::tests::{published_plan, rule_of, snapshot, start};
use super::*;
use crate::ids::{PlanId, PlanRunId, RunActionItemId, member_id};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::{TestClock, outbox, temp_store};
use crate::{Error, ValidationRule};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn item(text: &str, owner: &str, due_on: &str) -> ActionItemInput {
    ActionItemInput { text: text.into(), owner: owner.into(), due_on: due_on.into() }
}

/// A closed drill of a published plan, started on 2026-03-02 (the test clock's day).
fn closed_run(store: &mut Store, clock: &TestClock) -> (PlanId, PlanRunId) {
    let (plan, _) = published_plan(store);
    let run = start(store, &plan, RunKind::Drill);
    clock.set(clock.get() + Duration::hours(2));
    store.write(|tx| runs::record(tx, &run, &RunAction::Close)).unwrap();
    (plan, run)
}

#[test]
fn review_tables_are_registers_travelling_with_their_run() {
    for t in [Table::RunReviews, Table::RunActionItems] {
        assert!(t.is_synced() && !t.is_append_only());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Register), "{}", t.name());
        assert_eq!(t.parent(), Some((Table::PlanRuns, "run_id")));
    }
}

#[test]
fn a_closed_run_gets_a_hot_wash_a_review_and_action_items() {
    let (_dir, mut store, clock) = temp_store();
    let (_, run) = closed_run(&mut store, &clock);
    let today = day("2026-03-02");
    assert_eq!(
        review::get(store.conn(), &run, today).unwrap(),
        RunReview { hot_wash: String::new(), went_well: String::new(), went_wrong: String::new(), items: vec![] }
    );
    store.write(|tx| review::save_hot_wash(tx, &run, "  Backup line took 20 minutes to route.  ")).unwrap();
    let findings = ReviewInput { went_well: "Leads warned in 3 minutes".into(), went_wrong: String::new() };
    store.write(|tx| review::save_review(tx, &run, &findings)).unwrap();
    let later =
        store.write(|tx| review::add_item(tx, &run, &item("Test the IVR failover", "IT", "2026-04-01"))).unwrap();
    let first = store.write(|tx| review::add_item(tx, &run, &item("Update call tree", "Mei", "2026-03-02"))).unwrap();

    let got = review::get(store.conn(), &run, day("2026-03-10")).unwrap();
    assert_eq!(got.hot_wash, "Backup line took 20 minutes to route.");
    assert_eq!((got.went_well.as_str(), got.went_wrong.as_str()), ("Leads warned in 3 minutes", ""));
    let ids: Vec<&RunActionItemId> = got.items.iter().map(|i| &i.id).collect();
    assert_eq!(ids, [&first, &later], "by due day");
    assert_eq!((got.items[0].overdue, got.items[1].overdue), (true, false));

    store.write(|tx| review::set_item_done(tx, &first, true)).unwrap();
    let got = review::get(store.conn(), &run, day("2026-03-10")).unwrap();
    assert_eq!((got.items[0].done_on.as_deref(), got.items[0].overdue), (Some("2026-03-02"), false));
    store.write(|tx| review::set_item_done(tx, &first, false)).unwrap();
    assert_eq!(review::get(store.conn(), &run, today).unwrap().items[0].done_on, None);

    store
        .write(|tx| review::update_item(tx, &later, &item("Test the IVR failover monthly", "IT", "2026-05-01")))
        .unwrap();
    store.write(|tx| review::remove_item(tx, &first)).unwrap();
    let got = review::get(store.conn(), &run, today).unwrap();
    assert_eq!(got.items.len(), 1);
    assert_eq!(
        (got.items[0].text.as_str(), got.items[0].due_on.as_str()),
        ("Test the IVR failover monthly", "2026-05-01")
    );
}

#[test]
fn hot_wash_and_findings_write_only_their_own_columns_of_one_row_per_run() {
    let (_dir, mut store, clock) = temp_store();
    let (_, run) = closed_run(&mut store, &clock);
    let before = outbox(&store).len();
    store.write(|tx| review::save_hot_wash(tx, &run, "Notes")).unwrap();
    let findings = ReviewInput { went_well: "Fast".into(), went_wrong: "Slow callbacks".into() };
    store.write(|tx| review::save_review(tx, &run, &findings)).unwrap();
    let written: Vec<(String, String)> =
        outbox(&store)[before..].iter().filter(|c| c.3 != "created_at").map(|c| (c.2.clone(), c.3.clone())).collect();
    let row = member_id(run.as_str(), "review");
    // A second device writing the review of the same run writes the same row, so the
    // hot-wash one supervisor wrote and the findings another wrote are both kept.
    assert!(written.iter().all(|(r, _)| r == &row), "{written:?}");
    let cols: Vec<&str> = written.iter().map(|(_, c)| c.as_str()).collect();
    assert!(cols.contains(&"hot_wash") && cols.contains(&"went_well") && cols.contains(&"went_wrong"), "{cols:?}");
    let hot_wash_writes = cols.iter().filter(|c| **c == "hot_wash").count();
    assert_eq!(hot_wash_writes, 1, "saving the findings leaves the hot-wash alone");
}

#[test]
fn an_active_run_takes_no_review_and_bad_input_writes_nothing() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, closed) = closed_run(&mut store, &clock);
    let active = start(&mut store, &plan, RunKind::Incident);
    let done = store.write(|tx| review::add_item(tx, &closed, &item("Fix", "IT", "2026-03-05"))).unwrap();
    let before = snapshot(&store);
    let findings = ReviewInput { went_well: "ok".into(), went_wrong: String::new() };

    assert_eq!(
        rule_of(store.write(|tx| review::save_hot_wash(tx, &active, "x"))),
        ("runId", ValidationRule::RunNotClosed)
    );
    assert_eq!(
        rule_of(store.write(|tx| review::save_review(tx, &active, &findings))),
        ("runId", ValidationRule::RunNotClosed)
    );
    assert_eq!(
        rule_of(store.write(|tx| review::add_item(tx, &active, &item("Fix", "IT", "2026-03-05")))),
        ("runId", ValidationRule::RunNotClosed)
    );
    assert_eq!(
        rule_of(store.write(|tx| review::save_hot_wash(tx, &closed, "  \n "))),
        ("hotWash", ValidationRule::Required)
    );
    let empty = ReviewInput { went_well: " ".into(), went_wrong: String::new() };
    assert_eq!(
        rule_of(store.write(|tx| review::save_review(tx, &closed, &empty))),
        ("wentWell", ValidationRule::Required)
    );
    for (input, expected) in [
        (item(" ", "IT", "2026-03-05"), ("text", ValidationRule::Required)),
        (item("Fix", "", "2026-03-05"), ("owner", ValidationRule::Required)),
        (item("Fix", "IT", "2026-03-01"), ("dueOn", ValidationRule::BeforeRunStart)),
        (item("Fix", "IT", "5 March"), ("dueOn", ValidationRule::InvalidValue)),
        (item("Fix", "IT", "2030-01-01"), ("dueOn", ValidationRule::TooLate)),
    ] {
        assert_eq!(rule_of(store.write(|tx| review::add_item(tx, &closed, &input))), expected, "{input:?}");
        assert_eq!(rule_of(store.write(|tx| review::update_item(tx, &done, &input))), expected, "{input:?}");
    }
    let unknown = PlanRunId::new();
    assert!(matches!(store.write(|tx| review::save_hot_wash(tx, &unknown, "x")), Err(Error::NotFound { .. })));
    let gone = RunActionItemId::new();
    assert!(matches!(store.write(|tx| review::set_item_done(tx, &gone, true)), Err(Error::NotFound { .. })));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_plan_shows_the_open_action_items_of_its_runs() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, run) = closed_run(&mut store, &clock);
    let open = store.write(|tx| review::add_item(tx, &run, &item("Open one", "IT", "2026-03-04"))).unwrap();
    let done = store.write(|tx| review::add_item(tx, &run, &item("Done one", "IT", "2026-03-03"))).unwrap();
    store.write(|tx| review::set_item_done(tx, &done, true)).unwrap();
    let other = store.write(|tx| plans::create(tx, &super::tests::plan_input("Other"))).unwrap();

    let items = review::open_items(store.conn(), &plan, day("2026-03-05")).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((&items[0].item.id, items[0].item.overdue, items[0].run_kind), (&open, true, RunKind::Drill));
    assert!(review::open_items(store.conn(), &other, day("2026-03-05")).unwrap().is_empty());
}
