//! The service reports, made by core on every call from the local data (offline).

use frontline_core::report::{self, ReportRequest, ServiceReport};
use frontline_core::settings;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The weekly or monthly service report `request` asks for, its KPI names in the app's
/// language.
#[tauri::command]
#[specta::specta]
pub async fn report_service(state: State<'_, AppState>, request: ReportRequest) -> Result<ServiceReport, IpcError> {
    state.read(|s| report::service_report(s.conn(), &request, settings::load(s)?.language, s.now()))
}
