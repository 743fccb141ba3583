//! Saved views and "who I am" on this device.

use frontline_core::cases::CaseQuery;
use frontline_core::ids::{AgentId, ViewId};
use frontline_core::views::{self, SavedView};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every saved view.
#[tauri::command]
#[specta::specta]
pub async fn view_list(state: State<'_, AppState>) -> Result<Vec<SavedView>, IpcError> {
    state.read(|s| views::list(s.conn()))
}

/// Saves the current query under a name.
#[tauri::command]
#[specta::specta]
pub async fn view_save(state: State<'_, AppState>, name: String, query: CaseQuery) -> Result<SavedView, IpcError> {
    state.write(|tx| views::save(tx, &name, &query))
}

/// Deletes a saved view.
#[tauri::command]
#[specta::specta]
pub async fn view_delete(state: State<'_, AppState>, id: ViewId) -> Result<(), IpcError> {
    state.write(|tx| views::delete(tx, &id))
}

/// The agent "My cases" means on this device.
#[tauri::command]
#[specta::specta]
pub async fn me_get(state: State<'_, AppState>) -> Result<Option<AgentId>, IpcError> {
    state.read(|s| views::me(s.conn()))
}

/// Sets who the user of this device is.
#[tauri::command]
#[specta::specta]
pub async fn me_set(state: State<'_, AppState>, agent: Option<AgentId>) -> Result<(), IpcError> {
    state.write(|tx| views::set_me(tx, agent.as_ref()))
}
