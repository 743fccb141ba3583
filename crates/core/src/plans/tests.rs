//! Plans on a real database: authoring, ordering, publishing, runs and their derived
//! checklist, with bad input leaving everything as it was.

use chrono::Duration;

use super::*;
use crate::ids::{PlanId, PlanRunId, PlanStepId};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;
use crate::{Error, ValidationRule};

pub(crate) fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// What a failed write must leave as it was.
pub(crate) fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

pub(crate) fn plan_input(title: &str) -> PlanInput {
    PlanInput {
        title: title.into(),
        scenario: Scenario::SystemOutage,
        severity: Severity::High,
        owner: "Mei Chen".into(),
        review_days: 365,
        drill_days: 90,
        triggers: "Telephony down for more than 5 minutes".into(),
        thresholds: "Queue above 50".into(),
    }
}

pub(crate) fn step_input(phase: Phase, text: &str, offset_minutes: i32, required: bool) -> StepInput {
    StepInput { phase, text: text.into(), owner_role: "Duty manager".into(), offset_minutes, required }
}

fn add_step(store: &mut Store, plan: &PlanId, phase: Phase, text: &str, offset: i32) -> PlanStepId {
    store.write(|tx| plans::add_step(tx, plan, &step_input(phase, text, offset, true))).unwrap()
}

fn texts(store: &Store, plan: &PlanId) -> Vec<String> {
    plans::content(store.conn(), plan).unwrap().steps.into_iter().map(|s| s.text).collect()
}

/// A published plan with one step in each phase; returns it and its steps in order.
pub(crate) fn published_plan(store: &mut Store) -> (PlanId, Vec<PlanStepId>) {
    let plan = store.write(|tx| plans::create(tx, &plan_input("Telephony outage"))).unwrap();
    let steps = vec![
        add_step(store, &plan, Phase::Monitoring, "Watch the queue", 0),
        add_step(store, &plan, Phase::Warning, "Warn the team leads", 5),
        add_step(store, &plan, Phase::Response, "Switch to the backup line", 15),
        add_step(store, &plan, Phase::Recovery, "Call back dropped callers", 60),
    ];
    store.write(|tx| versions::publish(tx, &plan)).unwrap();
    (plan, steps)
}

pub(crate) fn start(store: &mut Store, plan: &PlanId, kind: RunKind) -> PlanRunId {
    store.write(|tx| runs::start(tx, &RunInput { plan_id: plan.clone(), kind, commander: "Ann Lee".into() })).unwrap()
}

#[test]
fn plan_tables_declare_their_merge_kinds() {
    for t in [Table::Plans, Table::PlanSteps, Table::PlanContacts, Table::CommsTemplates] {
        assert!(t.is_synced() && !t.is_append_only());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Register), "{}", t.name());
    }
    for t in [Table::PlanVersions, Table::PlanRuns, Table::RunEvents] {
        assert!(t.is_synced() && t.is_append_only());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Event), "{}", t.name());
    }
    assert_eq!(Table::RunEvents.parent(), Some((Table::PlanRuns, "run_id")));
    assert_eq!(Table::PlanSteps.parent(), Some((Table::Plans, "plan_id")));
    assert_eq!(Table::PlanContacts.parent(), Some((Table::Plans, "plan_id")));
    assert_eq!(Table::CommsTemplates.parent(), Some((Table::Plans, "plan_id")));
}

#[test]
fn steps_are_kept_in_phase_order_and_added_at_the_end_of_their_phase() {
    let (_dir, mut store, _) = temp_store();
    let plan = store.write(|tx| plans::create(tx, &plan_input("Outage"))).unwrap();
    add_step(&mut store, &plan, Phase::Recovery, "r1", 60);
    add_step(&mut store, &plan, Phase::Response, "s1", 10);
    add_step(&mut store, &plan, Phase::Monitoring, "m1", 0);
    add_step(&mut store, &plan, Phase::Response, "s2", 5);
    assert_eq!(texts(&store, &plan), ["m1", "s1", "s2", "r1"]);
}

