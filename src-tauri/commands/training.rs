//! Training commands: the roster (agents with their roster facts), roles, courses,
//! training records, sessions (enrolment and the attendance grid), requirements, exemptions
//! and the compliance matrix. Each is one core
//! call (plus "today" in the workspace's zone where a status is judged).

use frontline_core::ids::{AgentId, CourseId, SessionId, TrainingRecordId};
use frontline_core::people::{AgentInput, Role, RosterAgent, RosterQuery, roles, roster};
use frontline_core::settings;
use frontline_core::training::{
    AgentTraining, AttendanceRow, AttendanceSaved, ComplianceQuery, ComplianceView, Course, CourseInput, Exemption,
    RecordInput, Requirement, Session, SessionDetail, SessionInput, courses, matrix, records, requirements, sessions,
};
use frontline_core::import::{self as file_import, FileEncoding};
use frontline_core::training::import as records_import;
use frontline_core::training::{RecordDryRun, RecordImportProgress, RecordImportSummary};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dialogs;

use crate::error::IpcError;
use crate::state::AppState;

/// Every role in order, retired ones included.
#[tauri::command]
#[specta::specta]
pub async fn role_list(state: State<'_, AppState>) -> Result<Vec<Role>, IpcError> {
    state.read(|s| roles::list(s.conn()))
}

/// The roster a query asks for.
#[tauri::command]
#[specta::specta]
pub async fn roster_list(
    state: State<'_, AppState>,
    query: RosterQuery,
) -> Result<Vec<RosterAgent>, IpcError> {
    state.read(|s| roster::roster(s.conn(), &query))
}

/// Adds an agent to the roster.
#[tauri::command]
#[specta::specta]
pub async fn roster_add(
    state: State<'_, AppState>,
    input: AgentInput,
) -> Result<AgentId, IpcError> {
    state.write(|tx| roster::create(tx, &input))
}

/// Replaces an agent's roster facts.
#[tauri::command]
#[specta::specta]
pub async fn roster_update(
    state: State<'_, AppState>,
    id: AgentId,
    input: AgentInput,
) -> Result<(), IpcError> {
    state.write(|tx| roster::update(tx, &id, &input))
}

/// Marks an agent as left on a day, or active again (`null`).
#[tauri::command]
#[specta::specta]
pub async fn roster_set_left(
    state: State<'_, AppState>,
    id: AgentId,
    left_on: Option<String>,
) -> Result<(), IpcError> {
    state.write(|tx| roster::set_left(tx, &id, left_on.as_deref()))
}

/// Every course.
#[tauri::command]
#[specta::specta]
pub async fn course_list(state: State<'_, AppState>) -> Result<Vec<Course>, IpcError> {
    state.read(|s| courses::list(s.conn()))
}

/// Adds a course.
#[tauri::command]
#[specta::specta]
pub async fn course_create(
    state: State<'_, AppState>,
    input: CourseInput,
) -> Result<CourseId, IpcError> {
    state.write(|tx| courses::create(tx, &input))
}

/// Replaces every field of a course.
#[tauri::command]
#[specta::specta]
pub async fn course_update(
    state: State<'_, AppState>,
    id: CourseId,
    input: CourseInput,
) -> Result<(), IpcError> {
    state.write(|tx| courses::update(tx, &id, &input))
}

/// An agent and their training records as they stand today.
#[tauri::command]
#[specta::specta]
pub async fn training_history(
    state: State<'_, AppState>,
    agent: AgentId,
) -> Result<AgentTraining, IpcError> {
    state.read(|s| records::history(s.conn(), &agent, settings::today(s.conn(), s.now())?))
}

/// Records a course completion.
#[tauri::command]
#[specta::specta]
pub async fn training_record_add(
    state: State<'_, AppState>,
    input: RecordInput,
) -> Result<TrainingRecordId, IpcError> {
    state.write(|tx| records::add(tx, &input))
}

/// Every requirement that asks something (required or recommended).
#[tauri::command]
#[specta::specta]
pub async fn requirement_list(state: State<'_, AppState>) -> Result<Vec<Requirement>, IpcError> {
    state.read(|s| requirements::list(s.conn()))
}

/// Sets one (role, course) cell of the requirements table.
#[tauri::command]
#[specta::specta]
pub async fn requirement_set(
    state: State<'_, AppState>,
    input: Requirement,
) -> Result<(), IpcError> {
    state.write(|tx| requirements::set(tx, &input))
}

/// The live exemptions of one agent, or of everyone (`null`).
#[tauri::command]
#[specta::specta]
pub async fn exemption_list(
    state: State<'_, AppState>,
    agent: Option<AgentId>,
) -> Result<Vec<Exemption>, IpcError> {
    state.read(|s| requirements::exemptions(s.conn(), agent.as_ref()))
}

/// Exempts an agent from a course (or replaces the reason).
#[tauri::command]
#[specta::specta]
pub async fn exemption_set(
    state: State<'_, AppState>,
    input: Exemption,
) -> Result<(), IpcError> {
    state.write(|tx| requirements::exempt(tx, &input))
}

