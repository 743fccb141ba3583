//! What the Plans page lists and what the plan page shows: each plan with its derived
//! status, its versions and its runs.

use serde::{Deserialize, Serialize};

use super::plans::{self, PlanContent};
use super::runs::{self, RunKind, RunSummary};
use super::versions::{self, PlanStatus, VersionSummary};
use crate::Result;
use crate::ids::PlanId;

/// A plan, for the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Id.
    pub id: PlanId,
    /// The draft's title, scenario and severity.
    pub title: String,
    /// Scenario.
    pub scenario: plans::Scenario,
    /// Severity.
    pub severity: plans::Severity,
    /// Draft or published.
    pub status: PlanStatus,
    /// How many versions were published.
    pub versions: u32,
    /// When the latest drill started (tabletops and incidents are not drills).
    pub last_drill_at: Option<String>,
    /// Runs not closed yet.
    pub active_runs: u32,
}

/// A plan with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanDetail {
    /// Id.
    pub id: PlanId,
    /// The draft.
    pub content: PlanContent,
    /// Draft or published.
    pub status: PlanStatus,
    /// Its versions, the first published first.
    pub versions: Vec<VersionSummary>,
    /// Its runs, the latest first.
    pub runs: Vec<RunSummary>,
}

/// One plan's page; `NotFound` when there is no such plan.
pub fn detail(conn: &rusqlite::Connection, id: &PlanId) -> Result<PlanDetail> {
    let content = plans::content(conn, id)?;
    let latest = versions::latest(conn, id)?;
    Ok(PlanDetail {
        id: id.clone(),
        status: versions::status(&content, latest.as_ref().map(|(_, c)| c)),
        content,
        versions: versions::list(conn, id)?,
        runs: runs::list(conn, Some(id))?,
    })
}

/// Every plan, by title.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<PlanSummary>> {
    let ids: Vec<PlanId> = conn
        .prepare_cached("SELECT id FROM plans WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter()
        .map(|id| {
            let d = detail(conn, id)?;
            Ok(PlanSummary {
                id: d.id,
                title: d.content.fields.title,
                scenario: d.content.fields.scenario,
                severity: d.content.fields.severity,
                status: d.status,
                versions: d.versions.len() as u32,
                last_drill_at: d.runs.iter().filter(|r| r.kind == RunKind::Drill).map(|r| r.started_at.clone()).max(),
                active_runs: d.runs.iter().filter(|r| r.closed_at.is_none()).count() as u32,
            })
        })
        .collect()
}