#[test]
fn moving_a_step_writes_only_its_position_and_stays_in_its_phase() {
    let (_dir, mut store, _) = temp_store();
    let plan = store.write(|tx| plans::create(tx, &plan_input("Outage"))).unwrap();
    let a = add_step(&mut store, &plan, Phase::Response, "a", 0);
    let b = add_step(&mut store, &plan, Phase::Response, "b", 0);
    let c = add_step(&mut store, &plan, Phase::Response, "c", 0);
    add_step(&mut store, &plan, Phase::Recovery, "r", 0);
    let before = crate::store::test_support::outbox(&store).len();
    store.write(|tx| plans::move_step(tx, &c, true)).unwrap();
    assert_eq!(texts(&store, &plan), ["a", "c", "b", "r"]);
    let after = crate::store::test_support::outbox(&store);
    assert_eq!(after.len(), before + 1);
    assert_eq!((after[before].2.as_str(), after[before].3.as_str()), (c.as_str(), "position"));
    store.write(|tx| plans::move_step(tx, &c, true)).unwrap();
    assert_eq!(texts(&store, &plan), ["c", "a", "b", "r"]);
    // At the top of its phase, up changes nothing; down from the end of a phase neither.
    store.write(|tx| plans::move_step(tx, &c, true)).unwrap();
    store.write(|tx| plans::move_step(tx, &b, false)).unwrap();
    assert_eq!(texts(&store, &plan), ["c", "a", "b", "r"]);
    store.write(|tx| plans::move_step(tx, &a, false)).unwrap();
    assert_eq!(texts(&store, &plan), ["c", "b", "a", "r"]);
}

#[test]
fn placing_a_step_where_it_was_dropped_writes_only_its_position() {
    let (_dir, mut store, _) = temp_store();
    let plan = store.write(|tx| plans::create(tx, &plan_input("Outage"))).unwrap();
    let a = add_step(&mut store, &plan, Phase::Response, "a", 0);
    add_step(&mut store, &plan, Phase::Response, "b", 0);
    let c = add_step(&mut store, &plan, Phase::Response, "c", 0);
    add_step(&mut store, &plan, Phase::Recovery, "r", 0);
    let before = crate::store::test_support::outbox(&store).len();
    store.write(|tx| plans::place_step(tx, &c, 0)).unwrap();
    assert_eq!(texts(&store, &plan), ["c", "a", "b", "r"]);
    let after = crate::store::test_support::outbox(&store);
    assert_eq!(after.len(), before + 1);
    assert_eq!((after[before].2.as_str(), after[before].3.as_str()), (c.as_str(), "position"));
    store.write(|tx| plans::place_step(tx, &c, 1)).unwrap();
    assert_eq!(texts(&store, &plan), ["a", "c", "b", "r"]);
    // Past the end of its phase it goes last in the phase, never into the next one.
    store.write(|tx| plans::place_step(tx, &a, 99)).unwrap();
    assert_eq!(texts(&store, &plan), ["c", "b", "a", "r"]);
    let unchanged = crate::store::test_support::outbox(&store).len();
    store.write(|tx| plans::place_step(tx, &a, 2)).unwrap();
    assert_eq!(crate::store::test_support::outbox(&store).len(), unchanged, "its own place writes nothing");
}

#[test]
fn editing_and_removing_steps_changes_the_draft() {
    let (_dir, mut store, _) = temp_store();
    let plan = store.write(|tx| plans::create(tx, &plan_input("Outage"))).unwrap();
    let a = add_step(&mut store, &plan, Phase::Response, "a", 0);
    let b = add_step(&mut store, &plan, Phase::Response, "b", 0);
    add_step(&mut store, &plan, Phase::Recovery, "r", 0);
    store.write(|tx| plans::update_step(tx, &a, &step_input(Phase::Recovery, "a2", 30, false))).unwrap();
    assert_eq!(texts(&store, &plan), ["b", "r", "a2"]);
    store.write(|tx| plans::remove_step(tx, &b)).unwrap();
    assert_eq!(texts(&store, &plan), ["r", "a2"]);
    assert!(matches!(store.write(|tx| plans::remove_step(tx, &b)), Err(Error::NotFound { .. })));
}

#[test]
fn publishing_freezes_a_version_and_an_edit_makes_a_draft_again() {
    let (_dir, mut store, _) = temp_store();
    let (plan, steps) = published_plan(&mut store);
    let d = overview::detail(store.conn(), &plan).unwrap();
    assert_eq!((d.status, d.versions.len()), (PlanStatus::Published, 1));
    // Publishing again without a change makes no new version.
    let v1 = store.write(|tx| versions::publish(tx, &plan)).unwrap();
    assert_eq!(v1, d.versions[0].id);
    store
        .write(|tx| plans::update_step(tx, &steps[2], &step_input(Phase::Response, "Use the backup line", 10, true)))
        .unwrap();
    assert_eq!(overview::detail(store.conn(), &plan).unwrap().status, PlanStatus::Draft);
    // The frozen version still has the old text.
    assert_eq!(versions::content(store.conn(), &v1).unwrap().steps[2].text, "Switch to the backup line");
    let v2 = store.write(|tx| versions::publish(tx, &plan)).unwrap();
    let d = overview::detail(store.conn(), &plan).unwrap();
    assert_eq!(d.status, PlanStatus::Published);
    assert_eq!(d.versions.iter().map(|v| (&v.id, v.number)).collect::<Vec<_>>(), [(&v1, 1), (&v2, 2)]);
}

