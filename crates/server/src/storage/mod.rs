//! Where the server keeps workspaces, users, devices, cells, conflict notices and the
//! audit: one [`Storage`] trait, one implementation per database.
//!
//! The trait speaks `frontline_sync` types and [`StorageError`] only, so handlers, the
//! admin commands and the shared test story never see a driver type, and a backend can
//! be swapped without touching them. The backend is picked once, in `main.rs`.
//!
//! The decisions that must not differ between backends — which change wins a cell, which
//! loser to tell whom, which sequence numbers a push takes — are made by the pure
//! [`plan`] module; a backend only reads what the plan needs and writes what it says.
//! Concurrent pushes to one workspace are stored together, one transaction per batch
//! ([`combine`]), each planned as if it had come alone.

pub mod combine;
pub mod page;
pub mod plan;
pub mod postgres;
pub mod sqlite;

use async_trait::async_trait;
use frontline_sync::protocol::{ConflictNotice, Outgoing, Role};
use frontline_sync::{Hlc, NodeId};
use serde::Serialize;

/// A workspace's id in storage.
pub type WorkspaceId = i64;

/// Why a storage call failed. Driver errors are turned into one of these at the edge of
/// each backend.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// No such workspace, user or device.
    #[error("{0} not found")]
    NotFound(String),
    /// It already exists (a workspace name, a user's e-mail), or a limit is reached.
    #[error("{0}")]
    Conflict(String),
    /// The database cannot be reached or is overloaded; retrying may help.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else: a bug or corrupt data.
    #[error("database error: {0}")]
    Other(String),
}

/// Result of a storage call.
pub type StorageResult<T> = Result<T, StorageError>;

/// A workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// Its id.
    pub id: WorkspaceId,
    /// Its unique name (what devices sign in to).
    pub name: String,
}

/// A user to create. The e-mail is stored lower-cased.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The workspace.
    pub workspace: WorkspaceId,
    /// The sign-in e-mail.
    pub email: String,
    /// The argon2 PHC string of the password (never the password).
    pub password_hash: String,
    /// The role.
    pub role: Role,
    /// Unix ms.
    pub now_ms: u64,
}

/// What sign-in needs to know about a user.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The user's id.
    pub user_id: i64,
    /// The workspace.
    pub workspace: Workspace,
    /// The argon2 PHC string.
    pub password_hash: String,
    /// The role.
    pub role: Role,
    /// Whether an admin disabled the user.
    pub disabled: bool,
}

/// A device to register at sign-in.
#[derive(Debug, Clone)]
pub struct NewDevice {
    /// The workspace.
    pub workspace: WorkspaceId,
    /// The signed-in user.
    pub user_id: i64,
    /// The name the device gave itself.
    pub name: String,
    /// The device database's node id.
    pub node: NodeId,
    /// The app's version.
    pub app_version: String,
    /// SHA-256 (hex) of the bearer token; the token itself is never stored.
    pub token_hash: String,
    /// Unix ms.
    pub now_ms: u64,
}

/// A registered device's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredDevice {
    /// UUID v7.
    pub id: String,
    /// Short code unique in the workspace ([`device_code`]).
    pub code: String,
}

/// The device (and user) behind a bearer token.
#[derive(Debug, Clone)]
pub struct DeviceAuth {
    /// The device's workspace: every query of the request is filtered by it.
    pub workspace: WorkspaceId,
    /// The device's id.
    pub device_id: String,
    /// The user's e-mail (for the audit).
    pub email: String,
    /// The user's role.
    pub role: Role,
    /// Whether the device was revoked (signed out or by an admin).
    pub revoked: bool,
    /// Whether the user was disabled.
    pub user_disabled: bool,
}

/// A device as `device list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceInfo {
    /// UUID v7.
    pub id: String,
    /// Short code.
    pub code: String,
    /// Name the device gave itself.
    pub name: String,
    /// The user's e-mail.
    pub user: String,
    /// Node id at sign-in.
    pub node: String,
    /// App version at sign-in.
    pub app_version: String,
    /// Unix ms.
    pub created_ms: u64,
    /// Unix ms of the last authenticated request (updated at most once a minute).
    pub last_seen_ms: u64,
    /// Unix ms of the revocation, if revoked.
    pub revoked_ms: Option<u64>,
}

