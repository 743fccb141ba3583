//! Training sessions: a course held on a day by a trainer at a place, with a number of
//! places; the agents enrolled in it; and the attendance grid that turns a session into
//! training records.
//!
//! A session's fields are registers. Enrolments are a set per session (id made from
//! (session, agent), present 1 or 0, as exemptions), so two supervisors enrolling agents
//! offline both keep theirs, and a withdrawal merges per agent. Whether an enrolled agent
//! attended is a register the grid sets. A score is not stored on the enrolment: saving
//! attendance writes a training record (an event, with the session's id and the session's
//! day as its completion day), so its outcome and expiry follow from the course's pass mark
//! and validity like any record's (expiry.rs), and a result once recorded is never edited
//! (a correction is a new record). Counts — enrolled, attended, passed — are derived on
//! read, never stored.
//!
//! Capacity is checked where the enrolment is made; two devices that each fill the last
//! place offline can together exceed it, which the session page shows (enrolled above
//! capacity) rather than dropping anyone's enrolment.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::courses::{self, Course, MAX_SCORE};
use super::expiry;
use super::records::{self, RecordInput};
use crate::ids::{AgentId, CourseId, SessionId, member_id};
use crate::input::{TextRule, check_count, check_day_window, check_id, parse_day};
use crate::people::roster;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const TRAINER: TextRule = TextRule::line("trainer", 120, true);
const PLACE: TextRule = TextRule::line("place", 120, false);
/// Most places a session can have.
pub const MAX_CAPACITY: u32 = 500;
/// How far back a session's day may be, in days (as a completion's).
pub const DAYS_BACK: u32 = records::DAYS_BACK;
/// How far ahead a session can be planned, in days.
pub const DAYS_AHEAD: u32 = 366;

/// What the session form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionInput {
    /// The course held.
    pub course_id: CourseId,
    /// The day (YYYY-MM-DD).
    pub held_on: String,
    /// Who gives it.
    pub trainer: String,
    /// Where (a room, an address, a meeting link's name); may be empty.
    pub place: String,
    /// How many agents it has places for (1 to [`MAX_CAPACITY`]).
    pub capacity: u32,
}

/// A session with its derived counts, as the sessions list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Id.
    pub id: SessionId,
    /// The course.
    pub course_id: CourseId,
    /// Its title (empty when the course is not here yet).
    pub course_title: String,
    /// The day.
    pub held_on: String,
    /// Who gives it.
    pub trainer: String,
    /// Where.
    pub place: String,
    /// Places.
    pub capacity: u32,
    /// Agents enrolled.
    pub enrolled: u32,
    /// Enrolled agents marked as attended.
    pub attended: u32,
    /// Records from this session that passed.
    pub passed: u32,
}

/// The result an enrolled agent got in the session: their training record from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionResult {
    /// The score, when there is one.
    pub score: Option<u8>,
    /// Whether it passed the course's pass mark.
    pub passed: bool,
    /// The first day it no longer counts; `None` when it never expires.
    pub expires_on: Option<String>,
}

/// One row of the attendance grid: an enrolled agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub name: String,
    /// Their employee id.
    pub employee_id: String,
    /// The day they left, when they have (they still show: they were enrolled).
    pub left_on: Option<String>,
    /// Marked as attended.
    pub attended: bool,
    /// Their record from this session, once saved (then the row is no longer edited).
    pub result: Option<SessionResult>,
}

/// A session's page: the session, its course's terms and the attendance grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionDetail {
    /// The session and its counts.
    pub session: Session,
    /// The course's pass mark (`None`: attending is passing).
    pub pass_mark: Option<u8>,
    /// The course's validity in months (`None`: never expires).
    pub validity_months: Option<u16>,
    /// The enrolled agents, by name.
    pub attendees: Vec<Attendee>,
}

/// One row the attendance grid saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRow {
    /// The enrolled agent.
    pub agent_id: AgentId,
    /// Whether they attended (a score implies it).
    pub attended: bool,
    /// Their score, 0–100; taken as a wider number so an out-of-range one is refused
    /// with the range rather than failing to parse.
    pub score: Option<i32>,
}

/// What saving the attendance grid did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttendanceSaved {
    /// Training records written.
    pub records: u32,
}

fn unknown(field: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::NotFound { .. } => Error::invalid(field, ValidationRule::InvalidValue),
        e => e,
    }
}

