//! Publishing a device's whole state into the outbox, when it first signs in.
//!
//! Before signing in a device records no outbox (nothing would read it), only versions.
//! At sign-in every synced row goes out once: each register and set cell with its
//! version (a cell without one — made by a migration — gets a fresh stamp), each
//! append-only row whole, tombstones included. The server keeps the newest of each cell,
//! so publishing old values never overwrites newer ones from colleagues.

use frontline_sync::Version;
use rusqlite::types::Value;

use super::schema::{CREATED_AT, DELETED_AT, Merge, Table};
use super::write::WriteTx;
use super::{outbox, versions};
use crate::Result;

impl WriteTx<'_> {
    /// Records every synced row of this database in the outbox; returns the records made.
    pub(crate) fn publish_all(&mut self) -> Result<u64> {
        let mut records = 0;
        for table in Table::ALL.iter().copied().filter(|t| t.is_synced()) {
            let cols: Vec<&'static str> = if table.is_append_only() {
                table.columns().iter().map(|c| c.name).chain([CREATED_AT, DELETED_AT]).collect()
            } else {
                table
                    .columns()
                    .iter()
                    .filter(|c| c.merge != Merge::Derived)
                    .map(|c| c.name)
                    .chain([CREATED_AT, DELETED_AT])
                    .collect()
            };
            let rows: Vec<(String, Vec<Value>)> = {
                let sql = format!("SELECT id, {} FROM {} ORDER BY rowid", cols.join(", "), table.name());
                let mut stmt = self.conn().prepare(&sql)?;
                let n = cols.len();
                stmt.query_map([], |r| {
                    Ok((r.get(0)?, (1..=n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()?))
                })?
                .collect::<Result<_, _>>()?
            };
            for (id, values) in rows {
                if table.is_append_only() {
                    let row: Vec<(&str, &Value)> =
                        cols.iter().copied().zip(values.iter()).filter(|(_, v)| **v != Value::Null).collect();
                    let stamp = self.tick();
                    let value = Value::Text(outbox::row_json(&row)?);
                    outbox::record(self.conn(), table, &id, "", &value, &Version { hlc: stamp, base: None })?;
                    records += 1;
                    continue;
                }
                for (col, value) in cols.iter().copied().zip(values) {
                    if col == DELETED_AT && value == Value::Null {
                        continue;
                    }
                    let version = match versions::get(self.conn(), table, &id, col)? {
                        Some(v) => v,
                        None => {
                            let v = Version { hlc: self.tick(), base: None };
                            versions::set(self.conn(), table, &id, col, &v)?;
                            v
                        }
                    };
                    outbox::record(self.conn(), table, &id, col, &value, &version)?;
                    records += 1;
                }
            }
        }
        Ok(records)
    }
}
