//! Calendar periods: a week (Monday to Sunday) or a month of the team's local days, as the
//! service reports cover them, and the week or month just before, to compare with.
//!
//! Only periods that have ended are reported on: a week still under way compared with a
//! whole one would read as a drop. The latest is therefore the last complete week or
//! month, which is also what is reported when no day is named. Days are those of
//! [`Span`], so a calendar week across a DST change still holds seven local days.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::period::{PERIOD_DAYS_BACK_MAX, Span, parse_day};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// Which calendar period.
    pub enum CalendarUnit {
        /// A week, Monday to Sunday.
        Week = "week",
        /// A calendar month.
        Month = "month",
    }
}

/// A calendar period as a report names it, and how to reach its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CalendarPeriod {
    /// Week or month.
    pub unit: CalendarUnit,
    /// Its ISO name: `2026-W48` (ISO week) or `2026-11`.
    pub name: String,
    /// A day (YYYY-MM-DD) of the period before, to ask for it; `None` when that one is
    /// further back than a report may go.
    pub earlier: Option<String>,
    /// A day of the period after; `None` when that one has not ended yet.
    pub later: Option<String>,
}

/// A calendar period resolved to its days, with the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub current: Span,
    pub previous: Span,
    pub period: CalendarPeriod,
}

/// The first day and the length of the `unit` that holds `day`.
fn containing(unit: CalendarUnit, day: NaiveDate) -> (NaiveDate, u32) {
    match unit {
        CalendarUnit::Week => {
            let back = u64::from(day.weekday().num_days_from_monday());
            (day.checked_sub_days(Days::new(back)).unwrap_or(day), 7)
        }
        CalendarUnit::Month => {
            let first = day.with_day(1).unwrap_or(day);
            let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
            (first, u32::try_from((next - first).num_days()).unwrap_or(31))
        }
    }
}

/// The first day of the `unit` before the one starting on `first`.
fn before(unit: CalendarUnit, first: NaiveDate) -> NaiveDate {
    containing(unit, first.pred_opt().unwrap_or(first)).0
}

