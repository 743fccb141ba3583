//! What the app keeps while it runs: the open store, or why it could not be opened.
//!
//! A database that cannot be opened (damaged, another program's, from a newer version)
//! must not crash the app: the window still opens and every command answers with the
//! reason, which the UI shows translated, with the path, so the user can act on it.
//!
//! Writes go through one connection; queries through a small pool of read-only ones, so
//! the queues and search keep answering while a long write (bulk action, SLA refresh,
//! later a sync batch) holds the writer, and the queue counts run side by side.

use std::sync::{Mutex, MutexGuard};

use frontline_core::store::WriteTx;
use frontline_core::{Store, paths};

use crate::error::IpcError;

/// Managed state of the app.
pub struct AppState {
    db_path: Option<std::path::PathBuf>,
    demo_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    started: std::time::Instant,
    first_screen_logged: std::sync::Once,
    store: Result<Stores, IpcError>,
}

/// The write connection and the read-only ones.
struct Stores {
    writer: Mutex<Store>,
    readers: Vec<Mutex<Store>>,
    next_reader: std::sync::atomic::AtomicUsize,
}

/// Read connections: one per core on the machines we target (2–8 cores); more would only
/// queue on the CPU.
const READERS: usize = 2;

impl Stores {
    fn open(path: &std::path::Path) -> frontline_core::Result<Stores> {
        let writer = Mutex::new(Store::open(path)?);
        let readers = (0..READERS).map(|_| Store::open_reader(path).map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(Stores { writer, readers, next_reader: Default::default() })
    }

    /// A free reader, or, when all are busy, the next in turn.
    fn reader(&self) -> MutexGuard<'_, Store> {
        if let Some(free) = self.readers.iter().find_map(|r| r.try_lock().ok()) {
            return free;
        }
        let i = self.next_reader.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }
}

/// A poisoned lock only means another command panicked mid-call; SQLite rolled its
/// transaction back, so the connection is still sound.
fn lock(m: &Mutex<Store>) -> MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Opens the database at the configured path (see `frontline_core::paths`).
    /// `started` is when the process began, for the start-up figure.
    pub fn open(started: std::time::Instant) -> AppState {
        let first_screen_logged = std::sync::Once::new();
        match paths::resolve_db_path(None) {
            Ok(path) => {
                let store = Stores::open(&path).map_err(|e| {
                    log::error!("cannot open database {}: {e}", path.display());
                    IpcError::from(e)
                });
                if store.is_ok() {
                    log::info!("database {}", path.display());
                }
                AppState { db_path: Some(path), demo_cancel: Default::default(), started, first_screen_logged, store }
            }
            Err(e) => AppState {
                db_path: None,
                demo_cancel: Default::default(),
                started,
                first_screen_logged,
                store: Err(IpcError::from(e)),
            },
        }
    }

    /// The write connection, locked for one command.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        match &self.store {
            Ok(s) => Ok(lock(&s.writer)),
            Err(e) => Err(e.clone()),
        }
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
    pub fn db_path(&self) -> Result<std::path::PathBuf, IpcError> {
        if let Err(e) = &self.store {
            return Err(e.clone());
        }
        self.db_path.clone().ok_or_else(|| IpcError::from(frontline_core::Error::Internal("no database path".into())))
    }

    /// The flag that cancels a running demo-data generation.
    pub fn demo_cancel(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.demo_cancel.clone()
    }

    /// Runs one core read on a read-only connection.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> frontline_core::Result<T>) -> Result<T, IpcError> {
        match &self.store {
            Ok(s) => Ok(f(&s.reader())?),
            Err(e) => Err(e.clone()),
        }
    }

    /// Runs one core write in its own transaction.
    pub fn write<T>(&self, f: impl FnOnce(&mut WriteTx<'_>) -> frontline_core::Result<T>) -> Result<T, IpcError> {
        Ok(self.store()?.write(f)?)
    }
}
