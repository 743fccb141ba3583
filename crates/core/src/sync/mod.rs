//! This device's side of sync: signing in and out, what it knows of the server, and the
//! [`Replica`] the sync session drives (see `frontline_sync::session`).
//!
//! Everything here is stored in the local `meta` table, never synced. A database belongs
//! to one workspace once it has signed in to it; signing in elsewhere needs another
//! database, so one team's cases never leak into another's. A database holding demo data
//! cannot sign in at all.
//!
//! No network here: the HTTP client is `frontline_sync::client`, driven by the app and
//! the CLI. This module only reads and writes the store.

pub mod conflicts;
mod replica;

use std::sync::atomic::AtomicBool;

use frontline_sync::protocol::{SignInRequest, SignInResponse};
use frontline_sync::session::{self, Options, Progress, Report, SyncError, Transport, TransportError};
use serde::{Deserialize, Serialize};

pub use replica::LocalReplica;

use crate::store::{Store, get_meta, meta, outbox, set_meta};
use crate::{Error, Result, demo};

/// Meta key of the short code the server gave this device (case references use it).
pub(crate) const DEVICE_CODE_META: &str = "sync.device_code";
const SERVER: &str = "sync.server";
const WORKSPACE: &str = "sync.workspace";
const USER: &str = "sync.user";
const DEVICE_ID: &str = "sync.device_id";
const ROLE: &str = "sync.role";
/// Where the last applied pull page ended.
pub(crate) const CURSOR: &str = "sync.cursor";
const LAST_SYNC_AT: &str = "sync.last_sync_at";
const LAST_ERROR: &str = "sync.last_error";
/// The workspace this database's data belongs to; outlives signing out.
const BOUND_WORKSPACE: &str = "sync.bound_workspace";

/// Role of the signed-in user in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SyncRole {
    /// Manages users and devices; syncs.
    Admin,
    /// Syncs.
    Supervisor,
    /// Receives only.
    Viewer,
}

impl SyncRole {
    fn as_str(self) -> &'static str {
        match self {
            SyncRole::Admin => "admin",
            SyncRole::Supervisor => "supervisor",
            SyncRole::Viewer => "viewer",
        }
    }

    fn parse(s: &str) -> Option<SyncRole> {
        [SyncRole::Admin, SyncRole::Supervisor, SyncRole::Viewer].into_iter().find(|r| r.as_str() == s)
    }
}

/// What signing in established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// The server's base URL.
    pub server: String,
    /// The workspace.
    pub workspace: String,
    /// The user's e-mail.
    pub user: String,
    /// The device's id on the server.
    pub device_id: String,
    /// The device's short code.
    pub device_code: String,
    /// The user's role.
    pub role: SyncRole,
}

/// The sync state the status bar and the Sync page show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// Signed in to a server.
    pub signed_in: bool,
    /// The server's URL (also remembered after signing out).
    pub server: Option<String>,
    /// The workspace.
    pub workspace: Option<String>,
    /// The signed-in user's e-mail.
    pub user: Option<String>,
    /// Their role.
    pub role: Option<SyncRole>,
    /// The device's short code.
    pub device_code: Option<String>,
    /// When the last sync finished without error (RFC 3339).
    pub last_sync_at: Option<String>,
    /// Why the last sync failed, if it did (English detail; the UI shows a translation of
    /// `last_error_code`).
    pub last_error: Option<String>,
    /// Machine-readable kind of the last error.
    pub last_error_code: Option<String>,
    /// Changes waiting to be pushed.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub pending: u64,
    /// Conflicts waiting for review.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub conflicts: u64,
    /// Changes from a newer Frontline kept aside: update to see them.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub parked: u64,
    /// Whether this database holds demo data (which cannot sign in).
    pub holds_demo_data: bool,
}

