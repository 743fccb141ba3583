//! Watches SLA due times in the background and tells the UI when targets fall due, so it
//! can raise a desktop notification (in the user's language) even with no network.
//!
//! Stateless: each minute reports the cases whose due time passed since the last check.
//! Breaches that happened while the app was closed are not notified (they are in the
//! "Breaching" queue); restarting never re-notifies old breaches.

use std::time::Duration;

use frontline_core::cases::query::{self, Breach};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// How often due times are checked.
const INTERVAL: Duration = Duration::from_secs(60);

/// Cases whose SLA target just fell due.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SlaBreached {
    /// The cases (at most 200).
    pub cases: Vec<Breach>,
}

/// Starts the watcher thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        // The store's clock is the system clock; read it directly so a database that is
        // still waiting to open does not stop the watcher.
        let mut last = frontline_core::system_now()();
        loop {
            std::thread::sleep(INTERVAL);
            let found = state.read(|s| {
                let now = s.now();
                query::breached_between(s.conn(), last, now).map(|b| (b, now))
            });
            match found {
                Ok((cases, now)) => {
                    last = now;
                    if cases.is_empty() {
                        continue;
                    }
                    if let Err(e) = (SlaBreached { cases }).emit(&app) {
                        log::warn!("cannot emit SLA breach event: {e}");
                    }
                }
                Err(e) => log::warn!("SLA breach check failed: {}", e.message),
            }
        }
    });
}
