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

// Day rules shared with other areas (training dates): one definition each.
pub(crate) use crate::input::{check_day_window, parse_day};
pub use crate::settings::today;
pub(crate) use crate::settings::workspace_zone;

#[cfg(test)]
mod tests;
