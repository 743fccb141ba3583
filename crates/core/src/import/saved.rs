//! The column mapping last used for each source, kept on this device.
//!
//! **Why local, not synced.** A mapping describes files on this computer: which columns an
//! export has depends on the helpdesk account's custom fields and even on the language
//! its user interface was in (Zendesk names the columns in the agent's language), so a
//! colleague's mapping for "zendesk" is not necessarily right for this supervisor's file.
//! Kept like the saved views (a local table of the write path), it is never overwritten
//! by another device, and the mapping of an import is saved in the import's own
//! transaction (a cancelled import saves nothing).

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::mapping::{ImportMapping, header_key};
use crate::store::{Table, WriteTx};
use crate::{Error, Result};

/// The row id of `source`'s mapping (one per source, whatever its case).
fn row_id(source: &str) -> String {
    crate::ids::member_id("import_mapping", &source.trim().to_lowercase())
}

/// Keeps `mapping` as its source's mapping.
pub(crate) fn save(tx: &mut WriteTx<'_>, mapping: &ImportMapping) -> Result<()> {
    let text = serde_json::to_string(mapping).map_err(|e| Error::Internal(e.to_string()))?;
    tx.upsert(
        Table::ImportMappings,
        &row_id(&mapping.source),
        &[("source", Value::Text(mapping.source.clone())), ("mapping", Value::Text(text))],
    )?;
    Ok(())
}

/// The mapping last used for `source`. One a newer version wrote in a form this one
/// cannot read is as good as none.
pub fn get(conn: &rusqlite::Connection, source: &str) -> Result<Option<ImportMapping>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT mapping FROM import_mappings WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([row_id(source)], |r| r.get(0))
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// The most recently used mapping whose columns are all among `headers` (for a file of
/// no known layout, probably from the same system as before).
pub(crate) fn fitting(conn: &rusqlite::Connection, headers: &[String]) -> Result<Option<ImportMapping>> {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT mapping FROM import_mappings WHERE deleted_at IS NULL ORDER BY updated_at DESC, id",
    )?;
    let texts: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(texts.iter().filter_map(|t| serde_json::from_str::<ImportMapping>(t).ok()).find(|m| {
        !m.columns.is_empty() && m.columns.values().all(|h| keys.contains(&header_key(h)))
    }))
}
