//! `export --json FILE`: every synced table as canonical JSON; and the one way every
//! export (JSON, CSV, PDF) reaches its file.

use std::fs::File;
use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use frontline_core::Store;
use frontline_core::export;
use frontline_core::settings::{self, Language};

use crate::{output, progress};

pub fn json(db: &Path, to: &Path) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    to_new_file(to, |out, cancelled| {
        export::canonical_json(store.conn(), out, |p| {
            progress::draw(&format!("exporting: {}/{} rows", p.rows, p.total));
            keep_going(cancelled)
        })
    })?;
    output::line(format_args!("exported to {}", to.display()));
    Ok(())
}

/// `import-json FILE`: reads an export into this (empty) database, all or nothing.
pub fn import_json(db: &Path, from: &Path) -> Result<()> {
    let file = std::fs::File::open(from).with_context(|| format!("cannot open {}", from.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let cancelled = progress::cancel_on_ctrl_c()?;
    let summary = match export::import_json(&mut store, file, size, |p| {
        progress::draw(&format!("importing: {} rows, {}/{} MB", p.rows, p.bytes >> 20, p.total_bytes >> 20));
        keep_going(&cancelled)
    }) {
        Err(frontline_core::Error::Cancelled) => anyhow::bail!("cancelled; the database is unchanged"),
        other => other.with_context(|| format!("cannot import {}; the database is unchanged", from.display()))?,
    };
    output::line(format_args!("imported {} rows ({} cases) from {}", summary.rows, summary.cases, from.display()));
    Ok(())
}

/// `Break` once Ctrl-C was pressed.
pub fn keep_going(cancelled: &AtomicBool) -> ControlFlow<()> {
    if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
}

/// The language files are written in: `--lang`, else this device's language setting.
pub fn language(store: &Store, asked: Option<Language>) -> Result<Language> {
    Ok(match asked {
        Some(l) => l,
        None => settings::load(store)?.language,
    })
}

/// Writes a new file at `to` through `write`, which gets the output and the Ctrl-C flag
/// ([`export::write_file`]: a failure or Ctrl-C leaves no file). An existing `to` is never
/// overwritten.
pub fn to_new_file<T>(
    to: &Path,
    write: impl FnOnce(&mut BufWriter<File>, &AtomicBool) -> frontline_core::Result<T>,
) -> Result<T> {
    let cancelled = progress::cancel_on_ctrl_c()?;
    Ok(export::write_file(to, false, |out| write(out, &cancelled))?)
}
