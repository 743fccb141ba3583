//! The team's weekly working hours, as edited in Settings.
//!
//! Kept as local wall-clock times ("09:00") in the calendar's time zone, so daylight-saving
//! changes move nothing. A day may have several opening intervals (a lunch break, an
//! evening shift). The SLA calendar builds its business-hours windows from these.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Most opening intervals one weekday may have (split shifts rarely need more than three).
pub const INTERVALS_PER_DAY_MAX: u32 = 6;

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    /// Monday 0 … Sunday 6.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The wire name (`"mon"`).
    pub fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }

    /// The weekday of its wire name.
    pub fn from_name(s: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|d| d.name() == s)
    }

    /// The weekday of a date.
    pub fn of(date: chrono::NaiveDate) -> Weekday {
        use chrono::Datelike;
        Weekday::ALL[date.weekday().num_days_from_monday() as usize]
    }
}

/// One opening interval of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OpeningInterval {
    /// Start, `HH:MM` (24 h).
    pub start: String,
    /// End, `HH:MM` (24 h), after `start`.
    pub end: String,
}

impl OpeningInterval {
    /// An interval from two `HH:MM` times.
    pub fn new(start: &str, end: &str) -> Self {
        OpeningInterval { start: start.into(), end: end.into() }
    }
}

/// Opening hours of one weekday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkingDay {
    /// Which day.
    pub weekday: Weekday,
    /// Whether the team works that day at all (a closed day keeps its intervals, so
    /// switching it back on restores them).
    pub open: bool,
    /// The opening intervals, earliest first, not overlapping; at least one when open.
    pub intervals: Vec<OpeningInterval>,
}

/// Monday to Friday, 09:00–17:00.
pub fn default_week() -> Vec<WorkingDay> {
    Weekday::ALL
        .iter()
        .map(|&weekday| WorkingDay {
            weekday,
            open: !matches!(weekday, Weekday::Sat | Weekday::Sun),
            intervals: vec![OpeningInterval::new("09:00", "17:00")],
        })
        .collect()
}

/// One day as versions before split shifts stored it (one interval per day). Devices
/// still running such a version may sync it in, and older databases hold it.
#[derive(Deserialize)]
struct SingleIntervalDay {
    weekday: Weekday,
    open: bool,
    start: String,
    end: String,
}

/// Reads a stored week, in either form.
pub(crate) fn from_stored(json: &str) -> Result<Vec<WorkingDay>> {
    if let Ok(week) = serde_json::from_str::<Vec<WorkingDay>>(json) {
        return Ok(week);
    }
    let old: Vec<SingleIntervalDay> = serde_json::from_str(json)
        .map_err(|e| Error::Internal(format!("stored working hours are unreadable: {e}")))?;
    Ok(old
        .into_iter()
        .map(|d| WorkingDay { weekday: d.weekday, open: d.open, intervals: vec![OpeningInterval { start: d.start, end: d.end }] })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_stored_before_split_shifts_reads_as_one_interval_a_day() {
        let old = r#"[{"weekday":"mon","open":true,"start":"08:30","end":"17:30"},
                      {"weekday":"sat","open":false,"start":"09:00","end":"12:00"}]"#;
        let week = from_stored(old).unwrap();
        assert_eq!(week[0].intervals, vec![OpeningInterval::new("08:30", "17:30")]);
        assert!(week[0].open);
        assert!(!week[1].open);
        assert_eq!(week[1].intervals, vec![OpeningInterval::new("09:00", "12:00")]);
    }

    #[test]
    fn a_split_week_round_trips() {
        let mut week = default_week();
        week[0].intervals = vec![OpeningInterval::new("09:00", "12:00"), OpeningInterval::new("13:30", "18:00")];
        let json = serde_json::to_string(&week).unwrap();
        assert_eq!(from_stored(&json).unwrap(), week);
    }

    #[test]
    fn unreadable_hours_are_an_error_not_a_default() {
        assert!(from_stored("{\"mon\": 1}").is_err());
    }

    #[test]
    fn weekday_names_round_trip() {
        for d in Weekday::ALL {
            assert_eq!(Weekday::from_name(d.name()), Some(d));
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{}\"", d.name()));
        }
        assert_eq!(Weekday::of(chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()), Weekday::Sun);
    }
}
