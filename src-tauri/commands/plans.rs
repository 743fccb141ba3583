//! Contingency-plan commands: authoring plans and their steps, publishing versions, and
//! starting and working through runs. Each is one core call.

use frontline_core::cases::{self, CaseDetail, NewCase};
use frontline_core::ids::{
    CaseId, CommsTemplateId, PlanContactId, PlanId, PlanRunId, PlanStepId, PlanVersionId, RunActionItemId, RunEventId,
};
use frontline_core::plans::{
    ActionItemInput, FillInput, FilledTemplate, OpenActionItem, PlanContactInput, PlanDetail, PlanDiff, PlanInput,
    PlanReminder, PlanSummary, ReviewInput, RunAction, RunCase, RunInput, RunReview, RunSummary, RunView, StarterKey,
    StarterSummary, StepInput, TemplateInput, contacts, diff, overview, plans, reminders, review, run_cases, run_pdf,
    runs, starters, templates, versions,
};
use frontline_core::settings::{self, Language};
use tauri::{AppHandle, State};

use crate::commands::report::write_pdf;
use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;

/// Every plan, by title, with its status, last drill and active runs.
#[tauri::command]
#[specta::specta]
pub async fn plan_list(state: State<'_, AppState>) -> Result<Vec<PlanSummary>, IpcError> {
    state.read(|s| overview::list(s.conn()))
}

/// One plan: its draft, status, versions and runs.
#[tauri::command]
#[specta::specta]
pub async fn plan_get(state: State<'_, AppState>, id: PlanId) -> Result<PlanDetail, IpcError> {
    state.read(|s| overview::detail(s.conn(), &id))
}

/// Creates a plan without steps.
#[tauri::command]
#[specta::specta]
pub async fn plan_create(state: State<'_, AppState>, input: PlanInput) -> Result<PlanId, IpcError> {
    state.write(|tx| plans::create(tx, &input))
}

/// Replaces a plan's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_update(state: State<'_, AppState>, id: PlanId, input: PlanInput) -> Result<(), IpcError> {
    state.write(|tx| plans::update(tx, &id, &input))
}

/// Adds a step at the end of its phase.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_add(state: State<'_, AppState>, plan: PlanId, input: StepInput) -> Result<PlanStepId, IpcError> {
    state.write(|tx| plans::add_step(tx, &plan, &input))
}

/// Replaces a step's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_update(state: State<'_, AppState>, id: PlanStepId, input: StepInput) -> Result<(), IpcError> {
    state.write(|tx| plans::update_step(tx, &id, &input))
}

/// Removes a step from the draft.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_remove(state: State<'_, AppState>, id: PlanStepId) -> Result<(), IpcError> {
    state.write(|tx| plans::remove_step(tx, &id))
}

/// Moves a step one place up or down within its phase.
#[tauri::command]
#[specta::specta]
pub async fn plan_step_move(state: State<'_, AppState>, id: PlanStepId, up: bool) -> Result<(), IpcError> {
    state.write(|tx| plans::move_step(tx, &id, up))
}

/// Puts a step at a place within its phase (where it was dropped).
#[tauri::command]
#[specta::specta]
pub async fn plan_step_place(state: State<'_, AppState>, id: PlanStepId, index: u32) -> Result<(), IpcError> {
    state.write(|tx| plans::place_step(tx, &id, index))
}

/// Publishes the plan as it is now.
#[tauri::command]
#[specta::specta]
pub async fn plan_publish(state: State<'_, AppState>, id: PlanId) -> Result<PlanVersionId, IpcError> {
    state.write(|tx| versions::publish(tx, &id))
}

/// Starts a run of a plan's latest published version.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_start(state: State<'_, AppState>, input: RunInput) -> Result<PlanRunId, IpcError> {
    state.write(|tx| runs::start(tx, &input))
}

/// Plans overdue for review or for a drill, the longest overdue first.
#[tauri::command]
#[specta::specta]
pub async fn plan_reminders(state: State<'_, AppState>) -> Result<Vec<PlanReminder>, IpcError> {
    state.read(|s| reminders::list(s.conn(), s.now()))
}

/// Every run not closed yet, the latest first.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_active(state: State<'_, AppState>) -> Result<Vec<RunSummary>, IpcError> {
    state.read(|s| runs::list(s.conn(), None))
}

