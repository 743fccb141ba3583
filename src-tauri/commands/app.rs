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
}

/// Version, database path and schema version (cheap: no row counts, which take seconds
/// on a large database and would hold up every other command).
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.note_first_screen();
    let store = state.store()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path: store.path().display().to_string(),
        schema_version: store.schema_version()?,
        node_id: store.node_id().to_string(),
    })
}

/// A moment of the UI worth timing, measured in the webview.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UiTiming {
    /// From opening the Cases page to its first rows on screen.
    CasesFirstRows,
    /// From opening the Dashboard (the home screen) to its KPI tiles on screen.
    DashboardFirstNumbers,
}

/// Writes a UI timing to the app's log ("ui timing cases_first_rows: N ms"), where
/// `cargo xtask bench` reads it; nothing else is kept.
#[tauri::command]
#[specta::specta]
pub async fn app_log_timing(timing: UiTiming, ms: u32) {
    let name = match timing {
        UiTiming::CasesFirstRows => "cases_first_rows",
        UiTiming::DashboardFirstNumbers => "dashboard_first_numbers",
    };
    log::info!("ui timing {name}: {ms} ms");
}