/// The enrollment, if signed in.
pub fn enrollment(conn: &rusqlite::Connection) -> Result<Option<Enrollment>> {
    let Some(device_id) = get_meta(conn, DEVICE_ID)? else { return Ok(None) };
    let get = |k| -> Result<String> { Ok(get_meta(conn, k)?.unwrap_or_default()) };
    Ok(Some(Enrollment {
        server: get(SERVER)?,
        workspace: get(WORKSPACE)?,
        user: get(USER)?,
        device_id,
        device_code: get(DEVICE_CODE_META)?,
        role: SyncRole::parse(&get(ROLE)?).unwrap_or(SyncRole::Viewer),
    }))
}

/// Checks that this database may sign in to `workspace`: no demo data, and not already
/// the data of another workspace.
pub fn check_sign_in(conn: &rusqlite::Connection, workspace: &str) -> Result<()> {
    if demo::holds_demo_data(conn)? {
        return Err(Error::DemoData);
    }
    if let Some(bound) = get_meta(conn, BOUND_WORKSPACE)?
        && bound != workspace
    {
        return Err(Error::OtherWorkspace { workspace: bound });
    }
    Ok(())
}

/// Records a successful sign-in and publishes this device's whole state into the outbox,
/// in one transaction. From now on every change is recorded for pushing.
pub fn enroll(store: &mut Store, e: &Enrollment) -> Result<u64> {
    check_sign_in(store.conn(), &e.workspace)?;
    store.write(|tx| {
        let conn = tx.conn();
        set_meta(conn, SERVER, &e.server)?;
        set_meta(conn, WORKSPACE, &e.workspace)?;
        set_meta(conn, BOUND_WORKSPACE, &e.workspace)?;
        set_meta(conn, USER, &e.user)?;
        set_meta(conn, DEVICE_ID, &e.device_id)?;
        set_meta(conn, DEVICE_CODE_META, &e.device_code)?;
        set_meta(conn, ROLE, e.role.as_str())?;
        set_meta(conn, meta::OUTBOX, "1")?;
        conn.execute("DELETE FROM meta WHERE key = ?1", [LAST_ERROR])?;
        outbox::clear(conn)?;
        tx.publish_all()
    })
}

/// Signs this device out: forgets the device and stops recording changes for pushing (a
/// later sign-in publishes everything again). The data, its workspace binding and the
/// pull cursor stay.
pub fn sign_out(store: &mut Store) -> Result<()> {
    store.write(|tx| {
        let conn = tx.conn();
        for key in [USER, DEVICE_ID, DEVICE_CODE_META, ROLE, meta::OUTBOX, LAST_ERROR] {
            conn.execute("DELETE FROM meta WHERE key = ?1", [key])?;
        }
        outbox::clear(conn)
    })
}

/// Remembers how the last sync ended: its time when it succeeded, its error otherwise.
pub fn record_outcome(store: &mut Store, error: Option<(&str, &str)>) -> Result<()> {
    let now = crate::time::to_db_text(store.now());
    store.write(|tx| {
        let conn = tx.conn();
        match error {
            None => {
                set_meta(conn, LAST_SYNC_AT, &now)?;
                conn.execute("DELETE FROM meta WHERE key = ?1", [LAST_ERROR])?;
            }
            Some((code, message)) => set_meta(conn, LAST_ERROR, &format!("{code}\n{message}"))?,
        }
        Ok(())
    })
}

