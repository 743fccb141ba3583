//! Policies and holidays on a real database: validation, the effective table, and the due
//! times cached on cases following every change of what they depend on.

use crate::cases;
use super::*;
use crate::cases::{CaseChannel, CaseStatus, NewCase, Resolution, case_sla};
use crate::ids::CaseId;
use crate::settings;
use crate::calendars::days::{self as holidays, HolidayInput};
use crate::store::Store;
use crate::store::test_support::temp_store;

/// Monday 2 March 2026, 09:00 UTC: the test clock's start, when every case is created.
const MONDAY_9: &str = "2026-03-02T09:00:00.000Z";

fn input(priority: Priority) -> SlaPolicyInput {
    SlaPolicyInput {
        name: "Gold".into(),
        priority,
        tier: None,
        category: None,
        first_response_minutes: Some(120),
        resolution_minutes: Some(16 * 60),
        business_hours: true,
    }
}

/// A store whose team works Monday–Friday 09:00–17:00 UTC.
fn store() -> (tempfile::TempDir, Store) {
    let (dir, mut store, clock) = temp_store();
    assert_eq!(crate::time::to_db_text(clock.get()), MONDAY_9);
    let mut s = settings::Settings::defaults();
    s.time_zone = "UTC".into();
    settings::save(&mut store, s).unwrap();
    (dir, store)
}

fn new_case(store: &mut Store, priority: Priority) -> CaseId {
    let case = NewCase {
        title: "Wrong bill".into(),
        description: String::new(),
        customer_id: None,
        channel: CaseChannel::Email,
        category: "Billing".into(),
        priority,
    };
    store.write(|tx| cases::create(tx, &case)).unwrap()
}

