use chrono::{NaiveDateTime, Timelike};
use chrono_tz::America::New_York;
use chrono_tz::Asia::Shanghai;
use proptest::prelude::*;

use super::*;
use crate::settings::OpeningInterval;

/// A local wall-clock time that exists exactly once in `tz`, as UTC.
fn local(tz: Tz, s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time is YYYY-MM-DD HH:MM");
    tz.from_local_datetime(&naive).single().expect("test time exists exactly once").with_timezone(&Utc)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("test instant is RFC 3339").with_timezone(&Utc)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date is YYYY-MM-DD")
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

/// A week open `start`–`end` on `open` days, closed on the others.
fn week(open: &[Weekday], start: &str, end: &str) -> Vec<WorkingDay> {
    Weekday::ALL
        .iter()
        .map(|&weekday| day(weekday, open.contains(&weekday), &[(start, end)]))
        .collect()
}

/// One weekday with these intervals.
fn day(weekday: Weekday, open: bool, intervals: &[(&str, &str)]) -> WorkingDay {
    WorkingDay { weekday, open, intervals: intervals.iter().map(|(s, e)| OpeningInterval::new(s, e)).collect() }
}

/// Holidays, as the calendar takes them.
fn closed(dates: &[&str]) -> Vec<(NaiveDate, DayRule)> {
    dates.iter().map(|d| (date(d), DayRule::Holiday)).collect()
}

/// The one window of a single-interval day.
fn window(cal: &BusinessCalendar, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let all: Vec<_> = cal.windows(day).collect();
    assert!(all.len() <= 1, "{day} has {} windows", all.len());
    all.first().copied()
}

const WEEKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

/// Monday to Friday, 09:00–17:00, in Shanghai (no DST).
fn office(holidays: &[&str]) -> BusinessCalendar {
    BusinessCalendar::new(Shanghai, &week(&WEEKDAYS, "09:00", "17:00"), closed(holidays)).expect("valid test calendar")
}

/// Every day `start`–`end` in New York (DST on the second Sunday of March and the first of
/// November, at 02:00).
fn new_york_daily(start: &str, end: &str) -> BusinessCalendar {
    BusinessCalendar::new(New_York, &week(&Weekday::ALL, start, end), []).expect("valid test calendar")
}

fn rule_of(result: Result<BusinessCalendar>) -> (&'static str, ValidationRule) {
    match result {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn weekend_is_not_business_time() {
    let cal = office(&[]);
    // 2026-03-13 is a Friday.
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-03-13 17:00"), local(Shanghai, "2026-03-16 09:00")),
        hours(0)
    );
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-03-14 08:00"), local(Shanghai, "2026-03-15 20:00")),
        hours(0)
    );
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-03-13 16:00"), local(Shanghai, "2026-03-16 10:00")),
        hours(2)
    );
}

#[test]
fn holiday_is_not_business_time() {
    // 2026-05-01 (Labour Day) is a Friday.
    let cal = office(&["2026-05-01"]);
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-05-01 09:00"), local(Shanghai, "2026-05-01 17:00")),
        hours(0)
    );
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-04-30 09:00"), local(Shanghai, "2026-05-04 10:00")),
        hours(9)
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-04-30 16:00"), hours(2)),
        local(Shanghai, "2026-05-04 10:00")
    );
}

#[test]
fn due_time_skips_the_weekend() {
    let cal = office(&[]);
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-13 15:00"), hours(4)),
        local(Shanghai, "2026-03-16 11:00")
    );
    // Ending exactly at closing time is due at closing, not at the next opening.
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-13 15:00"), hours(2)),
        local(Shanghai, "2026-03-13 17:00")
    );
}

#[test]
fn created_outside_hours_starts_at_next_opening() {
    let cal = office(&[]);
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-10 20:00"), hours(1)),
        local(Shanghai, "2026-03-11 10:00")
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-14 11:00"), Duration::minutes(30)),
        local(Shanghai, "2026-03-16 09:30")
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-10 07:00"), hours(0)),
        local(Shanghai, "2026-03-10 09:00")
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-10 17:00"), hours(0)),
        local(Shanghai, "2026-03-11 09:00")
    );
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-03-10 20:00"), local(Shanghai, "2026-03-11 10:00")),
        hours(1)
    );
}

