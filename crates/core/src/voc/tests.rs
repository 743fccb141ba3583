//! The voice of the customer on a real database: journey stages, feedback, insights and
//! the pain-point view, with bad input leaving everything as it was.

use super::painpoints::{self, DrillPeriod, Group};
use super::*;
use crate::cases::{self, CallbackResult, CaseChannel, CaseStatus, NewCase, Priority, Resolution};
use crate::ids::{CaseId, FeedbackId, JourneyStageId};
use crate::kpi::{PeriodPreset, PeriodRequest};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;
use crate::{Error, ValidationRule};

fn stage(key: &str) -> JourneyStageId {
    stages::built_in_id(key)
}

fn new_case(store: &mut Store, title: &str) -> CaseId {
    store
        .write(|tx| {
            cases::create(
                tx,
                &NewCase {
                    title: title.into(),
                    description: String::new(),
                    customer_id: None,
                    channel: CaseChannel::Email,
                    category: "Billing".into(),
                    priority: Priority::P3,
                },
            )
        })
        .unwrap()
}

/// A case at `key`, resolved with `cause`, with a CSAT answer when given.
fn resolved_case(store: &mut Store, key: &str, cause: &str, csat: Option<u8>) -> CaseId {
    let id = new_case(store, cause);
    store
        .write(|tx| {
            cases::set_journey_stage(tx, &id, Some(&stage(key)))?;
            cases::transition(
                tx,
                &id,
                CaseStatus::Resolved,
                Some(&Resolution { root_cause: cause.into(), resolution_summary: "fixed".into() }),
            )?;
            if let Some(csat) = csat {
                let due = crate::time::to_db_text(tx.now() + chrono::Duration::hours(1));
                cases::schedule_callback(tx, &id, &due)?;
                cases::record_callback(
                    tx,
                    &id,
                    &CallbackResult { outcome: "called".into(), csat: Some(csat), nps: None, comment: None },
                )?;
            }
            Ok(())
        })
        .unwrap();
    id
}

fn feedback_input(text: &str, key: Option<&str>, themes: &[&str], csat: Option<u8>) -> FeedbackInput {
    FeedbackInput {
        received_on: "2026-03-01".into(),
        source: FeedbackSource::Survey,
        sentiment: Sentiment::Negative,
        customer_id: None,
        journey_stage_id: key.map(stage),
        csat,
        themes: themes.iter().map(|t| t.to_string()).collect(),
        text: text.into(),
    }
}

fn add_feedback(store: &mut Store, text: &str, key: Option<&str>, themes: &[&str], csat: Option<u8>) -> FeedbackId {
    store.write(|tx| feedback::create(tx, &feedback_input(text, key, themes, csat))).unwrap()
}

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

#[test]
fn every_new_column_declares_the_merge_kind_its_meaning_needs() {
    // Memberships merge per element; everything else a person sets is a register.
    assert_eq!(Table::FeedbackThemes.column("present").unwrap().merge, Merge::Set);
    assert_eq!(Table::InsightEvidence.column("present").unwrap().merge, Merge::Set);
    for (table, col) in [
        (Table::Cases, "journey_stage_id"),
        (Table::JourneyStages, "name"),
        (Table::JourneyStages, "position"),
        (Table::JourneyStages, "retired"),
        (Table::Feedback, "text"),
        (Table::Insights, "status"),
        (Table::Insights, "review_on"),
    ] {
        assert_eq!(table.column(col).unwrap().merge, Merge::Register, "{}.{col}", table.name());
    }
    // The sets' children travel with their parent row when a device first publishes.
    assert_eq!(Table::FeedbackThemes.parent(), Some((Table::Feedback, "feedback_id")));
    assert_eq!(Table::InsightEvidence.parent(), Some((Table::Insights, "insight_id")));
    for t in [Table::JourneyStages, Table::Feedback, Table::FeedbackThemes, Table::Insights, Table::InsightEvidence] {
        assert!(t.is_synced() && !t.is_append_only(), "{}", t.name());
    }
}

#[test]
fn the_built_in_stages_exist_in_journey_order_with_the_same_ids_everywhere() {
    let (_d, store, _) = temp_store();
    let (_d2, other, _) = temp_store();
    let list = stages::list(store.conn()).unwrap();
    let keys: Vec<&str> = list.iter().map(|s| s.key.as_deref().unwrap()).collect();
    assert_eq!(keys, stages::BUILT_IN);
    assert_eq!(list, stages::list(other.conn()).unwrap());
    assert_eq!(list[4].id, stage("billing"));
    assert!(list.iter().all(|s| s.name.is_empty() && !s.retired));
    assert_eq!(list[0].label(), "awareness");
}

