use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Asia::Shanghai;

use super::*;
use crate::settings::{OpeningInterval, Weekday, WorkingDay};

/// Hours after Monday 2026-03-02 00:00 UTC.
fn h(hours: f64) -> DateTime<Utc> {
    let base = DateTime::parse_from_rfc3339("2026-03-02T00:00:00Z").expect("RFC 3339").with_timezone(&Utc);
    base + Duration::seconds((hours * 3600.0) as i64)
}

fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

fn shanghai(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time is YYYY-MM-DD HH:MM");
    Shanghai.from_local_datetime(&naive).single().expect("test time exists exactly once").with_timezone(&Utc)
}

/// Monday to Friday, 09:00–17:00, Shanghai.
fn office() -> BusinessCalendar {
    let week: Vec<WorkingDay> = Weekday::ALL
        .iter()
        .map(|&weekday| WorkingDay {
            weekday,
            open: !matches!(weekday, Weekday::Sat | Weekday::Sun),
            intervals: vec![OpeningInterval::new("09:00", "17:00")],
        })
        .collect();
    BusinessCalendar::new(Shanghai, &week, []).expect("valid test calendar")
}

fn change(at: DateTime<Utc>, mode: ClockMode) -> ClockChange {
    ClockChange { at, mode }
}

/// A case created at `h(0)` on calendar hours, with the given resolution target.
fn evaluate_resolution(target: Option<i64>, changes: &[ClockChange], now: DateTime<Utc>) -> TargetState {
    let calendar = BusinessCalendar::around_the_clock();
    let input = SlaInput {
        created_at: h(0.0),
        first_response_at: None,
        changes,
        targets: SlaTargets { first_response: None, resolution: target.map(hours) },
        calendar: &calendar,
    };
    evaluate(&input, now).resolution
}

/// A case created at `h(0)` on calendar hours, with the given first-response target.
fn evaluate_first_response(
    target: Option<i64>,
    responded: Option<DateTime<Utc>>,
    changes: &[ClockChange],
    now: DateTime<Utc>,
) -> TargetState {
    let calendar = BusinessCalendar::around_the_clock();
    let input = SlaInput {
        created_at: h(0.0),
        first_response_at: responded,
        changes,
        targets: SlaTargets { first_response: target.map(hours), resolution: None },
        calendar: &calendar,
    };
    evaluate(&input, now).first_response
}

#[test]
fn pending_customer_pauses_resolution_clock() {
    let paused = [change(h(2.0), ClockMode::Paused)];
    let s = evaluate_resolution(Some(8), &paused, h(10.0));
    assert_eq!((s.status, s.elapsed, s.remaining), (TargetStatus::Paused, hours(2), Some(hours(6))));
    // Due as if resumed now, so it moves later while the case waits.
    assert_eq!(s.due_at, Some(h(16.0)));
    assert_eq!(evaluate_resolution(Some(8), &paused, h(12.0)).due_at, Some(h(18.0)));
    // Resumed at 10: two more hours by 12.
    let resumed = [change(h(2.0), ClockMode::Paused), change(h(10.0), ClockMode::Running)];
    let s = evaluate_resolution(Some(8), &resumed, h(12.0));
    assert_eq!((s.status, s.elapsed, s.due_at), (TargetStatus::Running, hours(4), Some(h(16.0))));
}

#[test]
fn pending_customer_does_not_pause_first_response() {
    let paused = [change(h(1.0), ClockMode::Paused)];
    let s = evaluate_first_response(Some(4), None, &paused, h(3.0));
    assert_eq!((s.status, s.elapsed, s.due_at), (TargetStatus::Running, hours(3), Some(h(4.0))));
    let s = evaluate_first_response(Some(4), None, &paused, h(5.0));
    assert_eq!((s.status, s.elapsed, s.breached_at), (TargetStatus::Breached, hours(5), Some(h(4.0))));
}

#[test]
fn resolved_stops_and_reopen_resumes() {
    let resolved = [change(h(3.0), ClockMode::Stopped), change(h(4.0), ClockMode::Stopped)];
    let s = evaluate_resolution(Some(8), &resolved, h(20.0));
    assert_eq!((s.status, s.elapsed), (TargetStatus::Met, hours(3)));
    // Resolved then closed: completed when first resolved.
    assert_eq!(s.completed_at, Some(h(3.0)));

    let reopened = [change(h(3.0), ClockMode::Stopped), change(h(20.0), ClockMode::Running)];
    let s = evaluate_resolution(Some(8), &reopened, h(22.0));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Running, hours(5), None));
    assert_eq!(s.due_at, Some(h(25.0)));

    // Elapsed accumulates across the reopening, so the second stretch breaches at 25.
    let again =
        [change(h(3.0), ClockMode::Stopped), change(h(20.0), ClockMode::Running), change(h(26.0), ClockMode::Stopped)];
    let s = evaluate_resolution(Some(8), &again, h(30.0));
    assert_eq!((s.status, s.elapsed), (TargetStatus::Breached, hours(9)));
    assert_eq!((s.breached_at, s.completed_at), (Some(h(25.0)), Some(h(26.0))));
}