#[test]
fn spring_forward_day_has_one_hour_less() {
    // 2026-03-08: New York's clocks jump from 02:00 EST to 03:00 EDT (07:00Z).
    let cal = new_york_daily("00:00", "12:00");
    assert_eq!(window(&cal, date("2026-03-08")), Some((utc("2026-03-08T05:00:00Z"), utc("2026-03-08T16:00:00Z"))));
    assert_eq!(cal.business_time_between(utc("2026-03-08T00:00:00Z"), utc("2026-03-09T00:00:00Z")), hours(11));
    assert_eq!(cal.business_time_between(utc("2026-03-07T00:00:00Z"), utc("2026-03-08T00:00:00Z")), hours(12));
    assert_eq!(cal.add_business_time(utc("2026-03-08T05:00:00Z"), hours(3)), utc("2026-03-08T08:00:00Z"));

    // An opening inside the gap opens at the first instant after it (03:00 EDT).
    let gap_start = new_york_daily("02:30", "10:00");
    assert_eq!(window(&gap_start, date("2026-03-08")), Some((utc("2026-03-08T07:00:00Z"), utc("2026-03-08T14:00:00Z"))));
    assert_eq!(gap_start.add_business_time(utc("2026-03-08T05:00:00Z"), hours(1)), utc("2026-03-08T08:00:00Z"));
    // A closing inside the gap closes there too: 01:00 EST to 03:00 EDT is one hour.
    let gap_end = new_york_daily("01:00", "02:30");
    assert_eq!(window(&gap_end, date("2026-03-08")), Some((utc("2026-03-08T06:00:00Z"), utc("2026-03-08T07:00:00Z"))));
    // Entirely inside the gap: closed that day.
    assert_eq!(window(&new_york_daily("02:10", "02:50"), date("2026-03-08")), None);
}

#[test]
fn fall_back_day_has_one_hour_more() {
    // 2026-11-01: New York's clocks go from 02:00 EDT back to 01:00 EST (06:00Z).
    let night = new_york_daily("00:00", "03:00");
    assert_eq!(window(&night, date("2026-11-01")), Some((utc("2026-11-01T04:00:00Z"), utc("2026-11-01T08:00:00Z"))));
    assert_eq!(night.business_time_between(utc("2026-11-01T00:00:00Z"), utc("2026-11-02T00:00:00Z")), hours(4));
    // 3.5 hours after midnight EDT is 02:30 EST.
    assert_eq!(
        night.add_business_time(utc("2026-11-01T04:00:00Z"), Duration::minutes(210)),
        utc("2026-11-01T07:30:00Z")
    );

    // An ambiguous opening takes the earlier 01:30 (EDT): 01:30 EDT to 02:30 EST is two hours.
    let repeated = new_york_daily("01:30", "02:30");
    assert_eq!(window(&repeated, date("2026-11-01")), Some((utc("2026-11-01T05:30:00Z"), utc("2026-11-01T07:30:00Z"))));

    // A day shift after the change is unaffected: 08:00–18:00 EST, ten hours, as the day before in EDT.
    let day = new_york_daily("08:00", "18:00");
    assert_eq!(window(&day, date("2026-10-31")), Some((utc("2026-10-31T12:00:00Z"), utc("2026-10-31T22:00:00Z"))));
    assert_eq!(window(&day, date("2026-11-01")), Some((utc("2026-11-01T13:00:00Z"), utc("2026-11-01T23:00:00Z"))));
    assert_eq!(day.business_time_between(utc("2026-10-31T00:00:00Z"), utc("2026-11-02T00:00:00Z")), hours(20));
    assert_eq!(day.add_business_time(utc("2026-10-31T21:00:00Z"), hours(2)), utc("2026-11-01T14:00:00Z"));
}

#[test]
fn around_the_clock_counts_every_minute() {
    let cal = BusinessCalendar::around_the_clock();
    let (from, to) = (utc("2026-03-13T22:17:00Z"), utc("2026-03-16T03:05:00Z"));
    assert_eq!(cal.business_time_between(from, to), to - from);
    assert_eq!(cal.add_business_time(from, hours(53)), from + hours(53));
    assert_eq!(cal.add_business_time(from, Duration::minutes(1)), from + Duration::minutes(1));
    assert_eq!(cal.time_zone(), Tz::UTC);
}

