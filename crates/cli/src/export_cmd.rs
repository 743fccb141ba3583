//! `export --json FILE`: every synced table as canonical JSON; and the one way every
//! export (JSON, CSV, PDF) reaches its file.

use std::fs::File;
use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
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
        })?;
        Ok(())
    })?;
    output::line(format_args!("exported to {}", to.display()));
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

/// Writes a new file at `to` through `write`, which gets the output and the Ctrl-C flag:
/// into `<to>.partial`, synced, then renamed into place, so a failure or Ctrl-C leaves no
/// file at `to` (and removes the partial one). An existing `to` is never overwritten.
pub fn to_new_file(to: &Path, write: impl FnOnce(&mut BufWriter<File>, &AtomicBool) -> Result<()>) -> Result<()> {
    if to.exists() {
        bail!("{} already exists; choose another name", to.display());
    }
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let cancelled = progress::cancel_on_ctrl_c()?;
    let result = (|| -> Result<()> {
        let file = File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
        let mut out = BufWriter::new(file);
        write(&mut out, &cancelled)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&partial, to).with_context(|| format!("cannot move the export into place at {}", to.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
