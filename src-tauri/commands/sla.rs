//! Service-level commands: the team's SLA policies. Each write also
//! refreshes the due times cached on active cases (in core, same transaction).

use frontline_core::ids::SlaPolicyId;
use frontline_core::sla_policies::{self, EffectivePolicy, SlaPolicyInput};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The targets in effect per priority: built-in defaults and the team's policies.
#[tauri::command]
#[specta::specta]
pub async fn sla_policy_list(state: State<'_, AppState>) -> Result<Vec<EffectivePolicy>, IpcError> {
    state.read(|s| sla_policies::effective(s.conn()))
}

/// Creates a policy; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn sla_policy_create(state: State<'_, AppState>, input: SlaPolicyInput) -> Result<SlaPolicyId, IpcError> {
    state.write(|tx| sla_policies::create(tx, &input))
}

/// Replaces a policy's fields.
#[tauri::command]
#[specta::specta]
pub async fn sla_policy_update(
    state: State<'_, AppState>,
    id: SlaPolicyId,
    input: SlaPolicyInput,
) -> Result<(), IpcError> {
    state.write(|tx| sla_policies::update(tx, &id, &input))
}

/// Deletes a policy.
#[tauri::command]
#[specta::specta]
pub async fn sla_policy_delete(state: State<'_, AppState>, id: SlaPolicyId) -> Result<(), IpcError> {
    state.write(|tx| sla_policies::delete(tx, &id))
}
