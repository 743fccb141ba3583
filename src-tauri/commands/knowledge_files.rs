//! The knowledge base in and out as a folder of Markdown files, with progress and cancel.
//!
//! The folder is chosen in the operating system's folder dialog, opened from Rust
//! ([`crate::dialogs`]): the webview gets the folder's name and the dry run, never a
//! path. The chosen folder stays in the app state for the import that follows. The import
//! and export run on a blocking worker with their own connection, as the CSV import does,
//! so the UI keeps answering; [`kb_markdown_cancel`] stops either.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use frontline_core::Store;
use frontline_core::ids::{ArticleId, ArticleImageId};
use frontline_core::knowledge::images;
use frontline_core::knowledge::markdown::{self, MarkdownCheck, MarkdownProgress};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// The folder chosen for an import, and its dry run.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFolder {
    /// The folder's name (without its parents).
    pub name: String,
    /// Every file checked.
    pub check: MarkdownCheck,
}

/// Where an export went.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MarkdownExported {
    /// The folder.
    pub path: String,
    /// Files written.
    pub files: u32,
}

fn worker_failed(e: impl std::fmt::Display) -> IpcError {
    frontline_core::Error::Internal(format!("knowledge-base worker failed: {e}")).into()
}

/// Opens the image dialog and stores the image chosen with the article; its id, or `None`
/// when the user closes the dialog.
#[tauri::command]
#[specta::specta]
pub async fn kb_image_pick(
    app: AppHandle,
    state: State<'_, AppState>,
    article: ArticleId,
) -> Result<Option<ArticleImageId>, IpcError> {
    let Some(path) = dialogs::open(&app, dialogs::IMAGE).await? else { return Ok(None) };
    let bytes =
        tauri::async_runtime::spawn_blocking(move || images::read_file(&path)).await.map_err(worker_failed)??;
    state.write(|tx| images::add_bytes(tx, &article, &bytes)).map(Some)
}

/// Opens the folder dialog and checks the Markdown files of the folder chosen (writing
/// nothing); `None` when the user closes the dialog.
#[tauri::command]
#[specta::specta]
pub async fn kb_markdown_choose_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ChosenFolder>, IpcError> {
    let Some(dir) = dialogs::folder(&app, dialogs::KB_IMPORT_FOLDER).await? else { return Ok(None) };
    state.set_kb_folder(Some(dir.clone()));
    let name = dir.file_name().map_or_else(|| dir.to_string_lossy().into_owned(), |n| n.to_string_lossy().into_owned());
    let files = read(dir).await?;
    let check = state.read(|s| markdown::dry_run(s.conn(), &files))?;
    Ok(Some(ChosenFolder { name, check }))
}

/// Imports the chosen folder as draft articles, reporting progress on `on_progress`;
/// all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn kb_markdown_import(
    state: State<'_, AppState>,
    on_progress: Channel<MarkdownProgress>,
) -> Result<u32, IpcError> {
    let path = state.db_path()?;
    let dir = state.kb_folder().ok_or_else(|| IpcError::invalid_field("path"))?;
    let cancel = state.kb_cancel();
    cancel.store(false, Ordering::SeqCst);
    let work = tauri::async_runtime::spawn_blocking(move || {
        let files = markdown::read_folder(&dir)?;
        let mut store = Store::open(&path)?;
        markdown::import(&mut store, &files, |p| {
            let _ = on_progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    });
    let made = work.await.map_err(worker_failed)??;
    state.sync_wake().after_change();
    Ok(made)
}

/// Opens the folder dialog and writes every article there as a Markdown file, reporting
/// progress on `on_progress`; `None` when the user closes the dialog.
#[tauri::command]
#[specta::specta]
pub async fn kb_markdown_export(
    app: AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<MarkdownProgress>,
) -> Result<Option<MarkdownExported>, IpcError> {
    let Some(dir) = dialogs::folder(&app, dialogs::KB_EXPORT_FOLDER).await? else { return Ok(None) };
    let db = state.db_path()?;
    let cancel = state.kb_cancel();
    cancel.store(false, Ordering::SeqCst);
    let target = dir.clone();
    let work = tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open_reader(&db)?;
        markdown::export_folder(store.conn(), &target, |p| {
            let _ = on_progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    });
    let files = work.await.map_err(worker_failed)??;
    Ok(Some(MarkdownExported { path: dir.to_string_lossy().into_owned(), files }))
}

/// Cancels a running Markdown import (nothing of it is kept) or export.
#[tauri::command]
#[specta::specta]
pub async fn kb_markdown_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.kb_cancel().store(true, Ordering::SeqCst);
    Ok(())
}

async fn read(dir: PathBuf) -> Result<Vec<markdown::MarkdownFile>, IpcError> {
    Ok(tauri::async_runtime::spawn_blocking(move || markdown::read_folder(&dir)).await.map_err(worker_failed)??)
}
