//! Demo data from the first-run screen, with progress and cancel.
//!
//! Generation runs on a blocking worker with its own connection, so the UI's connection
//! keeps answering reads (WAL) while a 100k-case data set is written.

use std::ops::ControlFlow;
use std::sync::atomic::Ordering;

use frontline_core::Store;
use frontline_core::demo::{self, DemoOptions, DemoProgress, DemoSummary};
use frontline_core::settings::Language;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::IpcError;
use crate::state::AppState;

/// Seed of the app's demo data: the same button always makes the same data set.
const SEED: u64 = 20_260_101;

/// Generates `cases` demo cases in `language`, reporting progress on `on_progress`. The
/// app offers demo data on an empty database only, so it never forces: a database that
/// has cases meanwhile is refused with `not_empty`, more than `demo::MAX_CASES` with a
/// validation error (the rule is `demo::generate`'s).
#[tauri::command]
#[specta::specta]
pub async fn demo_generate(
    state: State<'_, AppState>,
    cases: u32,
    language: Language,
    on_progress: Channel<DemoProgress>,
) -> Result<DemoSummary, IpcError> {
    let path = state.db_path()?;
    let cancel = state.demo_cancel();
    cancel.store(false, Ordering::SeqCst);
    let work = tauri::async_runtime::spawn_blocking(move || {
        let mut store = Store::open(&path)?;
        let opts = DemoOptions { cases, language, seed: SEED, end: store.now(), force: false };
        demo::generate(&mut store, &opts, |p| {
            let _ = on_progress.send(p);
            if cancel.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
    });
    match work.await {
        Ok(result) => Ok(result?),
        Err(e) => Err(frontline_core::Error::Internal(format!("demo worker failed: {e}")).into()),
    }
}

/// Cancels a running generation; nothing of it is kept.
#[tauri::command]
#[specta::specta]
pub async fn demo_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.demo_cancel().store(true, Ordering::SeqCst);
    Ok(())
}
