//! Agent and team commands.

use frontline_core::ids::{AgentId, TeamId};
use frontline_core::people::{self, Agent, Team};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every agent.
#[tauri::command]
#[specta::specta]
pub async fn agent_list(state: State<'_, AppState>) -> Result<Vec<Agent>, IpcError> {
    state.read(|s| people::agents(s.conn()))
}

/// Every team.
#[tauri::command]
#[specta::specta]
pub async fn team_list(state: State<'_, AppState>) -> Result<Vec<Team>, IpcError> {
    state.read(|s| people::teams(s.conn()))
}

/// Adds an agent.
#[tauri::command]
#[specta::specta]
pub async fn agent_create(state: State<'_, AppState>, name: String, team: Option<TeamId>) -> Result<AgentId, IpcError> {
    state.write(|tx| people::create_agent(tx, &name, team.as_ref()))
}

/// Adds a team.
#[tauri::command]
#[specta::specta]
pub async fn team_create(state: State<'_, AppState>, name: String) -> Result<TeamId, IpcError> {
    state.write(|tx| people::create_team(tx, &name))
}
