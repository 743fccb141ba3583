//! The period a dashboard or report covers, and the previous period it is compared with.
//!
//! A period is a run of whole local days in the team's time zone (a Shanghai team's
//! "today" starts at midnight in Shanghai, whoever looks at it), ending today for the
//! presets. The previous period is the same number of days just before. Days, not hours:
//! across a DST change a week holds 167 or 169 hours, and comparing it with the week
//! before must still compare seven days with seven days.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// Which period.
    pub enum PeriodPreset {
        /// Today so far.
        Today = "today",
        /// The last 7 days, today included.
        Days7 = "7d",
        /// The last 30 days, today included.
        Days30 = "30d",
        /// The last 90 days, today included.
        Days90 = "90d",
        /// From one day to another, both included.
        Custom = "custom",
    }
}

/// The period asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PeriodRequest {
    /// Which period.
    pub preset: PeriodPreset,
    /// First day (YYYY-MM-DD), for a custom period only.
    pub from: Option<String>,
    /// Last day, included (YYYY-MM-DD), for a custom period only.
    pub to: Option<String>,
}

impl PeriodRequest {
    /// A preset period (not custom).
    pub fn preset(preset: PeriodPreset) -> Self {
        PeriodRequest { preset, from: None, to: None }
    }
}

/// Longest custom period, in days: a year (a leap year's).
pub const PERIOD_DAYS_MAX: u32 = 366;
/// How far back a custom period may start, in days (ten years).
pub const PERIOD_DAYS_BACK_MAX: u32 = 3_660;

/// A resolved period: local days and the instants they span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// First day (YYYY-MM-DD, in the time zone).
    pub first_day: String,
    /// Last day, included.
    pub last_day: String,
    /// Number of days.
    pub days: u32,
    /// Start: the first day's local midnight (RFC 3339, UTC).
    pub start: String,
    /// End, excluded: the midnight after the last day.
    pub end: String,
}

/// A period as the measures use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub first: NaiveDate,
    pub days: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    /// The period of `days` local days from `first` in `tz`.
    pub(super) fn of_days(tz: Tz, first: NaiveDate, days: u32) -> Span {
        let after = first.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX);
        Span { first, days, start: day_start(tz, first), end: day_start(tz, after) }
    }

    /// The `days` days just before this period.
    fn previous(&self, tz: Tz) -> Span {
        let first = self.first.checked_sub_days(Days::new(u64::from(self.days))).unwrap_or(NaiveDate::MIN);
        Span::of_days(tz, first, self.days)
    }

    /// The `len` days of this period from its day `offset` (0 is the first).
    pub fn part(&self, tz: Tz, offset: u32, len: u32) -> Span {
        let first = self.first.checked_add_days(Days::new(u64::from(offset))).unwrap_or(NaiveDate::MAX);
        Span::of_days(tz, first, len)
    }

    /// Whether `t` falls in the period.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }

    /// The period for the wire.
    pub fn view(&self) -> Period {
        let last = self.first.checked_add_days(Days::new(u64::from(self.days.saturating_sub(1)))).unwrap_or(self.first);
        Period {
            first_day: self.first.to_string(),
            last_day: last.to_string(),
            days: self.days,
            start: to_db_text(self.start),
            end: to_db_text(self.end),
        }
    }
}

/// The instant a local day starts: its midnight, or, where a DST change skips midnight
/// (as some zones do), the first instant after the gap; of a repeated midnight, the
/// earlier.
fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    // A gap is at most a few hours; walk forward a quarter hour at a time until local
    // time exists again.
    (0..=4 * 24)
        .find_map(|q| tz.from_local_datetime(&(midnight + chrono::Duration::minutes(15 * q))).earliest())
        .map_or_else(|| Utc.from_utc_datetime(&midnight), |t| t.with_timezone(&Utc))
}

pub(super) fn parse_day(s: Option<&str>, field: &'static str) -> Result<NaiveDate> {
    let s = s.map(str::trim).filter(|s| !s.is_empty()).ok_or(Error::invalid(field, ValidationRule::Required))?;
    // Exactly YYYY-MM-DD: chrono alone would also take "2026-3-5".
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or(Error::invalid(field, ValidationRule::InvalidValue))
}

