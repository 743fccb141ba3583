//! Canonical JSON export of everything this database syncs.
//!
//! Every synced table, every row (deleted ones too, with their tombstone), ordered by id,
//! with exactly the synced columns — registers, set elements, whole events, creation
//! time and tombstone — and keys sorted. Derived columns (status, due-time caches, ...)
//! and local ones (`updated_at`) are left out: they are each device's own computation.
//! So two databases that hold the same synced state export byte-identical files, which
//! is how sync tests compare devices, and how a supervisor can hand the team's data to
//! another tool.
//!
//! Beside it: CSV files of tables ([`table`]) — a case list or saved view
//! ([`cases_csv`]), the dashboard's tiles ([`crate::kpi::Dashboard::table`]) — with their
//! headers in the reader's language ([`labels`]).

mod cases_csv;
mod file;
mod import;
pub mod labels;
pub mod table;

pub use cases_csv::cases_csv;
pub use file::write_file;
pub use import::{JsonImportProgress, JsonImportSummary, import_json};

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::ControlFlow;

use rusqlite::types::Value;

use crate::store::schema::{CREATED_AT, DELETED_AT};
use crate::store::{Merge, Table};
use crate::{Error, Result};

/// How far an export (or an import) has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    /// Rows written.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub rows: u64,
    /// Rows in all (0 while unknown).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub total: u64,
}

/// The name in an export's `$format` header.
pub const FORMAT_NAME: &str = "frontline";
/// The version of the file's layout (the header, tables, rows). The tables and columns
/// follow the schema, whose version the header gives beside it.
pub const FORMAT_VERSION: u32 = 1;
/// The header's key: first in the file (`$` sorts before every table name).
const FORMAT_KEY: &str = "$format";

/// The columns of `table` an export holds, sorted.
fn columns(table: Table) -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = table
        .columns()
        .iter()
        .filter(|c| c.merge != Merge::Derived)
        .map(|c| c.name)
        .chain(["id", CREATED_AT, DELETED_AT])
        .collect();
    cols.sort_unstable();
    cols
}

/// Writes the export to `out`: `{"$format":{…},"<table>":[{row},…],…}`, tables by name,
/// one row per line (the layout is described in `docs/export-format.md`). `on_progress`
/// may cancel with `Break` ([`Error::Cancelled`]).
pub fn canonical_json(
    conn: &rusqlite::Connection,
    out: &mut impl Write,
    mut on_progress: impl FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("write export", "", e);
    let mut tables: Vec<Table> = Table::ALL.iter().copied().filter(|t| t.is_synced()).collect();
    tables.sort_by_key(|t| t.name());
    let mut total = 0u64;
    for t in &tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", t.name()), [], |r| r.get(0))?;
        total += n as u64;
    }
    let mut rows = 0u64;
    let schema = crate::store::migrations::current_version(conn)?;
    write!(
        out,
        "{{\n{}:{{\"name\":{},\"schema\":{schema},\"version\":{FORMAT_VERSION}}}",
        json_string(FORMAT_KEY),
        json_string(FORMAT_NAME)
    )
    .map_err(io)?;
    for table in &tables {
        let cols = columns(*table);
        let sql = format!("SELECT {} FROM {} ORDER BY id", cols.join(", "), table.name());
        let mut stmt = conn.prepare(&sql)?;
        let mut query = stmt.query([])?;
        write!(out, ",\n{}:[", json_string(table.name())).map_err(io)?;
        let mut first = true;
        while let Some(r) = query.next()? {
            let mut row = BTreeMap::new();
            for (j, c) in cols.iter().enumerate() {
                row.insert(*c, json_value(r.get::<_, Value>(j)?)?);
            }
            let line = serde_json::to_string(&row).map_err(|e| Error::Internal(e.to_string()))?;
            write!(out, "{}\n{line}", if first { "" } else { "," }).map_err(io)?;
            first = false;
            rows += 1;
            if rows.is_multiple_of(10_000) && on_progress(Progress { rows, total }).is_break() {
                return Err(Error::Cancelled);
            }
        }
        out.write_all(b"]").map_err(io)?;
    }
    out.write_all(b"\n}\n").map_err(io)?;
    let _ = on_progress(Progress { rows, total });
    Ok(())
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn json_value(v: Value) -> Result<serde_json::Value> {
    Ok(match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Text(t) => t.into(),
        Value::Blob(_) => return Err(Error::Internal("a synced column holds a blob".into())),
    })
}

/// The export as a string (tests and small databases).
pub fn canonical_string(conn: &rusqlite::Connection) -> Result<String> {
    let mut buf = Vec::new();
    canonical_json(conn, &mut buf, |_| ControlFlow::Continue(()))?;
    String::from_utf8(buf).map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_store;

    #[test]
    fn export_holds_synced_columns_only_sorted_and_deleted_rows_too() {
        let (_d, mut store, _) = temp_store();
        let case = store
            .write(|tx| {
                crate::cases::create(
                    tx,
                    &crate::cases::NewCase {
                        title: "Refund 退款".into(),
                        description: String::new(),
                        customer_id: None,
                        channel: crate::cases::CaseChannel::Email,
                        category: "Billing".into(),
                        priority: crate::cases::Priority::P2,
                    },
                )
            })
            .unwrap();
        store.write(|tx| tx.delete(Table::Cases, case.as_str())).unwrap();
        let json = canonical_string(store.conn()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let cases = v["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 1);
        let row = cases[0].as_object().unwrap();
        assert!(row["deleted_at"].is_string(), "the tombstone is exported");
        assert_eq!(row["title"], "Refund 退款");
        for local in ["status", "updated_at", "first_response_due_at", "tags"] {
            assert!(!row.contains_key(local), "{local} is not synced");
        }
        let keys: Vec<&String> = row.keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(v["case_events"].as_array().unwrap().len(), 1);
        assert!(v.get("saved_views").is_none() && v.get("device_preferences").is_none());
    }
}
