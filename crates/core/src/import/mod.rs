//! Importing cases and their customers from the CSV files other helpdesks export.
//!
//! Three steps, each a function here, the same for the app's wizard and the CLI:
//! 1. [`inspect`]: the file's encoding ([`encoding`]: UTF-8 with or without BOM,
//!    GBK/GB18030, Big5 — detected, with a confidence, or chosen), its layout
//!    ([`layout`]: a Zendesk or Freshdesk export recognised by its header row, or any other
//!    CSV), its first rows, and a mapping to start from ([`mapping`]: the one last used for
//!    the source, the layout's, or a guess from the headers).
//! 2. [`dry_run`]: every row checked ([`rows`], [`validate`], [`dates`]) and planned
//!    against the database ([`plan`]): every row error (row, column, reason), how many
//!    cases, customers, agents and teams would be created, how many rows were imported
//!    before, and which status, priority and channel values the file uses with what they
//!    map to. Writes nothing.
//! 3. [`import`]: the same checks and plan, then everything written in one transaction
//!    ([`run`]) with progress and cancel: a cancelled or failed import keeps nothing. A
//!    file with row errors is refused unless the caller chose to skip those rows (never
//!    when the header itself is wrong). The mapping is saved for the source ([`saved`]).
//!
//! **Re-importing adds nothing twice.** Each case keeps its external id (`source:id`,
//! a synced register on the case, set at creation); rows whose id the database already
//! has are skipped and counted.
//!
//! **History, not just rows.** A case's status, first response and resolution are facts
//! of its timeline in Frontline, so an imported case gets the timeline that gives those
//! facts at the file's times, written through the path demo data takes
//! ([`crate::cases::history`]).

pub mod dates;
pub mod encoding;
pub mod layout;
pub mod mapping;
mod plan;
pub mod problems;
pub(crate) mod rows;
mod run;
pub mod saved;
mod validate;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use self::dates::DateOrder;
pub use self::encoding::{Confidence, Detected, FileEncoding};
pub use self::layout::Layout;
pub use self::mapping::{Field, ImportMapping};
pub use self::problems::{RowError, RowErrorCode};
pub use self::rows::MAX_ROWS;
use crate::input::TextRule;
use crate::{Error, Result, Store, ValidationRule, settings};

/// Largest file imported, in bytes (about 200,000 rows of a full Freshdesk export).
pub const MAX_FILE_BYTES: u32 = 256 * 1024 * 1024;
/// Rows shown in the preview.
pub const PREVIEW_ROWS: u32 = 10;
/// Most distinct values of one column listed for the value mapping.
const VALUES_MAX: usize = 200;
const SOURCE: TextRule = TextRule::line("source", 40, true);

/// Reads an import file, refusing one over [`MAX_FILE_BYTES`] (field `file`, `TooLong`).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    if meta.is_dir() {
        return Err(Error::NotAFile { path: path.to_owned() });
    }
    if meta.len() > u64::from(MAX_FILE_BYTES) {
        return Err(Error::Validation { field: "file", rule: ValidationRule::TooLong, limit: Some(MAX_FILE_BYTES) });
    }
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// What a file looks like, for the wizard's first screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    /// What detection found.
    pub detected: Detected,
    /// The encoding the file was read in (the chosen one, else the detected one).
    pub encoding: FileEncoding,
    /// The layout its header row shows.
    pub layout: Layout,
    /// The header row.
    pub headers: Vec<String>,
    /// The first [`PREVIEW_ROWS`] data rows.
    pub preview: Vec<Vec<String>>,
    /// The mapping to start from.
    pub mapping: ImportMapping,
    /// Whether `mapping` is one saved from an earlier import.
    pub mapping_saved: bool,
    /// The workspace's time zone (times without an offset are read in it unless the
    /// mapping names another).
    pub workspace_time_zone: String,
}

/// Detects the file's encoding (unless `encoding` is given) and layout, and reads its
/// first rows; suggests a mapping.
pub fn inspect(conn: &rusqlite::Connection, bytes: &[u8], encoding: Option<FileEncoding>) -> Result<FileInfo> {
    let detected = encoding::detect(bytes);
    let encoding = encoding.unwrap_or(detected.encoding);
    let (text, failed) = encoding::decode(bytes, encoding);
    let table = rows::parse(&text, failed, Some(PREVIEW_ROWS));
    let layout = layout::detect(&table.headers);
    let saved = match layout {
        Layout::Generic => saved::fitting(conn, &table.headers)?,
        known => saved::get(conn, known.source())?,
    };
    let mapping_saved = saved.is_some();
    let mapping = saved.unwrap_or_else(|| layout::mapping(layout, &table.headers));
    Ok(FileInfo {
        detected,
        encoding,
        layout,
        preview: table.rows.iter().map(|r| r.cells.iter().map(str::to_owned).collect()).collect(),
        headers: table.headers,
        mapping,
        mapping_saved,
        workspace_time_zone: settings::load_with(conn)?.time_zone,
    })
}