#[test]
fn the_team_adds_renames_reorders_and_retires_stages() {
    let (_d, mut store, _) = temp_store();
    let repair = store.write(|tx| stages::create(tx, "Repair")).unwrap();
    store.write(|tx| stages::rename(tx, &stage("use"), "Everyday use")).unwrap();
    let mut order: Vec<JourneyStageId> = stages::list(store.conn()).unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(order.last(), Some(&repair));
    order.retain(|s| *s != repair);
    order.insert(4, repair.clone());
    store.write(|tx| stages::reorder(tx, &order)).unwrap();
    store.write(|tx| stages::set_retired(tx, &stage("awareness"), true)).unwrap();
    let list = stages::list(store.conn()).unwrap();
    assert_eq!(list.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), order);
    assert_eq!(list[4].name, "Repair");
    assert_eq!(list[3].name, "Everyday use");
    assert_eq!(list[3].key.as_deref(), Some("use"), "a renamed built-in stage keeps its key");
    assert!(list[0].retired);
}

#[test]
fn bad_stage_edits_are_refused_and_change_nothing() {
    let (_d, mut store, _) = temp_store();
    let before = snapshot(&store);
    assert_eq!(rule_of(store.write(|tx| stages::create(tx, "  "))), ("name", ValidationRule::Required));
    assert_eq!(rule_of(store.write(|tx| stages::create(tx, &"x".repeat(61)))), ("name", ValidationRule::TooLong));
    assert_eq!(rule_of(store.write(|tx| stages::create(tx, "Billing"))), ("name", ValidationRule::Duplicate));
    assert_eq!(
        rule_of(store.write(|tx| stages::rename(tx, &stage("renewal"), "PURCHASE"))),
        ("name", ValidationRule::Duplicate)
    );
    let some = vec![stage("use"), stage("billing")];
    assert_eq!(rule_of(store.write(|tx| stages::reorder(tx, &some))), ("ids", ValidationRule::InvalidValue));
    let mut twice: Vec<JourneyStageId> = stages::BUILT_IN.iter().map(|k| stage(k)).collect();
    twice[1] = twice[0].clone();
    assert_eq!(rule_of(store.write(|tx| stages::reorder(tx, &twice))), ("ids", ValidationRule::InvalidValue));
    assert!(matches!(
        store.write(|tx| stages::rename(tx, &JourneyStageId::new(), "Gone")),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_case_takes_a_live_stage_and_keeps_a_retired_one_it_already_has() {
    let (_d, mut store, _) = temp_store();
    let id = new_case(&mut store, "Wrong bill");
    store.write(|tx| cases::set_journey_stage(tx, &id, Some(&stage("billing")))).unwrap();
    assert_eq!(cases::get(store.conn(), &id).unwrap().journey_stage_id, Some(stage("billing")));
    let timeline = cases::timeline(store.conn(), &id).unwrap();
    assert!(
        matches!(&timeline.last().unwrap().data, cases::EventData::Edited { fields } if fields == &["journeyStageId"])
    );

    store.write(|tx| stages::set_retired(tx, &stage("billing"), true)).unwrap();
    store.write(|tx| stages::set_retired(tx, &stage("renewal"), true)).unwrap();
    let before = snapshot(&store);
    let unknown = JourneyStageId::new();
    for bad in [&unknown, &stage("renewal"), &JourneyStageId("x'); DROP".into())] {
        assert_eq!(
            rule_of(store.write(|tx| cases::set_journey_stage(tx, &id, Some(bad)))),
            ("journeyStageId", ValidationRule::InvalidValue)
        );
    }
    assert_eq!(snapshot(&store), before, "nothing half-written");
    // Setting the retired stage it already has is no change; clearing works.
    store.write(|tx| cases::set_journey_stage(tx, &id, Some(&stage("billing")))).unwrap();
    store.write(|tx| cases::set_journey_stage(tx, &id, None)).unwrap();
    assert_eq!(cases::get(store.conn(), &id).unwrap().journey_stage_id, None);
}

#[test]
fn the_case_list_filters_by_stage_and_root_cause() {
    let (_d, mut store, clock) = temp_store();
    let a = resolved_case(&mut store, "billing", "Tariff not updated", None);
    resolved_case(&mut store, "billing", "Duplicate collection", None);
    resolved_case(&mut store, "renewal", "Tariff not updated", None);
    let q = cases::CaseQuery {
        journey_stages: vec![stage("billing")],
        root_causes: vec!["Tariff not updated".into()],
        ..Default::default()
    };
    let page = cases::query::list(store.conn(), &q, clock.get()).unwrap();
    assert_eq!((page.total, page.rows[0].id.clone()), (1, a));
    let by_stage = cases::CaseQuery { journey_stages: vec![stage("billing")], ..Default::default() };
    assert_eq!(cases::query::list(store.conn(), &by_stage, clock.get()).unwrap().total, 2);
    let bad = cases::CaseQuery { journey_stages: vec![JourneyStageId("no good".into())], ..Default::default() };
    assert_eq!(
        rule_of(cases::query::list(store.conn(), &bad, clock.get())),
        ("journeyStages", ValidationRule::InvalidValue)
    );
}

#[test]
fn feedback_is_recorded_listed_filtered_and_edited() {
    let (_d, mut store, _) = temp_store();
    let a =
        add_feedback(&mut store, "The renewal letter came too late", Some("renewal"), &["letters", "timing"], Some(2));
    let b = add_feedback(&mut store, "Love the new app", None, &[" app ", "app"], Some(5));
    let got = feedback::get(store.conn(), &a).unwrap();
    assert_eq!(got.themes, ["letters", "timing"]);
    assert_eq!(got.csat, Some(2));
    assert_eq!(feedback::get(store.conn(), &b).unwrap().themes, ["app"], "trimmed and de-duplicated");
    assert_eq!(feedback::themes(store.conn()).unwrap(), ["app", "letters", "timing"]);

    let all = FeedbackQuery { limit: 50, ..Default::default() };
    assert_eq!(feedback::list(store.conn(), &all).unwrap().total, 2);
    let by_theme = FeedbackQuery { themes: vec!["timing".into()], ..all.clone() };
    assert_eq!(feedback::list(store.conn(), &by_theme).unwrap().rows[0].id, a);
    let by_text = FeedbackQuery { text: Some("new app".into()), ..all.clone() };
    assert_eq!(feedback::list(store.conn(), &by_text).unwrap().rows[0].id, b);
    let by_stage = FeedbackQuery { journey_stages: vec![stage("renewal")], ..all.clone() };
    assert_eq!(feedback::list(store.conn(), &by_stage).unwrap().total, 1);
    let by_day = FeedbackQuery { from: Some("2026-03-02".into()), ..all.clone() };
    assert_eq!(feedback::list(store.conn(), &by_day).unwrap().total, 0);

    let mut edit = feedback_input("The renewal letter came too late", Some("renewal"), &["letters", "price"], None);
    edit.sentiment = Sentiment::Neutral;
    store.write(|tx| feedback::update(tx, &a, &edit)).unwrap();
    let got = feedback::get(store.conn(), &a).unwrap();
    assert_eq!(
        (got.themes, got.sentiment, got.csat),
        (vec!["letters".to_owned(), "price".into()], Sentiment::Neutral, None)
    );
    store.write(|tx| feedback::delete(tx, &b)).unwrap();
    assert_eq!(feedback::list(store.conn(), &all).unwrap().total, 1);
}

#[test]
fn bad_feedback_is_refused_with_the_field_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let before = snapshot(&store);
    let ok = feedback_input("fine", Some("use"), &["app"], None);
    let cases: Vec<(FeedbackInput, (&str, ValidationRule))> = vec![
        (FeedbackInput { text: " ".into(), ..ok.clone() }, ("text", ValidationRule::Required)),
        (FeedbackInput { text: "x".repeat(10_001), ..ok.clone() }, ("text", ValidationRule::TooLong)),
        (FeedbackInput { received_on: "2026-3-1".into(), ..ok.clone() }, ("receivedOn", ValidationRule::InvalidValue)),
        (FeedbackInput { received_on: "2026-03-09".into(), ..ok.clone() }, ("receivedOn", ValidationRule::TooLate)),
        (FeedbackInput { received_on: "1999-03-09".into(), ..ok.clone() }, ("receivedOn", ValidationRule::TooEarly)),
        (FeedbackInput { csat: Some(6), ..ok.clone() }, ("csat", ValidationRule::InvalidValue)),
        (FeedbackInput { themes: vec!["t".repeat(41)], ..ok.clone() }, ("themes", ValidationRule::TooLong)),
        (
            FeedbackInput { themes: (0..21).map(|i| i.to_string()).collect(), ..ok.clone() },
            ("themes", ValidationRule::TooMany),
        ),
        (
            FeedbackInput { journey_stage_id: Some(JourneyStageId::new()), ..ok.clone() },
            ("journeyStageId", ValidationRule::InvalidValue),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(rule_of(store.write(|tx| feedback::create(tx, &input))), want);
    }
    let unknown_customer = FeedbackInput { customer_id: Some(crate::ids::CustomerId::new()), ..ok };
    assert!(matches!(store.write(|tx| feedback::create(tx, &unknown_customer)), Err(Error::NotFound { .. })));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn the_insight_workflow_allows_only_its_moves() {
    use InsightStatus::*;
    assert_eq!(insights::next_statuses(Proposed), [Accepted, Declined]);
    assert_eq!(insights::next_statuses(Accepted), [Done, Declined]);
    assert_eq!(insights::next_statuses(Done), [Accepted]);
    assert_eq!(insights::next_statuses(Declined), [Proposed]);
    assert!(!insights::can_move(Proposed, Done), "nothing is done before it is accepted");

    let (_d, mut store, _) = temp_store();
    let id =
        store.write(|tx| insights::create(tx, &input("Renewal letters arrive late"), &Evidence::default())).unwrap();
    assert!(matches!(
        store.write(|tx| insights::set_status(tx, &id, Done)),
        Err(Error::InvalidTransition { from: "proposed", to: "done" })
    ));
    store.write(|tx| insights::set_status(tx, &id, Accepted)).unwrap();
    store.write(|tx| insights::set_status(tx, &id, Done)).unwrap();
    let today = super::today(store.conn(), store.now()).unwrap();
    assert_eq!(insights::detail(store.conn(), &id, today).unwrap().insight.status, Done);
}

fn input(title: &str) -> InsightInput {
    InsightInput {
        title: title.into(),
        finding: "42 cases in March".into(),
        department: Department::Billing,
        requested_change: "Send letters 30 days ahead".into(),
        review_on: Some("2026-03-20".into()),
    }
}

#[test]
fn insights_cite_cases_and_feedback_and_show_overdue_reviews() {
    let (_d, mut store, clock) = temp_store();
    let c1 = resolved_case(&mut store, "renewal", "Letter sent late", Some(2));
    let c2 = resolved_case(&mut store, "renewal", "Letter sent late", None);
    let f1 = add_feedback(&mut store, "Letter came after the renewal", Some("renewal"), &["letters"], None);
    let evidence = Evidence { case_ids: vec![c1.clone()], feedback_ids: vec![f1.clone()] };
    let id = store.write(|tx| insights::create(tx, &input("Renewal letters arrive late"), &evidence)).unwrap();
    store
        .write(|tx| insights::link(tx, &id, &Evidence { case_ids: vec![c1.clone(), c2.clone()], ..Default::default() }))
        .unwrap();
    let today = super::today(store.conn(), clock.get()).unwrap();
    let d = insights::detail(store.conn(), &id, today).unwrap();
    assert_eq!(d.cases.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), [c2.clone(), c1.clone()], "newest first");
    assert_eq!(d.cases[1].csat, Some(2));
    assert_eq!(d.feedback[0].id, f1);
    assert!(!d.insight.overdue);

    store.write(|tx| insights::unlink(tx, &id, &Evidence { case_ids: vec![c2], ..Default::default() })).unwrap();
    let q = InsightQuery::default();
    let row = &insights::list(store.conn(), &q, today).unwrap()[0];
    assert_eq!((row.cases, row.feedback), (1, 1));

    // Past its review date and still open: overdue, and first in the list.
    let later = chrono::NaiveDate::from_ymd_opt(2026, 3, 21).unwrap();
    let other = store
        .write(|tx| insights::create(tx, &InsightInput { review_on: None, ..input("Other") }, &Evidence::default()))
        .unwrap();
    let rows = insights::list(store.conn(), &InsightQuery { overdue_only: true, ..q.clone() }, later).unwrap();
    assert_eq!(rows.iter().map(|r| r.insight.id.clone()).collect::<Vec<_>>(), std::slice::from_ref(&id));
    let all = insights::list(store.conn(), &q, later).unwrap();
    assert_eq!((all[0].insight.id.clone(), all[1].insight.id.clone()), (id.clone(), other));
    store.write(|tx| insights::set_status(tx, &id, InsightStatus::Declined)).unwrap();
    assert!(insights::list(store.conn(), &InsightQuery { overdue_only: true, ..q.clone() }, later).unwrap().is_empty());
    let billing = InsightQuery { departments: vec![Department::Billing], statuses: vec![InsightStatus::Declined], ..q };
    assert_eq!(insights::list(store.conn(), &billing, later).unwrap().len(), 1);
}

#[test]
fn bad_insights_are_refused_and_nothing_is_half_written() {
    let (_d, mut store, _) = temp_store();
    let case = new_case(&mut store, "Real case");
    let before = snapshot(&store);
    let missing = Evidence { case_ids: vec![case.clone(), CaseId::new()], ..Default::default() };
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &input("Late letters"), &missing))),
        ("caseIds", ValidationRule::InvalidValue)
    );
    let gone_feedback = Evidence { feedback_ids: vec![FeedbackId::new()], ..Default::default() };
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &input("Late letters"), &gone_feedback))),
        ("feedbackIds", ValidationRule::InvalidValue)
    );
    let none = Evidence::default();
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &input(" "), &none))),
        ("title", ValidationRule::Required)
    );
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &input(&"t".repeat(201)), &none))),
        ("title", ValidationRule::TooLong)
    );
    let long_change = InsightInput { requested_change: "c".repeat(4_001), ..input("Late") };
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &long_change, &none))),
        ("requestedChange", ValidationRule::TooLong)
    );
    let bad_day = InsightInput { review_on: Some("20.3.2026".into()), ..input("Late") };
    assert_eq!(
        rule_of(store.write(|tx| insights::create(tx, &bad_day, &none))),
        ("reviewOn", ValidationRule::InvalidValue)
    );
    let far = InsightInput { review_on: Some("2030-01-01".into()), ..input("Late") };
    assert_eq!(rule_of(store.write(|tx| insights::create(tx, &far, &none))), ("reviewOn", ValidationRule::TooLate));
    assert_eq!(snapshot(&store), before);
}