/// Who is pushing, for the audit.
#[derive(Debug, Clone)]
pub struct Pusher {
    /// The device's workspace.
    pub workspace: WorkspaceId,
    /// The device's id.
    pub device_id: String,
    /// The user's e-mail.
    pub email: String,
    /// The node whose outbox the changes come from.
    pub node: NodeId,
}

/// What a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushOutcome {
    /// Changes new to the server (applied or lost).
    pub accepted: u32,
    /// Changes already received in an earlier push.
    pub duplicates: u32,
    /// The workspace's sequence after the push.
    pub seq: u64,
}

/// One page of a pull.
#[derive(Debug, Clone, PartialEq)]
pub struct PullPage {
    /// Changed cells, by sequence, already written as JSON ([`page`]).
    pub changes: page::PageChanges,
    /// Losses of the asking node's values.
    pub notices: Vec<ConflictNotice>,
    /// The cursor to pull after next.
    pub next: u64,
    /// Whether more follows.
    pub more: bool,
}

/// What happened to an accepted change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It is the cell's value now (until a newer one comes).
    Applied,
    /// The cell already held a newer (or the same) version.
    Lost,
}

impl Outcome {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Lost => "lost",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> StorageResult<Self> {
        match s {
            "applied" => Ok(Outcome::Applied),
            "lost" => Ok(Outcome::Lost),
            other => Err(StorageError::Other(format!("unknown audit outcome {other:?}"))),
        }
    }
}

/// One audit record: an accepted change, who sent it and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Unix ms on the server.
    pub at_ms: u64,
    /// The pushing user's e-mail.
    pub user: String,
    /// The pushing device's id.
    pub device_id: String,
    /// The table.
    pub table: String,
    /// The row.
    pub row: String,
    /// The column (`""` for a whole row).
    pub column: String,
    /// The change's stamp.
    pub hlc: Hlc,
    /// Applied or lost.
    pub outcome: Outcome,
}

/// The server's storage. Every method that touches synced data takes the workspace of
/// the caller's token, and implementations filter every query by it.
#[async_trait]
pub trait Storage: Send + Sync + 'static {
    /// Checks the database answers (for `/healthz`).
    async fn health(&self) -> StorageResult<()>;

    /// Creates a workspace; [`StorageError::Conflict`] if the name is taken.
    async fn create_workspace(&self, name: &str, now_ms: u64) -> StorageResult<Workspace>;
    /// Finds a workspace by name.
    async fn workspace(&self, name: &str) -> StorageResult<Option<Workspace>>;

    /// Adds a user; [`StorageError::Conflict`] if the e-mail is taken in the workspace.
    async fn add_user(&self, user: NewUser) -> StorageResult<()>;
    /// Disables (or re-enables) a user; their devices are refused from the next request.
    async fn set_user_disabled(
        &self,
        workspace: WorkspaceId,
        email: &str,
        disabled: bool,
        now_ms: u64,
    ) -> StorageResult<()>;
    /// What sign-in needs, or `None` for an unknown workspace or e-mail.
    async fn user_credentials(&self, workspace: &str, email: &str) -> StorageResult<Option<UserCredentials>>;

    /// Registers a signed-in device and gives it the workspace's next device code.
    async fn register_device(&self, device: NewDevice) -> StorageResult<RegisteredDevice>;
    /// The device holding a token (by its hash); records that it was seen.
    async fn authenticate(&self, token_hash: &str, now_ms: u64) -> StorageResult<Option<DeviceAuth>>;
    /// Revokes a device of the workspace; [`StorageError::NotFound`] if it has no such device.
    async fn revoke_device(&self, workspace: WorkspaceId, device_id: &str, now_ms: u64) -> StorageResult<()>;
    /// The workspace's devices, oldest first.
    async fn devices(&self, workspace: WorkspaceId) -> StorageResult<Vec<DeviceInfo>>;

    /// Stores a push atomically (in one transaction, shared with the pushes to the same
    /// workspace queued beside it: see [`combine`] and [`plan`]). The changes are already
    /// checked (shape, clock bound, increasing outbox seqs).
    async fn push(&self, pusher: Pusher, changes: Vec<Outgoing>, now_ms: u64) -> StorageResult<PushOutcome>;
    /// One page of everything after `after`, read in one snapshot (see [`plan::page_end`]).
    async fn pull(&self, workspace: WorkspaceId, after: u64, limit: u32, node: NodeId) -> StorageResult<PullPage>;

    /// The workspace's newest audit records, newest first.
    async fn audit(&self, workspace: WorkspaceId, limit: u32) -> StorageResult<Vec<AuditEntry>>;
}

