//! `column_versions`: the [`Version`] (stamp and base) of every synced register cell, what
//! a merge compares an incoming change against.
//!
//! A row minted here and written whole (an imported case, its tags) holds one entry for
//! the row, under the column name [`ROW`], instead of one per cell: its cells were all
//! written by one write, and a bulk load would otherwise write ~20 entries per case, over
//! a third of the database's bytes. A cell changed later gets its own entry, which is what counts
//! for it from then on. The row entry stands for *every* versioned column of the row, also
//! those the insert left at their defaults: no other device can have written to a row id
//! minted here before receiving the row, so any change it sends is newer anyway.
//!
//! A device receiving such a row (its cells sent each at the row's one stamp, as are those
//! of a row published without versions, publish.rs) keeps the one entry too
//! ([`insert_received_row`]), beside entries for the cells of later writes arriving with
//! it: every other write to the row came after it. That holds
//! because no other device can hold the row before receiving it — which is why a
//! migration that seeds synced rows alike on every device gives them versions (node 0)
//! of their own.
//! The row's cells all come in one page, as a push batch and a pull page never cut a row
//! (outbox.rs, the protocol's `PullResponse`): no cell of that write can come later, at
//! the entry's own stamp, and be refused as one already held.

use frontline_sync::{Hlc, Version};
use rusqlite::{Connection, OptionalExtension};

use super::schema::Table;
use crate::{Error, Result};

/// The column name of a row's own entry (no column is called that).
pub(crate) const ROW: &str = "*";

/// The version of one cell, if it has one: its own entry, else its row's.
pub(crate) fn get(conn: &Connection, table: Table, id: &str, col: &str) -> Result<Option<Version>> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT hlc, base FROM column_versions WHERE tbl = ?1 AND row_id = ?2 AND col IN (?3, '*')
             ORDER BY col = '*' LIMIT 1",
        )?
        .query_row(rusqlite::params![table.name(), id, col], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(hlc, base)| version(&hlc, base.as_deref())).transpose()
}

/// The SQL expression of the stamp (text) of cell `col` of row `row_id` of `tbl` (SQL
/// expressions), by the rule of [`get`]: for queries that join versions to rows.
pub(crate) fn stamp_sql(tbl: &str, row_id: &str, col: &str) -> String {
    format!(
        "(SELECT v.hlc FROM column_versions v WHERE v.tbl = {tbl} AND v.row_id = {row_id} AND v.col IN ({col}, '*')
          ORDER BY v.col = '*' LIMIT 1)"
    )
}

/// Sets the version of one cell.
pub(crate) fn set(conn: &Connection, table: Table, id: &str, col: &str, v: &Version) -> Result<()> {
    set_row(conn, table, id, &[(col, v)])
}

/// The version of a whole row minted in this transaction, which cannot have any yet: its
/// [`ROW`] entry. Should one exist after all, the statement fails, and the transaction
/// with it.
pub(crate) fn insert_new_row(conn: &Connection, table: Table, id: &str, v: &Version) -> Result<()> {
    // One fixed statement: a bulk load inserts hundreds of thousands of rows.
    conn.prepare_cached(
        "INSERT OR FAIL INTO column_versions (tbl, row_id, col, hlc, base) VALUES (?1, ?2, '*', ?3, ?4)",
    )?
    .execute(rusqlite::params![table.name(), id, v.hlc.to_string(), v.base.map(|b| b.to_string())])?;
    Ok(())
}

/// The version of a whole row received from another device, written by one write there
/// ([`ROW`], see the module doc), unless this row id holds versions already; whether it
/// was stored.
pub(crate) fn insert_received_row(conn: &Connection, table: Table, id: &str, v: &Version) -> Result<bool> {
    // A look then an insert, not one `INSERT … SELECT … WHERE NOT EXISTS`: an INSERT that
    // reads its own table first copies what it selects into a temporary b-tree, which a
    // first sync would build and drop once for each of its 100,000 received rows.
    let held: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM column_versions WHERE tbl = ?1 AND row_id = ?2)")?
        .query_row(rusqlite::params![table.name(), id], |r| r.get(0))?;
    if held {
        return Ok(false);
    }
    conn.prepare_cached("INSERT INTO column_versions (tbl, row_id, col, hlc, base) VALUES (?1, ?2, '*', ?3, NULL)")?
        .execute(rusqlite::params![table.name(), id, v.hlc.to_string()])?;
    Ok(true)
}

/// Sets the versions of several cells of one row, in one statement.
pub(crate) fn set_row(conn: &Connection, table: Table, id: &str, cells: &[(&str, &Version)]) -> Result<()> {
    if cells.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO column_versions (tbl, row_id, col, hlc, base) VALUES {}
         ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, base = excluded.base",
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

fn version(hlc: &str, base: Option<&str>) -> Result<Version> {
    Ok(Version { hlc: parse(hlc)?, base: base.map(parse).transpose()? })
}

pub(crate) fn parse(s: &str) -> Result<Hlc> {
    s.parse().map_err(|_| Error::Corrupt { detail: format!("stored clock stamp {s:?} is invalid") })
}

/// The versions held for the cells of one row.
#[derive(Debug, Default)]
pub(crate) struct RowVersions {
    cells: Vec<(String, Version)>,
    row: Option<Version>,
}

impl RowVersions {
    /// The version of cell `col`, by the rule of [`get`].
    pub(crate) fn of(&self, col: &str) -> Option<Version> {
        self.cells.iter().find(|(c, _)| c == col).map(|(_, v)| *v).or(self.row)
    }
}

/// The versions of the cells of one row.
pub(crate) fn get_row(conn: &Connection, table: Table, id: &str) -> Result<RowVersions> {
    let mut stmt = conn.prepare_cached("SELECT col, hlc, base FROM column_versions WHERE tbl = ?1 AND row_id = ?2")?;
    let rows = stmt.query_map(rusqlite::params![table.name(), id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    let mut out = RowVersions::default();
    for row in rows {
        let (col, hlc, base) = row?;
        let v = version(&hlc, base.as_deref())?;
        if col == ROW {
            out.row = Some(v);
        } else {
            out.cells.push((col, v));
        }
    }
    Ok(out)
}
