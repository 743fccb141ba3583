//! The roster: the agents a supervisor supervises, as the Training section keeps them —
//! employee id, team, role, hire date, and the day they left (none while active).
//!
//! These are the same rows cases are assigned to (an agent made from a case's assignee
//! picker simply has no employee id or hire date yet). Every field is a register a person
//! sets. An employee id is unique among live agents when given; two devices giving the
//! same one offline both keep theirs until someone corrects one (the write path cannot
//! refuse what it never sees), so lookups never assume uniqueness.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::{NAME, ensure_team, roles};
use crate::ids::{AgentId, RoleId, TeamId};
use crate::input::{TextRule, check_day_window, check_id, parse_day};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const EMPLOYEE_ID: TextRule = TextRule::line("employeeId", 40, false);
/// How far back a hire or leaving date may be, in days (fifty years).
pub const DAYS_BACK: u32 = 18_262;
/// How far ahead a hire or leaving date may be, in days (a new hire starting next year,
/// a notice period).
pub const DAYS_AHEAD: u32 = 366;

/// What the add and edit forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgentInput {
    /// Name.
    pub name: String,
    /// The employer's id for the person; empty when not known.
    pub employee_id: String,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Role.
    pub role_id: Option<RoleId>,
    /// The day they joined (YYYY-MM-DD), when known.
    pub hired_on: Option<String>,
}

/// An agent as the roster shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RosterAgent {
    /// Id.
    pub id: AgentId,
    /// Name.
    pub name: String,
    /// The employer's id; empty when not known.
    pub employee_id: String,
    /// Team.
    pub team_id: Option<TeamId>,
    /// The team's name.
    pub team_name: Option<String>,
    /// Role.
    pub role_id: Option<RoleId>,
    /// The day they joined.
    pub hired_on: Option<String>,
    /// The day they left; `None` while active.
    pub left_on: Option<String>,
}

crate::text_enum::text_enum! {
    /// Whether an agent still works here.
    pub enum Activity {
        /// No leaving date.
        Active = "active",
        /// Has left.
        Left = "left",
    }
}

/// A roster request; `None` means any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RosterQuery {
    /// Only this team.
    pub team_id: Option<TeamId>,
    /// Only this role.
    pub role_id: Option<RoleId>,
    /// Only active agents, or only those who left.
    pub activity: Option<Activity>,
}

const SELECT: &str = "SELECT a.id, a.name, a.employee_id, a.team_id, t.name, nullif(a.role, ''), a.hired_on, a.left_on
    FROM agents a LEFT JOIN teams t ON t.id = a.team_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RosterAgent> {
    Ok(RosterAgent {
        id: r.get(0)?,
        name: r.get(1)?,
        employee_id: r.get(2)?,
        team_id: r.get(3)?,
        team_name: r.get(4)?,
        role_id: r.get(5)?,
        hired_on: r.get(6)?,
        left_on: r.get(7)?,
    })
}

/// The roster, by name.
pub fn roster(conn: &rusqlite::Connection, q: &RosterQuery) -> Result<Vec<RosterAgent>> {
    if let Some(t) = &q.team_id {
        check_id("teamId", t.as_str())?;
    }
    if let Some(r) = &q.role_id {
        check_id("roleId", r.as_str())?;
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE a.deleted_at IS NULL AND (?1 IS NULL OR a.team_id = ?1) AND (?2 IS NULL OR a.role = ?2)
         AND (?3 IS NULL OR (a.left_on IS NULL) = (?3 = 'active'))
         ORDER BY a.name COLLATE NOCASE, a.id"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![q.team_id, q.role_id, q.activity],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One agent.
pub fn get(conn: &rusqlite::Connection, id: &AgentId) -> Result<RosterAgent> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE a.id = ?1 AND a.deleted_at IS NULL"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: "agent",
        id: id.to_string(),
    })
}