const SELECT: &str =
    "SELECT s.id, s.course_id, coalesce(c.title, ''), s.held_on, s.trainer, s.place, s.capacity,
        (SELECT count(*) FROM training_enrolments e
         WHERE e.session_id = s.id AND e.present = 1 AND e.deleted_at IS NULL),
        (SELECT count(*) FROM training_enrolments e
         WHERE e.session_id = s.id AND e.present = 1 AND e.attended = 1 AND e.deleted_at IS NULL),
        c.pass_mark
    FROM training_sessions s LEFT JOIN courses c ON c.id = s.course_id AND c.deleted_at IS NULL";

fn from_row(conn: &rusqlite::Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<Session> {
    let id: SessionId = r.get(0)?;
    let pass_mark: Option<u8> = r.get(9)?;
    // Passed is derived from the records, as each record's outcome is: an enrolled
    // agent's latest record from the session (two devices can each have saved one).
    let mut stmt = conn.prepare_cached(
        "SELECT r.agent_id, r.score FROM training_records r
         JOIN training_enrolments e ON e.session_id = r.session_id AND e.agent_id = r.agent_id
              AND e.present = 1 AND e.deleted_at IS NULL
         WHERE r.session_id = ?1 AND r.deleted_at IS NULL
         ORDER BY r.agent_id, r.created_at DESC, r.id DESC",
    )?;
    let scores = stmt.query_map([&id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<u8>>(1)?))
    })?;
    let mut passed = 0;
    let mut last: Option<String> = None;
    for row in scores {
        let (agent, score) = row?;
        if last.as_ref() != Some(&agent) {
            passed += u32::from(expiry::passed(pass_mark, score));
            last = Some(agent);
        }
    }
    Ok(Session {
        id,
        course_id: r.get(1)?,
        course_title: r.get(2)?,
        held_on: r.get(3)?,
        trainer: r.get(4)?,
        place: r.get(5)?,
        capacity: r.get(6)?,
        enrolled: r.get(7)?,
        attended: r.get(8)?,
        passed,
    })
}

/// The sessions of one course, or (`None`) of every course, the latest first.
pub fn list(conn: &rusqlite::Connection, course: Option<&CourseId>) -> Result<Vec<Session>> {
    if let Some(c) = course {
        check_id("courseId", c.as_str())?;
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.deleted_at IS NULL AND (?1 IS NULL OR s.course_id = ?1)
         ORDER BY s.held_on DESC, s.id DESC"
    ))?;
    let rows = stmt.query_map([course], |r| from_row(conn, r))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One session; `NotFound` when there is none.
pub fn get(conn: &rusqlite::Connection, id: &SessionId) -> Result<Session> {
    check_id("id", id.as_str())?;
    conn.prepare_cached(&format!(
        "{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"
    ))?
    .query_row([id], |r| from_row(conn, r))
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: "session",
        id: id.to_string(),
    })
}

/// A session's page: the session, its course's terms and every enrolled agent with their
/// attendance and result.
pub fn detail(conn: &rusqlite::Connection, id: &SessionId) -> Result<SessionDetail> {
    let session = get(conn, id)?;
    let course = courses::get(conn, &session.course_id).ok();
    let pass_mark = course.as_ref().and_then(|c| c.pass_mark);
    let validity = course.as_ref().and_then(|c| c.validity_months);
    let held_on = NaiveDate::parse_from_str(&session.held_on, "%Y-%m-%d").ok();
    let mut stmt = conn.prepare_cached(
        "SELECT e.agent_id, coalesce(a.name, ''), coalesce(a.employee_id, ''), a.left_on, e.attended,
                (SELECT r.score FROM training_records r
                 WHERE r.session_id = e.session_id AND r.agent_id = e.agent_id AND r.deleted_at IS NULL
                 ORDER BY r.created_at DESC, r.id DESC LIMIT 1),
                EXISTS (SELECT 1 FROM training_records r
                 WHERE r.session_id = e.session_id AND r.agent_id = e.agent_id AND r.deleted_at IS NULL)
         FROM training_enrolments e LEFT JOIN agents a ON a.id = e.agent_id
         WHERE e.session_id = ?1 AND e.present = 1 AND e.deleted_at IS NULL
         ORDER BY a.name COLLATE NOCASE, e.agent_id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let score: Option<u8> = r.get(5)?;
        let recorded: bool = r.get(6)?;
        let result = recorded.then(|| {
            let passed = expiry::passed(pass_mark, score);
            let expires_on = held_on
                .filter(|_| passed)
                .and_then(|d| expiry::expires_on(d, validity.map(u32::from)))
                .map(|d| d.to_string());
            SessionResult {
                score,
                passed,
                expires_on,
            }
        });
        Ok(Attendee {
            agent_id: r.get(0)?,
            name: r.get(1)?,
            employee_id: r.get(2)?,
            left_on: r.get(3)?,
            attended: r.get::<_, bool>(4)? || recorded,
            result,
        })
    })?;
    Ok(SessionDetail {
        session,
        pass_mark,
        validity_months: validity,
        attendees: rows.collect::<Result<_, _>>()?,
    })
}

