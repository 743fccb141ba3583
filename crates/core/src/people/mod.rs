//! Agents and teams: the people a supervisor assigns cases to (not necessarily app users).
//!
//! - [`roster`]: the same agents as the Training section keeps them (employee id, role,
//!   hire and leaving dates).
//! - [`roles`]: the roles they hold, a list the team edits.

pub mod roles;
pub mod roster;

pub use roles::Role;
pub use roster::{Activity, AgentInput, RosterAgent, RosterQuery};

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{AgentId, TeamId};
use crate::input::TextRule;
use crate::store::{Table, WriteTx};
use crate::{Error, Result};

/// An agent as the assignment pickers show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// Id.
    pub id: AgentId,
    /// Name.
    pub name: String,
    /// Team.
    pub team_id: Option<TeamId>,
    /// The team's name.
    pub team_name: Option<String>,
    /// The day they left; `None` while active. Pickers of new work leave them out, and
    /// what already names them still shows their name.
    pub left_on: Option<String>,
}

/// A team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Team {
    /// Id.
    pub id: TeamId,
    /// Name.
    pub name: String,
    /// The calendar its cases count in; `None` for the workspace's.
    pub calendar_id: Option<crate::ids::CalendarId>,
}

pub(crate) const NAME: TextRule = TextRule::line("name", 120, true);

/// Creates a team.
pub fn create_team(tx: &mut WriteTx<'_>, name: &str) -> Result<TeamId> {
    let id = TeamId::new();
    tx.insert(Table::Teams, id.as_str(), &[("name", Value::Text(NAME.check(name)?))])?;
    Ok(id)
}

/// Creates an agent, optionally in a team, with no roster facts yet (the case pickers'
/// quick add; [`roster::create`] takes them all).
pub fn create_agent(tx: &mut WriteTx<'_>, name: &str, team: Option<&TeamId>) -> Result<AgentId> {
    let input =
        AgentInput { name: name.to_owned(), employee_id: String::new(), team_id: team.cloned(), role_id: None, hired_on: None };
    roster::create(tx, &input)
}

/// Every agent, by name.
pub fn agents(conn: &rusqlite::Connection) -> Result<Vec<Agent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.name, a.team_id, t.name, a.left_on FROM agents a LEFT JOIN teams t ON t.id = a.team_id
         WHERE a.deleted_at IS NULL ORDER BY a.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Agent { id: r.get(0)?, name: r.get(1)?, team_id: r.get(2)?, team_name: r.get(3)?, left_on: r.get(4)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every team, by name.
pub fn teams(conn: &rusqlite::Connection) -> Result<Vec<Team>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, calendar_id FROM teams WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| Ok(Team { id: r.get(0)?, name: r.get(1)?, calendar_id: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The agent called `name` (exactly, ignoring case); the first made when several are.
pub fn find_agent(conn: &rusqlite::Connection, name: &str) -> Result<AgentId> {
    conn.prepare_cached(
        "SELECT id FROM agents WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
    )?
    .query_row([name.trim()], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "agent", id: name.trim().to_owned() })
}

/// The team called `name` (exactly, ignoring case); the first made when several are.
pub fn find_team(conn: &rusqlite::Connection, name: &str) -> Result<TeamId> {
    conn.prepare_cached(
        "SELECT id FROM teams WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
    )?
    .query_row([name.trim()], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "team", id: name.trim().to_owned() })
}

/// Fails with `NotFound` unless the agent exists.
pub fn ensure_agent(conn: &rusqlite::Connection, id: &AgentId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM agents WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "agent", id: id.to_string() })
}

/// Fails unless the agent exists (`NotFound`) and has not left (`AgentLeft` on `field`):
/// for picking an agent for new work. `keep` (the agent already there) is let through,
/// so a form saved unchanged never fails over someone who left since.
pub fn ensure_active_agent(
    conn: &rusqlite::Connection,
    id: &AgentId,
    keep: Option<&AgentId>,
    field: &'static str,
) -> Result<()> {
    let left: Option<String> = conn
        .prepare_cached("SELECT left_on FROM agents WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "agent", id: id.to_string() })?;
    if left.is_some() && keep != Some(id) {
        return Err(Error::invalid(field, crate::ValidationRule::AgentLeft));
    }
    Ok(())
}

/// Fails with `NotFound` unless the team exists.
pub fn ensure_team(conn: &rusqlite::Connection, id: &TeamId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM teams WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "team", id: id.to_string() })
}