#[test]
fn a_run_keeps_the_version_it_started_from() {
    let (_dir, mut store, _) = temp_store();
    let (plan, steps) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Drill);
    store.write(|tx| plans::update_step(tx, &steps[0], &step_input(Phase::Monitoring, "Changed", 0, true))).unwrap();
    store.write(|tx| versions::publish(tx, &plan)).unwrap();
    let view = runs::get(store.conn(), &run, store.now()).unwrap();
    assert_eq!(view.items[0].step.text, "Watch the queue");
    assert_eq!(view.version_id, overview::detail(store.conn(), &plan).unwrap().versions[0].id);
}

#[test]
fn ticks_skips_and_notes_derive_the_checklist_and_the_log() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, steps) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Drill);
    let t0 = clock.get();
    clock.set(t0 + Duration::minutes(3));
    store.write(|tx| runs::record(tx, &run, &RunAction::Tick { step: steps[0].clone() })).unwrap();
    store
        .write(|tx| {
            runs::record(tx, &run, &RunAction::Skip { step: steps[1].clone(), reason: "Leads already on".into() })
        })
        .unwrap();
    store.write(|tx| runs::record(tx, &run, &RunAction::Log { text: "Carrier confirms the fault".into() })).unwrap();
    clock.set(t0 + Duration::minutes(20));
    store
        .write(|tx| runs::record(tx, &run, &RunAction::Note { step: steps[2].clone(), text: "Line 2 busy".into() }))
        .unwrap();
    let view = runs::get(store.conn(), &run, clock.get()).unwrap();
    let states: Vec<ItemState> = view.items.iter().map(|i| i.state).collect();
    assert_eq!(states, [ItemState::Done, ItemState::Skipped, ItemState::Overdue, ItemState::Pending]);
    assert_eq!(view.items[1].reason.as_deref(), Some("Leads already on"));
    let log: Vec<(RunEventKind, Option<&str>, &str)> =
        view.log.iter().map(|e| (e.kind, e.step_text.as_deref(), e.text.as_str())).collect();
    assert_eq!(
        log,
        [
            (RunEventKind::Tick, Some("Watch the queue"), ""),
            (RunEventKind::Skip, Some("Warn the team leads"), "Leads already on"),
            (RunEventKind::Log, None, "Carrier confirms the fault"),
            (RunEventKind::Note, Some("Switch to the backup line"), "Line 2 busy"),
        ]
    );
    assert_eq!(view.score, None);
    assert_eq!(runs::list(store.conn(), None).unwrap().len(), 1);
}

#[test]
fn closing_a_run_scores_it_and_ends_it() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, steps) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Drill);
    let t0 = clock.get();
    // The response step is done 15 minutes late; the others by their targets.
    for (step, minutes) in steps.iter().zip([0, 4, 30, 50]) {
        clock.set(t0 + Duration::minutes(minutes));
        store.write(|tx| runs::record(tx, &run, &RunAction::Tick { step: step.clone() })).unwrap();
    }
    store.write(|tx| runs::record(tx, &run, &RunAction::Close)).unwrap();
    let view = runs::get(store.conn(), &run, clock.get() + Duration::days(1)).unwrap();
    let score = view.score.unwrap();
    assert_eq!((score.required, score.on_time, score.percent), (4, 3, 75));
    assert!(view.summary.closed_at.is_some());
    assert_eq!(runs::list(store.conn(), None).unwrap(), []);
    let summary = &overview::list(store.conn()).unwrap()[0];
    assert_eq!((summary.active_runs, summary.last_drill_at.as_ref()), (0, Some(&view.summary.started_at)));
}

