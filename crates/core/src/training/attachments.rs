//! A file attached to an external certificate record (a record entered without a
//! session): the certificate itself, as PDF, PNG or JPEG, at most [`MAX_BYTES`].
//!
//! **Stored in the database, not beside it.** A certificate is the evidence behind a
//! compliance cell, and the supervisor who opens the matrix on another laptop (or the
//! auditor's copy restored from a backup) needs it as much as the one who entered it; a
//! file copied into one device's data folder would be missing everywhere else and from
//! every backup and export. So it is kept as knowledge-base images are: an append-only
//! event that syncs by union, its bytes as base64 text because the sync wire carries no
//! blobs. A whole row must stay under the wire's value bound (1 MiB), so a file is split
//! into parts of [`PART_BYTES`]; each part is a row naming the file and how many parts it
//! has, and a file counts only once all its parts are here (a sync still under way shows
//! nothing rather than half a PDF).
//!
//! A record carries one file; attaching is refused once it has one. Two devices attaching
//! offline both keep theirs (events are never lost); the latest complete one is shown.
//! The type is judged by the first bytes, never by a name or a claimed type.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{AgentId, TrainingRecordId};
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Largest file, in bytes (5 MiB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Bytes per stored part (512 KiB; about 683 KiB as base64, under the wire's 1 MiB).
pub const PART_BYTES: usize = 512 * 1024;
const NAME: TextRule = TextRule::line("fileName", 200, true);

/// A file attached to a record, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The record.
    pub record_id: TrainingRecordId,
    /// The file's name as it was picked (no folder).
    pub name: String,
    /// `application/pdf`, `image/png` or `image/jpeg`.
    pub mime: String,
    /// Its size in bytes.
    pub size: u32,
}

/// The type of a certificate's bytes, by their first bytes; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

fn too_large() -> Error {
    Error::Validation {
        field: "file",
        rule: ValidationRule::AttachmentTooLarge,
        limit: Some((MAX_BYTES / 1024) as u32),
    }
}

/// The type of a certificate's bytes. Errors: larger than [`MAX_BYTES`]
/// (`AttachmentTooLarge`), not a PDF, PNG or JPEG — an empty file included
/// (`AttachmentType`), both on `file`.
pub fn check_bytes(bytes: &[u8]) -> Result<&'static str> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    sniff(bytes).ok_or_else(|| Error::invalid("file", ValidationRule::AttachmentType))
}

/// Reads a certificate chosen in the open dialog, refusing one larger than [`MAX_BYTES`]
/// before reading it (`AttachmentTooLarge`); the bytes are checked when attached.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |source: std::io::Error| Error::Io { action: "read", path: path.to_path_buf(), source };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_BYTES as u64 {
        return Err(too_large());
    }
    std::fs::read(path).map_err(io)
}

/// The file name kept: the last component of what was picked, so no folder is stored.
fn plain_name(name: &str) -> Result<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    NAME.check(last)
}