#[test]
fn breach_is_detected_when_target_passes() {
    let s = evaluate_resolution(Some(8), &[], h(8.0));
    assert_eq!((s.status, s.remaining, s.breached_at), (TargetStatus::Running, Some(hours(0)), None));
    let later = h(8.0) + Duration::seconds(1);
    let s = evaluate_resolution(Some(8), &[], later);
    assert_eq!((s.status, s.breached_at, s.due_at), (TargetStatus::Breached, Some(h(8.0)), Some(h(8.0))));
    assert_eq!(s.remaining, Some(Duration::seconds(-1)));
}

#[test]
fn met_when_resolved_in_time() {
    let s = evaluate_resolution(Some(8), &[change(h(7.5), ClockMode::Stopped)], h(100.0));
    assert_eq!((s.status, s.completed_at, s.breached_at), (TargetStatus::Met, Some(h(7.5)), None));
    assert_eq!(s.remaining, Some(Duration::minutes(30)));
    // Due where the deadline stood when the clock stopped.
    assert_eq!(s.due_at, Some(h(8.0)));
    // Exactly on target is still in time.
    let s = evaluate_resolution(Some(8), &[change(h(8.0), ClockMode::Stopped)], h(100.0));
    assert_eq!(s.status, TargetStatus::Met);
}

#[test]
fn breached_then_resolved_stays_breached() {
    let s = evaluate_resolution(Some(4), &[change(h(6.0), ClockMode::Stopped)], h(10.0));
    assert_eq!((s.status, s.elapsed), (TargetStatus::Breached, hours(6)));
    assert_eq!((s.breached_at, s.completed_at), (Some(h(4.0)), Some(h(6.0))));
}

#[test]
fn clock_stopped_on_target_breaches_when_it_resumes() {
    let changes = [change(h(8.0), ClockMode::Stopped), change(h(20.0), ClockMode::Running)];
    let s = evaluate_resolution(Some(8), &changes, h(21.0));
    assert_eq!((s.status, s.breached_at), (TargetStatus::Breached, Some(h(20.0))));
}

#[test]
fn first_response_met_when_answered_in_time() {
    let s = evaluate_first_response(Some(4), Some(h(1.0)), &[], h(10.0));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Met, hours(1), Some(h(1.0))));
    assert_eq!((s.due_at, s.remaining), (Some(h(4.0)), Some(hours(3))));
}

#[test]
fn first_response_breach_after_due() {
    let calendar = office();
    // Created Friday 16:00 with two business hours to answer: due Monday 10:00.
    let input = SlaInput {
        created_at: shanghai("2026-03-13 16:00"),
        first_response_at: None,
        changes: &[],
        targets: SlaTargets { first_response: Some(hours(2)), resolution: None },
        calendar: &calendar,
    };
    let s = evaluate(&input, shanghai("2026-03-16 09:30")).first_response;
    assert_eq!((s.status, s.elapsed), (TargetStatus::Running, Duration::minutes(90)));
    assert_eq!(s.due_at, Some(shanghai("2026-03-16 10:00")));
    let s = evaluate(&input, shanghai("2026-03-16 10:30")).first_response;
    assert_eq!((s.status, s.breached_at), (TargetStatus::Breached, Some(shanghai("2026-03-16 10:00"))));
    assert_eq!(s.remaining, Some(Duration::minutes(-30)));
    // Answered late: still breached, and completed.
    let late = SlaInput { first_response_at: Some(shanghai("2026-03-16 11:00")), ..input };
    let s = evaluate(&late, shanghai("2026-03-16 12:00")).first_response;
    assert_eq!((s.status, s.completed_at), (TargetStatus::Breached, Some(shanghai("2026-03-16 11:00"))));
}

#[test]
fn closed_without_response_stops_first_response_clock() {
    let closed = [change(h(2.0), ClockMode::Stopped)];
    let s = evaluate_first_response(Some(4), None, &closed, h(50.0));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Met, hours(2), Some(h(2.0))));
}

#[test]
fn resolution_counts_business_hours_only() {
    let calendar = office();
    // Created Friday 15:00, waiting for the customer from Monday 10:00 to Tuesday 09:00.
    let changes = [
        change(shanghai("2026-03-16 10:00"), ClockMode::Paused),
        change(shanghai("2026-03-17 09:00"), ClockMode::Running),
    ];
    let input = SlaInput {
        created_at: shanghai("2026-03-13 15:00"),
        first_response_at: None,
        changes: &changes,
        targets: SlaTargets { first_response: None, resolution: Some(hours(8)) },
        calendar: &calendar,
    };
    let s = evaluate(&input, shanghai("2026-03-17 12:00")).resolution;
    assert_eq!((s.status, s.elapsed), (TargetStatus::Running, hours(6)));
    assert_eq!(s.due_at, Some(shanghai("2026-03-17 14:00")));
}

