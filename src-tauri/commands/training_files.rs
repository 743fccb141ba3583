//! The certificate file of an external training record: attach one picked in the open
//! dialog, list an agent's, and save one back out through the save dialog. Both dialogs
//! are opened from Rust ([`crate::dialogs`]), so the webview never names a path; the file
//! is read and written on a blocking worker so the window keeps answering.

use frontline_core::ids::{AgentId, TrainingRecordId};
use frontline_core::training::attachments::{self, Attachment};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

fn worker_failed(e: impl std::fmt::Display) -> IpcError {
    frontline_core::Error::Internal(format!("attachment worker failed: {e}")).into()
}

/// Opens the open dialog and attaches the certificate chosen to the record; `false` when
/// the user closes the dialog.
#[tauri::command]
#[specta::specta]
pub async fn training_attachment_pick(
    app: AppHandle,
    state: State<'_, AppState>,
    record_id: TrainingRecordId,
) -> Result<bool, IpcError> {
    let Some(path) = dialogs::open(&app, dialogs::CERTIFICATE).await? else { return Ok(false) };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes =
        tauri::async_runtime::spawn_blocking(move || attachments::read_file(&path)).await.map_err(worker_failed)??;
    state.write(|tx| attachments::attach(tx, &record_id, &name, &bytes)).map(|()| true)
}

/// The certificates attached to an agent's records.
#[tauri::command]
#[specta::specta]
pub async fn training_attachments(state: State<'_, AppState>, agent: AgentId) -> Result<Vec<Attachment>, IpcError> {
    state.read(|s| attachments::for_agent(s.conn(), &agent))
}

/// Opens the save dialog offering the file's own name and writes the certificate there;
/// the path written, or `None` when the user closes the dialog.
#[tauri::command]
#[specta::specta]
pub async fn training_attachment_save(
    app: AppHandle,
    state: State<'_, AppState>,
    record_id: TrainingRecordId,
    file_name: String,
) -> Result<Option<String>, IpcError> {
    let Some(path) = dialogs::save(&app, &file_name, dialogs::CERTIFICATE).await? else { return Ok(None) };
    let shown = path.display().to_string();
    state.read(|s| attachments::save(s.conn(), &record_id, &path))?;
    Ok(Some(shown))
}
