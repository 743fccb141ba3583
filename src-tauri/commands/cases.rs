//! Case commands: each is one core call in one transaction.

use frontline_core::cases::bulk::{self, BulkAction, BulkOutcome, Prior};
use frontline_core::cases::{
    self, CallbackResult, CaseDetail, CaseEdit, CasePage, CaseQuery, CaseStatus, Contact, Escalation, NewCase,
    QueueCounts, Resolution,
};
use frontline_core::ids::{AgentId, CaseId, TeamId};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Logs a new case; returns its detail.
#[tauri::command]
#[specta::specta]
pub async fn case_create(state: State<'_, AppState>, input: NewCase) -> Result<CaseDetail, IpcError> {
    let id = state.write(|tx| cases::create(tx, &input))?;
    state.read(|s| cases::detail(s, &id))
}

/// A case with its timeline, SLA and allowed moves.
#[tauri::command]
#[specta::specta]
pub async fn case_get(state: State<'_, AppState>, id: CaseId) -> Result<CaseDetail, IpcError> {
    state.read(|s| cases::detail(s, &id))
}

/// One page of a queue.
#[tauri::command]
#[specta::specta]
pub async fn case_list(state: State<'_, AppState>, query: CaseQuery) -> Result<CasePage, IpcError> {
    state.read(|s| cases::query::list(s.conn(), &query, s.now()))
}

/// Edits the case's fields.
#[tauri::command]
#[specta::specta]
pub async fn case_edit(state: State<'_, AppState>, id: CaseId, edit: CaseEdit) -> Result<(), IpcError> {
    state.write(|tx| cases::edit(tx, &id, &edit))
}

/// Moves the case in the workflow (resolving needs `resolution`).
#[tauri::command]
#[specta::specta]
pub async fn case_transition(
    state: State<'_, AppState>,
    id: CaseId,
    to: CaseStatus,
    resolution: Option<Resolution>,
) -> Result<(), IpcError> {
    state.write(|tx| cases::transition(tx, &id, to, resolution.as_ref()))
}

/// Assigns to an agent and/or team.
#[tauri::command]
#[specta::specta]
pub async fn case_assign(
    state: State<'_, AppState>,
    id: CaseId,
    assignee: Option<AgentId>,
    team: Option<TeamId>,
) -> Result<(), IpcError> {
    state.write(|tx| cases::assign(tx, &id, assignee.as_ref(), team.as_ref()))
}

/// Escalates to a department.
#[tauri::command]
#[specta::specta]
pub async fn case_escalate(state: State<'_, AppState>, id: CaseId, escalation: Escalation) -> Result<(), IpcError> {
    state.write(|tx| cases::escalate(tx, &id, &escalation))
}

/// Withdraws the escalation.
#[tauri::command]
#[specta::specta]
pub async fn case_de_escalate(state: State<'_, AppState>, id: CaseId, reason: String) -> Result<(), IpcError> {
    state.write(|tx| cases::de_escalate(tx, &id, &reason))
}

/// Replaces the tags.
#[tauri::command]
#[specta::specta]
pub async fn case_set_tags(state: State<'_, AppState>, id: CaseId, tags: Vec<String>) -> Result<(), IpcError> {
    state.write(|tx| cases::set_tags(tx, &id, &tags))
}

/// Adds a note.
#[tauri::command]
#[specta::specta]
pub async fn case_add_note(state: State<'_, AppState>, id: CaseId, text: String) -> Result<(), IpcError> {
    state.write(|tx| cases::add_note(tx, &id, &text))
}

/// Logs a customer contact.
#[tauri::command]
#[specta::specta]
pub async fn case_log_contact(state: State<'_, AppState>, id: CaseId, contact: Contact) -> Result<(), IpcError> {
    state.write(|tx| cases::log_contact(tx, &id, &contact))
}

/// Schedules the call-back.
#[tauri::command]
#[specta::specta]
pub async fn case_schedule_callback(state: State<'_, AppState>, id: CaseId, due_at: String) -> Result<(), IpcError> {
    state.write(|tx| cases::schedule_callback(tx, &id, &due_at))
}

/// Records the call-back's outcome and satisfaction.
#[tauri::command]
#[specta::specta]
pub async fn case_record_callback(
    state: State<'_, AppState>,
    id: CaseId,
    result: CallbackResult,
) -> Result<(), IpcError> {
    state.write(|tx| cases::record_callback(tx, &id, &result))
}

/// Applies one action to many cases.
#[tauri::command]
#[specta::specta]
pub async fn case_bulk(state: State<'_, AppState>, ids: Vec<CaseId>, action: BulkAction) -> Result<BulkOutcome, IpcError> {
    state.write(|tx| bulk::apply(tx, &ids, &action))
}

/// Takes a bulk action back.
#[tauri::command]
#[specta::specta]
pub async fn case_bulk_undo(state: State<'_, AppState>, changed: Vec<Prior>) -> Result<(), IpcError> {
    state.write(|tx| bulk::undo(tx, &changed))
}

/// How many cases each queue holds ("My cases" for `me`); maintained, so cheap to ask.
#[tauri::command]
#[specta::specta]
pub async fn case_queue_counts(state: State<'_, AppState>, me: Option<AgentId>) -> Result<QueueCounts, IpcError> {
    state.read(|s| cases::counts::queue_counts(s.conn(), me.as_ref(), s.now()))
}

/// Categories in use.
#[tauri::command]
#[specta::specta]
pub async fn case_categories(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.read(|s| cases::query::categories(s.conn()))
}

/// Tags in use.
#[tauri::command]
#[specta::specta]
pub async fn case_tags(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.read(|s| cases::query::tags(s.conn()))
}