/// Ends an agent's exemption from a course.
#[tauri::command]
#[specta::specta]
pub async fn exemption_end(
    state: State<'_, AppState>,
    agent: AgentId,
    course: CourseId,
) -> Result<(), IpcError> {
    state.write(|tx| requirements::unexempt(tx, &agent, &course))
}

/// The compliance matrix of a team (or everyone) today, and who needs what.
#[tauri::command]
#[specta::specta]
pub async fn compliance_view(
    state: State<'_, AppState>,
    query: ComplianceQuery,
) -> Result<ComplianceView, IpcError> {
    state.read(|s| matrix::view(s.conn(), &query, settings::today(s.conn(), s.now())?))
}

/// The sessions of one course, or of every course (`null`), the latest first.
#[tauri::command]
#[specta::specta]
pub async fn session_list(
    state: State<'_, AppState>,
    course: Option<CourseId>,
) -> Result<Vec<Session>, IpcError> {
    state.read(|s| sessions::list(s.conn(), course.as_ref()))
}

/// A session's page: the session, its course's terms and the attendance grid.
#[tauri::command]
#[specta::specta]
pub async fn session_get(state: State<'_, AppState>, id: SessionId) -> Result<SessionDetail, IpcError> {
    state.read(|s| sessions::detail(s.conn(), &id))
}

/// Schedules a session.
#[tauri::command]
#[specta::specta]
pub async fn session_create(
    state: State<'_, AppState>,
    input: SessionInput,
) -> Result<SessionId, IpcError> {
    state.write(|tx| sessions::create(tx, &input))
}

/// Replaces a session's fields.
#[tauri::command]
#[specta::specta]
pub async fn session_update(
    state: State<'_, AppState>,
    id: SessionId,
    input: SessionInput,
) -> Result<(), IpcError> {
    state.write(|tx| sessions::update(tx, &id, &input))
}

/// Enrols agents in a session; all or none.
#[tauri::command]
#[specta::specta]
pub async fn session_enrol(
    state: State<'_, AppState>,
    id: SessionId,
    agents: Vec<AgentId>,
) -> Result<(), IpcError> {
    state.write(|tx| sessions::enrol(tx, &id, &agents))
}

/// Withdraws an agent from a session.
#[tauri::command]
#[specta::specta]
pub async fn session_withdraw(
    state: State<'_, AppState>,
    id: SessionId,
    agent: AgentId,
) -> Result<(), IpcError> {
    state.write(|tx| sessions::withdraw(tx, &id, &agent))
}

/// Saves the attendance grid in one transaction, writing the records it earns.
#[tauri::command]
#[specta::specta]
pub async fn session_save_attendance(
    state: State<'_, AppState>,
    id: SessionId,
    rows: Vec<AttendanceRow>,
) -> Result<AttendanceSaved, IpcError> {
    state.write(|tx| sessions::save_attendance(tx, &id, &rows))
}

/// A training-records file the user chose, and what its dry run found.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChosenRecordsFile {
    /// The file's name (without its folder).
    pub name: String,
    /// Every row checked; nothing written.
    pub dry_run: RecordDryRun,
}

/// Opens the system's open dialog for a CSV file of training records and checks every
/// row of it; `None` when the user closes the dialog. The chosen path stays in the app
/// state (the slot the case import's wizard uses: one import dialog is open at a time),
/// never in the webview.
#[tauri::command]
#[specta::specta]
pub async fn training_import_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ChosenRecordsFile>, IpcError> {
    let Some(path) = dialogs::open(&app, dialogs::CSV_IMPORT).await? else { return Ok(None) };
    state.set_import_file(Some(path.clone()));
    let dry_run = records_dry_run(&state, None).await?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(Some(ChosenRecordsFile { name, dry_run }))
}

/// Checks every row of the chosen file again, read in `encoding` (`null`: as detected).
#[tauri::command]
#[specta::specta]
pub async fn training_import_dry_run(
    state: State<'_, AppState>,
    encoding: Option<FileEncoding>,
) -> Result<RecordDryRun, IpcError> {
    records_dry_run(&state, encoding).await
}

/// Imports the chosen file in one transaction, reporting progress on `on_progress`; all
/// or nothing.
#[tauri::command]
#[specta::specta]
pub async fn training_import_run(
    state: State<'_, AppState>,
    encoding: Option<FileEncoding>,
    on_progress: Channel<RecordImportProgress>,
) -> Result<RecordImportSummary, IpcError> {
    let bytes = read_chosen(&state).await?;
    state.write(|tx| {
        records_import::import(tx, &bytes, encoding, |p| {
            let _ = on_progress.send(p);
        })
    })
}

async fn records_dry_run(state: &AppState, encoding: Option<FileEncoding>) -> Result<RecordDryRun, IpcError> {
    let bytes = read_chosen(state).await?;
    state.read(|s| records_import::dry_run(s.conn(), &bytes, encoding, settings::today(s.conn(), s.now())?))
}

async fn read_chosen(state: &AppState) -> Result<Vec<u8>, IpcError> {
    let path = state.import_file().ok_or_else(|| IpcError::invalid_field("file"))?;
    match tauri::async_runtime::spawn_blocking(move || file_import::read_file(&path)).await {
        Ok(result) => Ok(result?),
        Err(e) => Err(frontline_core::Error::Internal(format!("reading the file failed: {e}")).into()),
    }
}