#[test]
fn reversed_or_empty_range_is_zero() {
    let cal = office(&[]);
    let t = local(Shanghai, "2026-03-10 10:00");
    assert_eq!(cal.business_time_between(t, t), Duration::zero());
    assert_eq!(cal.business_time_between(t + hours(1), t), Duration::zero());
    assert_eq!(cal.add_business_time(t, hours(-3)), t);
}

#[test]
fn calendar_without_open_hours_is_rejected() {
    let closed = week(&[], "09:00", "17:00");
    assert_eq!(rule_of(BusinessCalendar::new(Shanghai, &closed, [])), ("workingHours", ValidationRule::InvalidValue));
    assert_eq!(rule_of(BusinessCalendar::new(Shanghai, &[], [])), ("workingHours", ValidationRule::InvalidValue));
}

#[test]
fn invalid_working_hours_are_rejected() {
    use ValidationRule::{EndBeforeStart, InvalidTime};
    let cases = [
        ("9:00", "17:00", InvalidTime),
        ("09:00", "25:00", InvalidTime),
        ("09:60", "17:00", InvalidTime),
        ("24:00", "24:00", InvalidTime),
        ("09:00", "24:01", InvalidTime),
        ("+9:00", "17:00", InvalidTime),
        ("09:00 ", "17:00", InvalidTime),
        ("17:00", "09:00", EndBeforeStart),
        ("09:00", "09:00", EndBeforeStart),
    ];
    for (start, end, rule) in cases {
        let result = BusinessCalendar::new(Shanghai, &week(&WEEKDAYS, start, end), []);
        assert_eq!(rule_of(result), ("workingHours", rule), "{start}–{end}");
    }
    let mut twice = week(&WEEKDAYS, "09:00", "17:00");
    twice.push(twice[0].clone());
    assert_eq!(rule_of(BusinessCalendar::new(Shanghai, &twice, [])), ("workingHours", ValidationRule::InvalidValue));
    // Times of closed days do not matter.
    let mut sloppy = week(&WEEKDAYS, "09:00", "17:00");
    sloppy[6].intervals[0].start = "whenever".into();
    assert!(BusinessCalendar::new(Shanghai, &sloppy, []).is_ok());
}

#[test]
fn unknown_time_zone_name_is_rejected() {
    let w = week(&WEEKDAYS, "09:00", "17:00");
    let result = BusinessCalendar::from_zone_name("Mars/Olympus_Mons", &w, []);
    assert_eq!(rule_of(result), ("timeZone", ValidationRule::InvalidTimeZone));
    assert_eq!(BusinessCalendar::from_zone_name("Asia/Shanghai", &w, []).expect("known zone").time_zone(), Shanghai);
}

#[test]
fn midnight_end_counts_to_the_end_of_the_day() {
    let cal =
        BusinessCalendar::new(Shanghai, &week(&[Weekday::Mon], "18:00", "24:00"), []).expect("valid test calendar");
    assert_eq!(
        cal.business_time_between(local(Shanghai, "2026-03-09 00:00"), local(Shanghai, "2026-03-10 00:00")),
        hours(6)
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-09 23:00"), hours(2)),
        local(Shanghai, "2026-03-16 19:00")
    );
    assert_eq!(
        cal.add_business_time(local(Shanghai, "2026-03-09 23:00"), hours(1)),
        local(Shanghai, "2026-03-10 00:00")
    );
}

#[test]
fn long_targets_skip_whole_weeks() {
    let cal = office(&[]);
    let from = local(Shanghai, "2026-03-02 09:00"); // a Monday
    // 1000 weeks of 40 hours end on a Friday at 17:00, 999 weeks and 4 days 8 hours later.
    let due = cal.add_business_time(from, hours(40_000));
    assert_eq!(due, from + Duration::weeks(999) + Duration::days(4) + hours(8));
    assert_eq!(cal.business_time_between(from, due), hours(40_000));
    assert_eq!(cal.add_business_time(from, hours(100)), local(Shanghai, "2026-03-18 13:00"));
}