/// Attaches a certificate to an external record. Errors (nothing written): an unknown
/// record (`NotFound`); a record from a session, or one that already has a file
/// (`InvalidValue` / `Duplicate` on `file`); a bad name (on `fileName`); and those of
/// [`check_bytes`].
pub fn attach(tx: &mut WriteTx<'_>, record: &TrainingRecordId, name: &str, bytes: &[u8]) -> Result<()> {
    check_id("recordId", record.as_str())?;
    let session: Option<Option<String>> = tx
        .conn()
        .prepare_cached("SELECT session_id FROM training_records WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([record], |r| r.get(0))
        .optional()?;
    match session {
        None => return Err(Error::NotFound { entity: "training record", id: record.to_string() }),
        Some(Some(_)) => return Err(Error::invalid("file", ValidationRule::InvalidValue)),
        Some(None) => {}
    }
    if find(tx.conn(), record)?.is_some() {
        return Err(Error::invalid("file", ValidationRule::Duplicate));
    }
    let name = plain_name(name)?;
    let mime = check_bytes(bytes)?;
    let file_id = uuid::Uuid::now_v7().to_string();
    let parts: Vec<&[u8]> = bytes.chunks(PART_BYTES).collect();
    for (i, part) in parts.iter().enumerate() {
        tx.insert(
            Table::TrainingRecordFiles,
            &uuid::Uuid::now_v7().to_string(),
            &[
                ("record_id", Value::Text(record.to_string())),
                ("file_id", Value::Text(file_id.clone())),
                ("name", Value::Text(name.clone())),
                ("mime", Value::Text(mime.into())),
                ("size", Value::Integer(bytes.len() as i64)),
                ("part", Value::Integer(i as i64)),
                ("parts", Value::Integer(parts.len() as i64)),
                ("data", Value::Text(STANDARD.encode(part))),
            ],
        )?;
    }
    Ok(())
}

/// The complete files (every part here) of one record or of every record of an agent,
/// latest first per record.
const COMPLETE: &str = "SELECT f.record_id, f.file_id, f.name, f.mime, f.size FROM training_record_files f
    JOIN training_records r ON r.id = f.record_id AND r.deleted_at IS NULL
    WHERE f.part = 0 AND f.deleted_at IS NULL AND {filter}
      AND (SELECT count(DISTINCT p.part) FROM training_record_files p
           WHERE p.file_id = f.file_id AND p.deleted_at IS NULL) = f.parts
    ORDER BY f.record_id, f.created_at DESC, f.file_id DESC";

fn complete(conn: &rusqlite::Connection, filter: &str, key: &str) -> Result<Vec<(Attachment, String)>> {
    let mut stmt = conn.prepare_cached(&COMPLETE.replace("{filter}", filter))?;
    let rows = stmt.query_map([key], |r| {
        Ok((Attachment { record_id: r.get(0)?, name: r.get(2)?, mime: r.get(3)?, size: r.get(4)? }, r.get(1)?))
    })?;
    let mut out: Vec<(Attachment, String)> = Vec::new();
    for row in rows {
        let row = row?;
        // Latest first per record: keep the first of each record.
        if out.last().is_none_or(|(a, _)| a.record_id != row.0.record_id) {
            out.push(row);
        }
    }
    Ok(out)
}

fn find(conn: &rusqlite::Connection, record: &TrainingRecordId) -> Result<Option<(Attachment, String)>> {
    Ok(complete(conn, "f.record_id = ?1", record.as_str())?.into_iter().next())
}

/// The files attached to an agent's records, by record.
pub fn for_agent(conn: &rusqlite::Connection, agent: &AgentId) -> Result<Vec<Attachment>> {
    check_id("agentId", agent.as_str())?;
    Ok(complete(conn, "r.agent_id = ?1", agent.as_str())?.into_iter().map(|(a, _)| a).collect())
}

/// A record's file with its bytes, to save back out. Errors: `NotFound` when the record
/// has no complete file; `Internal` for a part that is not base64 (only a broken peer
/// writes one).
pub fn content(conn: &rusqlite::Connection, record: &TrainingRecordId) -> Result<(Attachment, Vec<u8>)> {
    check_id("recordId", record.as_str())?;
    let (attachment, file_id) =
        find(conn, record)?.ok_or_else(|| Error::NotFound { entity: "attachment", id: record.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT data FROM training_record_files WHERE file_id = ?1 AND deleted_at IS NULL ORDER BY part",
    )?;
    let mut bytes = Vec::with_capacity(attachment.size as usize);
    for data in stmt.query_map([&file_id], |r| r.get::<_, String>(0))? {
        let part =
            STANDARD.decode(data?).map_err(|e| Error::Internal(format!("attachment part is not base64: {e}")))?;
        bytes.extend_from_slice(&part);
    }
    Ok((attachment, bytes))
}

/// Writes a record's file to `path` (chosen in a save dialog, which asked before
/// replacing), whole or not at all. Errors: those of [`content`], and the file's.
pub fn save(conn: &rusqlite::Connection, record: &TrainingRecordId, path: &std::path::Path) -> Result<()> {
    let (_, bytes) = content(conn, record)?;
    crate::export::write_file(path, true, |out| {
        std::io::Write::write_all(out, &bytes).map_err(|e| Error::io("write", path, e))
    })
}

#[cfg(test)]
mod tests;
