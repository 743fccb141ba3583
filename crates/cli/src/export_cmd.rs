//! `export --json FILE`: every synced table as canonical JSON.

use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result, bail};
use frontline_core::Store;
use frontline_core::export;

use crate::{output, progress};

pub fn json(db: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        bail!("{} already exists; choose another name", to.display());
    }
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let cancelled = progress::cancel_on_ctrl_c()?;
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
        let mut out = BufWriter::new(file);
        export::canonical_json(store.conn(), &mut out, |p| {
            progress::draw(&format!("exporting: {}/{} rows", p.rows, p.total));
            if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&partial, to).with_context(|| format!("cannot move the export into place at {}", to.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result?;
    output::line(format_args!("exported to {}", to.display()));
    Ok(())
}