#[test]
fn weeks_with_a_dst_change_are_counted_exactly() {
    let night = new_york_daily("00:00", "03:00");
    // Four weeks around the fall-back: 28 nights of 3 hours, one of them 4.
    let (from, to) = (local(New_York, "2026-10-19 00:00"), local(New_York, "2026-11-16 00:00"));
    assert_eq!(night.business_time_between(from, to), hours(85));
    assert_eq!(night.add_business_time(from, hours(85)), local(New_York, "2026-11-15 03:00"));
    // Four weeks around the spring-forward: one night of 2 hours.
    let (from, to) = (local(New_York, "2026-03-02 00:00"), local(New_York, "2026-03-30 00:00"));
    assert_eq!(night.business_time_between(from, to), hours(83));
    assert_eq!(night.add_business_time(from, hours(83)), local(New_York, "2026-03-29 03:00"));
}

#[test]
fn absurd_amounts_saturate_without_panicking() {
    let from = utc("2026-03-10T00:00:00Z");
    assert_eq!(office(&[]).add_business_time(from, Duration::MAX), DateTime::<Utc>::MAX_UTC);
    assert_eq!(BusinessCalendar::around_the_clock().add_business_time(from, Duration::MAX), DateTime::<Utc>::MAX_UTC);
    let late = DateTime::<Utc>::MAX_UTC - Duration::days(3);
    let _ = office(&[]).add_business_time(late, Duration::weeks(2));
    let _ = new_york_daily("08:00", "18:00").business_time_between(late, DateTime::<Utc>::MAX_UTC);
    let early = DateTime::<Utc>::MIN_UTC;
    let _ = new_york_daily("08:00", "18:00").business_time_between(early, early + Duration::weeks(3));
}

// ---- split shifts and make-up days ----

#[test]
fn a_lunch_break_is_not_counted_and_a_due_time_moves_past_it() {
    let [lunch, _] = split_with_make_up_days();
    let monday = |t: &str| local(Shanghai, &format!("2026-03-09 {t}"));
    // 11:00 + 2 h: one hour before lunch, one after it (13:30–14:30).
    assert_eq!(lunch.add_business_time(monday("11:00"), hours(2)), monday("14:30"));
    // Exactly at the break's start the next instant is after it.
    assert_eq!(lunch.add_business_time(monday("12:00"), Duration::zero()), monday("13:30"));
    assert_eq!(lunch.business_time_between(monday("08:00"), monday("20:00")), Duration::minutes(3 * 60 + 270));
    // Started during the break, the clock waits for the afternoon.
    assert_eq!(lunch.add_business_time(monday("12:45"), hours(1)), monday("14:30"));
}

#[test]
fn intervals_of_a_day_must_not_overlap_or_touch() {
    let with = |a: (&str, &str), b: (&str, &str)| {
        let mut w = week(&WEEKDAYS, "09:00", "12:00");
        w[0] = day(Weekday::Mon, true, &[a, b]);
        BusinessCalendar::new(Shanghai, &w, [])
    };
    assert!(with(("13:30", "18:00"), ("09:00", "12:00")).is_ok(), "order does not matter");
    assert_eq!(rule_of(with(("09:00", "12:00"), ("12:00", "18:00"))), ("workingHours", ValidationRule::Overlap));
    assert_eq!(rule_of(with(("09:00", "12:00"), ("11:00", "18:00"))), ("workingHours", ValidationRule::Overlap));
    assert_eq!(rule_of(with(("09:00", "18:00"), ("10:00", "11:00"))), ("workingHours", ValidationRule::Overlap));
    let mut empty = week(&WEEKDAYS, "09:00", "12:00");
    empty[2].intervals.clear();
    assert_eq!(rule_of(BusinessCalendar::new(Shanghai, &empty, [])), ("workingHours", ValidationRule::Required));
}

