//! The voice of the customer: where in their journey customers hurt, what they say
//! outside of cases, and what the support team asks other departments to change.
//!
//! - [`stages`]: the team's customer-journey stages (an editable list of synced rows) and
//!   a case's stage.
//! - [`feedback`]: feedback entries that are not cases (survey answers, focus-group
//!   notes, comments) with their themes, a set merged per element like case tags.
//! - [`painpoints`]: the heat map of journey stage × root cause (cases) and × theme
//!   (feedback), with counts and CSAT per cell and the lists each cell drills down to.
//!   The numbers are a pure function of grouped rows; SQL only groups.
//! - [`insights`]: findings for other departments, their evidence (linked cases and
//!   feedback, a set merged per element), their status workflow and review dates.

pub mod feedback;
pub mod handover;
pub mod insights;
pub mod painpoints;
pub mod stages;

pub use feedback::{Feedback, FeedbackInput, FeedbackPage, FeedbackQuery, FeedbackSource, Sentiment};
pub use insights::{
    Department, Evidence, Insight, InsightDetail, InsightInput, InsightQuery, InsightStatus, InsightSummary,
};
pub use painpoints::{HeatCell, HeatMap, HeatRow, PainPoints, PainPointsRequest};
pub use stages::JourneyStage;

use chrono::NaiveDate;

use crate::{Error, Result, ValidationRule};

/// Parses a day given as exactly `YYYY-MM-DD` (`InvalidValue` on `field` otherwise).
pub(crate) fn parse_day(s: &str, field: &'static str) -> Result<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or(Error::invalid(field, ValidationRule::InvalidValue))
}

/// Refuses a day more than `back` days before or `ahead` days after `today`.
pub(crate) fn check_day_window(
    day: NaiveDate,
    today: NaiveDate,
    field: &'static str,
    back: u32,
    ahead: u32,
) -> Result<()> {
    let offset = (day - today).num_days();
    if offset < -i64::from(back) {
        return Err(Error::Validation { field, rule: ValidationRule::TooEarly, limit: Some(back) });
    }
    if offset > i64::from(ahead) {
        return Err(Error::Validation { field, rule: ValidationRule::TooLate, limit: Some(ahead) });
    }
    Ok(())
}

/// The workspace's time zone: the one the pain points' days and feedback dates are in.
pub(crate) fn workspace_zone(conn: &rusqlite::Connection) -> Result<chrono_tz::Tz> {
    Ok(crate::settings::load_with(conn)?.time_zone.parse().unwrap_or(chrono_tz::UTC))
}

/// Today in the workspace's time zone: the day feedback dates and review dates are
/// judged against.
pub fn today(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>) -> Result<NaiveDate> {
    Ok(now.with_timezone(&workspace_zone(conn)?).date_naive())
}

#[cfg(test)]
mod tests;