/// Crockford base-32 digits (no I, L, O, U).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Device codes are at most 4 characters, so a workspace has at most this many devices.
pub const MAX_DEVICES: u64 = 32 * 32 * 32 * 32;

/// The code of a workspace's `n`-th device (from 0): `n` in Crockford base-32, 1–4
/// characters. `None` once the workspace has used all [`MAX_DEVICES`] codes.
pub fn device_code(n: u64) -> Option<String> {
    if n >= MAX_DEVICES {
        return None;
    }
    let mut digits = Vec::with_capacity(4);
    let mut rest = n;
    loop {
        digits.push(CROCKFORD[(rest % 32) as usize]);
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).ok()
}

/// Normalises an e-mail for storage and lookup (case-insensitive, no surrounding space).
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The stored text of a role.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Supervisor => "supervisor",
        Role::Viewer => "viewer",
    }
}

/// Parses a stored role.
pub fn parse_role(s: &str) -> StorageResult<Role> {
    match s {
        "admin" => Ok(Role::Admin),
        "supervisor" => Ok(Role::Supervisor),
        "viewer" => Ok(Role::Viewer),
        other => Err(StorageError::Other(format!("unknown role {other:?}"))),
    }
}

/// Converts a stored BIGINT to the protocol's u64 (stored values are never negative).
pub(crate) fn to_u64(v: i64) -> StorageResult<u64> {
    u64::try_from(v).map_err(|_| StorageError::Other(format!("negative value {v} in storage")))
}

/// Converts a protocol u64 to a BIGINT.
pub(crate) fn to_i64(v: u64) -> StorageResult<i64> {
    i64::try_from(v).map_err(|_| StorageError::Other(format!("value {v} exceeds the storage range")))
}

/// Parses a stored stamp.
pub(crate) fn parse_hlc(s: &str) -> StorageResult<Hlc> {
    s.parse().map_err(|_| StorageError::Other(format!("corrupt stamp {s:?} in storage")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_codes_are_crockford_base32_of_one_to_four_characters() {
        assert_eq!(device_code(0).as_deref(), Some("0"));
        assert_eq!(device_code(31).as_deref(), Some("Z"));
        assert_eq!(device_code(32).as_deref(), Some("10"));
        assert_eq!(device_code(18).as_deref(), Some("J"));
        assert_eq!(device_code(MAX_DEVICES - 1).as_deref(), Some("ZZZZ"));
        assert_eq!(device_code(MAX_DEVICES), None);
    }

    #[test]
    fn device_codes_never_use_ambiguous_letters() {
        for n in (0..MAX_DEVICES).step_by(97) {
            let code = device_code(n).unwrap_or_default();
            assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
        }
    }

    #[test]
    fn emails_compare_case_insensitively() {
        assert_eq!(normalise_email("  Ann@Example.COM "), "ann@example.com");
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in [Role::Admin, Role::Supervisor, Role::Viewer] {
            assert_eq!(parse_role(role_name(role)).ok(), Some(role));
        }
        assert!(parse_role("root").is_err());
    }
}