fn group(stage_key: &str, column: &str, count: u32, answered: u32, satisfied: u32) -> Group {
    Group { stage: stage(stage_key), column: column.into(), count, answered, satisfied }
}

#[test]
fn the_heat_map_counts_and_rates_each_cell_by_hand() {
    let (_d, mut store, _) = temp_store();
    store.write(|tx| stages::set_retired(tx, &stage("awareness"), true)).unwrap();
    store.write(|tx| stages::set_retired(tx, &stage("purchase"), true)).unwrap();
    let list = stages::list(store.conn()).unwrap();
    let groups = vec![
        group("billing", "Tariff", 6, 4, 1),
        group("billing", "Duplicate", 2, 2, 2),
        group("renewal", "Tariff", 3, 0, 0),
        group("purchase", "Stock", 1, 1, 1),
        // A stage no device knows any more: left out.
        Group { stage: JourneyStageId::new(), column: "Ghost".into(), count: 50, answered: 0, satisfied: 0 },
    ];
    let map = painpoints::build(&list, &groups, DrillPeriod::Feedback { from: "a".into(), to: "b".into() });
    // Columns by total: Tariff 9, Duplicate 2, Stock 1.
    assert_eq!(map.columns, ["Tariff", "Duplicate", "Stock"]);
    let names: Vec<&str> = map.rows.iter().map(|r| r.stage.key.as_deref().unwrap()).collect();
    // Awareness is retired and empty: no row. Purchase is retired but has a case: a row.
    assert_eq!(names, ["purchase", "onboarding", "use", "billing", "renewal", "cancellation"]);
    let billing = &map.rows[3];
    assert_eq!(billing.cells.iter().map(|c| c.count).collect::<Vec<_>>(), [6, 2, 0]);
    assert_eq!(billing.cells[0].csat.percent, Some(25.0), "1 of 4 answers was 4–5");
    assert_eq!(billing.cells[1].csat.percent, Some(100.0));
    assert_eq!(billing.cells[2].csat.percent, None, "no answers: no data, not 0");
    assert_eq!((billing.total.count, billing.total.csat.hits, billing.total.csat.cases), (8, 3, 6));
    assert_eq!(billing.total.csat.percent, Some(50.0));
    assert_eq!(map.rows[4].cells[0].csat.percent, None);
    assert_eq!(map.max_count, 6);
    assert_eq!(map.left_out, 0);
}

