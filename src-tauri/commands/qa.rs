//! QA commands: scorecards (their versions made by core when criteria change),
//! evaluations, an agent's trend and a case's calibration. Each is one core call.

use frontline_core::ids::{AgentId, CaseId, EvaluationId, ScorecardId};
use frontline_core::qa::{self, AgentQa, Calibration, EvaluationInput, Scorecard, ScorecardInput};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every scorecard with its current criteria, by name.
#[tauri::command]
#[specta::specta]
pub async fn qa_scorecard_list(state: State<'_, AppState>) -> Result<Vec<Scorecard>, IpcError> {
    state.read(|s| qa::list(s.conn()))
}

/// Makes a scorecard with its first version of criteria.
#[tauri::command]
#[specta::specta]
pub async fn qa_scorecard_create(state: State<'_, AppState>, input: ScorecardInput) -> Result<ScorecardId, IpcError> {
    state.write(|tx| qa::create(tx, &input))
}

/// Renames a scorecard; changed criteria make a new version.
#[tauri::command]
#[specta::specta]
pub async fn qa_scorecard_update(
    state: State<'_, AppState>,
    id: ScorecardId,
    input: ScorecardInput,
) -> Result<(), IpcError> {
    state.write(|tx| qa::update(tx, &id, &input))
}

/// Deletes a scorecard (its evaluations stay).
#[tauri::command]
#[specta::specta]
pub async fn qa_scorecard_delete(state: State<'_, AppState>, id: ScorecardId) -> Result<(), IpcError> {
    state.write(|tx| qa::delete(tx, &id))
}

/// Records an evaluation of an agent.
#[tauri::command]
#[specta::specta]
pub async fn qa_evaluate(state: State<'_, AppState>, input: EvaluationInput) -> Result<EvaluationId, IpcError> {
    state.write(|tx| qa::evaluate(tx, &input))
}

/// An agent's evaluations and trend.
#[tauri::command]
#[specta::specta]
pub async fn qa_agent(state: State<'_, AppState>, agent: AgentId) -> Result<AgentQa, IpcError> {
    state.read(|s| qa::for_agent(s.conn(), &agent))
}

/// The evaluations made on a case, side by side.
#[tauri::command]
#[specta::specta]
pub async fn qa_case(state: State<'_, AppState>, case_id: CaseId) -> Result<Calibration, IpcError> {
    state.read(|s| qa::for_case(s.conn(), &case_id))
}
