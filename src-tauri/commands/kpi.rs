//! KPI commands: the dashboard's numbers, derived in core on every call (never stored).

use frontline_core::kpi::{self, Dashboard, DashboardRequest};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The KPI tiles for a period beside the previous one, with each tile's case list.
#[tauri::command]
#[specta::specta]
pub async fn kpi_dashboard(state: State<'_, AppState>, request: DashboardRequest) -> Result<Dashboard, IpcError> {
    state.read(|s| kpi::dashboard(s.conn(), &request, s.now()))
}