#[test]
fn shortened_policy_breaches_retroactively() {
    let s = evaluate_resolution(Some(8), &[], h(6.0));
    assert_eq!(s.status, TargetStatus::Running);
    // The same timeline under a 4-hour target: breached two hours ago.
    let s = evaluate_resolution(Some(4), &[], h(6.0));
    assert_eq!((s.status, s.breached_at, s.remaining), (TargetStatus::Breached, Some(h(4.0)), Some(hours(-2))));
}

#[test]
fn out_of_order_changes_do_not_panic() {
    // Listed out of order, one before creation (counts from creation), two at one instant.
    let messy = [
        change(h(5.0), ClockMode::Stopped),
        change(h(-3.0), ClockMode::Paused),
        change(h(3.0), ClockMode::Paused),
        change(h(3.0), ClockMode::Running),
    ];
    let tidy =
        [change(h(0.0), ClockMode::Paused), change(h(3.0), ClockMode::Running), change(h(5.0), ClockMode::Stopped)];
    let s = evaluate_resolution(Some(8), &messy, h(9.0));
    assert_eq!(s, evaluate_resolution(Some(8), &tidy, h(9.0)));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Met, hours(2), Some(h(5.0))));
    // A first response before creation counts as immediate.
    let s = evaluate_first_response(Some(1), Some(h(-1.0)), &messy, h(9.0));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Met, hours(0), Some(h(0.0))));
}

#[test]
fn events_after_now_are_not_counted_yet() {
    let changes = [change(h(6.0), ClockMode::Stopped)];
    let s = evaluate_resolution(Some(8), &changes, h(4.0));
    assert_eq!((s.status, s.elapsed, s.completed_at), (TargetStatus::Running, hours(4), None));
    let s = evaluate_first_response(Some(8), Some(h(5.0)), &[], h(4.0));
    assert_eq!((s.status, s.completed_at), (TargetStatus::Running, None));
    // Evaluated before creation: nothing elapsed yet.
    let s = evaluate_resolution(Some(8), &[], h(-1.0));
    assert_eq!((s.status, s.elapsed, s.due_at), (TargetStatus::Running, hours(0), Some(h(8.0))));
}

#[test]
fn no_targets_are_not_applicable() {
    let s = evaluate_resolution(None, &[change(h(5.0), ClockMode::Stopped)], h(9.0));
    assert_eq!(s.status, TargetStatus::NotApplicable);
    assert_eq!((s.due_at, s.remaining, s.breached_at), (None, None, None));
    // Elapsed is still measured, for the resolution-time KPI.
    assert_eq!((s.elapsed, s.completed_at), (hours(5), Some(h(5.0))));
    let s = evaluate_first_response(None, Some(h(2.0)), &[], h(9.0));
    assert_eq!((s.status, s.elapsed), (TargetStatus::NotApplicable, hours(2)));
}

#[test]
fn at_risk_in_the_last_fifth_of_a_running_target() {
    let target = hours(10);
    let at = |now: f64, changes: &[ClockChange]| evaluate_resolution(Some(10), changes, h(now));
    assert!(!is_at_risk(&at(7.9, &[]), target, 0.2));
    assert!(is_at_risk(&at(8.0, &[]), target, 0.2));
    assert!(is_at_risk(&at(10.0, &[]), target, 0.2));
    // Not when paused, breached or for a nonsense fraction.
    assert!(!is_at_risk(&at(9.0, &[change(h(8.5), ClockMode::Paused)]), target, 0.2));
    assert!(!is_at_risk(&at(11.0, &[]), target, 0.2));
    assert!(!is_at_risk(&at(9.0, &[]), target, f64::NAN));
}

#[test]
fn a_running_clocks_elapsed_time_is_its_elapsed_at_the_last_start_plus_the_time_since() {
    let changes = [change(h(2.0), ClockMode::Paused), change(h(5.0), ClockMode::Running)];
    assert_eq!(resolution_running_since(h(0.0), &changes, h(9.0)), Some(h(5.0)));
    assert_eq!(resolution_running_since(h(0.0), &changes, h(4.0)), None, "paused at h4");
    assert_eq!(resolution_running_since(h(0.0), &[], h(1.0)), Some(h(0.0)), "running since creation");
    let stopped = [change(h(3.0), ClockMode::Stopped)];
    assert_eq!(resolution_running_since(h(0.0), &stopped, h(9.0)), None);
    // In Shanghai's office hours too: the elapsed time at h9 is the elapsed at the
    // restart (h5) plus the business time since.
    let calendar = office();
    let at = |now| {
        let input = SlaInput {
            created_at: h(0.0),
            first_response_at: None,
            changes: &changes,
            targets: SlaTargets { first_response: None, resolution: Some(hours(8)) },
            calendar: &calendar,
        };
        evaluate(&input, now).resolution.elapsed
    };
    assert_eq!(at(h(9.0)), at(h(5.0)) + calendar.business_time_between(h(5.0), h(9.0)));
}