fn columns(tx: &WriteTx<'_>, input: &SessionInput) -> Result<(Course, Vec<(&'static str, Value)>)> {
    check_id("courseId", input.course_id.as_str())?;
    let course = courses::get(tx.conn(), &input.course_id).map_err(unknown("courseId"))?;
    let day = parse_day(&input.held_on, "heldOn")?;
    check_day_window(
        day,
        crate::settings::today(tx.conn(), tx.now())?,
        "heldOn",
        DAYS_BACK,
        DAYS_AHEAD,
    )?;
    let trainer = TRAINER.check(&input.trainer)?;
    let place = PLACE.check(&input.place)?;
    if !(1..=MAX_CAPACITY).contains(&input.capacity) {
        return Err(Error::Validation {
            field: "capacity",
            rule: ValidationRule::InvalidValue,
            limit: Some(MAX_CAPACITY),
        });
    }
    Ok((
        course,
        vec![
            ("course_id", Value::Text(input.course_id.to_string())),
            ("held_on", Value::Text(day.to_string())),
            ("trainer", Value::Text(trainer)),
            ("place", Value::Text(place)),
            ("capacity", Value::Integer(i64::from(input.capacity))),
        ],
    ))
}

/// Schedules a session; returns its id. Errors (nothing written): an unknown course
/// (`InvalidValue` on `courseId`), a malformed day or one out of its window (`TooEarly`,
/// `TooLate` on `heldOn`), an empty or over-long trainer, an over-long place, a capacity
/// of 0 or above [`MAX_CAPACITY`] (`InvalidValue` with the limit).
pub fn create(tx: &mut WriteTx<'_>, input: &SessionInput) -> Result<SessionId> {
    let (_, values) = columns(tx, input)?;
    let id = SessionId::new();
    tx.insert(Table::TrainingSessions, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces a session's fields. Errors as [`create`], and `NotFound`; a capacity below the
/// agents enrolled (`OverCapacity` on `capacity`, with the number enrolled); another course
/// once results are recorded (`Recorded` on `courseId`): they are records of the first.
pub fn update(tx: &mut WriteTx<'_>, id: &SessionId, input: &SessionInput) -> Result<()> {
    let before = get(tx.conn(), id)?;
    let (_, values) = columns(tx, input)?;
    if input.capacity < before.enrolled {
        return Err(Error::Validation {
            field: "capacity",
            rule: ValidationRule::OverCapacity,
            limit: Some(before.enrolled),
        });
    }
    if input.course_id != before.course_id && recorded_count(tx.conn(), id)? > 0 {
        return Err(Error::invalid("courseId", ValidationRule::Recorded));
    }
    tx.upsert(Table::TrainingSessions, id.as_str(), &values)?;
    Ok(())
}

fn recorded_count(conn: &rusqlite::Connection, id: &SessionId) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM training_records WHERE session_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| r.get(0))?)
}