/// What a sign-in request from this database says about it.
pub fn sign_in_request(
    store: &Store,
    workspace: &str,
    email: &str,
    password: &str,
    device_name: &str,
) -> Result<SignInRequest> {
    check_sign_in(store.conn(), workspace.trim())?;
    Ok(SignInRequest {
        workspace: workspace.trim().to_owned(),
        email: email.trim().to_owned(),
        password: password.to_owned(),
        device_name: device_name.to_owned(),
        node: store.node_id(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// The enrollment a server's sign-in answer establishes.
pub fn enrollment_from(server: &str, email: &str, answer: &SignInResponse) -> Enrollment {
    Enrollment {
        server: server.to_owned(),
        workspace: answer.workspace.clone(),
        user: email.trim().to_owned(),
        device_id: answer.device_id.clone(),
        device_code: answer.device_code.clone(),
        role: match answer.role {
            frontline_sync::protocol::Role::Admin => SyncRole::Admin,
            frontline_sync::protocol::Role::Supervisor => SyncRole::Supervisor,
            frontline_sync::protocol::Role::Viewer => SyncRole::Viewer,
        },
    }
}

/// Why a sync stopped, as one value for the app and the CLI.
pub type Failure = SyncError<Error>;

/// A stable code for a failure, stored as the last error and translated by the UI.
pub fn failure_code(f: &Failure) -> &'static str {
    use frontline_sync::protocol::ErrorCode as C;
    match f {
        SyncError::Cancelled => "cancelled",
        SyncError::Replica(Error::ClockAhead { .. }) => "clock_ahead",
        SyncError::Replica(Error::Busy) => "busy",
        SyncError::Replica(_) => "storage",
        SyncError::Transport(TransportError::Network(_)) => "network",
        SyncError::Transport(TransportError::Protocol(_)) => "protocol",
        SyncError::Transport(TransportError::Server { code, .. }) => match code {
            C::Unauthorized => "unauthorized",
            C::Forbidden => "forbidden",
            C::UpdateRequired => "update_required",
            C::ClockAhead => "clock_ahead",
            C::RateLimited => "rate_limited",
            C::BadRequest | C::NotFound | C::PayloadTooLarge => "protocol",
            C::Unavailable | C::Internal => "server",
        },
    }
}

/// Runs one sync of `store` over `transport` and remembers how it ended. (A viewer's
/// device receives; should it have changes to send, the server refuses them and the
/// sync ends with `forbidden` after everything was pulled.)
pub fn run(
    store: &mut Store,
    transport: &mut (impl Transport + Send),
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> std::result::Result<Report, Failure> {
    let result = {
        let mut replica = LocalReplica::new(store).map_err(SyncError::Replica)?;
        session::run(transport, &mut replica, Options { cancel, progress, sleep: &std::thread::sleep })
    };
    let outcome = match &result {
        Ok(_) => record_outcome(store, None),
        Err(f) => record_outcome(store, Some((failure_code(f), &f.to_string()))),
    };
    // A failure to remember the outcome must not hide the sync's own result.
    let report = result?;
    outcome.map_err(SyncError::Replica)?;
    Ok(report)
}

/// The sync state now.
pub fn status(conn: &rusqlite::Connection) -> Result<SyncStatus> {
    let e = enrollment(conn)?;
    let last_error = get_meta(conn, LAST_ERROR)?;
    let (last_error_code, last_error) = match last_error.as_deref().and_then(|v| v.split_once('\n')) {
        Some((code, message)) => (Some(code.to_owned()), Some(message.to_owned())),
        None => (None, None),
    };
    let parked: i64 = conn.query_row("SELECT count(*) FROM sync_parked", [], |r| r.get(0))?;
    Ok(SyncStatus {
        signed_in: e.is_some(),
        server: get_meta(conn, SERVER)?,
        workspace: e.as_ref().map(|e| e.workspace.clone()).or(get_meta(conn, BOUND_WORKSPACE)?),
        user: e.as_ref().map(|e| e.user.clone()),
        role: e.as_ref().map(|e| e.role),
        device_code: e.as_ref().map(|e| e.device_code.clone()),
        last_sync_at: get_meta(conn, LAST_SYNC_AT)?,
        last_error,
        last_error_code,
        pending: if e.is_some() { outbox::pending(conn)? } else { 0 },
        conflicts: conflicts::open_count(conn)?,
        parked: parked as u64,
        holds_demo_data: demo::holds_demo_data(conn)?,
    })
}

#[cfg(test)]
mod tests;
