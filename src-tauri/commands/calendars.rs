//! Calendar commands: named calendars and the teams counting in them, holidays and
//! make-up days, their import from an iCalendar file and the ready holiday sets. Each
//! write also refreshes the due times cached on active cases (in core, same transaction).

use frontline_core::calendars::ics::{self, ImportPreview, ImportedDay};
use frontline_core::calendars::sets::{self, HolidaySet};
use frontline_core::calendars::{self, Calendar, CalendarInput, days::{self, Holiday, HolidayInput}};
use frontline_core::ids::{CalendarId, HolidayId, TeamId};
use frontline_core::settings::Weekday;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every named calendar, by name.
#[tauri::command]
#[specta::specta]
pub async fn calendar_list(state: State<'_, AppState>) -> Result<Vec<Calendar>, IpcError> {
    state.read(|s| calendars::list(s.conn()))
}

/// Adds a named calendar; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn calendar_create(state: State<'_, AppState>, input: CalendarInput) -> Result<CalendarId, IpcError> {
    state.write(|tx| calendars::create(tx, &input))
}

/// Changes a named calendar.
#[tauri::command]
#[specta::specta]
pub async fn calendar_update(state: State<'_, AppState>, id: CalendarId, input: CalendarInput) -> Result<(), IpcError> {
    state.write(|tx| calendars::update(tx, &id, &input))
}

/// Removes a named calendar and its days; its teams count in the workspace calendar.
#[tauri::command]
#[specta::specta]
pub async fn calendar_delete(state: State<'_, AppState>, id: CalendarId) -> Result<(), IpcError> {
    state.write(|tx| calendars::delete(tx, &id))
}

/// Sets the calendar a team counts in (none: the workspace's).
#[tauri::command]
#[specta::specta]
pub async fn team_set_calendar(
    state: State<'_, AppState>,
    team: TeamId,
    calendar: Option<CalendarId>,
) -> Result<(), IpcError> {
    state.write(|tx| calendars::set_team_calendar(tx, &team, calendar.as_ref()))
}

/// Every holiday and make-up day of every calendar, earliest first.
#[tauri::command]
#[specta::specta]
pub async fn holiday_list(state: State<'_, AppState>) -> Result<Vec<Holiday>, IpcError> {
    state.read(|s| days::list(s.conn()))
}

/// Adds a holiday or make-up day; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn holiday_create(state: State<'_, AppState>, input: HolidayInput) -> Result<HolidayId, IpcError> {
    state.write(|tx| days::create(tx, &input))
}

/// Removes a holiday or make-up day.
#[tauri::command]
#[specta::specta]
pub async fn holiday_delete(state: State<'_, AppState>, id: HolidayId) -> Result<(), IpcError> {
    state.write(|tx| days::delete(tx, &id))
}

/// What importing an `.ics` file's text into a calendar would add; saves nothing.
#[tauri::command]
#[specta::specta]
pub async fn holiday_import_preview(
    state: State<'_, AppState>,
    calendar: Option<CalendarId>,
    content: String,
) -> Result<ImportPreview, IpcError> {
    state.read(|s| ics::preview(s.conn(), calendar.as_ref(), &content, s.now().date_naive()))
}

/// Imports an `.ics` file's days the calendar does not list yet, make-up days working as
/// `works_as`; all or nothing. Returns how many were added.
#[tauri::command]
#[specta::specta]
pub async fn holiday_import_apply(
    state: State<'_, AppState>,
    calendar: Option<CalendarId>,
    content: String,
    works_as: Weekday,
) -> Result<u32, IpcError> {
    state.write(|tx| {
        let preview = ics::preview(tx.conn(), calendar.as_ref(), &content, tx.now().date_naive())?;
        days::create_many(tx, &ics::to_inputs(&preview.days, works_as, calendar.as_ref()))
    })
}

/// The ready holiday sets shipped with the app.
#[tauri::command]
#[specta::specta]
pub fn holiday_set_list() -> Vec<HolidaySet> {
    sets::all()
}

/// A ready set's days, marking those the calendar already lists.
#[tauri::command]
#[specta::specta]
pub async fn holiday_set_preview(
    state: State<'_, AppState>,
    calendar: Option<CalendarId>,
    id: String,
) -> Result<Vec<ImportedDay>, IpcError> {
    state.read(|s| sets::preview(s.conn(), calendar.as_ref(), &id))
}

/// Adds a ready set's days the calendar does not list yet; all or nothing. Returns how
/// many were added.
#[tauri::command]
#[specta::specta]
pub async fn holiday_set_apply(
    state: State<'_, AppState>,
    calendar: Option<CalendarId>,
    id: String,
) -> Result<u32, IpcError> {
    state.write(|tx| {
        let inputs = sets::to_inputs(tx.conn(), calendar.as_ref(), &id)?;
        days::create_many(tx, &inputs)
    })
}