#[test]
fn a_heat_map_shows_the_top_columns_and_counts_the_rest() {
    let (_d, store, _) = temp_store();
    let list = stages::list(store.conn()).unwrap();
    let groups: Vec<Group> = (0..12).map(|i| group("use", &format!("cause {i:02}"), 20 - i, 0, 0)).collect();
    let map = painpoints::build(&list, &groups, DrillPeriod::Feedback { from: "a".into(), to: "b".into() });
    assert_eq!(map.columns.len(), painpoints::MAX_COLUMNS);
    assert_eq!(map.columns[0], "cause 00");
    // Causes 10 and 11 (10 and 9 cases) are beyond the ten shown.
    assert_eq!(map.left_out, 19);
    let use_row = map.rows.iter().find(|r| r.stage.id == stage("use")).unwrap();
    assert_eq!(use_row.total.count, (9..=20).sum::<u32>(), "the row total counts every column");
}

#[test]
fn pain_points_of_a_period_match_the_lists_each_cell_opens() {
    let (_d, mut store, clock) = temp_store();
    resolved_case(&mut store, "billing", "Tariff not updated", Some(5));
    resolved_case(&mut store, "billing", "Tariff not updated", Some(2));
    resolved_case(&mut store, "billing", "Tariff not updated", None);
    resolved_case(&mut store, "renewal", "Letter sent late", Some(4));
    new_case(&mut store, "No stage yet");
    let unresolved = new_case(&mut store, "Not resolved");
    store.write(|tx| cases::set_journey_stage(tx, &unresolved, Some(&stage("use")))).unwrap();
    add_feedback(&mut store, "Bill is confusing", Some("billing"), &["clarity", "price"], Some(3));
    add_feedback(&mut store, "Bill is too high", Some("billing"), &["price"], Some(4));
    add_feedback(&mut store, "Nice people", None, &["staff"], None);

    let request = PainPointsRequest { period: PeriodRequest::preset(PeriodPreset::Days7) };
    let p = painpoints::pain_points(store.conn(), &request, clock.get()).unwrap();
    assert_eq!(p.cases.columns, ["Tariff not updated", "Letter sent late"]);
    let billing = p.cases.rows.iter().find(|r| r.stage.id == stage("billing")).unwrap();
    assert_eq!(billing.cells[0].count, 3);
    assert_eq!((billing.cells[0].csat.hits, billing.cells[0].csat.cases), (1, 2));
    assert_eq!(billing.cells[0].csat.percent, Some(50.0));
    assert_eq!((p.cases_without_stage, p.cases_without_root_cause), (1, 1));
    assert_eq!(p.feedback.columns, ["price", "clarity"]);
    let fb = p.feedback.rows.iter().find(|r| r.stage.id == stage("billing")).unwrap();
    assert_eq!(fb.cells[0].count, 2);
    assert_eq!(fb.cells[0].csat.percent, Some(50.0));
    assert_eq!(p.feedback_without_stage, 1);

    // Each cell opens exactly its cases and its feedback.
    let q = painpoints::case_drill(&p.cases, &stage("billing"), "Tariff not updated");
    assert_eq!(cases::query::list(store.conn(), &q, clock.get()).unwrap().total, 3);
    let q = painpoints::case_drill(&p.cases, &stage("renewal"), "Letter sent late");
    assert_eq!(cases::query::list(store.conn(), &q, clock.get()).unwrap().total, 1);
    let q = painpoints::feedback_drill(&p.feedback, &stage("billing"), "price");
    assert_eq!(feedback::list(store.conn(), &q).unwrap().total, 2);

    // A period before any of it: every cell empty, nothing said to be 0 % satisfied.
    let before = PainPointsRequest {
        period: PeriodRequest {
            preset: PeriodPreset::Custom,
            from: Some("2026-01-01".into()),
            to: Some("2026-01-31".into()),
        },
    };
    let empty = painpoints::pain_points(store.conn(), &before, clock.get()).unwrap();
    assert!(empty.cases.columns.is_empty() && empty.cases.rows.iter().all(|r| r.total.count == 0));
    assert!(empty.cases.rows.iter().all(|r| r.total.csat.percent.is_none()));
    let bad = PainPointsRequest {
        period: PeriodRequest {
            preset: PeriodPreset::Custom,
            from: Some("2026-03-05".into()),
            to: Some("2026-03-01".into()),
        },
    };
    assert_eq!(
        rule_of(painpoints::pain_points(store.conn(), &bad, clock.get())),
        ("to", ValidationRule::EndBeforeStart)
    );
}
