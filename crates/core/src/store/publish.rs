//! Publishing a device's whole state into the outbox, when it first signs in.
//!
//! Before signing in a device records no outbox (nothing would read it), only versions.
//! At sign-in every synced row goes out once: each register and set cell with its
//! version (the cells of a row without one — made by a migration — get one fresh stamp
//! together), each append-only row whole, tombstones included — except cells a migration
//! seeded the same on every device (node 0), and NULL cells that were never set (no
//! version): a device without the cell holds that NULL already. The server keeps the
//! newest of each cell, so publishing old values never overwrites newer ones from
//! colleagues.

use frontline_sync::Version;
use rusqlite::types::Value;

use super::schema::{CREATED_AT, DELETED_AT, Merge, Table};
use super::write::WriteTx;
use super::{outbox, versions};
use crate::Result;

impl WriteTx<'_> {
    /// Records every synced row of this database in the outbox; returns the records made.
    /// A row's children (a case's timeline and tags) follow it directly.
    pub(crate) fn publish_all(&mut self) -> Result<u64> {
        let mut records = 0;
        for table in Table::ALL.iter().copied().filter(|t| t.is_synced() && t.parent().is_none()) {
            let children: Vec<(Table, &'static str)> = Table::ALL
                .iter()
                .copied()
                .filter_map(|c| c.parent().filter(|(p, _)| *p == table).map(|(_, col)| (c, col)))
                .collect();
            for (id, values) in rows(self.conn(), table, None)? {
                records += self.publish_row(table, &id, values)?;
                for (child, col) in &children {
                    for (cid, cvalues) in rows(self.conn(), *child, Some((col, &id)))? {
                        records += self.publish_row(*child, &cid, cvalues)?;
                    }
                }
            }
        }
        Ok(records)
    }

    /// Records one row: a whole append-only row, or each register and set cell with its
    /// version. The cells without one get one fresh stamp together: a row never written
    /// through the versioned path (an older database's) then travels as one write, which a
    /// receiving device versions with one entry (versions.rs).
    fn publish_row(&mut self, table: Table, id: &str, values: Vec<(&'static str, Value)>) -> Result<u64> {
        if table.is_append_only() {
            let row: Vec<(&str, &Value)> =
                values.iter().filter(|(_, v)| *v != Value::Null).map(|(c, v)| (*c, v)).collect();
            let stamp = self.tick();
            let value = Value::Text(outbox::row_json(&row)?);
            outbox::record(self.conn(), table, id, "", &value, &Version { hlc: stamp, base: None })?;
            return Ok(1);
        }
        let mut records = 0;
        let mut fresh = None;
        for (col, value) in values {
            if col == DELETED_AT && value == Value::Null {
                continue;
            }
            let version = match versions::get(self.conn(), table, id, col)? {
                Some(v) => v,
                // A NULL cell without a version was never set through the write path (demo
                // rows, a column a migration added): another device holding none of it holds
                // the same NULL (every nullable synced column defaults to NULL, a test in
                // schema.rs checks), so there is nothing to send — and a fresh stamp on it
                // would only beat a value a colleague really set meanwhile. A cell set and
                // then cleared has its version, and its NULL travels as any value does.
                None if value == Value::Null => continue,
                None => {
                    let v = *fresh.get_or_insert_with(|| Version { hlc: self.tick(), base: None });
                    versions::set(self.conn(), table, id, col, &v)?;
                    v
                }
            };
            // A cell at a version of node 0 was seeded the same on every device by a
            // migration (the built-in journey stages): everyone holds it already, so it is
            // not sent (and a viewer, who may not send, can still sign in and sync).
            if version.hlc.node.as_u64() == 0 {
                continue;
            }
            outbox::record(self.conn(), table, id, col, &value, &version)?;
            records += 1;
        }
        Ok(records)
    }
}

/// A row's id and its synced columns' values.
type SyncedRow = (String, Vec<(&'static str, Value)>);

/// The synced columns of a table's rows (optionally only those whose `parent` column
/// names one row), in insertion order.
fn rows(conn: &rusqlite::Connection, table: Table, parent: Option<(&str, &str)>) -> Result<Vec<SyncedRow>> {
    let cols: Vec<&'static str> = table
        .columns()
        .iter()
        .filter(|c| c.merge != Merge::Derived)
        .map(|c| c.name)
        .chain([CREATED_AT, DELETED_AT])
        .collect();
    let filter = parent.map(|(col, _)| format!(" WHERE {col} = ?1")).unwrap_or_default();
    let sql = format!("SELECT id, {} FROM {}{filter} ORDER BY rowid", cols.join(", "), table.name());
    let mut stmt = conn.prepare_cached(&sql)?;
    let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, Vec<(&'static str, Value)>)> {
        let mut values = Vec::with_capacity(cols.len());
        for (i, c) in cols.iter().enumerate() {
            values.push((*c, r.get::<_, Value>(i + 1)?));
        }
        Ok((r.get(0)?, values))
    };
    let out = match parent {
        Some((_, id)) => stmt.query_map([id], read)?.collect::<Result<_, _>>()?,
        None => stmt.query_map([], read)?.collect::<Result<_, _>>()?,
    };
    Ok(out)
}
