//! The service reports, made by core on every call from the local data (offline): the
//! printable page's data, and the PDF saved where the user chooses.

use frontline_core::report::{self, ReportRequest, ServiceReport};
use frontline_core::settings;
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// The weekly or monthly service report `request` asks for, its KPI names in the app's
/// language.
#[tauri::command]
#[specta::specta]
pub async fn report_service(state: State<'_, AppState>, request: ReportRequest) -> Result<ServiceReport, IpcError> {
    state.read(|s| report::service_report(s.conn(), &request, settings::load(s)?.language, s.now()))
}

/// Saves the report `request` asks for as a PDF in the app's language, where the user
/// chooses in a save dialog offering `service-report-<week or month>.pdf`. Returns the
/// path written; `None` when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn report_save_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
) -> Result<Option<String>, IpcError> {
    let (r, lang) = state.read(|s| {
        let lang = settings::load(s)?.language;
        Ok((report::service_report(s.conn(), &request, lang, s.now())?, lang))
    })?;
    let Some(path) = dialogs::save(&app, &r.file_name(), dialogs::PDF).await? else { return Ok(None) };
    let shown = path.display().to_string();
    write_pdf(move || report::save_pdf(&r, lang, &path, true)).await?;
    Ok(Some(shown))
}

/// Runs `save`, which writes a PDF, on a blocking worker: finding the system's CJK font and
/// subsetting it takes a moment, and the async runtime's threads must keep answering the
/// window meanwhile.
pub(crate) async fn write_pdf(
    save: impl FnOnce() -> frontline_core::Result<()> + Send + 'static,
) -> Result<(), IpcError> {
    match tauri::async_runtime::spawn_blocking(save).await {
        Ok(result) => result.map_err(IpcError::file),
        Err(e) => Err(frontline_core::Error::Internal(format!("PDF worker failed: {e}")).into()),
    }
}