/// Checks the form; returns the columns to write. `before` is the agent being edited.
fn columns(
    tx: &WriteTx<'_>,
    input: &AgentInput,
    before: Option<&RosterAgent>,
) -> Result<Vec<(&'static str, Value)>> {
    let name = NAME.check(&input.name)?;
    let employee_id = EMPLOYEE_ID.check(&input.employee_id)?;
    if !employee_id.is_empty() && employee_id_taken(tx.conn(), &employee_id, before.map(|b| &b.id))?
    {
        return Err(Error::invalid("employeeId", ValidationRule::Duplicate));
    }
    if let Some(t) = &input.team_id {
        check_id("teamId", t.as_str())?;
        ensure_team(tx.conn(), t)
            .map_err(|_| Error::invalid("teamId", ValidationRule::InvalidValue))?;
    }
    roles::check_choice(
        tx.conn(),
        input.role_id.as_ref(),
        before.and_then(|b| b.role_id.as_ref()),
    )?;
    let hired_on = input
        .hired_on
        .as_deref()
        .map(|d| check_date(tx, d, "hiredOn"))
        .transpose()?;
    if let (Some(hired), Some(left)) = (&hired_on, before.and_then(|b| b.left_on.as_deref())) {
        // Dates are YYYY-MM-DD, so text order is day order.
        if left < hired.as_str() {
            return Err(Error::invalid("hiredOn", ValidationRule::BeforeHire));
        }
    }
    let opt = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    let mut values = vec![
        ("name", Value::Text(name)),
        (
            "team_id",
            opt(input.team_id.as_ref().map(ToString::to_string)),
        ),
    ];
    // A fresh agent without roster facts writes none (as one made from the case pickers).
    let roster_facts = [
        (
            "employee_id",
            Value::Text(employee_id),
            before.is_some() || !input.employee_id.trim().is_empty(),
        ),
        (
            "role",
            Value::Text(
                input
                    .role_id
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            before.is_some() || input.role_id.is_some(),
        ),
        (
            "hired_on",
            opt(hired_on),
            before.is_some() || input.hired_on.is_some(),
        ),
    ];
    values.extend(
        roster_facts
            .into_iter()
            .filter(|(_, _, write)| *write)
            .map(|(c, v, _)| (c, v)),
    );
    Ok(values)
}

fn employee_id_taken(
    conn: &rusqlite::Connection,
    employee_id: &str,
    except: Option<&AgentId>,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM agents WHERE employee_id = ?1 COLLATE NOCASE AND employee_id <> '' AND deleted_at IS NULL
             AND id IS NOT ?2",
        )?
        .query_row(rusqlite::params![employee_id, except], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A hire or leaving date: YYYY-MM-DD within its window around today.
fn check_date(tx: &WriteTx<'_>, day: &str, field: &'static str) -> Result<String> {
    let d = parse_day(day, field)?;
    check_day_window(
        d,
        crate::settings::today(tx.conn(), tx.now())?,
        field,
        DAYS_BACK,
        DAYS_AHEAD,
    )?;
    Ok(d.to_string())
}

/// Adds an agent to the roster. Errors (nothing written): an empty or over-long name, an
/// employee id another live agent has (`Duplicate`), an unknown team or an unknown or
/// retired role (`InvalidValue`), a hire date that is malformed or out of its window.
pub fn create(tx: &mut WriteTx<'_>, input: &AgentInput) -> Result<AgentId> {
    let values = columns(tx, input, None)?;
    let id = AgentId::new();
    tx.insert(Table::Agents, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces the roster facts of an agent (its leaving date aside: [`set_left`]). Errors
/// as [`create`], and a hire date after the agent's leaving date (`BeforeHire`).
pub fn update(tx: &mut WriteTx<'_>, id: &AgentId, input: &AgentInput) -> Result<()> {
    check_id("id", id.as_str())?;
    let before = get(tx.conn(), id)?;
    let values = columns(tx, input, Some(&before))?;
    tx.upsert(Table::Agents, id.as_str(), &values)?;
    Ok(())
}

/// Marks an agent as left on `left_on` (YYYY-MM-DD), or active again with `None`. The
/// agent stays on their cases and keeps their training history. Errors: a malformed day,
/// one out of its window, one before the hire date (`BeforeHire` on `leftOn`).
pub fn set_left(tx: &mut WriteTx<'_>, id: &AgentId, left_on: Option<&str>) -> Result<()> {
    check_id("id", id.as_str())?;
    let agent = get(tx.conn(), id)?;
    let left = left_on.map(|d| check_date(tx, d, "leftOn")).transpose()?;
    if let (Some(left), Some(hired)) = (&left, &agent.hired_on)
        && left < hired
    {
        return Err(Error::invalid("leftOn", ValidationRule::BeforeHire));
    }
    tx.upsert(
        Table::Agents,
        id.as_str(),
        &[("left_on", left.map_or(Value::Null, Value::Text))],
    )?;
    Ok(())
}
