//! Opening a database file safely.
//!
//! The file and its directory are created private to the user (0600 / 0700 on Unix; SQLite
//! gives its `-wal` and `-shm` files the database file's mode). Before anything is written
//! the file is checked: a non-SQLite file or another program's database is refused with a
//! clear error and left byte-for-byte untouched.

use std::fs;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::migrations::{self, APPLICATION_ID};
use crate::{Error, Result};

/// Opens `path`, creating it if missing, verifies it is Frontline's, sets the connection
/// pragmas and migrates it to `target_version`.
pub(crate) fn open_file(path: &Path, target_version: u32) -> Result<Connection> {
    prepare_file(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    check_ownership(&conn, path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // The write path and the queues prepare many distinct statements; keep them all.
    conn.set_prepared_statement_cache_capacity(256);
    // Bundled SQLite has STAT4, which marks statements whose plan could depend on a bound
    // value for re-preparation on every rebind; rusqlite's cache rebinds every statement it
    // hands out, so cached statements were compiled afresh on each use (half the time of a
    // large write). The query-planner stability guarantee keeps the first plan; we never
    // run ANALYZE, so nothing better is lost.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // The search triggers call it, so every connection that may write a case needs it.
    crate::cases::grams::register(&conn)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("could not enable WAL (journal mode is {mode})")));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Queues and search at 100k cases touch tens of MB of index and rows: keep them in the
    // page cache instead of one syscall per 4 KiB page. (Not a memory map: in WAL mode a
    // mapped page is looked up in the WAL index on every access, bypassing the cache, which
    // made a large write transaction quadratic.)
    conn.pragma_update(None, "cache_size", -64 * 1024)?;
    migrations::migrate_to(&mut conn, target_version).map_err(|e| match e {
        Error::Sqlite(e) => classify(path, e),
        other => other,
    })?;
    Ok(conn)
}

/// Creates the directory and an empty private file if they do not exist, and tightens the
/// permissions of an existing file.
fn prepare_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        create_private_dir(dir)?;
    }
    if path.exists() {
        restrict_permissions(path)?;
        return Ok(());
    }
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io("create", path, e)),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| Error::io("create directory", dir, e))
}

/// Makes `path` readable and writable by its owner only (a no-op off Unix, where the
/// per-user profile directory already keeps other users out).
pub(crate) fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = fs::Permissions::from_mode(0o600);
        fs::set_permissions(path, perms).map_err(|e| Error::io("set permissions on", path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Refuses files that are not SQLite or belong to another program. An empty database
/// (new file) is accepted and becomes Frontline's on the first migration.
fn check_ownership(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let version = migrations::current_version(conn)?;
    if app_id == 0 && objects == 0 && version == 0 {
        Ok(())
    } else {
        Err(Error::ForeignDatabase { path: path.to_path_buf() })
    }
}

/// Turns SQLite's "not a database" and "corrupt" codes into errors a user can act on.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase { path: path.to_path_buf() },
        _ => Error::from(e),
    }
}
