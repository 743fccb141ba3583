//! KPI target commands: set or clear a target for a role or an agent, list them, and how
//! an agent stands against theirs. One core call each.

use frontline_core::ids::AgentId;
use frontline_core::kpi::KpiMetric;
use frontline_core::targets::{self, KpiTarget, TargetScope, TargetStatus};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Sets a target (a value) or clears it (`null`).
#[tauri::command]
#[specta::specta]
pub async fn target_set(
    state: State<'_, AppState>,
    scope: TargetScope,
    kpi: KpiMetric,
    value: Option<f64>,
) -> Result<(), IpcError> {
    state.write(|tx| targets::set(tx, &scope, kpi, value))
}

/// Every target set, roles' first.
#[tauri::command]
#[specta::specta]
pub async fn target_list(state: State<'_, AppState>) -> Result<Vec<KpiTarget>, IpcError> {
    state.read(|s| targets::list(s.conn()))
}

/// An agent's KPIs of the last 30 days beside the targets that apply to them.
#[tauri::command]
#[specta::specta]
pub async fn target_agent_status(state: State<'_, AppState>, agent: AgentId) -> Result<Vec<TargetStatus>, IpcError> {
    state.read(|s| targets::agent_status(s.conn(), &agent, s.now()))
}
