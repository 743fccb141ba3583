//! Which cases the KPIs count, and the case list each tile drills down to.
//!
//! The filter is expressed as a [`CaseQuery`], whose SQL is the case list's own
//! where-clause ([`crate::cases::query::filters`]): each tile opens that list. The KPIs
//! apply the same rule to each case's kept facts ([`Narrowing`]), which carry copies of
//! the columns it reads, so a dashboard never reads the case rows; the tests hold the two
//! to the same cases (`facts/tests.rs`, against the list's SQL).

use std::collections::BTreeSet;

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

/// A [`KpiFilter`] as a test of a case's kept facts: [`query::filters`] of
/// [`KpiFilter::base_query`] — each list of values, when not empty, must hold the case's
/// value (a case without a team or an agent has none; without a customer it is
/// standard) — on the facts' copies of the case's columns. Names (teams, agents,
/// categories) are compared by their `kpi_names` numbers; a name no case has matches no
/// case.
pub(crate) struct Narrowing {
    teams: Option<BTreeSet<i64>>,
    assignees: Option<BTreeSet<i64>>,
    channels: Option<Vec<CaseChannel>>,
    categories: Option<BTreeSet<i64>>,
    priorities: Option<Vec<Priority>>,
    tiers: Option<Vec<Tier>>,
}

impl KpiFilter {
    /// This filter as a test of kept facts.
    pub(crate) fn narrowing(&self, conn: &rusqlite::Connection) -> Result<Narrowing> {
        // Every field by name: a field added to the filter must be added here too.
        let KpiFilter { teams, assignees, channels, categories, priorities, tiers } = self;
        let names = |values: Vec<&str>| -> Result<Option<BTreeSet<i64>>> {
            if values.is_empty() {
                return Ok(None);
            }
            let mut ids = BTreeSet::new();
            for v in values {
                ids.extend(super::facts::name_id(conn, v)?);
            }
            Ok(Some(ids))
        };
        let list = |v: &[_]| (!v.is_empty()).then(|| v.to_vec());
        Ok(Narrowing {
            teams: names(teams.iter().map(|t| t.as_str()).collect())?,
            assignees: names(assignees.iter().map(|a| a.as_str()).collect())?,
            channels: list(channels),
            categories: names(categories.iter().map(String::as_str).collect())?,
            priorities: (!priorities.is_empty()).then(|| priorities.clone()),
            tiers: (!tiers.is_empty()).then(|| tiers.clone()),
        })
    }
}

impl Narrowing {
    /// Whether the case of these facts passes.
    pub(crate) fn admits(&self, f: &super::facts::Facts<i64>) -> bool {
        fn name(set: &Option<BTreeSet<i64>>, v: Option<i64>) -> bool {
            set.as_ref().is_none_or(|set| v.is_some_and(|v| set.contains(&v)))
        }
        fn value<T: PartialEq>(list: &Option<Vec<T>>, v: &T) -> bool {
            list.as_ref().is_none_or(|list| list.contains(v))
        }
        name(&self.teams, f.team)
            && name(&self.assignees, f.assignee)
            && value(&self.channels, &f.channel)
            && name(&self.categories, Some(f.category))
            && value(&self.priorities, &f.priority)
            && value(&self.tiers, &f.tier)
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
