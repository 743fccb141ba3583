//! Reading a canonical export ([`super::canonical_json`]) back into an empty database —
//! for moving to a new laptop, or restoring what another tool kept.
//!
//! **All or nothing.** The whole file is read inside one write transaction: a damaged,
//! foreign or newer file, a cancel or any failure leaves the database exactly as it was.
//! The file is streamed (a 100,000-case export is hundreds of megabytes), one row at a
//! time, so it is checked as it goes rather than loaded first.
//!
//! **Only into an empty database.** Rows of the file would otherwise mix with the
//! database's own and their ids could clash; so any row in any synced table (deleted ones
//! included) refuses the import.
//!
//! **Checked like a foreign file.** The `$format` header must come first and name this
//! format, at a version and schema this build reads (a newer one is refused with "update
//! Frontline"). Every table must be a synced table of this schema, every column one the
//! export writes, every value a JSON string, number or null; a row without its id or
//! creation time is refused. An older export, without the tables or columns a later
//! schema added, reads fine. The values themselves are taken as the export gives them:
//! they are what a Frontline database held.
//!
//! **This device's data.** An export carries no versions, so every imported cell is
//! stamped by this device's clock as if written here now (see `store/import.rs`); a later
//! sign-in publishes it all. To move a team member's data to a new laptop, signing the new
//! laptop in and syncing is the better way: it keeps the team's versions. An import is for
//! a database that does not sync, or for leaving a team behind.
//!
//! **Derived data is rebuilt**, as after a pulled batch: each case's status, facts and tags
//! from its timeline and tag rows, its SLA due times from the imported policies and
//! calendars, and the search index and queue counts in one pass at the end. So exporting
//! the imported database gives back the same file, byte for byte.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::rc::Rc;

use rusqlite::types::Value;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{FORMAT_KEY, FORMAT_NAME, FORMAT_VERSION, columns};
use crate::store::schema::{CREATED_AT, DELETED_AT};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, Store};

/// How far an import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JsonImportProgress {
    /// Rows read and written.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub rows: u64,
    /// Bytes of the file read.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub bytes: u64,
    /// Bytes in the file (0 when unknown).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub total_bytes: u64,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JsonImportSummary {
    /// Rows written, in all tables.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub rows: u64,
    /// Cases among them (deleted ones included).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub cases: u64,
}

/// Progress is reported after this many rows.
const PROGRESS_EVERY: u64 = 1_000;

/// Reads the export in `input` (of `total_bytes`, 0 if unknown, for progress) into the
/// empty database of `store`, in one transaction. `on_progress` may cancel
/// ([`Error::Cancelled`]). Errors: [`Error::ImportNotEmpty`], [`Error::NotAnExport`] (with
/// the line and column of the problem), [`Error::ExportTooNew`]; in every case nothing is
/// written.
pub fn import_json(
    store: &mut Store,
    input: impl Read,
    total_bytes: u64,
    on_progress: impl FnMut(JsonImportProgress) -> ControlFlow<()>,
) -> Result<JsonImportSummary> {
    let read = Rc::new(Cell::new(0u64));
    let reader = BufReader::with_capacity(256 * 1024, Counting { inner: input, read: read.clone() });
    store.write(|tx| {
        check_empty(tx.conn())?;
        crate::cases::search_index::deferred(tx, |tx| {
            let mut importer = Importer {
                tx,
                on_progress,
                read,
                total_bytes,
                rows: 0,
                cases: 0,
                seen: BTreeSet::new(),
                failure: None,
            };
            let mut de = serde_json::Deserializer::from_reader(reader);
            let parsed = FileSeed(&mut importer).deserialize(&mut de).and_then(|()| de.end());
            if let Some(e) = importer.failure.take() {
                return Err(e);
            }
            parsed.map_err(|e| Error::NotAnExport { detail: e.to_string() })?;
            let summary = JsonImportSummary { rows: importer.rows, cases: importer.cases };
            let progress = importer.progress();
            let _ = (importer.on_progress)(progress);
            importer.tx.flush_derived()?;
            Ok(summary)
        })
    })
}

/// Refuses a database with any row in any synced table.
fn check_empty(conn: &rusqlite::Connection) -> Result<()> {
    let mut rows = 0u64;
    let mut tables = Vec::new();
    for t in Table::ALL.iter().filter(|t| t.is_synced()) {
        // Every new database holds the built-in journey stages and roles; as long as they
        // are not edited, they are not data (the file's own replace them as they are read).
        let edited =
            if t.has_built_ins() { format!(" s WHERE {}", crate::store::schema::edited_sql(*t)) } else { String::new() };
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}{edited}", t.name()), [], |r| r.get(0))?;
        if n > 0 {
            rows += n as u64;
            tables.push(t.name());
        }
    }
    if rows > 0 {
        return Err(Error::ImportNotEmpty { rows, tables: tables.join(", ") });
    }
    Ok(())
}

/// A reader that counts the bytes it hands out (for progress).
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// The `$format` header (fields a newer format may add are left to the version check).
#[derive(Deserialize)]
struct Header {
    name: String,
    schema: u32,
    version: u32,
}

struct Importer<'a, 'tx, P> {
    tx: &'a mut WriteTx<'tx>,
    on_progress: P,
    read: Rc<Cell<u64>>,
    total_bytes: u64,
    rows: u64,
    cases: u64,
    seen: BTreeSet<Table>,
    /// A failure that is not the file's fault (the database's, or a cancel): kept here and
    /// returned as it is, since the parser can only carry its own errors.
    failure: Option<Error>,
}

