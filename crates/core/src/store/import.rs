//! Writing rows read from an export ([`crate::export::import_json`]) as this device's own.
//!
//! An export holds each row's synced values, creation time and tombstone, but no HLC
//! versions: those are each device's bookkeeping. So an imported row is recorded as if it
//! had just been written here: every cell gets a fresh stamp of this device's clock and
//! (on a signed-in device) an outbox record, exactly as [`WriteTx::upsert`] and
//! [`WriteTx::insert`] do — so the next sign-in publishes it like any local data. Only
//! `created_at` and `deleted_at` keep the export's text, byte for byte: they are data
//! (when the case came in, when it was deleted), and re-exporting must give the same file.

use rusqlite::types::Value;
use rusqlite::params_from_iter;

use super::schema::{CREATED_AT, DELETED_AT, Table};
use super::write::WriteTx;
use crate::{Error, Result};

impl WriteTx<'_> {
    /// Inserts row `id` of `table` as read from an export: `values` are its synced data
    /// columns (no derived ones), `created_at` and `deleted_at` its managed times as text.
    /// The derivations of what it feeds (its case's facts, due times, search) run at
    /// commit, as after a pulled batch. Fails if the row exists.
    pub(crate) fn import_row(
        &mut self,
        table: Table,
        id: &str,
        created_at: &str,
        deleted_at: Option<&str>,
        values: &[(&'static str, Value)],
    ) -> Result<()> {
        if !table.is_synced() {
            return Err(Error::Internal(format!("{} is not synced; it is never exported", table.name())));
        }
        super::write::check_data_columns(table, values)?;
        // Required derived columns (a case's status) start as sync's placeholders, until
        // the derivations at commit compute them; a required data column missing from the
        // file stays missing, and the insert says so.
        let placeholders: Vec<(&'static str, Value)> = table
            .placeholders()
            .iter()
            .filter(|(c, _)| table.column(c).is_some_and(|c| c.merge == super::Merge::Derived))
            .filter(|(c, _)| !values.iter().any(|(v, _)| v == c))
            .map(|(c, p)| (*c, p.value(created_at)))
            .collect();
        let all: Vec<&(&'static str, Value)> = values.iter().chain(&placeholders).collect();
        let cols: String = all.iter().map(|(c, _)| format!(", {c}")).collect();
        let marks: String = (0..all.len()).map(|i| format!(", ?{}", i + 4)).collect();
        let sql = format!(
            "INSERT INTO {} (id, {CREATED_AT}, updated_at, {DELETED_AT}{cols}) VALUES (?1, ?2, coalesce(?3, ?2), ?3{marks})",
            table.name()
        );
        let mut args: Vec<Value> = vec![
            Value::Text(id.to_owned()),
            Value::Text(created_at.to_owned()),
            deleted_at.map_or(Value::Null, |d| Value::Text(d.to_owned())),
        ];
        args.extend(all.iter().map(|(_, v)| v.clone()));
        self.conn().prepare_cached(&sql)?.execute(params_from_iter(args))?;
        let created = Value::Text(created_at.to_owned());
        if table.is_append_only() {
            let mut row: Vec<(&str, &Value)> = values.iter().map(|(c, v)| (*c, v)).collect();
            row.push((CREATED_AT, &created));
            self.log_row(table, id, &row)?;
        } else {
            self.log_cell(table, id, CREATED_AT, &created)?;
            for (col, v) in values {
                self.log_cell(table, id, col, v)?;
            }
            if let Some(d) = deleted_at {
                self.log_cell(table, id, DELETED_AT, &Value::Text(d.to_owned()))?;
            }
        }
        // A timeline event or tag row is derived from through its case: note the case, so
        // a million events note a hundred thousand cases.
        match table.parent() {
            Some((parent, col)) => {
                let parent_id = values.iter().find(|(c, _)| *c == col).and_then(|(_, v)| match v {
                    Value::Text(t) => Some(t.clone()),
                    _ => None,
                });
                match parent_id {
                    Some(p) => self.note_remote(parent, &p),
                    None => self.note_remote(table, id),
                }
            }
            None => self.note_remote(table, id),
        }
        Ok(())
    }
}
