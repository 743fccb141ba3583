//! Opening a database file safely, from any number of processes at once.
//!
//! **Look before touching.** A path is checked before anything about it changes: it must be
//! a regular file, and a non-empty one must start with SQLite's header and carry
//! Frontline's application id (or none, with no schema yet). Only then, and only for a
//! writer, is its mode tightened to 0600, WAL switched on and the schema migrated. Another
//! program's file keeps its mode and its bytes.
//!
//! **No write lock to read.** Opening an up-to-date database takes no write lock, so the
//! app, the CLI and a sync worker can open it while another of them holds a long write.
//! Inspection ([`Access::Inspect`]) opens SQLite read-only and changes nothing at all — not
//! the journal mode, not the mode bits — so a backup on a read-only mount, or a database
//! owned by someone else, can still be described and copied.
//!
//! **Concurrent opening.** The busy timeout is set before the first statement; ownership is
//! checked in one statement (one snapshot); each migration re-reads the version inside its
//! own immediate transaction. Two processes opening a new file together therefore end up,
//! one after the other, with one migrated database.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::Hooks;
use super::migrations::{self, APPLICATION_ID};
use crate::{Error, Result};

/// How long a statement waits for another connection's write lock before giving up with
/// [`Error::Busy`].
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The 16 bytes every SQLite 3 database file starts with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a connection is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The one writer: creates a missing file, tightens its mode, migrates.
    Write,
    /// A query connection beside the writer (`PRAGMA query_only`): the database must
    /// already be Frontline's at this build's schema.
    Read,
    /// Inspection (`info`, backup): SQLite read-only; nothing on disk changes. Older
    /// schemas are accepted as they are.
    Inspect,
}

/// Opens `path` for `access`, migrating a writer's database to `target_version`.
pub(crate) fn open_file(path: &Path, target_version: u32, access: Access, hooks: &Hooks) -> Result<Connection> {
    match look(path)? {
        Found::Missing if access == Access::Write => create_file(path)?,
        Found::Missing => {
            return Err(Error::io("open", path, std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")));
        }
        Found::Empty if access == Access::Inspect => return Err(Error::EmptyFile { path: path.to_path_buf() }),
        Found::Empty | Found::Sqlite => {}
    }
    let conn = match access {
        Access::Inspect => open_inspect(path)?,
        Access::Write | Access::Read => {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn
        }
    };
    let found = check_ownership(&conn, path)?;
    if found > migrations::latest_version() {
        return Err(Error::SchemaTooNew { found, supported: migrations::latest_version() });
    }
    match access {
        Access::Inspect => {
            if found == 0 {
                return Err(Error::EmptyFile { path: path.to_path_buf() });
            }
            Ok(conn)
        }
        Access::Read => {
            if found != migrations::latest_version() {
                return Err(Error::Internal(format!("reader opened a database at schema {found}")));
            }
            configure(&conn, path, hooks)?;
            conn.pragma_update(None, "query_only", true)?;
            Ok(conn)
        }
        Access::Write => {
            restrict_permissions(path)?;
            let mut conn = conn;
            configure(&conn, path, hooks)?;
            migrations::migrate_to(&mut conn, target_version, hooks).map_err(|e| match e {
                Error::Sqlite(e) => classify(path, e),
                other => other,
            })?;
            Ok(conn)
        }
    }
}

/// Pragmas of every connection that may write (or query beside a writer).
fn configure(conn: &Connection, path: &Path, hooks: &Hooks) -> Result<()> {
    // The write path and the queues prepare many distinct statements; keep them all.
    conn.set_prepared_statement_cache_capacity(256);
    // Bundled SQLite has STAT4, which marks statements whose plan could depend on a bound
    // value for re-preparation on every rebind; rusqlite's cache rebinds every statement it
    // hands out, so cached statements were compiled afresh on each use (half the time of a
    // large write). The query-planner stability guarantee keeps the first plan; we never
    // run ANALYZE, so nothing better is lost.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Triggers and migrations call them, so every connection that may write needs them.
    (hooks.functions)(conn)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("could not enable WAL (journal mode is {mode})")));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A large write (a first sync checkpoints only every 200 MB) leaves the WAL file that
    // big until the app closes; SQLite shrinks it to this after the next checkpoint.
    conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT_BYTES)?;
    // Statement journals (kept so one statement inside a transaction can be undone) in
    // memory: in a temporary file they were a quarter of a large write's time, in
    // system calls.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Queues and search at 100k cases touch tens of MB of index and rows: keep them in the
    // page cache instead of one syscall per 4 KiB page. (Not a memory map: in WAL mode a
    // mapped page is looked up in the WAL index on every access, bypassing the cache, which
    // made a large write transaction quadratic.)
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(())
}