impl<P: FnMut(JsonImportProgress) -> ControlFlow<()>> Importer<'_, '_, P> {
    fn progress(&self) -> JsonImportProgress {
        JsonImportProgress { rows: self.rows, bytes: self.read.get(), total_bytes: self.total_bytes }
    }

    fn header(&self, h: Header) -> std::result::Result<(), String> {
        if h.name != FORMAT_NAME {
            return Err(format!("its $format names {:?}, not {FORMAT_NAME:?}", h.name));
        }
        let latest = crate::store::migrations::latest_version();
        if h.version > FORMAT_VERSION || h.schema > latest {
            return Err(String::new());
        }
        Ok(())
    }

    /// The table a key of the file names.
    fn table(&mut self, key: &str) -> std::result::Result<Table, String> {
        let table = Table::from_name(key)
            .filter(|t| t.is_synced())
            .ok_or_else(|| format!("it has a table {key:?} this Frontline does not know"))?;
        if !self.seen.insert(table) {
            return Err(format!("it has the table {key:?} twice"));
        }
        Ok(table)
    }

    /// Checks one row of the file and writes it.
    fn row(&mut self, table: Table, mut row: BTreeMap<String, serde_json::Value>) -> std::result::Result<(), String> {
        let known = columns(table);
        let mut text = |col: &str, required: bool| -> std::result::Result<Option<String>, String> {
            match row.remove(col) {
                Some(serde_json::Value::String(s)) => Ok(Some(s)),
                None | Some(serde_json::Value::Null) if !required => Ok(None),
                _ => Err(format!("a row of {} has no {col} text", table.name())),
            }
        };
        let id = text("id", true)?.unwrap_or_default();
        let created_at = text(CREATED_AT, true)?.unwrap_or_default();
        let deleted_at = text(DELETED_AT, false)?;
        let mut values = Vec::with_capacity(row.len());
        for (col, v) in row {
            let Some(&name) = known.iter().find(|k| **k == col) else {
                return Err(format!("row {id} of {} has a column {col:?} this Frontline does not know", table.name()));
            };
            let value = match v {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::String(s) => Value::Text(s),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => Value::Integer(i),
                    None => Value::Real(n.as_f64().ok_or_else(|| format!("row {id} of {}: {col} is out of range", table.name()))?),
                },
                _ => return Err(format!("row {id} of {}: {col} is not a string, number or null", table.name())),
            };
            values.push((name, value));
        }
        if table.has_built_ins()
            && let Err(e) = crate::lists::drop_unedited_built_in(self.tx.conn(), table, &id)
        {
            self.failure = Some(e);
            return Err(String::new());
        }
        let written = self.tx.import_row(table, &id, &created_at, deleted_at.as_deref(), &values);
        if let Err(e) = written {
            // A constraint the row breaks (a duplicate id, a missing required value) is
            // the file's fault; anything else is the database's.
            if let Error::Sqlite(s) = &e
                && s.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            {
                return Err(format!("row {id} of {} cannot be stored: {s}", table.name()));
            }
            self.failure = Some(e);
            return Err(String::new());
        }
        self.rows += 1;
        if table == Table::Cases {
            self.cases += 1;
        }
        let progress = self.progress();
        if self.rows.is_multiple_of(PROGRESS_EVERY) && (self.on_progress)(progress).is_break() {
            self.failure = Some(Error::Cancelled);
            return Err(String::new());
        }
        Ok(())
    }
}

/// The whole file: `{"$format":{…},"<table>":[…],…}`.
struct FileSeed<'i, 'a, 'tx, P>(&'i mut Importer<'a, 'tx, P>);

impl<'de, P: FnMut(JsonImportProgress) -> ControlFlow<()>> DeserializeSeed<'de> for FileSeed<'_, '_, '_, P> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, P: FnMut(JsonImportProgress) -> ControlFlow<()>> Visitor<'de> for FileSeed<'_, '_, '_, P> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Frontline export: an object starting with \"$format\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        if map.next_key::<String>()?.as_deref() != Some(FORMAT_KEY) {
            return Err(de::Error::custom("it does not start with the \"$format\" header"));
        }
        let header: Header = map.next_value()?;
        let (version, schema) = (header.version, header.schema);
        if let Err(detail) = self.0.header(header) {
            if detail.is_empty() {
                self.0.failure = Some(Error::ExportTooNew {
                    found: format!("{version}/{schema}"),
                    supported: format!("{FORMAT_VERSION}/{}", crate::store::migrations::latest_version()),
                });
            }
            return Err(de::Error::custom(detail));
        }
        while let Some(key) = map.next_key::<String>()? {
            let table = self.0.table(&key).map_err(de::Error::custom)?;
            map.next_value_seed(TableSeed { importer: &mut *self.0, table })?;
        }
        Ok(())
    }
}

/// One table's rows.
struct TableSeed<'i, 'a, 'tx, P> {
    importer: &'i mut Importer<'a, 'tx, P>,
    table: Table,
}

impl<'de, P: FnMut(JsonImportProgress) -> ControlFlow<()>> DeserializeSeed<'de> for TableSeed<'_, '_, '_, P> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, P: FnMut(JsonImportProgress) -> ControlFlow<()>> Visitor<'de> for TableSeed<'_, '_, '_, P> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the rows of {} as a list of objects", self.table.name())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(row) = seq.next_element::<BTreeMap<String, serde_json::Value>>()? {
            self.importer.row(self.table, row).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
