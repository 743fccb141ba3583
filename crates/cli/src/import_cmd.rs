//! `import FILE`: cases and customers from a Zendesk, Freshdesk or any other CSV export,
//! through the same core module as the app's import wizard.
//!
//! Without `--mapping` the mapping is the one last used for the file's source, the
//! layout's own (Zendesk, Freshdesk), or a guess from the headers; `--show-mapping` prints
//! it as the JSON `--mapping` reads (its format: `frontline_core::import::mapping`), to
//! edit and pass back.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use frontline_core::import::{self, Confidence, DryRun, FileEncoding, ImportMapping, ImportOptions, Layout};
use frontline_core::{Error, Store};

use crate::{output, progress};

pub struct ImportArgs {
    pub file: PathBuf,
    pub dry_run: bool,
    pub mapping: Option<PathBuf>,
    pub encoding: Option<FileEncoding>,
    pub skip_invalid: bool,
    pub show_mapping: bool,
    pub json: bool,
}

/// Errors printed before an import refused for them (all of them with `--dry-run`).
const ERRORS_SHOWN: usize = 20;

pub fn parse_encoding(s: &str) -> Result<FileEncoding, String> {
    FileEncoding::parse(s).ok_or_else(|| format!("unknown encoding {s:?}; use utf-8, gbk (gb18030) or big5"))
}

pub fn run(db: &Path, a: ImportArgs) -> Result<()> {
    let bytes = import::read_file(&a.file).map_err(|e| match e {
        Error::Validation { field: "file", limit: Some(max), .. } => {
            anyhow::anyhow!("{} is larger than {} MB; split it", a.file.display(), max / (1024 * 1024))
        }
        e => anyhow::Error::new(e),
    })?;
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let info = import::inspect(store.conn(), &bytes, a.encoding)?;
    let mapping = match &a.mapping {
        Some(path) => read_mapping(path)?,
        None => info.mapping.clone(),
    };
    if a.show_mapping {
        return output::json(&mapping);
    }
    if a.encoding.is_none() && info.detected.confidence == Confidence::Low {
        if !a.dry_run {
            bail!(
                "cannot tell for sure which encoding {} is in (it reads as {}); pass --encoding gbk or --encoding big5",
                a.file.display(),
                encoding_name(info.encoding)
            );
        }
        eprintln!("note: the encoding looks like {} but is not certain; --encoding chooses", encoding_name(info.encoding));
    }
    let opts = ImportOptions { encoding: Some(info.encoding), mapping, skip_invalid_rows: a.skip_invalid };
    if a.dry_run {
        let dry = import::dry_run(store.conn(), &bytes, &opts, store.now())?;
        if a.json {
            return output::json(&dry);
        }
        describe(&a.file, info.layout, &dry, &opts.mapping);
        for e in &dry.errors {
            output::line(format_args!("  {}", row_error(e)));
        }
        return Ok(());
    }
    // The import checks every row before it writes anything, so a separate dry run first
    // would read and check the whole file twice. Only `--skip-invalid` needs one, to say how
    // many rows it left out; otherwise the dry run lists the errors only when the import
    // refused the file.
    let dry = if a.skip_invalid {
        let dry = import::dry_run(store.conn(), &bytes, &opts, store.now())?;
        refuse(&dry, true)?;
        Some(dry)
    } else {
        None
    };
    let cancelled = progress::cancel_on_ctrl_c()?;
    let started = Instant::now();
    let result = import::import(&mut store, &bytes, &opts, |p| {
        let pct = if p.total == 0 { 100 } else { u64::from(p.done) * 100 / u64::from(p.total) };
        progress::draw(&format!("importing: {pct:>3}% ({}/{} cases)", p.done, p.total));
        if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    let summary = match result {
        Err(Error::Cancelled) => bail!("cancelled; the database is unchanged"),
        Err(Error::ImportInvalid { rows }) if dry.is_none() => {
            refuse(&import::dry_run(store.conn(), &bytes, &opts, store.now())?, false)?;
            bail!("nothing was imported: {rows} rows have errors")
        }
        other => other?,
    };
    if a.json {
        return output::json(&summary);
    }
    output::line(format_args!(
        "imported {} cases from {} in {:.1} s: {} new customers ({} existing matched), {} new agents, {} new teams; \
         {} rows already imported were skipped{}",
        summary.cases,
        a.file.display(),
        started.elapsed().as_secs_f64(),
        summary.customers_created,
        summary.customers_matched,
        summary.agents_created,
        summary.teams_created,
        summary.skipped,
        match dry.as_ref().map(|d| d.invalid_rows) {
            Some(n) if n > 0 => format!(", {n} rows with errors were left out"),
            _ => String::new(),
        },
    ));
    Ok(())
}

/// Prints the dry run's errors and fails when the file cannot be imported: its header or
/// size is wrong, or it has row errors and `skip_invalid` is not set.
fn refuse(dry: &DryRun, skip_invalid: bool) -> Result<()> {
    if dry.file_is_wrong() || (!dry.errors.is_empty() && !skip_invalid) {
        for e in dry.errors.iter().take(ERRORS_SHOWN) {
            eprintln!("{}", row_error(e));
        }
        if dry.errors.len() > ERRORS_SHOWN {
            eprintln!("… and {} more (--dry-run lists them all)", dry.errors.len() - ERRORS_SHOWN);
        }
        if dry.file_is_wrong() {
            bail!("nothing was imported: the file's header or size is wrong (see above)");
        }
        bail!(
            "nothing was imported: {} of {} rows have errors. Fix them, or --skip-invalid imports the other rows",
            dry.invalid_rows,
            dry.rows
        );
    }
    Ok(())
}

fn read_mapping(path: &Path) -> Result<ImportMapping> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a mapping file", path.display()))
}

fn encoding_name(e: FileEncoding) -> &'static str {
    match e {
        FileEncoding::Utf8 => "UTF-8",
        FileEncoding::Gb18030 => "GBK/GB18030",
        FileEncoding::Big5 => "Big5",
    }
}

fn describe(file: &Path, layout: Layout, d: &DryRun, mapping: &ImportMapping) {
    let layout = match layout {
        Layout::Zendesk => "a Zendesk ticket export",
        Layout::Freshdesk => "a Freshdesk ticket export",
        Layout::Generic => "a CSV file",
    };
    output::line(format_args!("{}: {layout} in {}, {} rows", file.display(), encoding_name(d.encoding), d.rows));
    output::line(format_args!(
        "would create {} cases, {} customers ({} existing matched), {} agents and {} teams; {} rows already imported",
        d.cases, d.customers_created, d.customers_matched, d.agents_created, d.teams_created, d.skipped
    ));
    output::line(format_args!("source {:?}; columns:", mapping.source));
    for (field, header) in &mapping.columns {
        output::line(format_args!("  {:<22} ← {header}", field.as_str()));
    }
    if !d.values.is_empty() {
        output::line("values:");
        for v in &d.values {
            output::line(format_args!(
                "  {:<9} {:<28} → {:<17} ({} {})",
                v.field.as_str(),
                format!("{:?}", v.value),
                v.mapped.as_deref().unwrap_or("(not mapped)"),
                v.rows,
                if v.rows == 1 { "row" } else { "rows" }
            ));
        }
    }
    if d.errors.is_empty() {
        output::line("no errors");
    } else {
        output::line(format_args!("{} rows have errors:", d.invalid_rows));
    }
}

fn row_error(e: &import::RowError) -> String {
    let value = e.value.as_deref().map(|v| format!(" ({v:?})")).unwrap_or_default();
    format!("row {} (line {}): {}{value}", e.row, e.line, e.message)
}
