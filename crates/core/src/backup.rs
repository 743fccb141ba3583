//! Backup and restore of the local database.
//!
//! Both use SQLite's online backup API: a backup is a consistent snapshot even while the
//! app keeps writing, and a restore copies into the live database inside one destination
//! transaction, so a cancelled or failed restore leaves the database exactly as it was.
//! A restore first checks the file (is it SQLite, is it Frontline's, does it pass the
//! integrity check, is it not from a newer Frontline) and keeps the current database aside.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use frontline_sync::Hlc;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use crate::store::migrations;
use crate::store::{self, Store, meta};
use crate::{Error, Result};

/// Pages copied per step: small enough to report progress and react to cancel promptly.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// How far a copy has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Pages copied so far.
    pub done: u64,
    /// Pages in all.
    pub total: u64,
}

/// What a backup file holds, found by [`inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// Schema version of the backup.
    pub schema_version: u32,
    /// Node id of the device that made it.
    pub node_id: String,
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOutcome {
    /// Where the database that was replaced now lives (none if there was no database).
    pub kept_aside: Option<PathBuf>,
    /// The restored database's new node id.
    pub node_id: String,
}

/// Writes a consistent copy of the database at `source` to `dest`, which must not exist
/// yet. `on_progress` may return `ControlFlow::Break` to cancel; then no file is left.
///
/// The copy reads through its own connection inside one read transaction: in WAL mode that
/// pins a snapshot, so writers (the app) carry on undisturbed and the copy neither sees
/// half of their work nor restarts each time they commit.
pub fn backup(
    source: &Path,
    dest: &Path,
    on_progress: impl FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    crate::paths::check_new_file(dest)?;
    let partial = partial_path(dest);
    let result = (|| {
        let _ = std::fs::remove_file(&partial);
        let src = open_source(source)?;
        src.execute_batch("BEGIN DEFERRED")?;
        src.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let mut out = Connection::open(&partial)?;
        store::restrict_permissions(&partial)?;
        copy(&src, &mut out, on_progress)?;
        src.execute_batch("COMMIT")?;
        // A backup is one self-contained file: no -wal beside it.
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        drop(out);
        std::fs::rename(&partial, dest).map_err(|e| Error::io("move backup into place at", dest, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Checks that `path` is an intact Frontline database this build can open.
pub fn inspect(path: &Path) -> Result<BackupSummary> {
    let conn = open_source(path)?;
    let check: String =
        conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).map_err(|e| store::classify(path, e))?;
    if check != "ok" {
        return Err(Error::Corrupt { detail: check });
    }
    let schema_version = migrations::current_version(&conn)?;
    if schema_version > migrations::latest_version() {
        return Err(Error::SchemaTooNew { found: schema_version, supported: migrations::latest_version() });
    }
    let node_id = store::get_meta(&conn, meta::NODE_ID)?
        .ok_or_else(|| Error::Corrupt { detail: "the backup has no node id".into() })?;
    Ok(BackupSummary { schema_version, node_id })
}

/// Replaces the database at `db_path` with the backup at `from`, after checking the backup
/// and copying the current database aside (`<name>.before-restore-<time>.db`). The
/// restored database is migrated to this build's schema and gets a fresh node id.
pub fn restore(
    db_path: &Path,
    from: &Path,
    now: crate::Now,
    mut on_progress: impl FnMut(Progress) -> ControlFlow<()>,
) -> Result<RestoreOutcome> {
    inspect(from)?;
    let mut kept_aside = None;
    let mut clock_floor: Option<Hlc> = None;
    if db_path.exists() {
        let current = Store::open_with_clock(db_path, now.clone())?;
        let aside = aside_path(db_path, now());
        backup(db_path, &aside, &mut on_progress)?;
        clock_floor = Some(current.clock_last());
        kept_aside = Some(aside);
    }
    let restored = (|| {
        {
            let src = open_source(from)?;
            let mut live = Connection::open(db_path)?;
            store::restrict_permissions(db_path)?;
            copy(&src, &mut live, &mut on_progress)?;
        }
        let mut restored = Store::open_with_clock(db_path, now)?;
        restored.rotate_node_id(clock_floor)
    })();
    // Past this point the copy aside exists. A cancel rolled the copy back, so the copy
    // aside is not needed; any other failure says where it is.
    let node = match (restored, &kept_aside) {
        (Ok(node), _) => node,
        (Err(Error::Cancelled), Some(aside)) if std::fs::remove_file(aside).is_ok() => return Err(Error::Cancelled),
        (Err(e), Some(aside)) => return Err(Error::RestoreFailed { kept_aside: aside.clone(), source: Box::new(e) }),
        (Err(e), None) => return Err(e),
    };
    Ok(RestoreOutcome { kept_aside, node_id: node.to_string() })
}

/// Copies every page of `src` into `dst` in steps, reporting progress. Cancelling rolls
/// the destination back: SQLite keeps the copy in one destination transaction.
fn copy(
    src: &Connection,
    dst: &mut Connection,
    mut on_progress: impl FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    let backup = Backup::new(src, dst)?;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = p.pagecount.max(0) as u64;
        let done = total.saturating_sub(p.remaining.max(0) as u64);
        match step {
            // Done has committed the copy: too late to cancel, so only report it.
            StepResult::Done => {
                let _ = on_progress(Progress { done: total, total });
                return Ok(());
            }
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => return Err(Error::Internal("unexpected backup step result".into())),
        }
        if on_progress(Progress { done, total }).is_break() {
            return Err(Error::Cancelled);
        }
    }
}

/// Opens a Frontline database read-only, refusing anything else and changing nothing.
fn open_source(path: &Path) -> Result<Connection> {
    Store::inspect_connection(path)
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

fn aside_path(db_path: &Path, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let stem = db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    db_path.with_file_name(format!("{stem}.before-restore-{}.db", now.format("%Y%m%dT%H%M%S%.3fZ")))
}

#[cfg(test)]
mod tests;