/// The period asked for and the one before it, in `tz`, as of `now`.
///
/// Errors: a custom period without `from`/`to` (`Required`) or with a date that is not
/// YYYY-MM-DD (`InvalidValue`); `to` before `from` (`EndBeforeStart` on `to`); longer than
/// [`PERIOD_DAYS_MAX`] days (`InvalidValue` on `period`, with the limit); ending after
/// today (`TooLate` on `to`) or starting more than [`PERIOD_DAYS_BACK_MAX`] days ago
/// (`TooEarly` on `from`). A preset given dates is refused (`InvalidValue` on `from`), so
/// a caller never believes it asked for a range it did not get.
pub(crate) fn resolve(req: &PeriodRequest, tz: Tz, now: DateTime<Utc>) -> Result<(Span, Span)> {
    let today = now.with_timezone(&tz).date_naive();
    let last_days = |n: u32| today.checked_sub_days(Days::new(u64::from(n - 1))).map(|first| (first, n));
    let (first, days) = match req.preset {
        PeriodPreset::Custom => {
            let from = parse_day(req.from.as_deref(), "from")?;
            let to = parse_day(req.to.as_deref(), "to")?;
            if to < from {
                return Err(Error::invalid("to", ValidationRule::EndBeforeStart));
            }
            if to > today {
                return Err(Error::Validation { field: "to", rule: ValidationRule::TooLate, limit: Some(0) });
            }
            if (today - from).num_days() > i64::from(PERIOD_DAYS_BACK_MAX) {
                return Err(Error::Validation {
                    field: "from",
                    rule: ValidationRule::TooEarly,
                    limit: Some(PERIOD_DAYS_BACK_MAX),
                });
            }
            let days = (to - from).num_days() + 1;
            if days > i64::from(PERIOD_DAYS_MAX) {
                return Err(Error::Validation {
                    field: "period",
                    rule: ValidationRule::InvalidValue,
                    limit: Some(PERIOD_DAYS_MAX),
                });
            }
            (from, u32::try_from(days).unwrap_or(PERIOD_DAYS_MAX))
        }
        preset => {
            if req.from.is_some() || req.to.is_some() {
                return Err(Error::invalid("from", ValidationRule::InvalidValue));
            }
            let n = match preset {
                PeriodPreset::Days7 => 7,
                PeriodPreset::Days30 => 30,
                PeriodPreset::Days90 => 90,
                _ => 1,
            };
            last_days(n).ok_or(Error::invalid("period", ValidationRule::InvalidValue))?
        }
    };
    let current = Span::of_days(tz, first, days);
    Ok((current, current.previous(tz)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn custom(from: &str, to: &str) -> PeriodRequest {
        PeriodRequest { preset: PeriodPreset::Custom, from: Some(from.into()), to: Some(to.into()) }
    }

    #[test]
    fn today_is_the_teams_local_day_not_the_utc_one() {
        // 2026-03-02 17:30 UTC is already 3 March in Shanghai (UTC+8).
        let now = utc("2026-03-02T17:30:00Z");
        let (today, yesterday) = resolve(&PeriodRequest::preset(PeriodPreset::Today), chrono_tz::Asia::Shanghai, now).unwrap();
        assert_eq!(today.view().first_day, "2026-03-03");
        assert_eq!(today.start, utc("2026-03-02T16:00:00Z"));
        assert_eq!(today.end, utc("2026-03-03T16:00:00Z"));
        assert_eq!(yesterday.start, utc("2026-03-01T16:00:00Z"));
        assert_eq!(yesterday.end, today.start);
    }

    #[test]
    fn seven_days_ending_today_and_the_seven_before() {
        let now = utc("2026-03-10T12:00:00Z");
        let (cur, prev) = resolve(&PeriodRequest::preset(PeriodPreset::Days7), chrono_tz::UTC, now).unwrap();
        assert_eq!((cur.view().first_day.as_str(), cur.view().last_day.as_str()), ("2026-03-04", "2026-03-10"));
        assert_eq!((prev.view().first_day.as_str(), prev.view().last_day.as_str()), ("2026-02-25", "2026-03-03"));
        assert_eq!(prev.end, cur.start);
    }

    #[test]
    fn a_week_across_spring_forward_is_seven_days_of_167_hours() {
        // Berlin moved from UTC+1 to UTC+2 on 2026-03-29.
        let now = utc("2026-04-01T10:00:00Z");
        let (cur, prev) = resolve(&custom("2026-03-26", "2026-04-01"), chrono_tz::Europe::Berlin, now).unwrap();
        assert_eq!(cur.days, 7);
        assert_eq!((cur.end - cur.start).num_hours(), 167);
        assert_eq!((prev.end - prev.start).num_hours(), 168);
        assert_eq!(cur.start, utc("2026-03-25T23:00:00Z"));
        assert_eq!(cur.end, utc("2026-04-01T22:00:00Z"));
    }

    #[test]
    fn a_skipped_midnight_starts_the_day_after_the_gap() {
        // Santiago skips 00:00-01:00 when it springs forward (2026-09-06).
        let start = day_start(chrono_tz::America::Santiago, NaiveDate::from_ymd_opt(2026, 9, 6).unwrap());
        assert_eq!(start, utc("2026-09-06T04:00:00Z"));
    }

    #[test]
    fn bad_custom_periods_are_refused_with_the_field_and_rule() {
        let now = utc("2026-03-10T12:00:00Z");
        let tz = chrono_tz::UTC;
        let err = |req: PeriodRequest| match resolve(&req, tz, now) {
            Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
            other => panic!("{other:?}"),
        };
        assert_eq!(err(custom("2026-03-05", "2026-03-01")), ("to", ValidationRule::EndBeforeStart, None));
        assert_eq!(err(custom("2026-03-05", "2026-03-11")), ("to", ValidationRule::TooLate, Some(0)));
        assert_eq!(err(custom("2016-01-01", "2016-01-02")), ("from", ValidationRule::TooEarly, Some(PERIOD_DAYS_BACK_MAX)));
        assert_eq!(err(custom("2024-01-01", "2025-06-01")), ("period", ValidationRule::InvalidValue, Some(366)));
        assert_eq!(err(custom("2026-3-5", "2026-03-06")), ("from", ValidationRule::InvalidValue, None));
        assert_eq!(
            err(PeriodRequest { preset: PeriodPreset::Custom, from: Some("2026-03-01".into()), to: None }),
            ("to", ValidationRule::Required, None)
        );
        let dated_preset = PeriodRequest { from: Some("2026-03-01".into()), ..PeriodRequest::preset(PeriodPreset::Days7) };
        assert_eq!(err(dated_preset), ("from", ValidationRule::InvalidValue, None));
        assert!(resolve(&custom("2025-03-10", "2026-03-10"), tz, now).is_ok(), "366 days fit");
    }
}
