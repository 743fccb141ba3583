//! What the app keeps while it runs: the open store, or why it is not open (yet).
//!
//! A database that cannot be opened (damaged, another program's, from a newer version)
//! must not crash the app: the window still opens and every command answers with the
//! reason, which the UI shows translated, with the path, so the user can act on it.
//!
//! A database that is merely busy — another program (the CLI generating demo data,
//! restoring, a second sync worker) holds a long write while it needs migrating — is
//! retried in the background: commands answer `busy` meanwhile, and the window is told
//! with [`DatabaseReady`] the moment it opens, instead of staying unusable until restarted.
//!
//! Writes go through one connection; queries through a small pool of read-only ones, so
//! the queues and search keep answering while a long write (bulk action, SLA refresh,
//! a sync batch) holds the writer, and the queue counts run side by side.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use frontline_core::store::WriteTx;
use frontline_core::{Store, paths};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::error::IpcError;

/// The database opened after having been busy; every view should load afresh.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DatabaseReady;

/// How often a busy database is tried again.
const RETRY: Duration = Duration::from_millis(500);

/// Managed state of the app.
pub struct AppState {
    db_path: Result<PathBuf, IpcError>,
    demo_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    import_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The file chosen in the import wizard's open dialog (the webview never holds it).
    import_file: Mutex<Option<PathBuf>>,
    export_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The folder chosen for a knowledge-base Markdown import (the webview never holds it).
    kb_folder: Mutex<Option<PathBuf>>,
    kb_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    started: std::time::Instant,
    first_screen_logged: std::sync::Once,
    stores: OnceLock<Stores>,
    /// Why `stores` is not set: still opening (busy) or failed for good.
    not_open: Mutex<IpcError>,
    /// Wakes the background sync (after a local change, or "Sync now").
    sync_wake: std::sync::Arc<crate::sync_worker::Wake>,
}

/// The write connection and the read-only ones.
struct Stores {
    path: PathBuf,
    writer: Mutex<Store>,
    /// The first is opened with the writer, so that a database readers cannot open fails
    /// at once; the others only when reads first overlap. Each holds its own copy of the
    /// schema and its page cache (~0.6 MiB), and a window left open all day mostly reads
    /// one thing at a time.
    readers: [OnceLock<Mutex<Store>>; READERS],
    next_reader: std::sync::atomic::AtomicUsize,
}

/// Read connections at most: one per core on the machines we target (2–8 cores); more
/// would only queue on the CPU.
const READERS: usize = 2;

impl Stores {
    fn open(path: &Path) -> frontline_core::Result<Stores> {
        let writer = Mutex::new(Store::open(path)?);
        let readers: [OnceLock<Mutex<Store>>; READERS] = Default::default();
        let _ = readers[0].set(Mutex::new(Store::open_reader(path)?));
        Ok(Stores { path: path.to_owned(), writer, readers, next_reader: Default::default() })
    }

    /// A free reader; when all open ones are busy, a newly opened one while there is
    /// room, else the next in turn.
    fn reader(&self) -> MutexGuard<'_, Store> {
        let open = || self.readers.iter().filter_map(OnceLock::get);
        if let Some(free) = open().find_map(|r| r.try_lock().ok()) {
            return free;
        }
        if let Some(slot) = self.readers.iter().find(|slot| slot.get().is_none()) {
            match Store::open_reader(&self.path) {
                // Another thread may have filled the slot meanwhile; either reader serves.
                Ok(store) => drop(slot.set(Mutex::new(store))),
                // The open readers still serve, one after another.
                Err(e) => log::warn!("cannot open another read connection: {e}"),
            }
            if let Some(free) = open().find_map(|r| r.try_lock().ok()) {
                return free;
            }
        }
        let open: Vec<&Mutex<Store>> = open().collect();
        let i = self.next_reader.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % open.len();
        lock(open[i])
    }
}

