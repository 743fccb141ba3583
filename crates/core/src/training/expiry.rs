//! When a training record counts: its outcome (passed or failed against the course's
//! pass mark), its expiry (completion + the course's validity) and its status on a given
//! day. Pure functions of their inputs and an explicit `today`, so every device derives
//! the same status from the same records and nothing of it is ever stored: two devices
//! could not both advance a stored status, but both can recompute it.

use chrono::{Months, NaiveDate};

/// A valid record whose expiry is this many days away or fewer is "expiring".
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

crate::text_enum::text_enum! {
    /// Where a training record stands on a given day.
    pub enum RecordStatus {
        /// Passed and not expiring within [`EXPIRING_WITHIN_DAYS`] (or never expiring).
        Valid = "valid",
        /// Passed, and expires within [`EXPIRING_WITHIN_DAYS`] days.
        Expiring = "expiring",
        /// Passed, but past its expiry.
        Expired = "expired",
        /// Scored below the course's pass mark.
        Failed = "failed",
    }
}

/// Whether a score passes: any completion of a course without a pass mark does; with
/// one, a score at or above it (a missing score does not).
pub fn passed(pass_mark: Option<u8>, score: Option<u8>) -> bool {
    match pass_mark {
        None => true,
        Some(mark) => score.is_some_and(|s| s >= mark),
    }
}

/// The first day a completion no longer counts: `validity_months` after it, on the same
/// day of the month or the month's last day when it has none (31 January + 1 month is
/// 28 or 29 February; a leap day + 12 months is 28 February). `None`: never expires.
pub fn expires_on(completed: NaiveDate, validity_months: Option<u32>) -> Option<NaiveDate> {
    validity_months.map(|m| {
        completed
            .checked_add_months(Months::new(m))
            .unwrap_or(NaiveDate::MAX)
    })
}

/// The status of a record on `today`.
pub fn status(passed: bool, expires_on: Option<NaiveDate>, today: NaiveDate) -> RecordStatus {
    match expires_on {
        _ if !passed => RecordStatus::Failed,
        Some(e) if today >= e => RecordStatus::Expired,
        Some(e) if (e - today).num_days() <= EXPIRING_WITHIN_DAYS => RecordStatus::Expiring,
        _ => RecordStatus::Valid,
    }
}

/// What a completion amounts to on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the score passed the course's pass mark.
    pub passed: bool,
    /// The first day it no longer counts; `None` when it never expires.
    pub expires_on: Option<NaiveDate>,
    /// Where it stands today.
    pub status: RecordStatus,
}

/// The whole outcome of a completion on `today`.
pub fn outcome(
    completed: NaiveDate,
    score: Option<u8>,
    pass_mark: Option<u8>,
    validity_months: Option<u32>,
    today: NaiveDate,
) -> Outcome {
    let passed = passed(pass_mark, score);
    let expires_on = expires_on(completed, validity_months);
    Outcome {
        passed,
        expires_on,
        status: status(passed, expires_on, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_course_without_a_pass_mark_is_passed_by_completing_it() {
        assert!(passed(None, None));
        assert!(passed(None, Some(0)));
    }

    #[test]
    fn the_pass_mark_itself_passes_and_one_below_fails() {
        assert!(passed(Some(80), Some(80)));
        assert!(passed(Some(80), Some(100)));
        assert!(!passed(Some(80), Some(79)));
        assert!(!passed(Some(80), None));
        assert!(passed(Some(0), Some(0)));
    }

    #[test]
    fn a_course_without_validity_never_expires() {
        assert_eq!(expires_on(day("2020-05-01"), None), None);
        assert_eq!(status(true, None, day("2099-12-31")), RecordStatus::Valid);
    }

    #[test]
    fn expiry_is_completion_plus_validity() {
        assert_eq!(
            expires_on(day("2026-03-15"), Some(12)),
            Some(day("2027-03-15"))
        );
        assert_eq!(
            expires_on(day("2026-03-15"), Some(6)),
            Some(day("2026-09-15"))
        );
    }

    #[test]
    fn a_month_end_without_the_same_day_expires_on_the_last_day() {
        assert_eq!(
            expires_on(day("2026-01-31"), Some(1)),
            Some(day("2026-02-28"))
        );
        assert_eq!(
            expires_on(day("2027-01-31"), Some(13)),
            Some(day("2028-02-29"))
        );
        assert_eq!(
            expires_on(day("2026-08-31"), Some(1)),
            Some(day("2026-09-30"))
        );
    }

    #[test]
    fn a_leap_day_plus_a_year_expires_on_28_february() {
        assert_eq!(
            expires_on(day("2028-02-29"), Some(12)),
            Some(day("2029-02-28"))
        );
        assert_eq!(
            expires_on(day("2028-02-29"), Some(48)),
            Some(day("2032-02-29"))
        );
    }

    #[test]
    fn the_expiry_day_itself_is_expired() {
        let e = Some(day("2027-03-15"));
        assert_eq!(status(true, e, day("2027-03-14")), RecordStatus::Expiring);
        assert_eq!(status(true, e, day("2027-03-15")), RecordStatus::Expired);
        assert_eq!(status(true, e, day("2030-01-01")), RecordStatus::Expired);
    }

    #[test]
    fn expiring_starts_thirty_days_before_expiry() {
        let e = Some(day("2027-03-31"));
        assert_eq!(status(true, e, day("2027-02-28")), RecordStatus::Valid);
        assert_eq!(status(true, e, day("2027-03-01")), RecordStatus::Expiring);
    }

    #[test]
    fn a_failed_record_is_failed_whatever_its_dates() {
        assert_eq!(status(false, None, day("2026-01-01")), RecordStatus::Failed);
        assert_eq!(
            status(false, Some(day("2020-01-01")), day("2026-01-01")),
            RecordStatus::Failed
        );
    }

    #[test]
    fn recertification_after_expiry_is_valid_again_while_the_old_record_stays_expired() {
        let today = day("2027-06-01");
        let first = outcome(day("2025-05-01"), Some(90), Some(80), Some(12), today);
        let again = outcome(day("2027-05-20"), Some(85), Some(80), Some(12), today);
        assert_eq!(first.status, RecordStatus::Expired);
        assert_eq!(again.status, RecordStatus::Valid);
        assert_eq!(again.expires_on, Some(day("2028-05-20")));
    }
}