#[test]
fn split_intervals_follow_the_wall_clock_across_dst_changes() {
    let [_, nights] = split_with_make_up_days();
    // Spring forward (8 March 2026, 02:00 → 03:00; a Sunday worked as a Monday): the
    // second interval opens at 02:15, inside the gap, so it opens when the clocks show
    // 03:00 (07:00Z) and runs to 04:00 EDT (08:00Z). The first is 00:30–01:45 EST.
    let spring: Vec<_> = nights.windows(date("2026-03-08")).collect();
    assert_eq!(
        spring,
        [
            (utc("2026-03-08T05:30:00Z"), utc("2026-03-08T06:45:00Z")),
            (utc("2026-03-08T07:00:00Z"), utc("2026-03-08T08:00:00Z"))
        ]
    );
    // Fall back (1 November, 02:00 → 01:00; a Sunday worked as a Tuesday): 00:30–01:45
    // takes the earlier 01:45 (EDT, 05:45Z); 02:15–04:00 is EST.
    let fall: Vec<_> = nights.windows(date("2026-11-01")).collect();
    assert_eq!(
        fall,
        [
            (utc("2026-11-01T04:30:00Z"), utc("2026-11-01T05:45:00Z")),
            (utc("2026-11-01T07:15:00Z"), utc("2026-11-01T09:00:00Z"))
        ]
    );
    // A regular Sunday is closed.
    assert_eq!(nights.windows(date("2026-11-08")).count(), 0);
}

#[test]
fn a_make_up_saturday_right_after_a_holiday_week_is_worked() {
    let [cal, _] = split_with_make_up_days();
    let at = |d: &str| local(Shanghai, d);
    // Friday 9 October 2026, the day after the Golden Week, 17:00: one hour left that day;
    // the rest falls on Saturday 10 October, a make-up day worked as a Friday.
    assert_eq!(cal.add_business_time(at("2026-10-09 17:00"), hours(3)), at("2026-10-10 11:00"));
    // Without the make-up day it would be Monday.
    let mut plain = week(&WEEKDAYS, "09:00", "12:00");
    for d in &mut plain[..5] {
        d.intervals.push(OpeningInterval::new("13:30", "18:00"));
    }
    let plain = BusinessCalendar::new(Shanghai, &plain, []).expect("valid test calendar");
    assert_eq!(plain.add_business_time(at("2026-10-09 17:00"), hours(3)), at("2026-10-12 11:00"));
    // Counted from the last working day before the holidays (Wednesday 30 September, 17:00),
    // the Golden Week is skipped: Thursday 8 October is the next working day.
    assert_eq!(cal.add_business_time(at("2026-09-30 17:00"), hours(2)), at("2026-10-08 10:00"));
    // The week with the make-up Sunday (20 September, worked as a Monday) holds six days.
    let week_of = |from: &str, to: &str| cal.business_time_between(at(from), at(to));
    assert_eq!(week_of("2026-09-14 00:00", "2026-09-21 00:00"), Duration::minutes(6 * 450));
    assert_eq!(week_of("2026-09-20 00:00", "2026-09-21 00:00"), Duration::minutes(450));
}

#[test]
fn a_holiday_on_a_make_up_date_closes_it() {
    // The last rule given for a date is the one kept.
    let w = week(&WEEKDAYS, "09:00", "17:00");
    let d = date("2026-10-10");
    let cal = BusinessCalendar::new(Shanghai, &w, [(d, DayRule::WorksAs(Weekday::Fri)), (d, DayRule::Holiday)])
        .expect("valid test calendar");
    assert_eq!(cal.windows(d).count(), 0);
}

// ---- properties ----

/// Shanghai: weekdays 09:00–18:00 and a short Saturday, with the 2026 public holidays.
fn shanghai_with_holidays() -> BusinessCalendar {
    let mut w = week(&WEEKDAYS, "09:00", "18:00");
    w[5] = day(Weekday::Sat, true, &[("10:00", "12:00")]);
    let holidays = ["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-06"]
        .into_iter()
        .chain(["2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2027-01-01"])
        .chain(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]);
    BusinessCalendar::new(Shanghai, &w, holidays.map(|d| (date(d), DayRule::Holiday))).expect("valid test calendar")
}

