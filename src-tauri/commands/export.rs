//! Files the user picks: a case list or saved view, the dashboard's KPIs and the training
//! compliance matrix as CSV, and everything the database syncs as JSON — written, or read
//! back into an empty database.
//!
//! The dialogs open from Rust ([`crate::dialogs`]): the window never names a path, so it
//! cannot write anywhere the user did not choose. The file is written on a blocking worker with a
//! connection of its own, so a 100,000-case export neither blocks the UI's reads nor holds
//! the write connection; progress goes to a channel, and [`export_cancel`] stops it
//! (whatever file was at the path is then left as it was).

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use frontline_core::cases::CaseQuery;
use frontline_core::export::{self, JsonImportProgress, JsonImportSummary, Progress};
use frontline_core::ids::TeamId;
use frontline_core::kpi::{self, DashboardRequest};
use frontline_core::training::matrix;
use frontline_core::{Store, settings};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// A finished export.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    /// The file written.
    pub path: String,
    /// Rows written.
    #[specta(type = u32)]
    pub rows: u64,
}

/// Runs `write` on a blocking worker with its own read connection, writing `path` whole
/// or not at all, with the cancel flag reset.
async fn write_in_background(
    state: &AppState,
    path: PathBuf,
    write: impl FnOnce(&Store, &mut std::io::BufWriter<std::fs::File>, Arc<AtomicBool>) -> frontline_core::Result<u64>
    + Send
    + 'static,
) -> Result<ExportDone, IpcError> {
    let db = state.db_path()?;
    let cancel = state.export_cancel();
    cancel.store(false, Ordering::SeqCst);
    let shown = path.display().to_string();
    let work = tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open_reader(&db)?;
        export::write_file(&path, true, |out| write(&store, out, cancel))
    });
    match work.await {
        Ok(Ok(rows)) => Ok(ExportDone { path: shown, rows }),
        Ok(Err(e)) => Err(IpcError::file(e)),
        Err(e) => Err(frontline_core::Error::Internal(format!("export worker failed: {e}")).into()),
    }
}

fn progress_to(channel: Channel<Progress>, cancel: Arc<AtomicBool>) -> impl FnMut(Progress) -> ControlFlow<()> {
    move |p| {
        let _ = channel.send(p);
        if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    }
}

/// Writes every case of the list `query` describes (the current list or a saved view's
/// query; paging ignored) as CSV to a file the user picks, headers in the app's language.
/// `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_cases_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    query: CaseQuery,
    file_name: String,
    on_progress: Channel<Progress>,
) -> Result<Option<ExportDone>, IpcError> {
    let Some(path) = dialogs::save(&app, &file_name, dialogs::CSV).await? else { return Ok(None) };
    let done = write_in_background(&state, path, move |store, out, cancel| {
        let lang = settings::load(store)?.language;
        export::cases_csv(store.conn(), &query, lang, store.now(), out, progress_to(on_progress, cancel))
    })
    .await?;
    Ok(Some(done))
}

/// Writes the dashboard's KPIs for `request` (one row per KPI, this period beside the
/// previous one) as CSV to a file the user picks. `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_kpi_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DashboardRequest,
    file_name: String,
) -> Result<Option<ExportDone>, IpcError> {
    let Some(path) = dialogs::save(&app, &file_name, dialogs::CSV).await? else { return Ok(None) };
    let done = write_in_background(&state, path, move |store, out, _| {
        let table = kpi::dashboard(store.conn(), &request, store.now())?.table(settings::load(store)?.language);
        table.write_csv(out)?;
        Ok(table.rows.len() as u64)
    })
    .await?;
    Ok(Some(done))
}

/// Writes the compliance matrix of a team (`null`: everyone) as it stands today as CSV to
/// a file the user picks. `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_compliance_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    team_id: Option<TeamId>,
    file_name: String,
) -> Result<Option<ExportDone>, IpcError> {
    let Some(path) = dialogs::save(&app, &file_name, dialogs::CSV).await? else { return Ok(None) };
    let done = write_in_background(&state, path, move |store, out, _| {
        let today = settings::today(store.conn(), store.now())?;
        let table = matrix::matrix(store.conn(), team_id.as_ref(), today)?.table(settings::load(store)?.language);
        table.write_csv(out)?;
        Ok(table.rows.len() as u64)
    })
    .await?;
    Ok(Some(done))
}

/// Writes everything this database syncs as canonical JSON (`docs/export-format.md`) to a
/// file the user picks. `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn data_export_json(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
    on_progress: Channel<Progress>,
) -> Result<Option<ExportDone>, IpcError> {
    let Some(path) = dialogs::save(&app, &file_name, dialogs::JSON).await? else { return Ok(None) };
    let done = write_in_background(&state, path, move |store, out, cancel| {
        let mut rows = 0;
        let mut report = progress_to(on_progress, cancel);
        export::canonical_json(store.conn(), out, |p| {
            rows = p.rows;
            report(p)
        })?;
        Ok(rows)
    })
    .await?;
    Ok(Some(done))
}

/// Reads an export the user picks into this database, which must be empty; all or
/// nothing, on a worker with its own write connection (the UI keeps reading meanwhile).
/// `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn data_import_json(
    app: AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<JsonImportProgress>,
) -> Result<Option<JsonImportSummary>, IpcError> {
    let Some(path) = dialogs::open(&app, dialogs::JSON).await? else { return Ok(None) };
    let db = state.db_path()?;
    let cancel = state.export_cancel();
    cancel.store(false, Ordering::SeqCst);
    let work = tauri::async_runtime::spawn_blocking(move || {
        let file = std::fs::File::open(&path).map_err(|e| frontline_core::Error::Io { action: "open", path, source: e })?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut store = Store::open(&db)?;
        export::import_json(&mut store, file, size, |p| {
            let _ = on_progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    });
    let summary = match work.await {
        Ok(result) => result.map_err(IpcError::file)?,
        Err(e) => return Err(frontline_core::Error::Internal(format!("import worker failed: {e}")).into()),
    };
    state.sync_wake().after_change();
    Ok(Some(summary))
}

/// Stops a running export or import; an export's file is not left behind, an import keeps
/// nothing.
#[tauri::command]
#[specta::specta]
pub async fn export_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.export_cancel().store(true, Ordering::SeqCst);
    Ok(())
}
