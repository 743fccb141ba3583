//! Bulk actions on a multi-selection: assign, close, tag — in one transaction, with an
//! undo record of what each case was before, so one confirmation can be taken back.
//!
//! Undo is not a rollback: it writes the previous values again as new changes (with new
//! timeline events), because the first action may already have synced elsewhere.

use serde::{Deserialize, Serialize};

use super::model::CaseStatus;
use super::store::{self, Resolution};
use super::workflow::{self, CaseAction};
use crate::ids::{AgentId, CaseId, TeamId};
use crate::input::check_count;
use crate::store::WriteTx;
use crate::{Error, Result, ValidationRule};

/// Most cases one bulk action may touch, and so most priors one undo takes back.
pub const MAX_BULK: usize = 1000;

/// What to do to every selected case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "action", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum BulkAction {
    /// Assign to an agent (None: unassign).
    Assign {
        /// The agent.
        assignee: Option<AgentId>,
    },
    /// Close. Resolved cases close directly; active ones are resolved with `resolution`
    /// first, or skipped when none is given.
    Close {
        /// Root cause and summary for cases not yet resolved.
        resolution: Option<Resolution>,
    },
    /// Add a tag.
    AddTag {
        /// The tag.
        tag: String,
    },
    /// Remove a tag.
    RemoveTag {
        /// The tag.
        tag: String,
    },
}

/// A case as it was before a bulk action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Prior {
    /// The case.
    pub id: CaseId,
    /// Its status.
    pub status: CaseStatus,
    /// Its assignee.
    pub assignee_id: Option<AgentId>,
    /// Its team.
    pub team_id: Option<TeamId>,
    /// Its tags.
    pub tags: Vec<String>,
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BulkOutcome {
    /// Cases changed, as they were before (pass to [`undo`]).
    pub changed: Vec<Prior>,
    /// Cases left alone because the action does not apply (e.g. closing an active case
    /// without a resolution) or their status does not allow it (assigning a closed case).
    pub skipped: Vec<CaseId>,
}

/// Applies `action` to `ids` in the caller's transaction.
pub fn apply(tx: &mut WriteTx<'_>, ids: &[CaseId], action: &BulkAction) -> Result<BulkOutcome> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", ValidationRule::Required));
    }
    check_count("ids", ids.len(), MAX_BULK)?;
    if let BulkAction::AddTag { tag } | BulkAction::RemoveTag { tag } = action {
        store::TAG.check(tag)?;
    }
    let mut out = BulkOutcome { changed: Vec::new(), skipped: Vec::new() };
    for id in ids {
        let case = store::get(tx.conn(), id)?;
        let prior = Prior {
            id: id.clone(),
            status: case.status,
            assignee_id: case.assignee_id.clone(),
            team_id: case.team_id.clone(),
            tags: case.tags.clone(),
        };
        let applied = match action {
            BulkAction::Assign { assignee } => {
                if case.assignee_id == *assignee || !workflow::allows(case.status, CaseAction::Assign) {
                    false
                } else {
                    store::assign(tx, id, assignee.as_ref(), case.team_id.as_ref())?;
                    true
                }
            }
            BulkAction::Close { resolution } => match case.status {
                CaseStatus::Closed => false,
                CaseStatus::Resolved => {
                    store::transition(tx, id, CaseStatus::Closed, None)?;
                    true
                }
                _ => match resolution {
                    Some(r) => {
                        store::transition(tx, id, CaseStatus::Resolved, Some(r))?;
                        store::transition(tx, id, CaseStatus::Closed, None)?;
                        true
                    }
                    None => false,
                },
            },
            BulkAction::AddTag { tag } => {
                if case.tags.iter().any(|t| t == tag.trim()) || !workflow::allows(case.status, CaseAction::SetTags) {
                    false
                } else {
                    let mut tags = case.tags.clone();
                    tags.push(tag.clone());
                    store::set_tags(tx, id, &tags)?;
                    true
                }
            }
            BulkAction::RemoveTag { tag } => {
                let tags: Vec<String> = case.tags.iter().filter(|t| *t != tag.trim()).cloned().collect();
                if tags.len() == case.tags.len() || !workflow::allows(case.status, CaseAction::SetTags) {
                    false
                } else {
                    store::set_tags(tx, id, &tags)?;
                    true
                }
            }
        };
        if applied { out.changed.push(prior) } else { out.skipped.push(id.clone()) }
    }
    Ok(out)
}

/// Puts every case back as it was in `priors`, through valid workflow moves.
///
/// The status goes back first: a case closed since (by this action or anyone) takes no
/// assignment or tags until reopened, and the prior status always allows them, since
/// bulk actions skip cases whose status does not.
pub fn undo(tx: &mut WriteTx<'_>, priors: &[Prior]) -> Result<()> {
    check_count("changed", priors.len(), MAX_BULK)?;
    for p in priors {
        let case = store::get(tx.conn(), &p.id)?;
        if case.status != p.status {
            // Bulk actions only move cases forward (to resolved/closed), so going back is a
            // reopen, then one valid move from open. "New" cannot be re-entered: such a
            // case stays open.
            if case.status != CaseStatus::Open {
                store::transition(tx, &p.id, CaseStatus::Open, None)?;
            }
            if !matches!(p.status, CaseStatus::Open | CaseStatus::New) {
                let resolution = Resolution {
                    root_cause: case.root_cause.clone().unwrap_or_default(),
                    resolution_summary: case.resolution_summary.clone().unwrap_or_default(),
                };
                store::transition(tx, &p.id, p.status, Some(&resolution))?;
            }
        }
        if case.assignee_id != p.assignee_id || case.team_id != p.team_id {
            store::assign_as_before(tx, &p.id, p.assignee_id.as_ref(), p.team_id.as_ref())?;
        }
        if case.tags != p.tags {
            store::set_tags(tx, &p.id, &p.tags)?;
        }
    }
    Ok(())
}
