//! `info`, `backup`, `restore`: the database file itself.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use frontline_core::backup::{self, Progress};
use frontline_core::{Error, Store, system_now};

use crate::{output, progress};

pub fn info(db: &Path) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let info = store.info()?;
    output::line(format_args!("database:        {}", info.path.display()));
    output::line(format_args!("schema version:  {}", info.schema_version));
    output::line(format_args!("node id:         {}", info.node_id));
    output::line(format_args!("pending changes: {}", info.pending_changes));
    for (table, n) in info.row_counts {
        output::line(format_args!("rows {table:<22} {n}"));
    }
    Ok(())
}

pub fn backup(db: &Path, to: &Path) -> Result<()> {
    match backup::backup(db, to, pages("backing up")?) {
        Err(Error::Cancelled) => anyhow::bail!("cancelled; no backup was written"),
        other => other.context("cannot write the backup")?,
    }
    output::line(format_args!("backup written to {}", to.display()));
    Ok(())
}

pub fn restore(db: &Path, from: &Path) -> Result<()> {
    let summary = backup::inspect(from).context("cannot restore")?;
    eprintln!("backup is valid (schema version {}, from device {})", summary.schema_version, summary.node_id);
    let out = match backup::restore(db, from, system_now(), pages("restoring")?) {
        Err(Error::Cancelled) => anyhow::bail!("cancelled; the database is unchanged"),
        // A failure after the copy aside names the copy (`Error::RestoreFailed`).
        other => other?,
    };
    if let Some(aside) = out.kept_aside {
        output::line(format_args!("previous database kept at {}", aside.display()));
    }
    output::line(format_args!("restored {} into {} (new node id {})", from.display(), db.display(), out.node_id));
    Ok(())
}

/// Prints a percentage of pages copied and turns Ctrl-C into a clean cancel.
fn pages(label: &'static str) -> Result<impl FnMut(Progress) -> ControlFlow<()>> {
    let cancelled = progress::cancel_on_ctrl_c()?;
    Ok(move |p: Progress| {
        let pct = (p.done * 100).checked_div(p.total).unwrap_or(100);
        progress::draw(&format!("{label}: {pct:>3}% ({}/{} pages)", p.done, p.total));
        if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
}
