//! Tells the UI when cases' SLA targets fall due (see [`crate::due_watch`]). Breaches that
//! happened while the app was closed are in the "Breaching" queue instead.

use frontline_core::cases::query::{self, Breach};
use serde::{Deserialize, Serialize};
use tauri::AppHandle;

/// Cases whose SLA target just fell due.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SlaBreached {
    /// The cases (at most 200).
    pub cases: Vec<Breach>,
}

/// Starts the watch.
pub fn start(app: AppHandle) {
    crate::due_watch::start(app, "SLA breach", |s, last, now| {
        let cases = query::breached_between(s.conn(), last, now)?;
        Ok((!cases.is_empty()).then_some(SlaBreached { cases }))
    });
}
