//! Sync: sign in and out, the state, "Sync now", conflicts, clearing demo data.
//!
//! Signing in and out talk to the server, so they run on a blocking worker with their own
//! connection; everything else is one core call.

use frontline_core::sync::conflicts::{self, Conflict, ConflictResolution};
use frontline_core::sync::{self as device, SyncStatus};
use frontline_core::{Store, demo};
use frontline_sync::client::{HttpTransport, host_name, normalize_url};
use frontline_sync::credentials::Credentials;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::sync_worker::SyncProgress;

/// The sync state and what the background sync is doing now.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// What the database knows.
    pub status: SyncStatus,
    /// A sync is running.
    pub running: bool,
    /// How far it is.
    pub progress: Option<SyncProgress>,
}

/// What signing in needs.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    /// The server's address.
    pub server: String,
    /// The workspace.
    pub workspace: String,
    /// The user's e-mail.
    pub email: String,
    /// The password (never stored; the server answers with a device token).
    pub password: String,
    /// This device's name in the server's device list; empty: the computer's name.
    pub device_name: String,
}

/// The sync state.
#[tauri::command]
#[specta::specta]
pub async fn sync_state(state: State<'_, AppState>) -> Result<SyncState, IpcError> {
    let status = state.read(|s| device::status(s.conn()))?;
    let (running, progress) = state.sync_wake().live();
    Ok(SyncState { status, running, progress })
}

/// Signs this device in and starts syncing.
#[tauri::command]
#[specta::specta]
pub async fn sync_sign_in(state: State<'_, AppState>, input: SignIn) -> Result<SyncStatus, IpcError> {
    let path = state.db_path()?;
    normalize_url(&input.server).map_err(|_| IpcError::invalid_field("server"))?;
    check_device_name(&input.device_name)?;
    let status = tauri::async_runtime::spawn_blocking(move || -> Result<SyncStatus, IpcError> {
        let mut store = Store::open(&path)?;
        let device_name = match input.device_name.trim() {
            "" => host_name("Frontline desktop"),
            name => name.to_owned(),
        };
        let request = device::sign_in_request(&store, &input.workspace, &input.email, &input.password, &device_name)?;
        let mut transport = HttpTransport::new(&input.server, None)?;
        let answer = transport.sign_in(&request)?;
        let enrollment = device::enrollment_from(transport.base_url(), &input.email, &answer);
        Credentials::for_database(&path).save(&answer.token).map_err(IpcError::credential)?;
        device::enroll(&mut store, &enrollment)?;
        Ok(device::status(store.conn())?)
    })
    .await
    .map_err(|e| IpcError::from(frontline_core::Error::Internal(format!("sign-in worker failed: {e}"))))??;
    state.sync_wake().now();
    Ok(status)
}

/// Longest device name the server keeps, in characters.
pub const DEVICE_NAME_MAX: u32 = 128;

/// A device name the server will take: at most 128 characters, no control characters
/// (the server checks the same; refused here, it is shown beside the field).
fn check_device_name(name: &str) -> Result<(), IpcError> {
    if name.trim().chars().count() > DEVICE_NAME_MAX as usize {
        return Err(IpcError {
            code: crate::error::ErrorCode::Validation,
            message: format!("deviceName is longer than {DEVICE_NAME_MAX} characters"),
            field: Some("deviceName".to_owned()),
            rule: Some(frontline_core::ValidationRule::TooLong),
            limit: Some(DEVICE_NAME_MAX),
        });
    }
    if name.chars().any(char::is_control) {
        return Err(IpcError::invalid_field("deviceName"));
    }
    Ok(())
}

/// Signs this device out (the server is told when it can be reached).
#[tauri::command]
#[specta::specta]
pub async fn sync_sign_out(state: State<'_, AppState>) -> Result<SyncStatus, IpcError> {
    let path = state.db_path()?;
    state.sync_wake().cancel();
    tauri::async_runtime::spawn_blocking(move || -> Result<SyncStatus, IpcError> {
        let mut store = Store::open(&path)?;
        let enrollment = device::enrollment(store.conn())?.ok_or(frontline_core::Error::NotSignedIn)?;
        let credentials = Credentials::for_database(&path);
        if let Some(token) = credentials.load().map_err(IpcError::credential)? {
            let told = HttpTransport::new(&enrollment.server, Some(token)).and_then(|mut t| t.sign_out());
            if let Err(e) = told {
                log::warn!("sign-out: the server could not be told ({e})");
            }
        }
        credentials.delete().map_err(IpcError::credential)?;
        device::sign_out(&mut store)?;
        Ok(device::status(store.conn())?)
    })
    .await
    .map_err(|e| IpcError::from(frontline_core::Error::Internal(format!("sign-out worker failed: {e}"))))?
}

/// Starts a sync now (its progress and end arrive as events).
#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.db_path()?;
    state.sync_wake().now();
    Ok(())
}

/// Stops a running sync between pages; what arrived stays.
#[tauri::command]
#[specta::specta]
pub async fn sync_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.sync_wake().cancel();
    Ok(())
}

/// Conflicts waiting for review.
#[tauri::command]
#[specta::specta]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, IpcError> {
    state.read(|s| conflicts::list(s.conn()))
}

/// Settles a conflict: keep this device's value, or accept the one that won.
#[tauri::command]
#[specta::specta]
pub async fn sync_resolve_conflict(
    state: State<'_, AppState>,
    id: f64,
    resolution: ConflictResolution,
) -> Result<(), IpcError> {
    let id = id as i64;
    state.with_writer(|s| conflicts::resolve(s, id, resolution))
}

/// Removes the demo data (a database holding it cannot sign in).
#[tauri::command]
#[specta::specta]
pub async fn demo_clear(state: State<'_, AppState>) -> Result<demo::ClearedDemo, IpcError> {
    state.with_writer(demo::clear)
}

#[cfg(test)]
mod tests {
    use frontline_core::ValidationRule;

    use super::*;

    #[test]
    fn a_device_name_is_checked_as_the_server_checks_it() {
        assert!(check_device_name("").is_ok(), "empty: the computer's name is used");
        assert!(check_device_name("Front desk 前台").is_ok());
        assert!(check_device_name(&"名".repeat(128)).is_ok(), "128 characters, not bytes");
        let long = check_device_name(&"名".repeat(129)).unwrap_err();
        assert_eq!(
            (long.field.as_deref(), long.rule, long.limit),
            (Some("deviceName"), Some(ValidationRule::TooLong), Some(DEVICE_NAME_MAX))
        );
        let control = check_device_name("Front\ndesk").unwrap_err();
        assert_eq!((control.field.as_deref(), control.rule), (Some("deviceName"), Some(ValidationRule::InvalidValue)));
    }
}