/// How to import a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// The file's encoding; `None` for the detected one.
    pub encoding: Option<FileEncoding>,
    /// The column and value mapping.
    pub mapping: ImportMapping,
    /// Import the valid rows of a file that has row errors (the header must be right).
    pub skip_invalid_rows: bool,
}

/// A value of a status, priority or channel column, and what it maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ValueUse {
    /// The column's field.
    pub field: Field,
    /// The value as the file first writes it.
    pub value: String,
    /// Rows with it.
    pub rows: u32,
    /// Our value it maps to (`resolved`, `p2`, `email`…), `None` when unmapped.
    pub mapped: Option<String>,
}

/// What an import of the file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DryRun {
    /// The encoding the file was read in.
    pub encoding: FileEncoding,
    /// Data rows in the file.
    pub rows: u32,
    /// Cases that would be created.
    pub cases: u32,
    /// Rows imported before (their cases exist): skipped.
    pub skipped: u32,
    /// Customers that would be created.
    pub customers_created: u32,
    /// Existing customers the cases would refer to.
    pub customers_matched: u32,
    /// Agents that would be created.
    pub agents_created: u32,
    /// Teams that would be created.
    pub teams_created: u32,
    /// Rows with at least one error.
    pub invalid_rows: u32,
    /// Every row error, by row.
    pub errors: Vec<RowError>,
    /// The values of the status, priority and channel columns.
    pub values: Vec<ValueUse>,
}

impl DryRun {
    /// Whether the file as a whole is wrong — its header row, or more rows than one
    /// import takes: nothing can be imported, skipping rows or not.
    pub fn file_is_wrong(&self) -> bool {
        fatal(&self.errors)
    }
}

/// How far an import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Cases written.
    pub done: u32,
    /// Cases to write.
    pub total: u32,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Cases created.
    pub cases: u32,
    /// Rows skipped because their cases were imported before.
    pub skipped: u32,
    /// Customers created.
    pub customers_created: u32,
    /// Existing customers the new cases refer to.
    pub customers_matched: u32,
    /// Agents created.
    pub agents_created: u32,
    /// Teams created.
    pub teams_created: u32,
}

/// Checks every row of the file against `opts` and the database; writes nothing.
pub fn dry_run(conn: &rusqlite::Connection, bytes: &[u8], opts: &ImportOptions, now: DateTime<Utc>) -> Result<DryRun> {
    let (checked, plan) = check(conn, bytes, opts, now)?;
    Ok(DryRun {
        encoding: checked.encoding,
        rows: checked.rows,
        cases: plan.as_ref().map_or(0, |p| p.cases.len() as u32),
        skipped: plan.as_ref().map_or(0, |p| p.skipped),
        customers_created: plan.as_ref().map_or(0, |p| p.customers.len() as u32),
        customers_matched: plan.as_ref().map_or(0, |p| p.customers_matched),
        agents_created: plan.as_ref().map_or(0, |p| p.agents.len() as u32),
        teams_created: plan.as_ref().map_or(0, |p| p.teams.len() as u32),
        invalid_rows: invalid_rows(&checked.errors),
        errors: checked.errors,
        values: checked.values,
    })
}

/// Imports the file: checks and plans it as [`dry_run`] does, then writes it in one
/// transaction. Refuses a file with row errors ([`Error::ImportInvalid`]) unless
/// `opts.skip_invalid_rows` — and always when the header row is wrong. `on_progress` is
/// called about a hundred times; `Break` cancels ([`Error::Cancelled`]) and nothing is
/// kept. Saves the mapping as its source's.
pub fn import(
    store: &mut Store,
    bytes: &[u8],
    opts: &ImportOptions,
    on_progress: impl FnMut(ImportProgress) -> ControlFlow<()>,
) -> Result<ImportSummary> {
    let result = store.write(|tx| {
        let now = tx.now();
        let (checked, plan) = check(tx.conn(), bytes, opts, now)?;
        let Some(plan) = plan.filter(|_| !fatal(&checked.errors)) else {
            return Err(Error::ImportInvalid { rows: invalid_rows(&checked.errors).max(1) });
        };
        if !checked.errors.is_empty() && !opts.skip_invalid_rows {
            return Err(Error::ImportInvalid { rows: invalid_rows(&checked.errors) });
        }
        tx.conn().pragma_update(None, "cache_size", -import_cache_kib(plan.cases.len()))?;
        let summary = run::write(tx, plan, &checked.source, on_progress)?;
        tx.set_time(now);
        saved::save(tx, &opts.mapping)?;
        Ok(summary)
    });
    // Only a performance setting: should it fail, the next open starts with the default.
    let _ = store.conn().pragma_update(None, "cache_size", -crate::store::CACHE_KIB);
    result
}

