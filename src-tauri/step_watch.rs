//! Tells the UI when a required step of an active run passes its target with the step
//! neither done nor skipped (see [`crate::due_watch`]), as the breach watch does for cases:
//! each step of each run is reported once.

use frontline_core::plans::{OverdueStep, alerts};
use serde::{Deserialize, Serialize};
use tauri::AppHandle;

/// Required steps of active runs that just passed their target.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct RunStepsOverdue {
    /// The steps (at most 200).
    pub steps: Vec<OverdueStep>,
}

/// Starts the watch.
pub fn start(app: AppHandle) {
    crate::due_watch::start(app, "overdue-step", |s, last, now| {
        let steps = alerts::steps_fallen_due(s.conn(), last, now)?;
        Ok((!steps.is_empty()).then_some(RunStepsOverdue { steps }))
    });
}
