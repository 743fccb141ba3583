//! The team's weekly working hours, as edited in Settings.
//!
//! Kept as local wall-clock times ("09:00") in the workspace time zone, so daylight-saving
//! changes move nothing. The SLA calendar builds its business-hours windows from these.

use serde::{Deserialize, Serialize};

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
}

/// Opening hours of one weekday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkingDay {
    /// Which day.
    pub weekday: Weekday,
    /// Whether the team works that day at all.
    pub open: bool,
    /// Start, `HH:MM` (24 h).
    pub start: String,
    /// End, `HH:MM` (24 h), after `start`.
    pub end: String,
}

/// Monday to Friday, 09:00–17:00.
pub fn default_week() -> Vec<WorkingDay> {
    Weekday::ALL
        .iter()
        .map(|&weekday| WorkingDay {
            weekday,
            open: !matches!(weekday, Weekday::Sat | Weekday::Sun),
            start: "09:00".into(),
            end: "17:00".into(),
        })
        .collect()
}