#[test]
fn incidents_and_tabletops_are_not_drills() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    start(&mut store, &plan, RunKind::Incident);
    start(&mut store, &plan, RunKind::Tabletop);
    let summary = &overview::list(store.conn()).unwrap()[0];
    assert_eq!((summary.active_runs, summary.last_drill_at.as_ref()), (2, None));
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (_dir, mut store, _) = temp_store();
    let empty = store.write(|tx| plans::create(tx, &plan_input("Empty"))).unwrap();
    let (plan, steps) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Drill);
    store.write(|tx| runs::record(tx, &run, &RunAction::Close)).unwrap();
    let before = snapshot(&store);

    assert_eq!(rule_of(store.write(|tx| versions::publish(tx, &empty))), ("steps", ValidationRule::NoSteps));
    let draft = RunInput { plan_id: empty.clone(), kind: RunKind::Drill, commander: "Ann".into() };
    assert_eq!(rule_of(store.write(|tx| runs::start(tx, &draft))), ("planId", ValidationRule::NotPublished));
    let tick = RunAction::Tick { step: steps[0].clone() };
    assert_eq!(rule_of(store.write(|tx| runs::record(tx, &run, &tick))), ("runId", ValidationRule::RunClosed));
    assert_eq!(
        rule_of(store.write(|tx| runs::record(tx, &run, &RunAction::Close))),
        ("runId", ValidationRule::RunClosed)
    );
    assert_eq!(
        rule_of(store.write(|tx| plans::add_step(tx, &plan, &step_input(Phase::Response, "x", -1, true)))),
        ("offsetMinutes", ValidationRule::InvalidValue)
    );
    assert_eq!(
        rule_of(store.write(|tx| plans::add_step(tx, &plan, &step_input(Phase::Response, "x", 43_201, true)))),
        ("offsetMinutes", ValidationRule::InvalidValue)
    );
    assert_eq!(
        rule_of(store.write(|tx| plans::add_step(tx, &plan, &step_input(Phase::Response, " ", 0, true)))),
        ("text", ValidationRule::Required)
    );
    assert_eq!(rule_of(store.write(|tx| plans::create(tx, &plan_input("")))), ("title", ValidationRule::Required));
    let mut bad = plan_input("x");
    bad.drill_days = 0;
    assert_eq!(rule_of(store.write(|tx| plans::update(tx, &plan, &bad))), ("drillDays", ValidationRule::InvalidValue));
    let nameless = RunInput { plan_id: plan.clone(), kind: RunKind::Incident, commander: "  ".into() };
    assert_eq!(rule_of(store.write(|tx| runs::start(tx, &nameless))), ("commander", ValidationRule::Required));

    assert_eq!(snapshot(&store), before);

    let open = start(&mut store, &plan, RunKind::Drill);
    let before_open = snapshot(&store);
    let skip = RunAction::Skip { step: steps[0].clone(), reason: String::new() };
    assert_eq!(rule_of(store.write(|tx| runs::record(tx, &open, &skip))), ("reason", ValidationRule::Required));
    let stranger = RunAction::Tick { step: PlanStepId::new() };
    assert_eq!(rule_of(store.write(|tx| runs::record(tx, &open, &stranger))), ("step", ValidationRule::InvalidValue));
    assert!(matches!(
        store.write(|tx| runs::record(tx, &PlanRunId::new(), &RunAction::Close)),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(snapshot(&store), before_open);
}

#[test]
fn runs_are_judged_at_the_clock_given() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Incident);
    let at = |m| clock.get() + Duration::minutes(m);
    let states = |store: &Store, m| -> Vec<ItemState> {
        runs::get(store.conn(), &run, at(m)).unwrap().items.iter().map(|i| i.state).collect()
    };
    assert_eq!(states(&store, 0), [ItemState::Pending; 4]);
    assert_eq!(states(&store, 6), [ItemState::Overdue, ItemState::Overdue, ItemState::Pending, ItemState::Pending]);
}

#[test]
fn reminders_follow_the_latest_publish_and_the_latest_drill_and_leave_drafts_out() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    store.write(|tx| plans::create(tx, &plan_input("Draft never published"))).unwrap();
    let published: String =
        store.conn().query_row("SELECT created_at FROM plan_versions WHERE plan_id = ?1", [&plan], |r| r.get(0)).unwrap();
    let published = crate::cases::parse_time(&published).unwrap();
    let kinds = |store: &Store, days: i64| -> Vec<(reminders::ReminderKind, u32)> {
        reminders::list(store.conn(), published + Duration::days(days))
            .unwrap()
            .into_iter()
            .map(|r| {
                assert_eq!(r.title, "Telephony outage");
                (r.kind, r.days_overdue)
            })
            .collect()
    };
    assert_eq!(kinds(&store, 89), []);
    assert_eq!(kinds(&store, 92), [(reminders::ReminderKind::Drill, 2)]);
    // Incidents and tabletops are not drills; a drill started now restarts the interval.
    start(&mut store, &plan, RunKind::Incident);
    start(&mut store, &plan, RunKind::Tabletop);
    assert_eq!(kinds(&store, 92), [(reminders::ReminderKind::Drill, 2)]);
    start(&mut store, &plan, RunKind::Drill);
    let drilled: String = store
        .conn()
        .query_row("SELECT max(started_at) FROM plan_runs WHERE kind = 'drill'", [], |r| r.get(0))
        .unwrap();
    let gap = (crate::cases::parse_time(&drilled).unwrap() - published).num_days();
    assert_eq!(kinds(&store, gap + 89), []);
    // A year after the publish the review is due too; the longest overdue comes first.
    assert_eq!(
        kinds(&store, 400),
        [(reminders::ReminderKind::Drill, u32::try_from(400 - gap - 90).unwrap()), (reminders::ReminderKind::Review, 35)]
    );
}