/// The due times cached on the case row (first response, resolution).
fn cached(store: &Store, id: &CaseId) -> (Option<String>, Option<String>) {
    store
        .conn()
        .query_row("SELECT first_response_due_at, resolution_due_at FROM cases WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

/// A cached or shown due time, from its UTC minute (`2026-03-02T10:00`).
fn due(minute: &str) -> Option<String> {
    Some(format!("{minute}:00.000Z"))
}

fn change_log_rows(store: &Store, table: &str) -> i64 {
    store.conn().query_row("SELECT count(*) FROM outbox WHERE tbl = ?1", [table], |r| r.get(0)).unwrap()
}

/// A validation error's field, rule and limit.
type Broken = (&'static str, ValidationRule, Option<u32>);

fn rule_of(r: Result<impl std::fmt::Debug>) -> Broken {
    match r {
        Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn invalid_policies_are_refused_with_their_field() {
    let (_d, mut store) = store();
    let max = Some(TARGET_MINUTES_MAX);
    let cases: Vec<(SlaPolicyInput, Broken)> = vec![
        (SlaPolicyInput { name: "  ".into(), ..input(Priority::P1) }, ("name", ValidationRule::Required, None)),
        (SlaPolicyInput { name: "x".repeat(81), ..input(Priority::P1) }, ("name", ValidationRule::TooLong, Some(80))),
        (
            SlaPolicyInput { category: Some("c".repeat(81)), ..input(Priority::P1) },
            ("category", ValidationRule::TooLong, Some(80)),
        ),
        (
            SlaPolicyInput { first_response_minutes: Some(0), ..input(Priority::P1) },
            ("firstResponseMinutes", ValidationRule::InvalidValue, max),
        ),
        (
            SlaPolicyInput { resolution_minutes: Some(TARGET_MINUTES_MAX + 1), ..input(Priority::P1) },
            ("resolutionMinutes", ValidationRule::InvalidValue, max),
        ),
    ];
    for (bad, want) in cases {
        assert_eq!(rule_of(store.write(|tx| create(tx, &bad))), want, "{bad:?}");
    }
    assert!(load(store.conn()).unwrap().rows().is_empty());
    // The bounds themselves, and "no target", are accepted.
    let edge = SlaPolicyInput {
        first_response_minutes: Some(1),
        resolution_minutes: Some(TARGET_MINUTES_MAX),
        ..input(Priority::P1)
    };
    store.write(|tx| create(tx, &edge)).unwrap();
    let none = SlaPolicyInput { first_response_minutes: None, resolution_minutes: None, ..input(Priority::P2) };
    store.write(|tx| create(tx, &none)).unwrap();
}

#[test]
fn a_second_policy_for_the_same_combination_is_a_duplicate() {
    let (_d, mut store) = store();
    let vip_billing =
        SlaPolicyInput { tier: Some(Tier::Vip), category: Some(" Billing ".into()), ..input(Priority::P2) };
    let id = store.write(|tx| create(tx, &vip_billing)).unwrap();
    assert_eq!(get(store.conn(), &id).unwrap().category.as_deref(), Some("Billing"));

    let again = SlaPolicyInput { name: "Other".into(), category: Some("Billing".into()), ..vip_billing.clone() };
    assert_eq!(rule_of(store.write(|tx| create(tx, &again))), ("priority", ValidationRule::Duplicate, None));
    // Another tier, category or priority is another combination; a blank category is none.
    for other in [
        SlaPolicyInput { tier: None, ..again.clone() },
        SlaPolicyInput { category: Some("   ".into()), ..again.clone() },
        SlaPolicyInput { priority: Priority::P3, ..again.clone() },
    ] {
        store.write(|tx| create(tx, &other)).unwrap();
    }
    // Editing a policy keeps its own combination, but cannot take another's.
    store.write(|tx| update(tx, &id, &SlaPolicyInput { name: "Renamed".into(), ..vip_billing.clone() })).unwrap();
    let taken = SlaPolicyInput { tier: None, ..vip_billing };
    assert_eq!(rule_of(store.write(|tx| update(tx, &id, &taken))), ("priority", ValidationRule::Duplicate, None));
    assert_eq!(get(store.conn(), &id).unwrap().name, "Renamed");
}

#[test]
fn a_deleted_policy_frees_its_combination() {
    let (_d, mut store) = store();
    let id = store.write(|tx| create(tx, &input(Priority::P3))).unwrap();
    store.write(|tx| delete(tx, &id)).unwrap();
    assert!(matches!(get(store.conn(), &id), Err(Error::NotFound { .. })));
    let again = store.write(|tx| create(tx, &input(Priority::P3))).unwrap();
    assert_ne!(again, id);
    assert_eq!(load(store.conn()).unwrap().rows().len(), 1);
}

#[test]
fn unknown_ids_are_not_found() {
    let (_d, mut store) = store();
    let missing = SlaPolicyId::new();
    assert!(matches!(store.write(|tx| update(tx, &missing, &input(Priority::P1))), Err(Error::NotFound { .. })));
    assert!(matches!(store.write(|tx| delete(tx, &missing)), Err(Error::NotFound { .. })));
    let gone = store.write(|tx| create(tx, &input(Priority::P1))).unwrap();
    store.write(|tx| delete(tx, &gone)).unwrap();
    assert!(matches!(store.write(|tx| delete(tx, &gone)), Err(Error::NotFound { .. })));
    assert!(matches!(store.write(|tx| update(tx, &gone, &input(Priority::P1))), Err(Error::NotFound { .. })));
    let missing = crate::ids::HolidayId::new();
    assert!(matches!(store.write(|tx| holidays::delete(tx, &missing)), Err(Error::NotFound { .. })));
}

#[test]
fn effective_table_shows_defaults_where_no_policy_replaces_them() {
    let (_d, mut store) = store();
    let p2 = store.write(|tx| create(tx, &input(Priority::P2))).unwrap();
    let vip = SlaPolicyInput { name: "VIP".into(), tier: Some(Tier::Vip), ..input(Priority::P1) };
    let vip = store.write(|tx| create(tx, &vip)).unwrap();
    let rows = effective(store.conn()).unwrap();
    let summary: Vec<(Priority, Option<&SlaPolicyId>)> = rows
        .iter()
        .map(|r| match r {
            EffectivePolicy::BuiltIn(b) => (b.priority, None),
            EffectivePolicy::Custom(c) => (c.priority, Some(&c.id)),
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Priority::P1, None),
            (Priority::P1, Some(&vip)),
            (Priority::P2, Some(&p2)),
            (Priority::P3, None),
            (Priority::P4, None)
        ]
    );
    // P1's built-in targets: 30 minutes and 4 hours, around the clock.
    assert_eq!(
        rows[0],
        EffectivePolicy::BuiltIn(BuiltInPolicy {
            priority: Priority::P1,
            first_response_minutes: Some(30),
            resolution_minutes: Some(240),
            business_hours: false,
        })
    );
    let json = serde_json::to_value(&rows[2]).unwrap();
    assert_eq!(json["source"], "custom");
    assert_eq!(json["firstResponseMinutes"], 120);
}

#[test]
fn policy_changes_move_cached_and_shown_due_times() {
    let (_d, mut store) = store();
    let case = new_case(&mut store, Priority::P2);
    // Built-in P2: one business hour to respond, eight to resolve.
    assert_eq!(cached(&store, &case), (due("2026-03-02T10:00"), due("2026-03-02T17:00")));

    let id = store.write(|tx| create(tx, &input(Priority::P2))).unwrap();
    assert_eq!(cached(&store, &case), (due("2026-03-02T11:00"), due("2026-03-03T17:00")));
    let sla = case_sla(&store, &case).unwrap();
    assert_eq!(sla.first_response.due_at, due("2026-03-02T11:00"));
    assert_eq!(sla.first_response.target_minutes, Some(120));

    let around_the_clock =
        SlaPolicyInput { business_hours: false, first_response_minutes: Some(30), ..input(Priority::P2) };
    store.write(|tx| update(tx, &id, &around_the_clock)).unwrap();
    assert_eq!(cached(&store, &case), (due("2026-03-02T09:30"), due("2026-03-03T01:00")));
    assert!(!case_sla(&store, &case).unwrap().business_hours);

    let no_target = SlaPolicyInput { first_response_minutes: None, ..around_the_clock };
    store.write(|tx| update(tx, &id, &no_target)).unwrap();
    assert_eq!(cached(&store, &case).0, None);
    assert_eq!(case_sla(&store, &case).unwrap().first_response.status, cases::SlaStatus::NotApplicable);

    store.write(|tx| delete(tx, &id)).unwrap();
    assert_eq!(cached(&store, &case), (due("2026-03-02T10:00"), due("2026-03-02T17:00")));
}

#[test]
fn only_cases_whose_due_times_change_are_written() {
    let (_d, mut store) = store();
    let p2 = new_case(&mut store, Priority::P2);
    let p3 = new_case(&mut store, Priority::P3);
    let resolved = new_case(&mut store, Priority::P2);
    let fix = Resolution { root_cause: "Tariff".into(), resolution_summary: "Refunded".into() };
    store.write(|tx| cases::transition(tx, &resolved, CaseStatus::Resolved, Some(&fix))).unwrap();
    let (before_p3, before_resolved) = (cached(&store, &p3), cached(&store, &resolved));
    let cases_logged = change_log_rows(&store, "cases");

    store.write(|tx| create(tx, &input(Priority::P2))).unwrap();
    // The one active P2 case's due times follow; the P3 and the resolved case are
    // untouched. Due times are derived on every device: none of it is pushed.
    assert_eq!(change_log_rows(&store, "cases"), cases_logged);
    assert_ne!(cached(&store, &p2).0, due("2026-03-02T10:00"));
    assert_eq!((cached(&store, &p3), cached(&store, &resolved)), (before_p3, before_resolved));

    // Renaming changes no target: nothing about cases is written.
    let id = load(store.conn()).unwrap().rows()[0].id.clone();
    store.write(|tx| update(tx, &id, &SlaPolicyInput { name: "Silver".into(), ..input(Priority::P2) })).unwrap();
    assert_eq!(change_log_rows(&store, "cases"), cases_logged);
}

#[test]
fn a_holiday_moves_business_hours_due_times() {
    let (_d, mut store) = store();
    let case = new_case(&mut store, Priority::P3);
    // Built-in P3: 24 business hours to resolve, Monday to Wednesday.
    assert_eq!(cached(&store, &case).1, due("2026-03-04T17:00"));
    let tuesday = HolidayInput::holiday("2026-03-03", "Founders' Day");
    let id = store.write(|tx| holidays::create(tx, &tuesday)).unwrap();
    assert_eq!(cached(&store, &case).1, due("2026-03-05T17:00"));
    assert_eq!(case_sla(&store, &case).unwrap().resolution.due_at, due("2026-03-05T17:00"));
    assert_eq!(holidays::list(store.conn()).unwrap()[0].name, "Founders' Day");

    store.write(|tx| holidays::delete(tx, &id)).unwrap();
    assert_eq!(cached(&store, &case).1, due("2026-03-04T17:00"));
    assert!(holidays::list(store.conn()).unwrap().is_empty());
}

#[test]
fn a_holiday_does_not_move_around_the_clock_targets() {
    let (_d, mut store) = store();
    let case = new_case(&mut store, Priority::P1);
    let before = cached(&store, &case);
    store.write(|tx| holidays::create(tx, &HolidayInput::holiday("2026-03-02", ""))).unwrap();
    assert_eq!(cached(&store, &case), before);
}

#[test]
fn invalid_or_repeated_holidays_are_refused() {
    let (_d, mut store) = store();
    let day = |date: &str| HolidayInput::holiday(date, "Holiday");
    store.write(|tx| holidays::create(tx, &day("2026-10-01"))).unwrap();
    assert_eq!(
        rule_of(store.write(|tx| holidays::create(tx, &day("2026-10-01")))),
        ("date", ValidationRule::Duplicate, None)
    );
    assert_eq!(
        rule_of(store.write(|tx| holidays::create(tx, &day("2026-02-30")))),
        ("date", ValidationRule::InvalidValue, None)
    );
    assert_eq!(rule_of(store.write(|tx| holidays::create(tx, &day("")))), ("date", ValidationRule::InvalidValue, None));
    let long = HolidayInput { name: "n".repeat(81), ..day("2026-10-02") };
    assert_eq!(rule_of(store.write(|tx| holidays::create(tx, &long))), ("name", ValidationRule::TooLong, Some(80)));
    assert_eq!(holidays::list(store.conn()).unwrap().len(), 1);
}

#[test]
fn working_hours_and_time_zone_changes_refresh_cached_due_times() {
    let (_d, mut store) = store();
    let case = new_case(&mut store, Priority::P2);
    assert_eq!(cached(&store, &case).1, due("2026-03-02T17:00"));

    let mut s = settings::load(&store).unwrap();
    s.working_hours[0].intervals[0].end = "12:00".into();
    settings::save(&mut store, s.clone()).unwrap();
    // Three hours on Monday, five on Tuesday.
    assert_eq!(cached(&store, &case).1, due("2026-03-03T14:00"));

    // 09:00 UTC is 17:00 in Shanghai, after Monday's hours: all eight on Tuesday, 09:00–17:00
    // Shanghai time (01:00–09:00 UTC).
    s.time_zone = "Asia/Shanghai".into();
    settings::save(&mut store, s).unwrap();
    assert_eq!(cached(&store, &case).1, due("2026-03-03T09:00"));
    assert_eq!(case_sla(&store, &case).unwrap().resolution.due_at, due("2026-03-03T09:00"));
}

#[test]
fn a_failed_refresh_leaves_nothing_written() {
    let (_d, mut store) = store();
    let case = new_case(&mut store, Priority::P2);
    let before = (cached(&store, &case), change_log_rows(&store, "sla_policies"), change_log_rows(&store, "holidays"));
    // A case row another program damaged: the refresh after the change fails.
    store.conn().execute("UPDATE cases SET created_at = 'yesterday' WHERE id = ?1", [&case]).unwrap();

    assert!(matches!(store.write(|tx| create(tx, &input(Priority::P2))), Err(Error::Internal(_))));
    let holiday = HolidayInput::holiday("2026-03-02", "");
    assert!(matches!(store.write(|tx| holidays::create(tx, &holiday)), Err(Error::Internal(_))));
    let mut s = settings::load(&store).unwrap();
    s.working_hours[0].intervals[0].end = "12:00".into();
    assert!(matches!(settings::save(&mut store, s), Err(Error::Internal(_))));

    assert!(load(store.conn()).unwrap().rows().is_empty());
    assert!(holidays::list(store.conn()).unwrap().is_empty());
    assert_eq!(settings::load(&store).unwrap().working_hours[0].intervals[0].end, "17:00");
    let after = (cached(&store, &case), change_log_rows(&store, "sla_policies"), change_log_rows(&store, "holidays"));
    assert_eq!(after, before);
}
