//! Watches the targets of active runs' required steps in the background and tells the UI
//! when one passes with the step neither done nor skipped, so it can raise a desktop
//! notification (in the user's language), as the SLA breach watch does for cases.
//!
//! Stateless in the same way: each minute reports the steps whose target passed since the
//! last check, so each step of each run is reported once; restarting never re-notifies.

use std::time::Duration;

use frontline_core::plans::{OverdueStep, alerts};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// How often targets are checked.
const INTERVAL: Duration = Duration::from_secs(60);

/// Required steps of active runs that just passed their target.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct RunStepsOverdue {
    /// The steps (at most 200).
    pub steps: Vec<OverdueStep>,
}

/// Starts the watcher thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        // The system clock, read directly, as the breach watch does: a database still
        // waiting to open does not stop the watcher.
        let mut last = frontline_core::system_now()();
        loop {
            std::thread::sleep(INTERVAL);
            let found = state.read(|s| {
                let now = s.now();
                alerts::steps_fallen_due(s.conn(), last, now).map(|steps| (steps, now))
            });
            match found {
                Ok((steps, now)) => {
                    last = now;
                    if steps.is_empty() {
                        continue;
                    }
                    if let Err(e) = (RunStepsOverdue { steps }).emit(&app) {
                        log::warn!("cannot emit overdue-step event: {e}");
                    }
                }
                Err(e) => log::warn!("overdue-step check failed: {}", e.message),
            }
        }
    });
}
