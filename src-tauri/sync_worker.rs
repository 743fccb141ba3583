//! Background sync: a thread of its own that syncs on an interval, soon after a local
//! change, and when asked ("Sync now") — never on the UI's threads, so the window stays
//! responsive during a long first sync.
//!
//! It works on its own write connection (the app's writer stays free for the user; WAL
//! keeps the queries answering), and tells the window how far it is ([`SyncProgress`]),
//! when it is done ([`SyncFinished`]) and whether data arrived ([`DataChanged`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use frontline_core::Store;
use frontline_core::sync as device;
use frontline_sync::client::HttpTransport;
use frontline_sync::credentials::Credentials;
use frontline_sync::session::Progress;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// How often a signed-in device syncs when nothing else asks it to.
const INTERVAL: Duration = Duration::from_secs(120);
/// How soon after a local change it syncs (changes made together go together).
const AFTER_CHANGE: Duration = Duration::from_secs(5);

/// A sync is under way.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    /// `receiving` or `sending`.
    pub phase: String,
    /// Changes received so far.
    pub received: u32,
    /// Changes sent so far.
    pub sent: u32,
}

/// A sync ended.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SyncFinished {
    /// Changes received.
    pub received: u32,
    /// Changes sent.
    pub sent: u32,
    /// New conflicts.
    pub conflicts: u32,
    /// Why it failed (the same codes as `SyncStatus.lastErrorCode`), if it did.
    pub error_code: Option<String>,
}

/// Pulled changes were stored: every view should load afresh.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DataChanged;

/// Wakes the worker: a change to send, or "Sync now".
#[derive(Default)]
pub struct Wake {
    state: Mutex<WakeState>,
    signal: Condvar,
    cancel: AtomicBool,
    running: AtomicBool,
    progress: Mutex<Option<SyncProgress>>,
}

#[derive(Default)]
struct WakeState {
    /// Sync at this moment at the latest.
    due: Option<Instant>,
}

impl Wake {
    /// Syncs soon (a local change): within [`AFTER_CHANGE`], or sooner if already due.
    pub fn after_change(&self) {
        self.at(Instant::now() + AFTER_CHANGE);
    }

    /// Syncs now.
    pub fn now(&self) {
        self.at(Instant::now());
    }

    fn at(&self, when: Instant) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.due = Some(s.due.map_or(when, |d| d.min(when)));
        self.signal.notify_one();
    }

    /// Stops a running sync between pages (what was applied stays).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Whether a sync is running, and how far it is.
    pub fn live(&self) -> (bool, Option<SyncProgress>) {
        (self.running.load(Ordering::SeqCst), self.progress.lock().unwrap_or_else(|p| p.into_inner()).clone())
    }

    /// Waits until a sync is due (or the interval passed).
    fn wait(&self) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let deadline = s.due.unwrap_or_else(|| Instant::now() + INTERVAL);
        loop {
            let now = Instant::now();
            let due = s.due.map_or(deadline, |d| d.min(deadline));
            if now >= due {
                s.due = None;
                return;
            }
            s = self.signal.wait_timeout(s, due - now).unwrap_or_else(|p| p.into_inner()).0;
        }
    }
}

/// Starts the worker thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let wake = state.sync_wake();
        // A first sync soon after start-up, once the window has drawn.
        wake.at(Instant::now() + Duration::from_secs(3));
        loop {
            wake.wait();
            let Ok(path) = state.db_path() else { continue };
            run_once(&app, &wake, &path);
        }
    });
}

fn run_once(app: &AppHandle, wake: &Wake, path: &std::path::Path) {
    let mut store = match Store::open(path) {
        Ok(s) => s,
        Err(e) => {
            log::warn!("sync: cannot open the database: {e}");
            return;
        }
    };
    let enrollment = match device::enrollment(store.conn()) {
        Ok(Some(e)) => e,
        Ok(None) => return,
        Err(e) => {
            log::warn!("sync: cannot read the sync state: {e}");
            return;
        }
    };
    let token = match Credentials::for_database(path).load() {
        Ok(Some(t)) => t,
        Ok(None) => {
            let _ = device::record_outcome(&mut store, Some(("unauthorized", "the sync credential is missing")));
            finish(app, 0, 0, 0, Some("unauthorized".into()));
            return;
        }
        Err(e) => {
            log::warn!("sync: {e}");
            return;
        }
    };
    let mut transport = match HttpTransport::new(&enrollment.server, Some(token)) {
        Ok(t) => t,
        Err(e) => {
            log::warn!("sync: {e}");
            return;
        }
    };
    wake.cancel.store(false, Ordering::SeqCst);
    wake.running.store(true, Ordering::SeqCst);
    let mut counts = SyncProgress { phase: "receiving".into(), received: 0, sent: 0 };
    let result = device::run(&mut store, &mut transport, &wake.cancel, &mut |p| {
        match p {
            Progress::Pulling { cells, .. } => {
                counts.phase = "receiving".into();
                counts.received = u32::try_from(cells).unwrap_or(u32::MAX);
            }
            Progress::Pushing { sent } => {
                counts.phase = "sending".into();
                counts.sent = u32::try_from(sent).unwrap_or(u32::MAX);
            }
        }
        *wake.progress.lock().unwrap_or_else(|p| p.into_inner()) = Some(counts.clone());
        let _ = counts.emit(app);
    });
    wake.running.store(false, Ordering::SeqCst);
    *wake.progress.lock().unwrap_or_else(|p| p.into_inner()) = None;
    match result {
        Ok(report) => {
            if report.applied > 0
                && let Err(e) = DataChanged.emit(app)
            {
                log::warn!("cannot emit data-changed event: {e}");
            }
            let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
            finish(app, n(report.received), n(report.pushed), n(report.conflicts), None);
        }
        Err(f) => {
            // The message names no token or password: those never reach an error.
            log::warn!("sync failed: {f}");
            // What was applied before the failure is kept; views may need to follow.
            let _ = DataChanged.emit(app);
            finish(app, 0, 0, 0, Some(device::failure_code(&f).to_owned()));
        }
    }
}

fn finish(app: &AppHandle, received: u32, sent: u32, conflicts: u32, error_code: Option<String>) {
    if let Err(e) = (SyncFinished { received, sent, conflicts, error_code }).emit(app) {
        log::warn!("cannot emit sync-finished event: {e}");
    }
}

/// Shared with [`AppState`], which nudges it after every local write.
pub fn new_wake() -> Arc<Wake> {
    Arc::new(Wake::default())
}