/// The page cache of a connection, KiB.
pub(crate) const CACHE_KIB: i64 = 64 * 1024;

/// What the WAL file is shrunk to after a checkpoint (see `journal_size_limit`).
const WAL_SIZE_LIMIT_BYTES: i64 = 64 * 1024 * 1024;

/// Opens SQLite read-only. A WAL database needs its `-shm` index, which SQLite creates
/// beside the file; where it cannot (a read-only mount, someone else's directory) the file
/// is opened as immutable: nothing else can be writing to a file on a read-only mount.
fn open_inspect(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(path, flags).and_then(|c| {
        c.busy_timeout(BUSY_TIMEOUT)?;
        c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        Ok(c)
    });
    match plain {
        Ok(c) => Ok(c),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied)
            ) =>
        {
            let uri = immutable_uri(path);
            let c = Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|e| classify(path, e))?;
            Ok(c)
        }
        Err(e) => Err(classify(path, e)),
    }
}

/// `file:` URI of `path` with `immutable=1`, percent-encoding what URIs reserve.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// What is at a path, found without changing it.
enum Found {
    Missing,
    Empty,
    /// Starts with SQLite's header and is not visibly another program's.
    Sqlite,
}

/// Reads the path's type, size and SQLite header, and refuses what is plainly not ours:
/// a directory, a non-SQLite file, a database with another program's application id.
fn look(path: &Path) -> Result<Found> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if !meta.is_file() {
        return Err(Error::NotAFile { path: path.to_path_buf() });
    }
    if meta.len() == 0 {
        return Ok(Found::Empty);
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("read", path, e)),
        }
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotADatabase { path: path.to_path_buf() });
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Error::ForeignDatabase { path: path.to_path_buf() });
    }
    Ok(Found::Sqlite)
}

/// Creates the directory (private) and an empty private file. Another process creating
/// the same file at the same moment is fine: both then open the one file.
fn create_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(|e| Error::io("create directory", dir, e))?;
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

/// Makes `path` readable and writable by its owner only, if it is not already (a no-op
/// off Unix, where the per-user profile directory already keeps other users out).
pub(crate) fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(|e| Error::io("read", path, e))?.permissions().mode();
        if mode & 0o077 != 0 {
            let perms = fs::Permissions::from_mode(mode & 0o700);
            fs::set_permissions(path, perms).map_err(|e| Error::io("set permissions on", path, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Refuses databases that belong to another program; returns the schema version. An
/// empty database (new file) is accepted and becomes Frontline's on the first migration.
///
/// One statement, so one snapshot: a migration committed by another process between two
/// separate reads could otherwise make a half-made database look like a foreign one.
fn check_ownership(conn: &Connection, path: &Path) -> Result<u32> {
    let (app_id, objects, version): (i32, i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master),
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| classify(path, e))?;
    let version = u32::try_from(version).map_err(|_| Error::ForeignDatabase { path: path.to_path_buf() })?;
    if app_id == APPLICATION_ID || (app_id == 0 && objects == 0 && version == 0) {
        Ok(version)
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
