//! Commands about the app itself (status bar).

use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// What the status bar shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// The database file.
    pub db_path: String,
    /// Schema version of the database.
    pub schema_version: u32,
    /// This device's node id.
    pub node_id: String,
    /// Local changes not yet pushed to a sync server.
    pub pending_changes: u32,
}

/// Version, database path and schema version.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.note_first_screen();
    let info = state.store()?.info()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path: info.path.display().to_string(),
        schema_version: info.schema_version,
        node_id: info.node_id.to_string(),
        pending_changes: u32::try_from(info.pending_changes).unwrap_or(u32::MAX),
    })
}