/// A run as it stands now: checklist, log and (once closed) score.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_get(state: State<'_, AppState>, id: PlanRunId) -> Result<RunView, IpcError> {
    state.read(|s| runs::get(s.conn(), &id, s.now()))
}

/// Records a tick, skip, note, log entry or the close of a run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_record(
    state: State<'_, AppState>,
    id: PlanRunId,
    action: RunAction,
) -> Result<RunEventId, IpcError> {
    state.write(|tx| runs::record(tx, &id, &action))
}

/// Adds a contact at the end of a plan's call tree.
#[tauri::command]
#[specta::specta]
pub async fn plan_contact_add(
    state: State<'_, AppState>,
    plan: PlanId,
    input: PlanContactInput,
) -> Result<PlanContactId, IpcError> {
    state.write(|tx| contacts::add(tx, &plan, &input))
}

/// Replaces a contact's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_contact_update(
    state: State<'_, AppState>,
    id: PlanContactId,
    input: PlanContactInput,
) -> Result<(), IpcError> {
    state.write(|tx| contacts::update(tx, &id, &input))
}

/// Removes a contact from the draft.
#[tauri::command]
#[specta::specta]
pub async fn plan_contact_remove(state: State<'_, AppState>, id: PlanContactId) -> Result<(), IpcError> {
    state.write(|tx| contacts::remove(tx, &id))
}

/// Moves a contact one place up or down the call tree.
#[tauri::command]
#[specta::specta]
pub async fn plan_contact_move(state: State<'_, AppState>, id: PlanContactId, up: bool) -> Result<(), IpcError> {
    state.write(|tx| contacts::move_contact(tx, &id, up))
}

/// Adds a communication template to a plan.
#[tauri::command]
#[specta::specta]
pub async fn plan_template_add(
    state: State<'_, AppState>,
    plan: PlanId,
    input: TemplateInput,
) -> Result<CommsTemplateId, IpcError> {
    state.write(|tx| templates::add(tx, &plan, &input))
}

/// Replaces a template's fields.
#[tauri::command]
#[specta::specta]
pub async fn plan_template_update(
    state: State<'_, AppState>,
    id: CommsTemplateId,
    input: TemplateInput,
) -> Result<(), IpcError> {
    state.write(|tx| templates::update(tx, &id, &input))
}

/// Removes a template from the draft.
#[tauri::command]
#[specta::specta]
pub async fn plan_template_remove(state: State<'_, AppState>, id: CommsTemplateId) -> Result<(), IpcError> {
    state.write(|tx| templates::remove(tx, &id))
}

/// A template of a run's version filled with the run's values.
#[tauri::command]
#[specta::specta]
pub async fn plan_template_fill(
    state: State<'_, AppState>,
    run: PlanRunId,
    template: CommsTemplateId,
    input: FillInput,
) -> Result<FilledTemplate, IpcError> {
    state.read(|s| templates::fill_for_run(s.conn(), &run, &template, &input))
}

/// The cases linked to a run, the newest first.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_cases(state: State<'_, AppState>, run: PlanRunId) -> Result<Vec<RunCase>, IpcError> {
    state.read(|s| run_cases::for_run(s.conn(), &run))
}

/// Links a case to a run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_link_case(state: State<'_, AppState>, run: PlanRunId, case_id: CaseId) -> Result<(), IpcError> {
    state.write(|tx| run_cases::link(tx, &run, &case_id))
}

/// Removes a case's link to a run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_unlink_case(state: State<'_, AppState>, run: PlanRunId, case_id: CaseId) -> Result<(), IpcError> {
    state.write(|tx| run_cases::unlink(tx, &run, &case_id))
}

/// Creates a case and links it to the run in one transaction; returns it as `case_create` does.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_create_case(
    state: State<'_, AppState>,
    run: PlanRunId,
    input: NewCase,
) -> Result<CaseDetail, IpcError> {
    let id = state.write(|tx| run_cases::create_case(tx, &run, &input))?;
    state.read(|s| cases::detail(s, &id))
}

/// The runs a case is linked to, the latest first.
#[tauri::command]
#[specta::specta]
pub async fn plan_runs_of_case(state: State<'_, AppState>, case_id: CaseId) -> Result<Vec<RunSummary>, IpcError> {
    state.read(|s| run_cases::runs_of_case(s.conn(), &case_id))
}