fn name(unit: CalendarUnit, first: NaiveDate) -> String {
    match unit {
        CalendarUnit::Week => {
            let w = first.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        CalendarUnit::Month => first.format("%Y-%m").to_string(),
    }
}

/// The `unit` holding the day `of` (YYYY-MM-DD), or without one the last complete
/// `unit`, in `tz` as of `now`; and the `unit` before it.
///
/// Errors, on the field `of`: not a date as YYYY-MM-DD (`InvalidValue`); a day of the
/// current or a later week or month (`TooLate`: it has not ended); a period starting more
/// than [`PERIOD_DAYS_BACK_MAX`] days ago (`TooEarly`, with that limit).
pub(crate) fn resolve(unit: CalendarUnit, of: Option<&str>, tz: Tz, now: DateTime<Utc>) -> Result<Resolved> {
    let today = now.with_timezone(&tz).date_naive();
    let latest = before(unit, containing(unit, today).0);
    let first = match of {
        None => latest,
        Some(day) => containing(unit, parse_day(Some(day), "of")?).0,
    };
    if first > latest {
        return Err(Error::invalid("of", ValidationRule::TooLate));
    }
    let too_old = |first: NaiveDate| (today - first).num_days() > i64::from(PERIOD_DAYS_BACK_MAX);
    if too_old(first) {
        return Err(Error::Validation { field: "of", rule: ValidationRule::TooEarly, limit: Some(PERIOD_DAYS_BACK_MAX) });
    }
    let days = containing(unit, first).1;
    let previous_first = before(unit, first);
    let next_first = first.checked_add_days(Days::new(u64::from(days))).unwrap_or(first);
    Ok(Resolved {
        current: Span::of_days(tz, first, days),
        previous: Span::of_days(tz, previous_first, containing(unit, previous_first).1),
        period: CalendarPeriod {
            unit,
            name: name(unit, first),
            earlier: (!too_old(previous_first)).then(|| previous_first.to_string()),
            later: (next_first <= latest).then(|| next_first.to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn days(s: &Span) -> (String, String, u32) {
        let v = s.view();
        (v.first_day, v.last_day, v.days)
    }

    fn owned(a: &str, b: &str, n: u32) -> (String, String, u32) {
        (a.into(), b.into(), n)
    }

    #[test]
    fn by_default_the_last_complete_week_monday_to_sunday_beside_the_week_before() {
        // Saturday 5 December 2026: the week of 30 November is still under way.
        let r = resolve(CalendarUnit::Week, None, chrono_tz::UTC, utc("2026-12-05T10:00:00Z")).unwrap();
        assert_eq!(days(&r.current), owned("2026-11-23", "2026-11-29", 7));
        assert_eq!(days(&r.previous), owned("2026-11-16", "2026-11-22", 7));
        assert_eq!(r.period.name, "2026-W48");
        assert_eq!(r.period.earlier.as_deref(), Some("2026-11-16"));
        assert_eq!(r.period.later, None, "the next week has not ended");
    }

    #[test]
    fn a_sunday_evening_in_shanghai_is_still_the_week_under_way() {
        // 16:30 UTC on Sunday 29 November is already Monday 30 November in Shanghai, so
        // the week of 23 November has ended there, not in UTC.
        let now = utc("2026-11-29T16:30:00Z");
        let shanghai = resolve(CalendarUnit::Week, None, chrono_tz::Asia::Shanghai, now).unwrap();
        assert_eq!(days(&shanghai.current).0, "2026-11-23");
        assert_eq!(shanghai.current.start, utc("2026-11-22T16:00:00Z"), "Shanghai's midnight");
        let london = resolve(CalendarUnit::Week, None, chrono_tz::Europe::London, now).unwrap();
        assert_eq!(days(&london.current).0, "2026-11-16");
    }

    #[test]
    fn a_month_is_its_calendar_days_beside_the_month_before() {
        let now = utc("2026-03-10T12:00:00Z");
        let r = resolve(CalendarUnit::Month, None, chrono_tz::UTC, now).unwrap();
        assert_eq!(days(&r.current), owned("2026-02-01", "2026-02-28", 28));
        assert_eq!(days(&r.previous), owned("2026-01-01", "2026-01-31", 31));
        assert_eq!(r.period.name, "2026-02");
        let leap = resolve(CalendarUnit::Month, Some("2024-02-17"), chrono_tz::UTC, now).unwrap();
        assert_eq!(days(&leap.current), owned("2024-02-01", "2024-02-29", 29));
        assert_eq!(leap.period.later.as_deref(), Some("2024-03-01"));
        let march = resolve(CalendarUnit::Month, Some("2025-03-31"), chrono_tz::UTC, now).unwrap();
        assert_eq!(days(&march.previous), owned("2025-02-01", "2025-02-28", 28), "February, not the 31 days before");
    }

    #[test]
    fn any_day_names_its_week_and_iso_weeks_cross_the_year() {
        let now = utc("2026-12-05T10:00:00Z");
        let r = resolve(CalendarUnit::Week, Some("2026-01-01"), chrono_tz::UTC, now).unwrap();
        assert_eq!(days(&r.current), owned("2025-12-29", "2026-01-04", 7));
        assert_eq!(r.period.name, "2026-W01");
        assert_eq!(r.period.later.as_deref(), Some("2026-01-05"));
        let r = resolve(CalendarUnit::Week, Some("2026-11-22"), chrono_tz::UTC, now).unwrap();
        assert_eq!(r.period.later.as_deref(), Some("2026-11-23"), "the last complete week is next");
    }

    #[test]
    fn a_week_across_a_dst_change_is_seven_local_days() {
        let tz = chrono_tz::Europe::Berlin;
        let r = resolve(CalendarUnit::Week, Some("2026-03-29"), tz, utc("2026-06-01T00:00:00Z")).unwrap();
        assert_eq!(days(&r.current), owned("2026-03-23", "2026-03-29", 7));
        assert_eq!((r.current.end - r.current.start).num_hours(), 167);
    }

    #[test]
    fn unfinished_future_malformed_and_ancient_periods_are_refused_on_of() {
        let now = utc("2026-12-05T10:00:00Z");
        let err = |unit, of: &str| match resolve(unit, Some(of), chrono_tz::UTC, now) {
            Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
            other => panic!("{other:?}"),
        };
        assert_eq!(err(CalendarUnit::Week, "2026-12-01"), ("of", ValidationRule::TooLate, None), "under way");
        assert_eq!(err(CalendarUnit::Month, "2026-12-05"), ("of", ValidationRule::TooLate, None));
        assert_eq!(err(CalendarUnit::Month, "2027-06-01"), ("of", ValidationRule::TooLate, None));
        assert_eq!(err(CalendarUnit::Week, "2026-13-01"), ("of", ValidationRule::InvalidValue, None));
        assert_eq!(err(CalendarUnit::Week, "2026-1-5"), ("of", ValidationRule::InvalidValue, None));
        assert_eq!(err(CalendarUnit::Month, "2010-01-01"), ("of", ValidationRule::TooEarly, Some(PERIOD_DAYS_BACK_MAX)));
        assert!(resolve(CalendarUnit::Month, Some("2026-11-30"), chrono_tz::UTC, now).is_ok(), "November has ended");
    }
}
