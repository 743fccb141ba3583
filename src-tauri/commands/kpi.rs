//! KPI commands: the dashboard's numbers, derived in core on every call (never stored).

use frontline_core::kpi::{self, Dashboard, DashboardRequest, Leaderboard, LeaderboardRequest};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The KPI tiles for a period beside the previous one, with each tile's case list.
#[tauri::command]
#[specta::specta]
pub async fn kpi_dashboard(state: State<'_, AppState>, request: DashboardRequest) -> Result<Dashboard, IpcError> {
    state.read(|s| kpi::dashboard(s.conn(), &request, s.now()))
}

/// The period's KPIs per agent or per team, each with its case lists.
#[tauri::command]
#[specta::specta]
pub async fn kpi_leaderboard(state: State<'_, AppState>, request: LeaderboardRequest) -> Result<Leaderboard, IpcError> {
    state.read(|s| kpi::leaderboard(s.conn(), &request, s.now()))
}
