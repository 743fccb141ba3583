//! Contingency-plan commands: authoring plans and their steps, publishing versions, and
//! starting and working through runs. Each is one core call.

use frontline_core::ids::{PlanId, PlanRunId, PlanStepId, PlanVersionId, RunEventId};
use frontline_core::plans::{
    PlanDetail, PlanInput, PlanReminder, PlanSummary, RunAction, RunInput, RunSummary, RunView, StepInput, overview,
    plans, reminders, runs, versions,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every plan, by title, with its status, last drill and active runs.
#[tauri::command]
#[specta::specta]
pub async fn plan_list(state: State<'_, AppState>) -> Result<Vec<PlanSummary>, IpcError> {
    state.read(|s| overview::list(s.conn()))
}

/// One plan: its draft, status, versions and runs.
#[tauri::command]
#[specta::specta]
pub async fn plan_get(state: State<'_, AppState>, id: PlanId) -> Result<PlanDetail, IpcError> {
    state.read(|s| overview::detail(s.conn(), &id))
}

/// Creates a plan without steps.
#[tauri::command]
#[specta::specta]
pub async fn plan_create(state: State<'_, AppState>, input: PlanInput) -> Result<PlanId, IpcError> {
    state.write(|tx| plans::create(tx, &input))
}

/// Replaces a plan's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_update(state: State<'_, AppState>, id: PlanId, input: PlanInput) -> Result<(), IpcError> {
    state.write(|tx| plans::update(tx, &id, &input))
}

/// Adds a step at the end of its phase.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_add(state: State<'_, AppState>, plan: PlanId, input: StepInput) -> Result<PlanStepId, IpcError> {
    state.write(|tx| plans::add_step(tx, &plan, &input))
}

/// Replaces a step's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_update(state: State<'_, AppState>, id: PlanStepId, input: StepInput) -> Result<(), IpcError> {
    state.write(|tx| plans::update_step(tx, &id, &input))
}

/// Removes a step from the draft.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_remove(state: State<'_, AppState>, id: PlanStepId) -> Result<(), IpcError> {
    state.write(|tx| plans::remove_step(tx, &id))
}

/// Moves a step one place up or down within its phase.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_move(state: State<'_, AppState>, id: PlanStepId, up: bool) -> Result<(), IpcError> {
    state.write(|tx| plans::move_step(tx, &id, up))
}

/// Publishes the plan as it is now.
#[tauri::command]
#[specta::specta]
pub async fn plan_publish(state: State<'_, AppState>, id: PlanId) -> Result<PlanVersionId, IpcError> {
    state.write(|tx| versions::publish(tx, &id))
}

/// Starts a run of a plan's latest published version.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_start(state: State<'_, AppState>, input: RunInput) -> Result<PlanRunId, IpcError> {
    state.write(|tx| runs::start(tx, &input))
}

/// Plans overdue for review or for a drill, the longest overdue first.
#[tauri::command]
#[specta::specta]
pub async fn plan_reminders(state: State<'_, AppState>) -> Result<Vec<PlanReminder>, IpcError> {
    state.read(|s| reminders::list(s.conn(), s.now()))
}

/// Every run not closed yet, the latest first.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_active(state: State<'_, AppState>) -> Result<Vec<RunSummary>, IpcError> {
    state.read(|s| runs::list(s.conn(), None))
}

/// A run as it stands now: checklist, log and (once closed) score.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_get(state: State<'_, AppState>, id: PlanRunId) -> Result<RunView, IpcError> {
    state.read(|s| runs::get(s.conn(), &id, s.now()))
}

/// Records a tick, skip, note, log entry or the close of a run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_record(
    state: State<'_, AppState>,
    id: PlanRunId,
    action: RunAction,
) -> Result<RunEventId, IpcError> {
    state.write(|tx| runs::record(tx, &id, &action))
}
