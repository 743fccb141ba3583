//! Cases linked to runs — the complaints an outage caused, the incidents a drill found —
//! as a set: one row per (run, case) whose `present` flag is its own register, so two
//! devices linking and unlinking offline merge per link (as article and insight links do).
//! A case can also be created from a run: through the case path and linked in the same
//! transaction.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::runs::{self, RunSummary};
use crate::Result;
use crate::cases::{self, CaseStatus, NewCase};
use crate::ids::{CaseId, PlanRunId};
use crate::store::{Table, WriteTx};

/// Most cases linked to one run.
pub const MAX_PER_RUN: usize = 1_000;

/// A case linked to a run, for the run page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunCase {
    /// Id.
    pub id: CaseId,
    /// Reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Status now.
    pub status: CaseStatus,
}

/// Links a case to a run (linking twice is harmless; a closed run takes links too: its
/// cases often come in afterwards). Errors (nothing written): an unknown run or case
/// (`NotFound`), more than [`MAX_PER_RUN`] cases on the run (`TooMany` on `caseIds`).
pub fn link(tx: &mut WriteTx<'_>, run: &PlanRunId, case: &CaseId) -> Result<()> {
    runs::head(tx.conn(), run)?;
    cases::get(tx.conn(), case)?;
    let linked = for_run(tx.conn(), run)?;
    if linked.iter().any(|c| &c.id == case) {
        return Ok(());
    }
    crate::input::check_count("caseIds", linked.len() + 1, MAX_PER_RUN)?;
    set(tx, run, case, true)
}

/// Removes a link; one that is not there is harmless. `NotFound` for an unknown run.
pub fn unlink(tx: &mut WriteTx<'_>, run: &PlanRunId, case: &CaseId) -> Result<()> {
    runs::head(tx.conn(), run)?;
    crate::input::check_id("caseId", case.as_str())?;
    if for_run(tx.conn(), run)?.iter().any(|c| &c.id == case) {
        set(tx, run, case, false)?;
    }
    Ok(())
}

/// Creates a case through the case path and links it to the run, in the caller's one
/// transaction; returns its id. Errors (nothing written): an unknown run (`NotFound`), the
/// case path's own (an empty title…), more than [`MAX_PER_RUN`] cases on the run.
pub fn create_case(tx: &mut WriteTx<'_>, run: &PlanRunId, input: &NewCase) -> Result<CaseId> {
    runs::head(tx.conn(), run)?;
    let id = cases::create(tx, input)?;
    link(tx, run, &id)?;
    Ok(id)
}

fn set(tx: &mut WriteTx<'_>, run: &PlanRunId, case: &CaseId, present: bool) -> Result<()> {
    tx.upsert(
        Table::RunCases,
        &crate::ids::member_id(run.as_str(), &format!("case:{case}")),
        &[
            ("run_id", Value::Text(run.to_string())),
            ("case_id", Value::Text(case.to_string())),
            ("present", Value::Integer(i64::from(present))),
        ],
    )?;
    Ok(())
}

/// The live cases linked to a run, the newest first. `NotFound` for an unknown run.
pub fn for_run(conn: &rusqlite::Connection, run: &PlanRunId) -> Result<Vec<RunCase>> {
    runs::head(conn, run)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.ref, c.title, c.status FROM run_cases l JOIN cases c ON c.id = l.case_id
         WHERE l.run_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.created_at DESC, c.id DESC",
    )?;
    let rows = stmt.query_map([run], |r| {
        Ok(RunCase { id: r.get(0)?, reference: r.get(1)?, title: r.get(2)?, status: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live runs a case is linked to, the latest started first. `NotFound` for an unknown
/// case.
pub fn runs_of_case(conn: &rusqlite::Connection, case: &CaseId) -> Result<Vec<RunSummary>> {
    cases::get(conn, case)?;
    let ids: Vec<PlanRunId> = conn
        .prepare_cached(
            "SELECT l.run_id FROM run_cases l JOIN plan_runs r ON r.id = l.run_id AND r.deleted_at IS NULL
             WHERE l.case_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL
             ORDER BY r.started_at DESC, r.id DESC",
        )?
        .query_map([case], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| runs::summary(conn, id)).collect()
}