/// A poisoned lock only means another command panicked mid-call; SQLite rolled its
/// transaction back, so the connection is still sound.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// The state before the database is opened. `started` is when the process began, for
    /// the start-up figure.
    pub fn new(started: std::time::Instant) -> AppState {
        let db_path = paths::resolve(None)
            .and_then(|location| {
                if paths::secure(&location)? {
                    log::warn!("made the data directory of {} private to this user", location.path.display());
                }
                Ok(location.path)
            })
            .map_err(IpcError::from);
        AppState {
            not_open: Mutex::new(match &db_path {
                Ok(_) => IpcError::from(frontline_core::Error::Busy),
                Err(e) => e.clone(),
            }),
            db_path,
            demo_cancel: Default::default(),
            import_cancel: Default::default(),
            import_file: Mutex::new(None),
            export_cancel: Default::default(),
            kb_folder: Mutex::new(None),
            kb_cancel: Default::default(),
            started,
            first_screen_logged: std::sync::Once::new(),
            stores: OnceLock::new(),
            sync_wake: crate::sync_worker::new_wake(),
        }
    }

    /// Opens the database now; if another program holds it busy, keeps trying in the
    /// background and emits [`DatabaseReady`] once it is open.
    pub fn open(app: &AppHandle) {
        let state = app.state::<AppState>();
        let Ok(path) = state.db_path.clone() else { return };
        if state.try_open(&path) {
            return;
        }
        log::warn!("database {} is busy with another program; waiting for it", path.display());
        let app = app.clone();
        std::thread::spawn(move || {
            let state = app.state::<AppState>();
            loop {
                std::thread::sleep(RETRY);
                if state.try_open(&path) {
                    if state.stores.get().is_some() {
                        log::info!("database {} opened after waiting", path.display());
                        if let Err(e) = DatabaseReady.emit(&app) {
                            log::warn!("cannot emit database-ready event: {e}");
                        }
                    }
                    return;
                }
            }
        });
    }

    /// One attempt; true when done (opened, or failed for a reason waiting cannot cure).
    fn try_open(&self, path: &Path) -> bool {
        match Stores::open(path) {
            Ok(stores) => {
                log::info!("database {}", path.display());
                let _ = self.stores.set(stores);
                true
            }
            Err(frontline_core::Error::Busy) => false,
            Err(e) => {
                log::error!("cannot open database {}: {e}", path.display());
                *lock(&self.not_open) = IpcError::from(e);
                true
            }
        }
    }

    fn stores(&self) -> Result<&Stores, IpcError> {
        self.stores.get().ok_or_else(|| lock(&self.not_open).clone())
    }

    /// The write connection, locked for one command.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        Ok(lock(&self.stores()?.writer))
    }

    /// Logs, once, how long after start-up the UI made its first call: the "cold start to
    /// first screen" figure `cargo xtask bench` reads from the log.
    pub fn note_first_screen(&self) {
        self.first_screen_logged.call_once(|| {
            log::info!("first screen after {} ms", self.started.elapsed().as_millis());
        });
    }

    /// The database file, for work that needs its own connection (long imports and demo
    /// data run beside the UI's connection instead of holding it).
    pub fn db_path(&self) -> Result<PathBuf, IpcError> {
        self.stores()?;
        self.db_path.clone()
    }

    /// The flag that cancels a running demo-data generation.
    pub fn demo_cancel(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.demo_cancel.clone()
    }

    /// The flag that cancels a running import.
    pub fn import_cancel(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.import_cancel.clone()
    }

    /// The file chosen for import.
    pub fn import_file(&self) -> Option<PathBuf> {
        lock(&self.import_file).clone()
    }

    /// Remembers the file chosen for import.
    pub fn set_import_file(&self, path: Option<PathBuf>) {
        *lock(&self.import_file) = path;
    }

    /// The folder chosen for a Markdown import.
    pub fn kb_folder(&self) -> Option<PathBuf> {
        lock(&self.kb_folder).clone()
    }

    /// Remembers the folder chosen for a Markdown import.
    pub fn set_kb_folder(&self, path: Option<PathBuf>) {
        *lock(&self.kb_folder) = path;
    }

    /// The flag that cancels a running Markdown import or export.
    pub fn kb_cancel(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.kb_cancel.clone()
    }

    /// The flag that cancels a running export or JSON import.
    pub fn export_cancel(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.export_cancel.clone()
    }

    /// Runs one core read on a read-only connection.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> frontline_core::Result<T>) -> Result<T, IpcError> {
        Ok(f(&self.stores()?.reader())?)
    }

    /// Runs one core write in its own transaction; a signed-in device syncs it soon.
    pub fn write<T>(&self, f: impl FnOnce(&mut WriteTx<'_>) -> frontline_core::Result<T>) -> Result<T, IpcError> {
        let out = self.store()?.write(f)?;
        self.sync_wake.after_change();
        Ok(out)
    }

    /// Runs a core function that opens its own transaction(s) on the write connection; a
    /// signed-in device syncs the result soon.
    pub fn with_writer<T>(&self, f: impl FnOnce(&mut Store) -> frontline_core::Result<T>) -> Result<T, IpcError> {
        let out = f(&mut *self.store()?)?;
        self.sync_wake.after_change();
        Ok(out)
    }

    /// The background sync's wake-up.
    pub fn sync_wake(&self) -> std::sync::Arc<crate::sync_worker::Wake> {
        self.sync_wake.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_reader_is_opened_only_when_reads_overlap() {
        let dir = tempfile::tempdir().unwrap();
        let stores = Stores::open(&dir.path().join("frontline.db")).unwrap();
        let first: *const Store = {
            let r = stores.reader();
            &*r
        };
        // One read at a time keeps to the one connection.
        assert_eq!(&*stores.reader() as *const Store, first);
        assert!(stores.readers[1].get().is_none());

        let held = stores.reader();
        let beside = stores.reader();
        assert_eq!(&*held as *const Store, first);
        assert_ne!(&*beside as *const Store, first, "an overlapping read gets its own connection");
        assert!(stores.readers[1].get().is_some());
        drop((held, beside));
        assert_eq!(&*stores.reader() as *const Store, first);
    }
}
