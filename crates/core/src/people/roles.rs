//! The roles agents hold: agent, senior agent, team lead, QA, and whatever the team adds.
//! Roles are data, not an enum, because every support team names its ladder differently;
//! they are an editable list of synced rows (lists.rs), the four built-in ones seeded by
//! the migration on every device. A retired role stays on the agents who hold it.

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::ids::RoleId;
use crate::input::TextRule;
use crate::lists::{EditableList, Entry};
use crate::store::{Table, WriteTx};

/// Keys of the built-in roles, from the first rung up.
pub const BUILT_IN: [&str; 4] = ["agent", "senior_agent", "team_lead", "qa"];
/// Most roles a team keeps (retired ones included).
pub const MAX_ROLES: usize = 30;

const ROLES: EditableList = EditableList {
    table: Table::Roles,
    entity: "role",
    max: MAX_ROLES,
    count_field: "roles",
    name: TextRule::line("name", 60, true),
    choice_field: "roleId",
};

/// One role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// Id.
    pub id: RoleId,
    /// The built-in role it is (e.g. "team_lead"), `None` for one the team added.
    pub key: Option<String>,
    /// The name the team gave it; empty for a built-in role never renamed (the UI shows
    /// the translated default).
    pub name: String,
    /// Place in the list, 1 first.
    pub position: u32,
    /// Offered for no new choice; kept where held.
    pub retired: bool,
}

impl From<Entry> for Role {
    fn from(e: Entry) -> Self {
        Role {
            id: RoleId(e.id),
            key: e.key,
            name: e.name,
            position: e.position,
            retired: e.retired,
        }
    }
}

/// The id of built-in role `key` (the same on every device).
pub fn built_in_id(key: &str) -> RoleId {
    RoleId(ROLES.built_in_id(key))
}

/// Every role in order, retired ones included.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Role>> {
    Ok(ROLES.list(conn)?.into_iter().map(Role::from).collect())
}

/// Adds a role at the end. Errors: an empty or over-long name, a name another live role
/// has (`Duplicate`), more than [`MAX_ROLES`] roles (`TooMany`).
pub fn create(tx: &mut WriteTx<'_>, name: &str) -> Result<RoleId> {
    ROLES.create(tx, name).map(RoleId)
}

/// Renames a role (a built-in one keeps its key).
pub fn rename(tx: &mut WriteTx<'_>, id: &RoleId, name: &str) -> Result<()> {
    ROLES.rename(tx, id.as_str(), name)
}

/// Retires a role (or brings it back).
pub fn set_retired(tx: &mut WriteTx<'_>, id: &RoleId, retired: bool) -> Result<()> {
    ROLES.set_retired(tx, id.as_str(), retired)
}

/// Checks a role chosen for an agent: a live role, or the retired one the agent holds
/// (`current`); `InvalidValue` on `roleId` otherwise.
pub(crate) fn check_choice(
    conn: &rusqlite::Connection,
    role: Option<&RoleId>,
    current: Option<&RoleId>,
) -> Result<()> {
    ROLES.check_choice(conn, role.map(RoleId::as_str), current.map(RoleId::as_str))
}
