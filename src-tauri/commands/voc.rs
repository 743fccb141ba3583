//! Voice-of-the-customer commands: journey stages, feedback, the pain-point view and
//! insights. Each is one core call (plus "today" in the workspace's zone where a review
//! date is judged).

use frontline_core::cases;
use frontline_core::ids::{CaseId, FeedbackId, InsightId, JourneyStageId};
use frontline_core::voc::{
    self, Evidence, Feedback, FeedbackInput, FeedbackPage, FeedbackQuery, InsightDetail, InsightInput, InsightQuery,
    InsightStatus, InsightSummary, JourneyStage, PainPoints, PainPointsRequest, feedback, handover, insights,
    painpoints, stages,
};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// Every journey stage in journey order, retired ones included.
#[tauri::command]
#[specta::specta]
pub async fn journey_stage_list(state: State<'_, AppState>) -> Result<Vec<JourneyStage>, IpcError> {
    state.read(|s| stages::list(s.conn()))
}

/// Adds a stage at the end of the journey.
#[tauri::command]
#[specta::specta]
pub async fn journey_stage_create(state: State<'_, AppState>, name: String) -> Result<JourneyStageId, IpcError> {
    state.write(|tx| stages::create(tx, &name))
}

/// Renames a stage.
#[tauri::command]
#[specta::specta]
pub async fn journey_stage_rename(state: State<'_, AppState>, id: JourneyStageId, name: String) -> Result<(), IpcError> {
    state.write(|tx| stages::rename(tx, &id, &name))
}

/// Puts the stages in this order (every stage once).
#[tauri::command]
#[specta::specta]
pub async fn journey_stage_reorder(state: State<'_, AppState>, ids: Vec<JourneyStageId>) -> Result<(), IpcError> {
    state.write(|tx| stages::reorder(tx, &ids))
}

/// Retires a stage or brings it back.
#[tauri::command]
#[specta::specta]
pub async fn journey_stage_set_retired(
    state: State<'_, AppState>,
    id: JourneyStageId,
    retired: bool,
) -> Result<(), IpcError> {
    state.write(|tx| stages::set_retired(tx, &id, retired))
}

/// Sets (or clears) a case's journey stage.
#[tauri::command]
#[specta::specta]
pub async fn case_set_journey_stage(
    state: State<'_, AppState>,
    id: CaseId,
    stage: Option<JourneyStageId>,
) -> Result<(), IpcError> {
    state.write(|tx| cases::set_journey_stage(tx, &id, stage.as_ref()))
}

/// A page of feedback.
#[tauri::command]
#[specta::specta]
pub async fn feedback_list(state: State<'_, AppState>, query: FeedbackQuery) -> Result<FeedbackPage, IpcError> {
    state.read(|s| feedback::list(s.conn(), &query))
}

/// One feedback entry.
#[tauri::command]
#[specta::specta]
pub async fn feedback_get(state: State<'_, AppState>, id: FeedbackId) -> Result<Feedback, IpcError> {
    state.read(|s| feedback::get(s.conn(), &id))
}

/// Records a feedback entry.
#[tauri::command]
#[specta::specta]
pub async fn feedback_create(state: State<'_, AppState>, input: FeedbackInput) -> Result<FeedbackId, IpcError> {
    state.write(|tx| feedback::create(tx, &input))
}

/// Replaces a feedback entry's fields.
#[tauri::command]
#[specta::specta]
pub async fn feedback_update(state: State<'_, AppState>, id: FeedbackId, input: FeedbackInput) -> Result<(), IpcError> {
    state.write(|tx| feedback::update(tx, &id, &input))
}

/// Deletes a feedback entry.
#[tauri::command]
#[specta::specta]
pub async fn feedback_delete(state: State<'_, AppState>, id: FeedbackId) -> Result<(), IpcError> {
    state.write(|tx| feedback::delete(tx, &id))
}

/// The feedback themes in use.
#[tauri::command]
#[specta::specta]
pub async fn feedback_themes(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.read(|s| feedback::themes(s.conn()))
}

/// The pain-point heat maps of a period.
#[tauri::command]
#[specta::specta]
pub async fn voc_pain_points(state: State<'_, AppState>, request: PainPointsRequest) -> Result<PainPoints, IpcError> {
    state.read(|s| painpoints::pain_points(s.conn(), &request, s.now()))
}

/// The insights a query asks for.
#[tauri::command]
#[specta::specta]
pub async fn insight_list(state: State<'_, AppState>, query: InsightQuery) -> Result<Vec<InsightSummary>, IpcError> {
    state.read(|s| insights::list(s.conn(), &query, voc::today(s.conn(), s.now())?))
}

/// An insight with its evidence.
#[tauri::command]
#[specta::specta]
pub async fn insight_get(state: State<'_, AppState>, id: InsightId) -> Result<InsightDetail, IpcError> {
    state.read(|s| insights::detail(s.conn(), &id, voc::today(s.conn(), s.now())?))
}

/// Raises an insight with its evidence.
#[tauri::command]
#[specta::specta]
pub async fn insight_create(
    state: State<'_, AppState>,
    input: InsightInput,
    evidence: Evidence,
) -> Result<InsightId, IpcError> {
    state.write(|tx| insights::create(tx, &input, &evidence))
}

/// Replaces an insight's texts, department and review date.
#[tauri::command]
#[specta::specta]
pub async fn insight_update(state: State<'_, AppState>, id: InsightId, input: InsightInput) -> Result<(), IpcError> {
    state.write(|tx| insights::update(tx, &id, &input))
}

/// Moves an insight along its workflow.
#[tauri::command]
#[specta::specta]
pub async fn insight_set_status(state: State<'_, AppState>, id: InsightId, to: InsightStatus) -> Result<(), IpcError> {
    state.write(|tx| insights::set_status(tx, &id, to))
}

/// Cites more cases or feedback.
#[tauri::command]
#[specta::specta]
pub async fn insight_link(state: State<'_, AppState>, id: InsightId, evidence: Evidence) -> Result<(), IpcError> {
    state.write(|tx| insights::link(tx, &id, &evidence))
}

/// Stops citing cases or feedback.
#[tauri::command]
#[specta::specta]
pub async fn insight_unlink(state: State<'_, AppState>, id: InsightId, evidence: Evidence) -> Result<(), IpcError> {
    state.write(|tx| insights::unlink(tx, &id, &evidence))
}

/// Deletes an insight.
#[tauri::command]
#[specta::specta]
pub async fn insight_delete(state: State<'_, AppState>, id: InsightId) -> Result<(), IpcError> {
    state.write(|tx| insights::delete(tx, &id))
}

/// Saves an insight's hand-over page (Markdown or HTML, as `file_name`'s extension says)
/// where the user chooses in a save dialog offering `file_name`. Returns the path written;
/// `None` when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn insight_save_handover(app: AppHandle, file_name: String, contents: String) -> Result<Option<String>, IpcError> {
    let kind = if file_name.to_ascii_lowercase().ends_with(".md") { dialogs::MARKDOWN } else { dialogs::HTML };
    let Some(path) = dialogs::save(&app, &file_name, kind).await? else { return Ok(None) };
    handover::save(&path, &contents).map_err(IpcError::file)?;
    Ok(Some(path.display().to_string()))
}
