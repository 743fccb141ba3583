//! Training records: an agent's history of course completions, including those entered
//! without a session (an external certificate, with its issuer).
//!
//! A record is an event: a fact that happened, inserted whole and never edited, merged
//! across devices by union — so two supervisors recording the same agent offline both
//! keep theirs. A re-certification is a new record beside the old one. Its outcome, expiry
//! and status are not stored: they follow from the record, the course's terms and the day
//! asked about (expiry.rs), on every device alike.

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::courses::{self, MAX_SCORE};
use super::expiry::{self, RecordStatus};
use crate::ids::{AgentId, CourseId, SessionId, TrainingRecordId};
use crate::input::{TextRule, check_day_window, check_id, parse_day};
use crate::people::roster::{self, RosterAgent};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const ISSUER: TextRule = TextRule::line("issuer", 120, false);
const NOTE: TextRule = TextRule::block("note", 2_000, false);
/// How far back a completion may be, in days (fifty years, as a hire date).
pub const DAYS_BACK: u32 = roster::DAYS_BACK;

/// What the "Add record" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordInput {
    /// Who completed it.
    pub agent_id: AgentId,
    /// Which course.
    pub course_id: CourseId,
    /// The day it was completed (YYYY-MM-DD): not in the future, not before the hire date.
    pub completed_on: String,
    /// The score, 0–100; required when the course has a pass mark.
    pub score: Option<u8>,
    /// Who certified it, for a certificate from outside (empty for the team's own).
    pub issuer: String,
    /// A note.
    pub note: String,
}

/// A record with what it amounts to on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrainingRecord {
    /// Id.
    pub id: TrainingRecordId,
    /// The course.
    pub course_id: CourseId,
    /// Its title (empty when the course is not here yet: a record synced before it).
    pub course_title: String,
    /// The day it was completed.
    pub completed_on: String,
    /// The score.
    pub score: Option<u8>,
    /// Who certified it (empty for the team's own).
    pub issuer: String,
    /// A note.
    pub note: String,
    /// Earned in a session (the attendance grid); `false` for a record entered on its
    /// own, such as an external certificate, which may carry a file (attachments.rs).
    pub from_session: bool,
    /// Whether the score passed the course's pass mark.
    pub passed: bool,
    /// The first day it no longer counts; `None` when it never expires.
    pub expires_on: Option<String>,
    /// Where it stands on the day asked about.
    pub status: RecordStatus,
}

/// An agent and their training history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgentTraining {
    /// The agent.
    pub agent: RosterAgent,
    /// Their records, the latest completion first.
    pub records: Vec<TrainingRecord>,
}

/// Records a completion; returns its id. Errors (nothing written): an unknown agent or
/// course (`InvalidValue` on `agentId` / `courseId`), a malformed day, one in the future
/// (`TooLate`) or before the agent's hire date (`BeforeHire`), a score above 100
/// (`InvalidValue`) or missing where the course has a pass mark (`Required`), an
/// over-long issuer or note.
pub fn add(tx: &mut WriteTx<'_>, input: &RecordInput) -> Result<TrainingRecordId> {
    add_in(tx, input, None)
}

/// [`add`], of a record earned in `session` (the attendance grid's, sessions.rs) when given.
pub(crate) fn add_in(
    tx: &mut WriteTx<'_>,
    input: &RecordInput,
    session: Option<&SessionId>,
) -> Result<TrainingRecordId> {
    let unknown = |field: &'static str| {
        move |e: Error| match e {
            Error::NotFound { .. } => Error::invalid(field, ValidationRule::InvalidValue),
            e => e,
        }
    };
    check_id("agentId", input.agent_id.as_str())?;
    let agent = roster::get(tx.conn(), &input.agent_id).map_err(unknown("agentId"))?;
    check_id("courseId", input.course_id.as_str())?;
    let course = courses::get(tx.conn(), &input.course_id).map_err(unknown("courseId"))?;
    let day = parse_day(&input.completed_on, "completedOn")?;
    check_day_window(day, crate::settings::today(tx.conn(), tx.now())?, "completedOn", DAYS_BACK, 0)?;
    if agent.hired_on.as_deref().and_then(|h| parse_day(h, "hiredOn").ok()).is_some_and(|hired| day < hired) {
        return Err(Error::invalid("completedOn", ValidationRule::BeforeHire));
    }
    match input.score {
        Some(s) if s > MAX_SCORE => {
            return Err(Error::Validation { field: "score", rule: ValidationRule::InvalidValue, limit: Some(100) });
        }
        None if course.pass_mark.is_some() => {
            return Err(Error::invalid("score", ValidationRule::Required));
        }
        _ => {}
    }
    let issuer = ISSUER.check(&input.issuer)?;
    let note = NOTE.check(&input.note)?;
    let id = TrainingRecordId::new();
    tx.insert(
        Table::TrainingRecords,
        id.as_str(),
        &[
            ("agent_id", Value::Text(input.agent_id.to_string())),
            ("course_id", Value::Text(input.course_id.to_string())),
            ("completed_on", Value::Text(day.to_string())),
            ("score", input.score.map_or(Value::Null, |s| Value::Integer(i64::from(s)))),
            ("issuer", Value::Text(issuer)),
            ("note", Value::Text(note)),
            ("session_id", session.map_or(Value::Null, |s| Value::Text(s.to_string()))),
        ],
    )?;
    Ok(id)
}

/// An agent and their records as they stand on `today` (the workspace's day:
/// [`crate::settings::today`]), the latest completion first.
pub fn history(conn: &rusqlite::Connection, agent: &AgentId, today: NaiveDate) -> Result<AgentTraining> {
    check_id("agentId", agent.as_str())?;
    let agent = roster::get(conn, agent)?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.course_id, coalesce(c.title, ''), r.completed_on, r.score, r.issuer, r.note,
                c.pass_mark, c.validity_months, r.session_id IS NOT NULL
         FROM training_records r LEFT JOIN courses c ON c.id = r.course_id AND c.deleted_at IS NULL
         WHERE r.agent_id = ?1 AND r.deleted_at IS NULL
         ORDER BY r.completed_on DESC, r.id DESC",
    )?;
    let rows = stmt.query_map([&agent.id], |r| {
        let completed_on: String = r.get(3)?;
        let score: Option<u8> = r.get(4)?;
        let pass_mark: Option<u8> = r.get(7)?;
        let validity: Option<u32> = r.get(8)?;
        // A day that does not parse can only come from a broken peer: it counts as never
        // completed rather than failing the whole history.
        let o = NaiveDate::parse_from_str(&completed_on, "%Y-%m-%d")
            .map(|d| expiry::outcome(d, score, pass_mark, validity, today))
            .unwrap_or(expiry::Outcome { passed: false, expires_on: None, status: RecordStatus::Failed });
        Ok(TrainingRecord {
            id: r.get(0)?,
            course_id: r.get(1)?,
            course_title: r.get(2)?,
            completed_on,
            score,
            issuer: r.get(5)?,
            note: r.get(6)?,
            from_session: r.get(9)?,
            passed: o.passed,
            expires_on: o.expires_on.map(|d| d.to_string()),
            status: o.status,
        })
    })?;
    Ok(AgentTraining { agent, records: rows.collect::<Result<_, _>>()? })
}
