//! Versioned schema migrations, kept in code.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Each migration runs in
//! its own transaction together with the version bump, so a crash mid-upgrade leaves the
//! database at the previous version, never half-migrated. Migrations are append-only:
//! never edit one that has shipped; add the next.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// Marks a file as Frontline's (`PRAGMA application_id`): "FRNT".
pub const APPLICATION_ID: i32 = 0x4652_4E54;

/// The migrations, in order. Index `i` upgrades version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: sync bookkeeping and workspace settings.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;

    -- The outbox: one row per changed column, in the transaction that changed it.
    CREATE TABLE change_log (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        hlc    TEXT NOT NULL,
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col    TEXT NOT NULL,
        value  ANY,
        pushed INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1))
    ) STRICT;
    CREATE INDEX change_log_unpushed ON change_log (pushed, seq);

    -- The newest stamp per column: what a merge compares an incoming change against.
    CREATE TABLE column_versions (
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col    TEXT NOT NULL,
        hlc    TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id, col)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE workspace_settings (
        id                TEXT PRIMARY KEY NOT NULL,
        organisation_name TEXT,
        time_zone         TEXT,
        working_hours     TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        deleted_at        TEXT
    ) STRICT;
    "#,
    // 2: per-device preferences (language, theme), kept apart from the team's settings.
    r#"
    CREATE TABLE device_preferences (
        id         TEXT PRIMARY KEY NOT NULL,
        language   TEXT,
        theme      TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    "#,
];

/// The schema version this build creates and understands.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Reads the schema version of an open database.
pub fn current_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::Internal(format!("negative schema version {v}")))
}

/// Applies every migration newer than the database's version, up to `target`.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let found = current_version(conn)?;
    if found > latest_version() {
        return Err(Error::SchemaTooNew { found, supported: latest_version() });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}
