//! `column_versions`: the [`Version`] (stamp and base) of every synced register cell, what
//! a merge compares an incoming change against.

use frontline_sync::{Hlc, Version};
use rusqlite::{Connection, OptionalExtension};

use super::schema::Table;
use crate::{Error, Result};

/// The version of one cell, if it has one.
pub(crate) fn get(conn: &Connection, table: Table, id: &str, col: &str) -> Result<Option<Version>> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT hlc, base FROM column_versions WHERE tbl = ?1 AND row_id = ?2 AND col = ?3")?
        .query_row(rusqlite::params![table.name(), id, col], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(hlc, base)| {
        Ok(Version { hlc: parse(&hlc)?, base: base.as_deref().map(parse).transpose()? })
    })
    .transpose()
}

/// Sets the version of one cell.
pub(crate) fn set(conn: &Connection, table: Table, id: &str, col: &str, v: &Version) -> Result<()> {
    set_row(conn, table, id, &[(col, v)])
}

/// Sets the versions of several cells of one row, in one statement.
pub(crate) fn set_row(conn: &Connection, table: Table, id: &str, cells: &[(&str, &Version)]) -> Result<()> {
    write_row(
        conn,
        "INSERT",
        "ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, base = excluded.base",
        table,
        id,
        cells,
    )
}

/// The first versions of the cells of a row minted in this transaction, which cannot have
/// any yet. `OR FAIL`, without an upsert, lets SQLite write them without a statement
/// journal: a multi-row statement that may abort halfway otherwise copies every page it
/// touches first, so that it can undo itself alone. Should a version exist after all,
/// the statement fails, and the transaction with it.
pub(crate) fn insert_new_row(conn: &Connection, table: Table, id: &str, cells: &[(&str, &Version)]) -> Result<()> {
    write_row(conn, "INSERT OR FAIL", "", table, id, cells)
}

/// `{insert} INTO column_versions … VALUES … {upsert}` of the cells of one row.
fn write_row(
    conn: &Connection,
    insert: &str,
    upsert: &str,
    table: Table,
    id: &str,
    cells: &[(&str, &Version)],
) -> Result<()> {
    if cells.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "{insert} INTO column_versions (tbl, row_id, col, hlc, base) VALUES {} {upsert}",
        vec!["(?1, ?2, ?, ?, ?)"; cells.len()].join(", ")
    );
    // Bound as borrowed text: a first sync versions a million cells.
    let stamps: Vec<(String, Option<String>)> =
        cells.iter().map(|(_, v)| (v.hlc.to_string(), v.base.map(|b| b.to_string()))).collect();
    let name = table.name();
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 + 3 * cells.len());
    args.extend([&name as &dyn rusqlite::ToSql, &id]);
    for ((col, _), (hlc, base)) in cells.iter().zip(&stamps) {
        args.extend([col as &dyn rusqlite::ToSql, hlc, base]);
    }
    conn.prepare_cached(&sql)?.execute(args.as_slice())?;
    Ok(())
}

pub(crate) fn parse(s: &str) -> Result<Hlc> {
    s.parse().map_err(|_| Error::Corrupt { detail: format!("stored clock stamp {s:?} is invalid") })
}

/// The versions of every cell of one row, by column.
pub(crate) fn get_row(conn: &Connection, table: Table, id: &str) -> Result<Vec<(String, Version)>> {
    let mut stmt = conn.prepare_cached("SELECT col, hlc, base FROM column_versions WHERE tbl = ?1 AND row_id = ?2")?;
    let rows = stmt.query_map(rusqlite::params![table.name(), id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (col, hlc, base) = row?;
        out.push((col, Version { hlc: parse(&hlc)?, base: base.as_deref().map(parse).transpose()? }));
    }
    Ok(out)
}
