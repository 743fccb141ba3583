//! The KPI values as the dashboard, the reports and the CLI receive them. A mean or
//! share over no cases is `None` ("no data"); every value says how many cases it rests on.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::cases::Priority;

/// A mean duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Average {
    /// Mean, seconds; `None` without cases.
    pub mean_seconds: Option<f64>,
    /// Cases it is taken over.
    pub cases: u32,
}

/// A share of cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Share {
    /// Percent (0–100); `None` without cases.
    pub percent: Option<f64>,
    /// Cases that count as hits.
    pub hits: u32,
    /// Cases it is taken over.
    pub cases: u32,
}

/// Net promoter score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Nps {
    /// % promoters − % detractors (−100 to 100); `None` without answers.
    pub score: Option<f64>,
    /// Answers 9–10.
    pub promoters: u32,
    /// Answers 7–8.
    pub passives: u32,
    /// Answers 0–6.
    pub detractors: u32,
}

crate::text_enum::text_enum! {
    /// How long a backlog case has been open.
    pub enum AgeBucket {
        /// Less than a day.
        UnderOneDay = "under_1d",
        /// One to three days.
        OneToThreeDays = "1d_3d",
        /// Three to seven days.
        ThreeToSevenDays = "3d_7d",
        /// Seven days or more.
        OverSevenDays = "over_7d",
    }
}

impl AgeBucket {
    /// The ages it holds, in whole hours: at least the first, less than the second.
    fn hours(self) -> (i64, Option<i64>) {
        match self {
            AgeBucket::UnderOneDay => (0, Some(24)),
            AgeBucket::OneToThreeDays => (24, Some(72)),
            AgeBucket::ThreeToSevenDays => (72, Some(168)),
            AgeBucket::OverSevenDays => (168, None),
        }
    }

    /// The bucket of a case open for `age`.
    pub(crate) fn of(age: Duration) -> AgeBucket {
        let h = age.num_hours();
        AgeBucket::ALL.iter().copied().find(|b| b.hours().1.is_none_or(|upper| h < upper)).unwrap_or(AgeBucket::OverSevenDays)
    }

    /// When a case of this age at `as_of` was created: from (included; `None`: any time
    /// before) and to (excluded), to the millisecond the store keeps, so a case list with
    /// these bounds holds exactly the cases [`AgeBucket::of`] puts here.
    pub(crate) fn created_between(self, as_of: DateTime<Utc>) -> (Option<DateTime<Utc>>, DateTime<Utc>) {
        let ms = Duration::milliseconds(1);
        let (lower, upper) = self.hours();
        let to = if lower == 0 { as_of } else { as_of - Duration::hours(lower) + ms };
        (upper.map(|u| as_of - Duration::hours(u) + ms), to)
    }
}

/// Backlog cases of one age bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgeCount {
    /// The bucket.
    pub age: AgeBucket,
    /// Cases.
    pub cases: u32,
}

/// Backlog cases of one priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PriorityCount {
    /// The priority.
    pub priority: Priority,
    /// Cases.
    pub cases: u32,
}

/// Open cases at a point in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Backlog {
    /// Open cases.
    pub total: u32,
    /// By age, youngest first (every bucket listed).
    pub by_age: Vec<AgeCount>,
    /// By priority, P1 first (every priority listed).
    pub by_priority: Vec<PriorityCount>,
}

/// Call-backs (回访).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Callbacks {
    /// Due in the period, done or not.
    pub due: u32,
    /// Not done and past due.
    pub overdue: u32,
    /// Of those due in the period by now, the share done by their due time.
    pub follow_up: Share,
}

/// Every KPI of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Kpis {
    /// Cases created in the period.
    pub created: u32,
    /// Cases resolved in the period (and still resolved or closed).
    pub resolved: u32,
    /// First response time.
    pub first_response: Average,
    /// Resolution time.
    pub resolution: Average,
    /// Resolved cases that met both SLA targets (cases without any target left out).
    pub sla_compliance: Share,
    /// Resolved with at most one agent contact and never reopened.
    pub first_contact_resolution: Share,
    /// Mean handle time of resolved cases with handle time logged.
    pub handle_time: Average,
    /// Share of 4–5 among 1–5 answers.
    pub csat: Share,
    /// Net promoter score.
    pub nps: Nps,
    /// Open cases at the period's end.
    pub backlog: Backlog,
    /// Call-backs.
    pub callbacks: Callbacks,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_buckets_creation_bounds_hold_exactly_its_cases() {
        let as_of = DateTime::parse_from_rfc3339("2026-03-09T00:00:00Z").unwrap().with_timezone(&Utc);
        let ms = Duration::milliseconds(1);
        for &bucket in AgeBucket::ALL {
            let (from, to) = bucket.created_between(as_of);
            assert_eq!(AgeBucket::of(as_of - (to - ms)), bucket, "{bucket:?}: the youngest case");
            if let Some(from) = from {
                assert_eq!(AgeBucket::of(as_of - from), bucket, "{bucket:?}: the oldest case");
                assert_ne!(AgeBucket::of(as_of - (from - ms)), bucket, "{bucket:?}: one ms older is the next bucket");
            }
            if to < as_of {
                assert_ne!(AgeBucket::of(as_of - to), bucket, "{bucket:?}: one ms younger is the bucket before");
            }
        }
    }
}
