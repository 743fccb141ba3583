//! What each role must take: a role × course table of requirement levels (required,
//! recommended) with the grace days a new hire has, and the agents exempt from a course.
//!
//! A requirement's row id is made from (role, course), so two devices setting the same
//! pair offline write one row and the last writer wins; "none" is a level like the others,
//! not a deleted row, so clearing a cell merges the same way as setting it. An exemption
//! is an element of the agent's set of exempt courses (id from (agent, course), present 1
//! or 0, as case tags), with the reason as a register. Neither says whether anyone is
//! compliant: that is derived on read (compliance.rs).

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::courses;
use crate::ids::{AgentId, CourseId, RoleId, member_id};
use crate::input::{TextRule, check_id};
use crate::people::{ensure_agent, roles};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Most grace days a new hire can be given for a course (a year).
pub const MAX_GRACE_DAYS: u16 = 365;
const REASON: TextRule = TextRule::line("reason", 200, true);

crate::text_enum::text_enum! {
    /// What a role is asked to take of a course.
    pub enum RequirementLevel {
        /// Every agent in the role must hold it: it counts in the compliance matrix.
        Required = "required",
        /// Advised, not counted.
        Recommended = "recommended",
        /// Not asked (a cleared cell keeps its row, so clearing merges as setting does).
        NotAsked = "none",
    }
}

/// One cell of the requirements table, as the editor sends and shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    /// The role.
    pub role_id: RoleId,
    /// The course.
    pub course_id: CourseId,
    /// Required, recommended or none.
    pub level: RequirementLevel,
    /// Days after the hire date a new hire has to complete it (0 to [`MAX_GRACE_DAYS`]).
    pub grace_days: u16,
}

/// An agent's exemption from a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Exemption {
    /// The agent.
    pub agent_id: AgentId,
    /// The course.
    pub course_id: CourseId,
    /// Why (a doctor's note, an equivalent qualification, …).
    pub reason: String,
}

fn unknown(field: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::NotFound { .. } => Error::invalid(field, ValidationRule::InvalidValue),
        e => e,
    }
}

/// Sets one cell of the requirements table. Errors (nothing written): an unknown role or
/// course (`InvalidValue` on `roleId` / `courseId`), grace days above [`MAX_GRACE_DAYS`]
/// (`InvalidValue` with the limit). A retired role keeps its requirements, so they can
/// still be cleared.
pub fn set(tx: &mut WriteTx<'_>, req: &Requirement) -> Result<()> {
    roles::check_choice(tx.conn(), Some(&req.role_id), Some(&req.role_id))?;
    check_id("courseId", req.course_id.as_str())?;
    courses::get(tx.conn(), &req.course_id).map_err(unknown("courseId"))?;
    if req.grace_days > MAX_GRACE_DAYS {
        return Err(Error::Validation {
            field: "graceDays",
            rule: ValidationRule::InvalidValue,
            limit: Some(u32::from(MAX_GRACE_DAYS)),
        });
    }
    tx.upsert(
        Table::TrainingRequirements,
        &member_id(req.role_id.as_str(), req.course_id.as_str()),
        &[
            ("role_id", Value::Text(req.role_id.to_string())),
            ("course_id", Value::Text(req.course_id.to_string())),
            ("level", req.level.into()),
            ("grace_days", Value::Integer(i64::from(req.grace_days))),
        ],
    )?;
    Ok(())
}

/// Every requirement that asks something (level other than none), of live roles and
/// courses.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Requirement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.role_id, q.course_id, q.level, q.grace_days FROM training_requirements q
         JOIN roles r ON r.id = q.role_id AND r.deleted_at IS NULL
         JOIN courses c ON c.id = q.course_id AND c.deleted_at IS NULL
         WHERE q.level <> 'none' AND q.deleted_at IS NULL
         ORDER BY r.position, c.title COLLATE NOCASE, c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Requirement { role_id: r.get(0)?, course_id: r.get(1)?, level: r.get(2)?, grace_days: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Exempts an agent from a course, or replaces the reason. Errors (nothing written): an
/// unknown agent or course (`InvalidValue`), an empty or over-long reason.
pub fn exempt(tx: &mut WriteTx<'_>, exemption: &Exemption) -> Result<()> {
    check_exemption_ids(tx.conn(), &exemption.agent_id, &exemption.course_id)?;
    let reason = REASON.check(&exemption.reason)?;
    tx.upsert(
        Table::TrainingExemptions,
        &member_id(exemption.agent_id.as_str(), exemption.course_id.as_str()),
        &[
            ("agent_id", Value::Text(exemption.agent_id.to_string())),
            ("course_id", Value::Text(exemption.course_id.to_string())),
            ("reason", Value::Text(reason)),
            ("present", Value::Integer(1)),
        ],
    )?;
    Ok(())
}

/// Ends an agent's exemption from a course. Ending one that does not exist is harmless.
pub fn unexempt(tx: &mut WriteTx<'_>, agent: &AgentId, course: &CourseId) -> Result<()> {
    check_exemption_ids(tx.conn(), agent, course)?;
    tx.upsert(
        Table::TrainingExemptions,
        &member_id(agent.as_str(), course.as_str()),
        &[
            ("agent_id", Value::Text(agent.to_string())),
            ("course_id", Value::Text(course.to_string())),
            ("present", Value::Integer(0)),
        ],
    )?;
    Ok(())
}

fn check_exemption_ids(conn: &rusqlite::Connection, agent: &AgentId, course: &CourseId) -> Result<()> {
    check_id("agentId", agent.as_str())?;
    ensure_agent(conn, agent).map_err(unknown("agentId"))?;
    check_id("courseId", course.as_str())?;
    courses::get(conn, course).map_err(unknown("courseId"))?;
    Ok(())
}

/// The live exemptions of live courses, of one agent or (`None`) of everyone.
pub fn exemptions(conn: &rusqlite::Connection, agent: Option<&AgentId>) -> Result<Vec<Exemption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.agent_id, e.course_id, e.reason FROM training_exemptions e
         JOIN courses c ON c.id = e.course_id AND c.deleted_at IS NULL
         WHERE e.present = 1 AND e.deleted_at IS NULL AND (?1 IS NULL OR e.agent_id = ?1)
         ORDER BY c.title COLLATE NOCASE, e.agent_id",
    )?;
    let rows = stmt.query_map([agent], |r| {
        Ok(Exemption { agent_id: r.get(0)?, course_id: r.get(1)?, reason: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
