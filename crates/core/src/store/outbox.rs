//! The outbox: what this device has changed and not yet pushed, in the order it changed.
//!
//! Only a signed-in device records here (before that, its whole state is published at
//! sign-in). Pushed rows are deleted once the server acknowledged them, and a register
//! cell changed again — here or by a pulled change — is pushed once, with its current
//! value: an earlier record whose stamp is no longer the cell's version is skipped.

use std::collections::BTreeMap;

use frontline_sync::Version;
use frontline_sync::protocol::{Body, Change, Outgoing};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::schema::Table;
use super::{versions, wire};
use crate::{Error, Result};

/// Appends one record.
pub(crate) fn record(conn: &Connection, table: Table, id: &str, col: &str, value: &Value, v: &Version) -> Result<()> {
    conn.prepare_cached("INSERT INTO outbox (hlc, tbl, row_id, col, value, base) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(rusqlite::params![v.hlc.to_string(), table.name(), id, col, value, v.base.map(|b| b.to_string())])?;
    Ok(())
}

/// A whole row as the JSON object an outbox record of an append-only row holds.
pub(crate) fn row_json(row: &[(&str, &Value)]) -> Result<String> {
    let map: BTreeMap<&str, frontline_sync::protocol::Value> =
        row.iter().map(|(c, v)| Ok((*c, wire::to_wire(v)?))).collect::<Result<_>>()?;
    serde_json::to_string(&map).map_err(|e| Error::Internal(e.to_string()))
}

/// Records waiting to be pushed (superseded ones included, until acknowledged).
pub fn pending(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
    Ok(n as u64)
}

/// A batch to push.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The changes, in outbox order; a row's cells are never split across batches.
    pub changes: Vec<Outgoing>,
    /// The last outbox position the batch covers (skipped records included): what to
    /// acknowledge once the server has it.
    pub through: u64,
}

/// The next batch of at most about `limit` changes, or `None` when nothing is waiting.
pub fn next_batch(conn: &Connection, limit: usize) -> Result<Option<Batch>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.seq, o.hlc, o.tbl, o.row_id, o.col, o.value, o.base, {}
         FROM outbox o ORDER BY o.seq LIMIT ?1",
        versions::stamp_sql("o.tbl", "o.row_id", "o.col")
    ))?;
    // One more than asked, to see whether the last row continues.
    let fetch = i64::try_from(limit.saturating_mul(2).max(2)).unwrap_or(i64::MAX);
    type Rec = (i64, String, String, String, String, Value, Option<String>, Option<String>);
    let recs: Vec<Rec> = stmt
        .query_map([fetch], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<Result<_, _>>()?;
    if recs.is_empty() {
        return Ok(None);
    }
    let mut changes = Vec::new();
    let mut through = 0u64;
    for (i, (seq, hlc, tbl, row, col, value, base, current)) in recs.iter().enumerate() {
        // Cut only between rows, so a new row's cells arrive together.
        if i >= limit && i > 0 && (&recs[i - 1].2, &recs[i - 1].3) != (tbl, row) {
            break;
        }
        through = *seq as u64;
        let superseded = !col.is_empty() && current.as_deref() != Some(hlc.as_str());
        if superseded {
            continue;
        }
        let body = if col.is_empty() {
            let Value::Text(json) = value else {
                return Err(Error::Corrupt { detail: format!("outbox row {seq} holds no row") });
            };
            let values = serde_json::from_str(json)
                .map_err(|e| Error::Corrupt { detail: format!("outbox row {seq} is unreadable: {e}") })?;
            Body::Row { values }
        } else {
            Body::Cell { column: col.clone(), value: wire::to_wire(value)? }
        };
        changes.push(Outgoing {
            seq: *seq as u64,
            change: Change {
                table: tbl.clone(),
                row: row.clone(),
                hlc: versions::parse(hlc)?,
                base: base.as_deref().map(versions::parse).transpose()?,
                body,
            },
        });
    }
    Ok(Some(Batch { changes, through }))
}

/// Forgets records up to `through`: the server has them.
pub fn acknowledge(conn: &Connection, through: u64) -> Result<()> {
    conn.prepare_cached("DELETE FROM outbox WHERE seq <= ?1")?.execute([through as i64])?;
    Ok(())
}

/// Drops every record (signing out: a later sign-in publishes the whole state again).
pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM outbox", [])?;
    Ok(())
}
