//! CSV import from the Cases page's wizard, with progress and cancel.
//!
//! The file is chosen in the operating system's open dialog, opened from Rust
//! ([`crate::dialogs`]): the webview gets the file's name and what is in it, never a path, and cannot name a file
//! itself (it holds no dialog or file-system permission), so a big export is read by Rust
//! and never passes through the webview. The chosen path stays in the app state for the
//! wizard's later steps. The dry run reads on a read-only connection; the import runs on
//! a blocking worker with its own connection, as demo data does, so the UI keeps
//! answering while it writes.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use frontline_core::import::{self, DryRun, FileEncoding, FileInfo, ImportOptions, ImportProgress, ImportSummary};
use frontline_core::Store;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// The file the user chose, and what it looks like.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFile {
    /// The file's name (without its folder).
    pub name: String,
    /// Its size in bytes (at most `import::MAX_FILE_BYTES`).
    pub size: u32,
    /// Its encoding, layout, first rows and a mapping to start from.
    pub info: FileInfo,
}

/// Opens the system's open dialog for a CSV file; `None` when the user closes it.
#[tauri::command]
#[specta::specta]
pub async fn import_choose_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<ChosenFile>, IpcError> {
    let Some(path) = dialogs::open(&app, dialogs::CSV_IMPORT).await? else { return Ok(None) };
    state.set_import_file(Some(path));
    inspect(&state, None).await.map(Some)
}

/// Reads the chosen file again in `encoding` (when detection was unsure, or wrong).
#[tauri::command]
#[specta::specta]
pub async fn import_inspect(state: State<'_, AppState>, encoding: FileEncoding) -> Result<ChosenFile, IpcError> {
    inspect(&state, Some(encoding)).await
}

async fn inspect(state: &AppState, encoding: Option<FileEncoding>) -> Result<ChosenFile, IpcError> {
    let path = chosen(state)?;
    let bytes = read(path.clone()).await?;
    let info = state.read(|s| import::inspect(s.conn(), &bytes, encoding))?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(ChosenFile { name, size: u32::try_from(bytes.len()).unwrap_or(u32::MAX), info })
}

/// Checks every row of the chosen file against `options`; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_dry_run(state: State<'_, AppState>, options: ImportOptions) -> Result<DryRun, IpcError> {
    let bytes = read(chosen(&state)?).await?;
    state.read(|s| import::dry_run(s.conn(), &bytes, &options, s.now()))
}

/// Imports the chosen file, reporting progress on `on_progress`; all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_run(
    state: State<'_, AppState>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportSummary, IpcError> {
    let path = state.db_path()?;
    let file = chosen(&state)?;
    let cancel = state.import_cancel();
    cancel.store(false, Ordering::SeqCst);
    let work = tauri::async_runtime::spawn_blocking(move || {
        let bytes = import::read_file(&file)?;
        let mut store = Store::open(&path)?;
        import::import(&mut store, &bytes, &options, |p| {
            let _ = on_progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    });
    let summary = match work.await {
        Ok(result) => result?,
        Err(e) => return Err(frontline_core::Error::Internal(format!("import worker failed: {e}")).into()),
    };
    state.sync_wake().after_change();
    Ok(summary)
}

/// Cancels a running import; nothing of it is kept.
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.import_cancel().store(true, Ordering::SeqCst);
    Ok(())
}

fn chosen(state: &AppState) -> Result<PathBuf, IpcError> {
    state.import_file().ok_or_else(|| IpcError::invalid_field("file"))
}

async fn read(path: PathBuf) -> Result<Vec<u8>, IpcError> {
    match tauri::async_runtime::spawn_blocking(move || import::read_file(&path)).await {
        Ok(result) => Ok(result?),
        Err(e) => Err(frontline_core::Error::Internal(format!("reading the file failed: {e}")).into()),
    }
}