fn enrolled(conn: &rusqlite::Connection, session: &SessionId, agent: &AgentId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM training_enrolments WHERE id = ?1 AND present = 1 AND deleted_at IS NULL",
        )?
        .query_row([member_id(session.as_str(), agent.as_str())], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Most agents enrolled in one call.
pub const MAX_ENROL: usize = MAX_CAPACITY as usize;

/// Enrols agents in a session (those already enrolled stay as they are). Errors (nothing
/// written): an unknown session (`NotFound`), an unknown agent (`InvalidValue` on
/// `agentIds`), an agent who has left (`AgentLeft` on `agentIds`), more agents than the
/// places left (`OverCapacity` on `agentIds`, with the capacity).
pub fn enrol(tx: &mut WriteTx<'_>, session: &SessionId, agents: &[AgentId]) -> Result<()> {
    let s = get(tx.conn(), session)?;
    check_count("agentIds", agents.len(), MAX_ENROL)?;
    let mut new: Vec<&AgentId> = Vec::new();
    for a in agents {
        check_id("agentIds", a.as_str())?;
        let agent = roster::get(tx.conn(), a).map_err(unknown("agentIds"))?;
        if agent.left_on.is_some() {
            return Err(Error::invalid("agentIds", ValidationRule::AgentLeft));
        }
        if !enrolled(tx.conn(), session, a)? && !new.contains(&a) {
            new.push(a);
        }
    }
    if s.enrolled as usize + new.len() > s.capacity as usize {
        return Err(Error::Validation {
            field: "agentIds",
            rule: ValidationRule::OverCapacity,
            limit: Some(s.capacity),
        });
    }
    for a in new {
        tx.upsert(
            Table::TrainingEnrolments,
            &member_id(session.as_str(), a.as_str()),
            &[
                ("session_id", Value::Text(session.to_string())),
                ("agent_id", Value::Text(a.to_string())),
                ("present", Value::Integer(1)),
            ],
        )?;
    }
    Ok(())
}

/// Withdraws an agent from a session. Withdrawing one not enrolled is harmless; a result
/// already recorded stays in the agent's history.
pub fn withdraw(tx: &mut WriteTx<'_>, session: &SessionId, agent: &AgentId) -> Result<()> {
    get(tx.conn(), session)?;
    check_id("agentId", agent.as_str())?;
    if !enrolled(tx.conn(), session, agent)? {
        return Ok(());
    }
    tx.upsert(
        Table::TrainingEnrolments,
        &member_id(session.as_str(), agent.as_str()),
        &[("present", Value::Integer(0))],
    )?;
    Ok(())
}

/// Saves the attendance grid in one transaction: each row's attendance, and a training
/// record (completed on the session's day) for each attendee with a score — or, for a
/// course without a pass mark, for each attendee. A row already recorded must come back
/// as it is. Returns how many records were written.
///
/// Errors (nothing written): an unknown session (`NotFound`), an agent not enrolled
/// (`InvalidValue` on `agentId`), a score outside 0–100 (`InvalidValue` on `score`, limit
/// 100), a recorded result changed (`Recorded` on `score`), a session in the future
/// (`TooLate` on `completedOn`) or before an attendee's hire date (`BeforeHire`).
pub fn save_attendance(
    tx: &mut WriteTx<'_>,
    session: &SessionId,
    rows: &[AttendanceRow],
) -> Result<AttendanceSaved> {
    let detail = detail(tx.conn(), session)?;
    check_count("rows", rows.len(), MAX_ENROL)?;
    let by_agent: HashMap<&AgentId, &Attendee> =
        detail.attendees.iter().map(|a| (&a.agent_id, a)).collect();
    let mut written = 0;
    for row in rows {
        let Some(attendee) = by_agent.get(&row.agent_id) else {
            return Err(Error::invalid("agentId", ValidationRule::InvalidValue));
        };
        let score = match row.score {
            None => None,
            Some(s) => match u8::try_from(s).ok().filter(|s| *s <= MAX_SCORE) {
                Some(s) => Some(s),
                None => {
                    return Err(Error::Validation {
                        field: "score",
                        rule: ValidationRule::InvalidValue,
                        limit: Some(u32::from(MAX_SCORE)),
                    });
                }
            },
        };
        let attended = row.attended || score.is_some();
        if let Some(result) = &attendee.result {
            if !attended || score.is_some_and(|s| Some(s) != result.score) {
                return Err(Error::invalid("score", ValidationRule::Recorded));
            }
            continue;
        }
        tx.upsert(
            Table::TrainingEnrolments,
            &member_id(session.as_str(), row.agent_id.as_str()),
            &[("attended", Value::Integer(i64::from(attended)))],
        )?;
        if attended && (score.is_some() || detail.pass_mark.is_none()) {
            records::add_in(
                tx,
                &RecordInput {
                    agent_id: row.agent_id.clone(),
                    course_id: detail.session.course_id.clone(),
                    completed_on: detail.session.held_on.clone(),
                    score,
                    issuer: String::new(),
                    note: String::new(),
                },
                Some(session),
            )?;
            written += 1;
        }
    }
    Ok(AttendanceSaved { records: written })
}
