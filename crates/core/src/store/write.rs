//! The one write path for every table in [`Table`].
//!
//! [`WriteTx::upsert`] compares the new values with the stored row and writes only the
//! columns that really changed. For a synced table each changed column gets a fresh HLC
//! stamp, a row in the `change_log` outbox and its newest stamp in `column_versions` — in
//! the same transaction as the data, so there is never data without its change record or
//! a change record without its data. Sync pushes the outbox and merges per column.

use chrono::{DateTime, Utc};
use frontline_sync::Clock;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::schema::Table;
use super::{meta, set_meta};
use crate::time::to_db_text;
use crate::{Error, Result};

/// Column that records when a row was created; logged on insert so a merge elsewhere can
/// create the row with the right creation time.
const CREATED_AT: &str = "created_at";
/// Column of the tombstone.
const DELETED_AT: &str = "deleted_at";

/// An open write transaction with the clock that stamps its changes.
pub struct WriteTx<'conn> {
    tx: Transaction<'conn>,
    clock: Clock,
    clock_moved: bool,
    now: DateTime<Utc>,
}

impl<'conn> WriteTx<'conn> {
    pub(super) fn new(tx: Transaction<'conn>, clock: Clock, now: DateTime<Utc>) -> Self {
        WriteTx { tx, clock, clock_moved: false, now }
    }

    /// The transaction's connection, for reads that must see this transaction's writes.
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// The wall-clock time of this transaction.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Sets the wall time that later writes in this transaction record (`created_at`,
    /// `updated_at`, timeline times). Only for importers and demo data, which recreate
    /// history; the HLC stamps stay monotonic whatever time is set.
    pub fn set_time(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// This device's node id.
    pub fn node(&self) -> frontline_sync::NodeId {
        self.clock.node()
    }

    /// Inserts a new row; fails if `id` exists. The only way to write an append-only table.
    pub fn insert(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<()> {
        let exists = self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name()))?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            return Err(Error::Internal(format!("{} row {id} already exists", table.name())));
        }
        self.upsert_inner(table, id, values).map(|_| ())
    }

    /// Inserts row `id` into `table`, or updates the given columns of the existing row.
    /// Returns how many data columns changed (0 when everything was already equal).
    pub fn upsert(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        if table.is_append_only() {
            return Err(Error::Internal(format!("{} is append-only; use insert", table.name())));
        }
        self.upsert_inner(table, id, values)
    }

    fn upsert_inner(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        check_columns(table, values)?;
        let now = to_db_text(self.now);
        let current = self.read_row(table, id, values)?;
        match current {
            None => {
                let cols: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
                let sql = format!(
                    "INSERT INTO {} (id, created_at, updated_at{}{}) VALUES (?1, ?2, ?2{})",
                    table.name(),
                    if cols.is_empty() { "" } else { ", " },
                    cols.join(", "),
                    (0..cols.len()).map(|i| format!(", ?{}", i + 3)).collect::<String>(),
                );
                let mut args: Vec<Value> = vec![Value::Text(id.to_owned()), Value::Text(now.clone())];
                args.extend(values.iter().map(|(_, v)| v.clone()));
                self.tx.prepare_cached(&sql)?.execute(params_from_iter(args))?;
                self.log(table, id, CREATED_AT, &Value::Text(now))?;
                for (col, v) in values {
                    self.log(table, id, col, v)?;
                }
                Ok(values.len())
            }
            Some(old) => {
                let changed: Vec<&(&'static str, Value)> =
                    values.iter().zip(old).filter(|((_, new), old)| new != old).map(|(p, _)| p).collect();
                if changed.is_empty() {
                    return Ok(0);
                }
                let sets: String =
                    changed.iter().enumerate().map(|(i, (c, _))| format!(", {c} = ?{}", i + 3)).collect();
                let sql = format!("UPDATE {} SET updated_at = ?2{sets} WHERE id = ?1", table.name());
                let mut args: Vec<Value> = vec![Value::Text(id.to_owned()), Value::Text(now)];
                args.extend(changed.iter().map(|(_, v)| v.clone()));
                self.tx.prepare_cached(&sql)?.execute(params_from_iter(args))?;
                for (col, v) in &changed {
                    self.log(table, id, col, v)?;
                }
                Ok(changed.len())
            }
        }
    }

    /// Marks row `id` deleted (a tombstone, so the deletion syncs). Returns false when the
    /// row does not exist or is already deleted.
    pub fn delete(&mut self, table: Table, id: &str) -> Result<bool> {
        let now = Value::Text(to_db_text(self.now));
        let n = self.tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                table.name()
            ),
            rusqlite::params![id, now],
        )?;
        if n == 1 {
            self.log(table, id, DELETED_AT, &now)?;
        }
        Ok(n == 1)
    }

    /// Commits data, change log and clock; returns the clock to adopt.
    pub(super) fn commit(self) -> Result<Clock> {
        if self.clock_moved {
            set_meta(&self.tx, meta::CLOCK, &self.clock.last().to_string())?;
        }
        self.tx.commit()?;
        Ok(self.clock)
    }

    fn read_row(&self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<Option<Vec<Value>>> {
        let cols: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
        let select = if cols.is_empty() { "id".to_owned() } else { cols.join(", ") };
        let sql = format!("SELECT {select} FROM {} WHERE id = ?1", table.name());
        let n = values.len();
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
            .optional()?)
    }

    /// Records one changed column in the outbox (synced tables only).
    fn log(&mut self, table: Table, id: &str, col: &str, value: &Value) -> Result<()> {
        if !table.is_synced() {
            return Ok(());
        }
        let now_ms = u64::try_from(self.now.timestamp_millis()).unwrap_or(0);
        let stamp = self.clock.tick(now_ms).to_string();
        self.clock_moved = true;
        self.tx
            .prepare_cached("INSERT INTO change_log (hlc, tbl, row_id, col, value) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(rusqlite::params![stamp, table.name(), id, col, value])?;
        // Append-only rows are never updated and merge by union: no per-column versions.
        if !table.is_append_only() {
            self.tx
                .prepare_cached(
                    "INSERT INTO column_versions (tbl, row_id, col, hlc) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc",
                )?
                .execute(rusqlite::params![table.name(), id, col, stamp])?;
        }
        Ok(())
    }
}

fn check_columns(table: Table, values: &[(&'static str, Value)]) -> Result<()> {
    for (i, (col, _)) in values.iter().enumerate() {
        if !table.columns().contains(col) {
            return Err(Error::Internal(format!("{} has no writable column {col}", table.name())));
        }
        if values[..i].iter().any(|(c, _)| c == col) {
            return Err(Error::Internal(format!("column {col} given twice")));
        }
    }
    Ok(())
}
