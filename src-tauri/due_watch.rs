//! The minute loop behind the background watches (SLA breaches, overdue run steps): each
//! minute it asks what fell due since the last check and tells the UI, which raises a
//! desktop notification in the user's language, with or without a network.
//!
//! Stateless: only what falls due while the app runs is reported, each once; what fell due
//! while it was closed is in the app's own lists, and restarting never re-notifies.

use std::time::Duration;

use chrono::{DateTime, Utc};
use frontline_core::Store;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// How often due times are checked.
const INTERVAL: Duration = Duration::from_secs(60);

/// Starts a thread that emits what `due(store, last, now)` finds each minute (nothing when
/// it returns `None`); `what` names the watch in the log.
pub fn start<E: Event + serde::Serialize + Clone>(
    app: AppHandle,
    what: &'static str,
    due: impl Fn(&Store, DateTime<Utc>, DateTime<Utc>) -> frontline_core::Result<Option<E>> + Send + 'static,
) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        // The store's clock is the system clock; read it directly so a database that is
        // still waiting to open does not stop the watcher.
        let mut last = frontline_core::system_now()();
        loop {
            std::thread::sleep(INTERVAL);
            let found = state.read(|s| {
                let now = s.now();
                due(s, last, now).map(|event| (event, now))
            });
            match found {
                Ok((event, now)) => {
                    last = now;
                    if let Some(event) = event
                        && let Err(e) = event.emit(&app)
                    {
                        log::warn!("cannot emit the {what} event: {e}");
                    }
                }
                Err(e) => log::warn!("{what} check failed: {}", e.message),
            }
        }
    });
}
