//! Validation of [`Settings`]: a pure function, the authority the UI's quick checks mirror.

use chrono::NaiveTime;

use super::{ORGANISATION_NAME_MAX, Settings, Weekday, WorkingDay};
use crate::input::TextRule;
use crate::sla::BusinessCalendar;
use crate::{Error, Result, ValidationRule};

const ORGANISATION_NAME: TextRule = TextRule::line("organisationName", ORGANISATION_NAME_MAX, false);

/// Checks `s` and returns it normalised (the organisation name trimmed).
pub fn validate(mut s: Settings) -> Result<Settings> {
    s.organisation_name = ORGANISATION_NAME.check(&s.organisation_name)?;
    if s.time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error::invalid("timeZone", ValidationRule::InvalidTimeZone));
    }
    validate_week(&s.working_hours)?;
    Ok(s)
}

/// Checks a week of working hours (Settings' or a named calendar's): each weekday once,
/// Monday first; closed days' times still times; open days as the calendar counts them.
pub(crate) fn validate_week(week: &[WorkingDay]) -> Result<()> {
    let days: Vec<Weekday> = week.iter().map(|d| d.weekday).collect();
    if days != Weekday::ALL {
        return Err(Error::invalid("workingHours", ValidationRule::InvalidValue));
    }
    // A closed day keeps its intervals for when it opens again: they must be times, but
    // only an open day's are held to the calendar's rules (order, overlap, count).
    for day in week.iter().filter(|d| !d.open) {
        if day.intervals.iter().any(|i| parse_hhmm(&i.start).is_none() || parse_hhmm(&i.end).is_none()) {
            return Err(Error::invalid("workingHours", ValidationRule::InvalidTime));
        }
    }
    // The calendar is the authority on what it can count: times, order, overlaps, and a
    // week with at least some open hours (else no business-hours clock could finish).
    BusinessCalendar::new(chrono_tz::UTC, week, [])?;
    Ok(())
}

/// Parses a strict `HH:MM` 24-hour time.
fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Language, OpeningInterval, Theme, default_week};

    fn ok() -> Settings {
        Settings {
            organisation_name: "  Acme Support  ".into(),
            time_zone: "Asia/Shanghai".into(),
            language: Language::ZhHans,
            theme: Theme::Dark,
            working_hours: default_week(),
        }
    }

    fn rule_of(s: Settings) -> (&'static str, ValidationRule) {
        match validate(s) {
            Err(Error::Validation { field, rule, .. }) => (field, rule),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn valid_settings_are_trimmed() {
        assert_eq!(validate(ok()).unwrap().organisation_name, "Acme Support");
    }

    #[test]
    fn empty_organisation_name_is_allowed() {
        assert!(validate(Settings { organisation_name: "   ".into(), ..ok() }).is_ok());
    }

    #[test]
    fn organisation_name_over_limit_is_too_long() {
        let exactly = "客".repeat(120);
        assert!(validate(Settings { organisation_name: exactly.clone(), ..ok() }).is_ok());
        let over = Settings { organisation_name: format!("{exactly}x"), ..ok() };
        assert!(matches!(
            validate(over),
            Err(Error::Validation { field: "organisationName", rule: ValidationRule::TooLong, limit: Some(120) })
        ));
    }

    #[test]
    fn control_characters_in_name_are_invalid() {
        let s = Settings { organisation_name: "Acme\u{0}Support".into(), ..ok() };
        assert_eq!(rule_of(s), ("organisationName", ValidationRule::InvalidValue));
    }

    #[test]
    fn unknown_time_zone_is_rejected() {
        for tz in ["", "Mars/Olympus", "asia/shanghai ", "UTC+8"] {
            let s = Settings { time_zone: tz.into(), ..ok() };
            assert_eq!(rule_of(s), ("timeZone", ValidationRule::InvalidTimeZone), "{tz:?}");
        }
    }

    #[test]
    fn working_hours_must_list_each_weekday_once_in_order() {
        let mut short = ok();
        short.working_hours.pop();
        assert_eq!(rule_of(short), ("workingHours", ValidationRule::InvalidValue));
        let mut swapped = ok();
        swapped.working_hours.swap(0, 1);
        assert_eq!(rule_of(swapped), ("workingHours", ValidationRule::InvalidValue));
    }

    #[test]
    fn times_must_be_hh_mm() {
        for bad in ["9:00", "24:00", "09:60", "0900", "09:00:00", "", "ab:cd"] {
            let mut s = ok();
            s.working_hours[2].intervals[0].start = bad.into();
            assert_eq!(rule_of(s), ("workingHours", ValidationRule::InvalidTime), "{bad:?}");
        }
    }

    #[test]
    fn open_day_must_end_after_it_starts() {
        let mut s = ok();
        s.working_hours[0].intervals[0].end = "09:00".into();
        assert_eq!(rule_of(s), ("workingHours", ValidationRule::EndBeforeStart));
    }

    #[test]
    fn a_day_may_have_a_lunch_break_but_not_overlapping_intervals() {
        let mut s = ok();
        s.working_hours[0].intervals = vec![OpeningInterval::new("13:30", "18:00"), OpeningInterval::new("09:00", "12:00")];
        assert!(validate(s.clone()).is_ok());
        s.working_hours[0].intervals[1].end = "13:30".into();
        assert_eq!(rule_of(s.clone()), ("workingHours", ValidationRule::Overlap));
        s.working_hours[0].intervals[1].end = "14:00".into();
        assert_eq!(rule_of(s), ("workingHours", ValidationRule::Overlap));
    }

    #[test]
    fn an_open_day_needs_an_interval_and_at_most_six() {
        let mut s = ok();
        s.working_hours[1].intervals.clear();
        assert_eq!(rule_of(s.clone()), ("workingHours", ValidationRule::Required));
        s.working_hours[1].intervals =
            (0..7).map(|h| OpeningInterval::new(&format!("{:02}:00", h * 2), &format!("{:02}:30", h * 2))).collect();
        assert!(matches!(
            validate(s),
            Err(Error::Validation { field: "workingHours", rule: ValidationRule::TooMany, limit: Some(6) })
        ));
    }

    #[test]
    fn a_week_with_no_open_day_is_rejected() {
        let mut s = ok();
        for day in &mut s.working_hours {
            day.open = false;
        }
        assert_eq!(rule_of(s), ("workingHours", ValidationRule::InvalidValue));
    }

    #[test]
    fn closed_day_may_have_any_valid_times() {
        let mut s = ok();
        s.working_hours[6].intervals[0].end = "08:00".into();
        assert!(validate(s.clone()).is_ok());
        s.working_hours[6].intervals[0].end = "8 am".into();
        assert_eq!(rule_of(s), ("workingHours", ValidationRule::InvalidTime));
    }
}