/// What changed from one published version of a plan to another.
#[tauri::command]
#[specta::specta]
pub async fn plan_version_diff(
    state: State<'_, AppState>,
    older: PlanVersionId,
    newer: PlanVersionId,
) -> Result<PlanDiff, IpcError> {
    state.read(|s| diff::between(s.conn(), &older, &newer))
}

/// A run's hot-wash, after-action review and action items.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_review(state: State<'_, AppState>, run: PlanRunId) -> Result<RunReview, IpcError> {
    state.read(|s| review::get(s.conn(), &run, frontline_core::settings::today(s.conn(), s.now())?))
}

/// Saves a run's report as a PDF in the app's language, where the user chooses in a save
/// dialog offering `<drill|incident|tabletop>-report-<plan>-<day>.pdf`. Returns the path
/// written; `None` when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_save_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: PlanRunId,
) -> Result<Option<String>, IpcError> {
    let (r, lang) = state.read(|s| Ok((run_pdf::run_report(s.conn(), &id, s.now())?, settings::load(s)?.language)))?;
    let Some(path) = dialogs::save(&app, &r.file_name(), dialogs::PDF).await? else { return Ok(None) };
    let shown = path.display().to_string();
    write_pdf(move || run_pdf::save_pdf(&r, lang, &path, true)).await?;
    Ok(Some(shown))
}

/// Saves the hot-wash of a closed run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_hot_wash_save(state: State<'_, AppState>, run: PlanRunId, text: String) -> Result<(), IpcError> {
    state.write(|tx| review::save_hot_wash(tx, &run, &text))
}

/// Saves what went well and what went wrong in a closed run.
#[tauri::command]
#[specta::specta]
pub async fn plan_run_review_save(
    state: State<'_, AppState>,
    run: PlanRunId,
    input: ReviewInput,
) -> Result<(), IpcError> {
    state.write(|tx| review::save_review(tx, &run, &input))
}

/// Adds an action item to a closed run's review.
#[tauri::command]
#[specta::specta]
pub async fn plan_action_item_add(
    state: State<'_, AppState>,
    run: PlanRunId,
    input: ActionItemInput,
) -> Result<RunActionItemId, IpcError> {
    state.write(|tx| review::add_item(tx, &run, &input))
}

/// Replaces an action item's text, owner and due day.
#[tauri::command]
#[specta::specta]
pub async fn plan_action_item_update(
    state: State<'_, AppState>,
    id: RunActionItemId,
    input: ActionItemInput,
) -> Result<(), IpcError> {
    state.write(|tx| review::update_item(tx, &id, &input))
}

/// Removes an action item.
#[tauri::command]
#[specta::specta]
pub async fn plan_action_item_remove(state: State<'_, AppState>, id: RunActionItemId) -> Result<(), IpcError> {
    state.write(|tx| review::remove_item(tx, &id))
}

/// Ticks an action item done today, or open again.
#[tauri::command]
#[specta::specta]
pub async fn plan_action_item_set_done(
    state: State<'_, AppState>,
    id: RunActionItemId,
    done: bool,
) -> Result<(), IpcError> {
    state.write(|tx| review::set_item_done(tx, &id, done))
}

/// The open action items of a plan's runs, the earliest due first.
#[tauri::command]
#[specta::specta]
pub async fn plan_open_action_items(state: State<'_, AppState>, plan: PlanId) -> Result<Vec<OpenActionItem>, IpcError> {
    state.read(|s| review::open_items(s.conn(), &plan, frontline_core::settings::today(s.conn(), s.now())?))
}

/// The example plans, in a language.
#[tauri::command]
#[specta::specta]
pub async fn plan_starter_list(
    state: State<'_, AppState>,
    language: Language,
) -> Result<Vec<StarterSummary>, IpcError> {
    state.read(|_| starters::list(language))
}

/// Copies an example plan, in a language, into a new draft plan.
#[tauri::command]
#[specta::specta]
pub async fn plan_starter_copy(
    state: State<'_, AppState>,
    key: StarterKey,
    language: Language,
) -> Result<PlanId, IpcError> {
    state.write(|tx| starters::copy(tx, key, language))
}