/// New York: weekdays 08:00–18:00, a Sunday shift 01:00–09:00 that contains both DST
/// changes, and a Saturday evening to midnight; US holidays.
fn new_york_with_holidays() -> BusinessCalendar {
    let mut w = week(&WEEKDAYS, "08:00", "18:00");
    w[5] = day(Weekday::Sat, true, &[("22:00", "24:00")]);
    w[6] = day(Weekday::Sun, true, &[("01:00", "09:00")]);
    let holidays = ["2026-05-25", "2026-07-03", "2026-09-07", "2026-11-01", "2026-11-26", "2026-12-25", "2027-01-01"];
    BusinessCalendar::new(New_York, &w, holidays.map(|d| (date(d), DayRule::Holiday))).expect("valid test calendar")
}

/// Shanghai with a lunch break and the 2026 Golden Week with its make-up days; New York
/// nights split around the DST changes (00:30–01:45, 02:15–04:00) with a make-up Sunday.
fn split_with_make_up_days() -> [BusinessCalendar; 2] {
    let mut w = week(&WEEKDAYS, "09:00", "12:00");
    for d in &mut w[..5] {
        d.intervals.push(OpeningInterval::new("13:30", "18:00"));
    }
    let mut days = closed(&["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]);
    days.extend([(date("2026-09-20"), DayRule::WorksAs(Weekday::Mon)), (date("2026-10-10"), DayRule::WorksAs(Weekday::Fri))]);
    let shanghai = BusinessCalendar::new(Shanghai, &w, days).expect("valid test calendar");
    let nights: Vec<WorkingDay> =
        Weekday::ALL.iter().map(|&d| day(d, d != Weekday::Sun, &[("00:30", "01:45"), ("02:15", "04:00")])).collect();
    let new_york = BusinessCalendar::new(
        New_York,
        &nights,
        [(date("2026-03-08"), DayRule::WorksAs(Weekday::Mon)), (date("2026-11-01"), DayRule::WorksAs(Weekday::Tue))],
    )
    .expect("valid test calendar");
    [shanghai, new_york]
}

fn calendars() -> [BusinessCalendar; 5] {
    let [split, nights] = split_with_make_up_days();
    [shanghai_with_holidays(), new_york_with_holidays(), new_york_daily("00:30", "03:00"), split, nights]
}

/// An instant within 2026, to the millisecond.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0..366 * 86_400_000_i64).prop_map(|ms| utc("2026-01-01T00:00:00Z") + Duration::milliseconds(ms))
}

/// Up to a year of business time, to the millisecond.
fn amount() -> impl Strategy<Value = Duration> {
    prop_oneof![0..86_400_000_i64, 0..366 * 86_400_000_i64].prop_map(Duration::milliseconds)
}

/// The definition, without week skipping: the overlap with every local day's window.
fn day_by_day(cal: &BusinessCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    let mut total = Duration::zero();
    let mut day = cal.local_date(from).pred_opt().expect("2026 has a day before");
    while day <= cal.local_date(to) {
        for (s, e) in cal.windows(day) {
            let (s, e) = (s.max(from), e.min(to));
            if s < e {
                total += e - s;
            }
        }
        day = day.succ_opt().expect("2026 has a day after");
    }
    total
}

proptest! {
    #[test]
    fn adding_then_measuring_gives_the_amount_back(which in 0..5_usize, from in instant(), d in amount()) {
        let cal = &calendars()[which];
        let due = cal.add_business_time(from, d);
        prop_assert_eq!(cal.business_time_between(from, due), d);
        // And it is the first such instant.
        if d > Duration::zero() {
            prop_assert!(cal.business_time_between(from, due - Duration::milliseconds(1)) < d);
        }
    }

    #[test]
    fn business_time_is_additive_over_a_split(which in 0..5_usize, a in instant(), b in instant(), c in instant()) {
        let cal = &calendars()[which];
        let mut t = [a, b, c];
        t.sort();
        let [a, b, c] = t;
        prop_assert_eq!(cal.business_time_between(a, c), cal.business_time_between(a, b) + cal.business_time_between(b, c));
    }

    #[test]
    fn week_skipping_matches_the_day_by_day_sum(which in 0..5_usize, a in instant(), span in 0..800_i64) {
        let cal = &calendars()[which];
        let b = a + Duration::days(span) + Duration::minutes(i64::from(a.minute()));
        prop_assert_eq!(cal.business_time_between(a, b), day_by_day(cal, a, b));
    }
}