/// The page cache while an import of `cases` cases writes (KiB). An import is one
/// transaction, and everything it writes stays dirty until it commits: with the store's
/// usual 64 MiB, a large import had SQLite spill pages to the WAL mid-transaction (copying
/// each into the statement journal first) and read them back — about a fifth of a
/// 100,000-row import. About 6 KiB a case holds what one writes (rows, versions, index
/// entries); never less than the usual cache, at most 256 MiB (what a sync applying pages
/// takes too): the spilling that is left then costs little. Pages are only allocated as
/// they are used, and the cache is given back when the import ends.
fn import_cache_kib(cases: usize) -> i64 {
    (cases as i64).saturating_mul(6).clamp(crate::store::CACHE_KIB, 256 * 1024)
}

/// Whether `errors` say the file as a whole is wrong.
fn fatal(errors: &[RowError]) -> bool {
    errors.iter().any(|e| e.row == 1 || e.code == RowErrorCode::TooManyRows)
}

/// Rows with an error.
fn invalid_rows(errors: &[RowError]) -> u32 {
    let mut rows: Vec<u32> = errors.iter().map(|e| e.row).collect();
    rows.dedup();
    rows.len() as u32
}

/// The file checked row by row.
struct Checked {
    encoding: FileEncoding,
    source: String,
    rows: u32,
    errors: Vec<RowError>,
    values: Vec<ValueUse>,
}

/// Reads, checks and plans the file; the plan is `None` when the header row is wrong.
fn check(
    conn: &rusqlite::Connection,
    bytes: &[u8],
    opts: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<(Checked, Option<plan::Plan>)> {
    if bytes.len() > MAX_FILE_BYTES as usize {
        return Err(Error::Validation { field: "file", rule: ValidationRule::TooLong, limit: Some(MAX_FILE_BYTES) });
    }
    let source = SOURCE.check(&opts.mapping.source)?;
    let zone = if opts.mapping.time_zone.trim().is_empty() {
        settings::load_with(conn)?.time_zone
    } else {
        opts.mapping.time_zone.trim().to_owned()
    };
    let tz: Tz = zone.parse().map_err(|_| Error::invalid("timeZone", ValidationRule::InvalidTimeZone))?;
    let encoding = opts.encoding.unwrap_or_else(|| encoding::detect(bytes).encoding);
    let (text, failed) = encoding::decode(bytes, encoding);
    let table = rows::parse(&text, failed, None);
    let mut checked = Checked { encoding, source, rows: table.total, errors: table.errors, values: Vec::new() };
    if table.headers.is_empty() {
        return Ok((checked, None));
    }
    let mut mapping = opts.mapping.clone();
    mapping.source.clone_from(&checked.source);
    let cx = match validate::Context::new(mapping, &table.headers, tz, now) {
        Ok(cx) => cx,
        Err(header_errors) => {
            checked.errors.splice(0..0, header_errors);
            return Ok((checked, None));
        }
    };
    checked.values = values(&cx, &table.rows);
    let mut drafts = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        match validate::row(&cx, row) {
            Ok(d) => drafts.push(d),
            Err(errors) => checked.errors.extend(errors),
        }
    }
    let plan = plan::plan(conn, drafts)?;
    checked.errors.extend(plan.errors.iter().cloned());
    checked.errors.sort_by_key(|e| e.row);
    Ok((checked, Some(plan)))
}

/// The distinct values of the status, priority and channel columns.
fn values(cx: &validate::Context, rows: &[rows::Row]) -> Vec<ValueUse> {
    let m = cx.mapping();
    let mut out = Vec::new();
    for field in [Field::Status, Field::Priority, Field::Channel] {
        let Some(i) = cx.column(field) else { continue };
        let mut seen: BTreeMap<String, (String, u32)> = BTreeMap::new();
        for row in rows {
            let v = row.cells.get(i).unwrap_or("").trim();
            if v.is_empty() {
                continue;
            }
            let key = mapping::value_key(v);
            if seen.len() >= VALUES_MAX && !seen.contains_key(&key) {
                continue;
            }
            seen.entry(key).or_insert_with(|| (v.to_owned(), 0)).1 += 1;
        }
        for (key, (value, rows)) in seen {
            let mapped = match field {
                Field::Status => m.statuses.get(&key).map(|s| s.as_str().to_owned()),
                Field::Priority => m.priorities.get(&key).map(|p| p.as_str().to_owned()),
                _ => m.channels.get(&key).map(|c| c.as_str().to_owned()),
            };
            out.push(ValueUse { field, value, rows, mapped });
        }
    }
    out
}
