//! Settings commands.

use frontline_core::settings::{self, Settings};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The stored settings (defaults where nothing was saved).
#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, AppState>) -> Result<Settings, IpcError> {
    Ok(settings::load(&*state.store()?)?)
}

/// Validates and saves the settings; returns what is now stored.
#[tauri::command]
#[specta::specta]
pub async fn settings_save(state: State<'_, AppState>, settings: Settings) -> Result<Settings, IpcError> {
    state.with_writer(|s| settings::save(s, settings))
}

/// Every IANA time zone name, for the picker.
#[tauri::command]
#[specta::specta]
pub fn settings_time_zones() -> Vec<String> {
    settings::time_zones()
}
