//! Coaching commands: record a note with its actions, correct or delete it, tick an action, an agent's notes
//! and the follow-ups due, each judged on today in the workspace's zone. One core call each.

use frontline_core::coaching::{self, CoachingNote, NoteEdit, NoteInput};
use frontline_core::ids::{AgentId, CoachingActionId, CoachingNoteId};
use frontline_core::settings;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Records a coaching note with the actions agreed.
#[tauri::command]
#[specta::specta]
pub async fn coaching_create(state: State<'_, AppState>, input: NoteInput) -> Result<CoachingNoteId, IpcError> {
    state.write(|tx| coaching::create(tx, &input))
}

/// Corrects a note's own fields.
#[tauri::command]
#[specta::specta]
pub async fn coaching_update(state: State<'_, AppState>, id: CoachingNoteId, edit: NoteEdit) -> Result<(), IpcError> {
    state.write(|tx| coaching::update(tx, &id, &edit))
}

/// Deletes a note with its actions.
#[tauri::command]
#[specta::specta]
pub async fn coaching_delete(state: State<'_, AppState>, id: CoachingNoteId) -> Result<(), IpcError> {
    state.write(|tx| coaching::delete(tx, &id))
}

/// Ticks an action done on a day, or open again with `null`.
#[tauri::command]
#[specta::specta]
pub async fn coaching_action_done(
    state: State<'_, AppState>,
    id: CoachingActionId,
    done_on: Option<String>,
) -> Result<(), IpcError> {
    state.write(|tx| coaching::set_action_done(tx, &id, done_on.as_deref()))
}

/// An agent's coaching notes, the latest first.
#[tauri::command]
#[specta::specta]
pub async fn coaching_for_agent(state: State<'_, AppState>, agent: AgentId) -> Result<Vec<CoachingNote>, IpcError> {
    state.read(|s| coaching::for_agent(s.conn(), &agent, settings::today(s.conn(), s.now())?))
}

/// The follow-ups due today or overdue, the oldest first.
#[tauri::command]
#[specta::specta]
pub async fn coaching_follow_ups_due(state: State<'_, AppState>) -> Result<Vec<CoachingNote>, IpcError> {
    state.read(|s| coaching::follow_ups_due(s.conn(), settings::today(s.conn(), s.now())?))
}
