//! Training courses: what agents are trained on. A course's pass mark and validity are
//! the terms every record of it is judged by (expiry.rs), read from the course as it is
//! now: correcting a pass mark or a validity corrects every record's outcome. A change of
//! policy that must not reach back is a new course. Every field is a register.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::CourseId;
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// What a course is about.
    pub enum Topic {
        /// The products and services customers ask about.
        ProductKnowledge = "product_knowledge",
        /// Listening, tone, de-escalation, writing.
        ServiceSkills = "service_skills",
        /// The CRM, telephony and other tools.
        CrmTools = "crm_tools",
        /// Data protection, regulation, policies.
        Compliance = "compliance",
        /// Incidents, outages, emergencies.
        CrisisResponse = "crisis_response",
        /// Anything else.
        Other = "other",
    }
}

crate::text_enum::text_enum! {
    /// How a course is given.
    pub enum Mode {
        /// In a room with a trainer.
        Classroom = "classroom",
        /// E-learning or a live online class.
        Online = "online",
        /// Alongside a colleague, on real work.
        OnTheJob = "on_the_job",
    }
}

const TITLE: TextRule = TextRule::line("title", 120, true);
/// Longest course, in minutes (a course of several weeks' working days).
pub const MAX_DURATION_MINUTES: u32 = 60 * 24 * 30;
/// Longest validity, in months.
pub const MAX_VALIDITY_MONTHS: u16 = 120;
/// Highest score and pass mark: scores are percentages.
pub const MAX_SCORE: u8 = 100;

/// What the add and edit forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CourseInput {
    /// Title.
    pub title: String,
    /// Topic.
    pub topic: Topic,
    /// How it is given.
    pub mode: Mode,
    /// How long it takes, in minutes (1 to [`MAX_DURATION_MINUTES`]).
    pub duration_minutes: u32,
    /// How many months a completion counts (1 to [`MAX_VALIDITY_MONTHS`]); `None`: for
    /// good.
    pub validity_months: Option<u16>,
    /// The lowest passing score (0–100); `None`: completing it is passing it.
    pub pass_mark: Option<u8>,
}

/// A course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Course {
    /// Id.
    pub id: CourseId,
    /// Title.
    pub title: String,
    /// Topic.
    pub topic: Topic,
    /// How it is given.
    pub mode: Mode,
    /// Minutes.
    pub duration_minutes: u32,
    /// Months a completion counts; `None`: for good.
    pub validity_months: Option<u16>,
    /// The lowest passing score; `None`: completing it is passing it.
    pub pass_mark: Option<u8>,
}

const SELECT: &str =
    "SELECT id, title, topic, mode, duration_minutes, validity_months, pass_mark FROM courses";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Course> {
    Ok(Course {
        id: r.get(0)?,
        title: r.get(1)?,
        topic: r.get(2)?,
        mode: r.get(3)?,
        duration_minutes: r.get(4)?,
        validity_months: r.get(5)?,
        pass_mark: r.get(6)?,
    })
}

/// Every course, by title.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Course>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id"
    ))?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

/// One course; `NotFound` when there is none.
pub fn get(conn: &rusqlite::Connection, id: &CourseId) -> Result<Course> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: "course",
            id: id.to_string(),
        })
}

fn columns(
    conn: &rusqlite::Connection,
    input: &CourseInput,
    except: Option<&CourseId>,
) -> Result<Vec<(&'static str, Value)>> {
    let title = TITLE.check(&input.title)?;
    let taken: bool = conn
        .prepare_cached("SELECT 1 FROM courses WHERE title = ?1 COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?2")?
        .query_row(rusqlite::params![title, except], |_| Ok(()))
        .optional()?
        .is_some();
    if taken {
        return Err(Error::invalid("title", ValidationRule::Duplicate));
    }
    if !(1..=MAX_DURATION_MINUTES).contains(&input.duration_minutes) {
        return Err(Error::Validation {
            field: "durationMinutes",
            rule: ValidationRule::InvalidValue,
            limit: Some(MAX_DURATION_MINUTES),
        });
    }
    if input
        .validity_months
        .is_some_and(|m| !(1..=MAX_VALIDITY_MONTHS).contains(&m))
    {
        return Err(Error::Validation {
            field: "validityMonths",
            rule: ValidationRule::InvalidValue,
            limit: Some(u32::from(MAX_VALIDITY_MONTHS)),
        });
    }
    if input.pass_mark.is_some_and(|m| m > MAX_SCORE) {
        return Err(Error::Validation {
            field: "passMark",
            rule: ValidationRule::InvalidValue,
            limit: Some(100),
        });
    }
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    Ok(vec![
        ("title", Value::Text(title)),
        ("topic", input.topic.into()),
        ("mode", input.mode.into()),
        (
            "duration_minutes",
            Value::Integer(i64::from(input.duration_minutes)),
        ),
        ("validity_months", int(input.validity_months.map(i64::from))),
        ("pass_mark", int(input.pass_mark.map(i64::from))),
    ])
}

/// Adds a course. Errors (nothing written): an empty, over-long or already used title
/// (`Duplicate`), a duration, validity or pass mark out of range (`InvalidValue` with the
/// limit).
pub fn create(tx: &mut WriteTx<'_>, input: &CourseInput) -> Result<CourseId> {
    let values = columns(tx.conn(), input, None)?;
    let id = CourseId::new();
    tx.insert(Table::Courses, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces every field of a course. Errors as [`create`], and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &CourseId, input: &CourseInput) -> Result<()> {
    check_id("id", id.as_str())?;
    get(tx.conn(), id)?;
    let values = columns(tx.conn(), input, Some(id))?;
    tx.upsert(Table::Courses, id.as_str(), &values)?;
    Ok(())
}
