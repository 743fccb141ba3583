//! Which cases the KPIs count, and the case list each tile drills down to.
//!
//! The filter is expressed as a [`CaseQuery`] and its SQL comes from the case list's own
//! where-clause ([`crate::cases::query::filters`]), so a tile and the list it opens can
//! never count different cases.

use serde::{Deserialize, Serialize};

use super::period::Span;
use crate::cases::query;
use crate::cases::{CaseChannel, CaseQuery, CaseStatus, Priority, Queue};
use crate::customers::Tier;
use crate::ids::{AgentId, TeamId};
use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule};

/// Narrows the KPIs to some cases; an empty list means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KpiFilter {
    /// Teams.
    pub teams: Vec<TeamId>,
    /// Agents (the case's assignee).
    pub assignees: Vec<AgentId>,
    /// Channels.
    pub channels: Vec<CaseChannel>,
    /// Categories.
    pub categories: Vec<String>,
    /// Priorities.
    pub priorities: Vec<Priority>,
    /// Customer tiers (a case without a customer is standard).
    pub tiers: Vec<Tier>,
}

impl KpiFilter {
    /// The filter as a case-list query (no period, no paging).
    pub(crate) fn base_query(&self) -> CaseQuery {
        CaseQuery {
            teams: self.teams.clone(),
            assignees: self.assignees.clone(),
            channels: self.channels.clone(),
            categories: self.categories.clone(),
            priorities: self.priorities.clone(),
            tiers: self.tiers.clone(),
            ..CaseQuery::default()
        }
    }

    /// Checks the filter: the case list's bounds, and that every team and agent named
    /// exists (`InvalidValue` on `teams` / `assignees`): a filter on a team that is gone
    /// would show an empty dashboard that looks like a quiet week.
    pub(crate) fn validate(&self, conn: &rusqlite::Connection) -> Result<()> {
        query::validate(&self.base_query())?;
        for team in &self.teams {
            if crate::people::ensure_team(conn, team).is_err() {
                return Err(Error::invalid("teams", ValidationRule::InvalidValue));
            }
        }
        for agent in &self.assignees {
            if crate::people::ensure_agent(conn, agent).is_err() {
                return Err(Error::invalid("assignees", ValidationRule::InvalidValue));
            }
        }
        Ok(())
    }
}

/// The case list behind each tile of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KpiDrills {
    /// Cases created in the period (first response time).
    pub created: CaseQuery,
    /// Cases resolved in the period (resolution time, SLA compliance, FCR, AHT, CSAT, NPS).
    pub resolved: CaseQuery,
    /// Active cases created before the period's end (the backlog; exact for a period
    /// ending today, since a list shows cases as they are now).
    pub backlog: CaseQuery,
    /// Cases with a call-back due in the period.
    pub callbacks_due: CaseQuery,
    /// Cases whose call-back is overdue now.
    pub callbacks_overdue: CaseQuery,
}

/// The drill-down lists of `span` under `filter`; `as_of` is when "overdue" is judged.
pub(crate) fn drills(filter: &KpiFilter, span: &Span, as_of: chrono::DateTime<chrono::Utc>) -> KpiDrills {
    let base = filter.base_query();
    let (start, end) = (Some(to_db_text(span.start)), Some(to_db_text(span.end)));
    KpiDrills {
        created: CaseQuery { created_from: start.clone(), created_to: end.clone(), ..base.clone() },
        resolved: CaseQuery {
            resolved_from: start.clone(),
            resolved_to: end.clone(),
            sort: crate::cases::CaseSort::Updated,
            ..base.clone()
        },
        backlog: CaseQuery {
            statuses: CaseStatus::ALL.iter().copied().filter(|s| crate::cases::workflow::is_active(*s)).collect(),
            created_to: end.clone(),
            ..base.clone()
        },
        callbacks_due: CaseQuery { callback_due_from: start, callback_due_to: end, ..base.clone() },
        callbacks_overdue: CaseQuery {
            queue: Queue::AwaitingCallback,
            callback_due_to: Some(to_db_text(as_of)),
            ..base
        },
    }
}
