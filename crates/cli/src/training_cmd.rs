//! `import-training FILE`: training records (employee id, course, date, score) from a CSV
//! file, through the same core module as the app's records import. All or nothing: a file
//! with any row error imports nothing, and `--dry-run` lists every error (row, column,
//! reason, value) without writing. UTF-8 (with or without BOM), GBK/GB18030 and Big5 are
//! detected as the case import detects them; `--encoding` chooses.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use frontline_core::import::{self, Confidence, FileEncoding};
use frontline_core::training::import::{self as records_import, RecordDryRun, RecordRowCode, RecordRowError};
use frontline_core::{Error, Store, settings};

use crate::{output, progress};

pub struct TrainingImportArgs {
    pub file: PathBuf,
    pub dry_run: bool,
    pub encoding: Option<FileEncoding>,
    pub json: bool,
}

/// Errors printed before an import refused for them (all of them with `--dry-run`).
const ERRORS_SHOWN: usize = 20;

pub fn run(db: &Path, a: TrainingImportArgs) -> Result<()> {
    let bytes = import::read_file(&a.file).map_err(|e| match e {
        Error::Validation { field: "file", limit: Some(max), .. } => {
            anyhow::anyhow!("{} is larger than {} MB; split it", a.file.display(), max / (1024 * 1024))
        }
        e => anyhow::Error::new(e),
    })?;
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let today = settings::today(store.conn(), store.now())?;
    let dry = records_import::dry_run(store.conn(), &bytes, a.encoding, today)?;
    if a.encoding.is_none() && dry.detected.confidence == Confidence::Low {
        if !a.dry_run {
            bail!(
                "cannot tell for sure which encoding {} is in (it reads as {}); pass --encoding gbk or --encoding big5",
                a.file.display(),
                encoding_name(dry.encoding)
            );
        }
        eprintln!(
            "note: the encoding looks like {} but is not certain; --encoding chooses",
            encoding_name(dry.encoding)
        );
    }
    if a.dry_run {
        if a.json {
            return output::json(&dry);
        }
        describe(&a.file, &dry);
        for e in &dry.errors {
            output::line(format_args!("  {}", row_error(e)));
        }
        return Ok(());
    }
    if !dry.errors.is_empty() {
        for e in dry.errors.iter().take(ERRORS_SHOWN) {
            eprintln!("{}", row_error(e));
        }
        if dry.errors.len() > ERRORS_SHOWN {
            eprintln!("… and {} more (--dry-run lists them all)", dry.errors.len() - ERRORS_SHOWN);
        }
        bail!("nothing was imported: {} errors in {} rows; fix them and import again", dry.errors.len(), dry.rows);
    }
    let started = Instant::now();
    // The encoding the dry run read the file in, so the import cannot read it otherwise.
    let summary = store.write(|tx| {
        records_import::import(tx, &bytes, Some(dry.encoding), |p| {
            let pct = if p.total == 0 { 100 } else { u64::from(p.done) * 100 / u64::from(p.total) };
            progress::draw(&format!("importing: {pct:>3}% ({}/{} records)", p.done, p.total));
        })
    })?;
    if a.json {
        return output::json(&summary);
    }
    output::line(format_args!(
        "imported {} training records from {} in {:.1} s; {} rows already held were skipped",
        summary.imported,
        a.file.display(),
        started.elapsed().as_secs_f64(),
        summary.duplicates,
    ));
    Ok(())
}

fn encoding_name(e: FileEncoding) -> &'static str {
    match e {
        FileEncoding::Utf8 => "UTF-8",
        FileEncoding::Gb18030 => "GBK/GB18030",
        FileEncoding::Big5 => "Big5",
    }
}

fn describe(file: &Path, d: &RecordDryRun) {
    output::line(format_args!("{}: a CSV file in {}, {} rows", file.display(), encoding_name(d.encoding), d.rows));
    output::line(format_args!("would record {} training records; {} rows already held", d.ready, d.duplicates));
    if d.errors.is_empty() {
        output::line("no errors");
    } else {
        output::line(format_args!("{} errors:", d.errors.len()));
    }
}

/// Why a row is refused, in words.
fn reason(code: RecordRowCode) -> &'static str {
    match code {
        RecordRowCode::NoHeader => "the file is empty: no header row",
        RecordRowCode::MissingColumn => "a column the import needs is missing",
        RecordRowCode::BadEncoding => "bytes that are not valid in the file's encoding",
        RecordRowCode::FieldCount => "more or fewer cells than the header row",
        RecordRowCode::Truncated => "the file ends in the middle of the row",
        RecordRowCode::TooManyRows => "more rows than one import takes",
        RecordRowCode::Required => "a value is required",
        RecordRowCode::UnknownEmployee => "no agent on the roster has this employee id",
        RecordRowCode::UnknownCourse => "no course has this title",
        RecordRowCode::BadDate => "not a date as YYYY-MM-DD",
        RecordRowCode::FutureDate => "a date after today",
        RecordRowCode::BeforeHire => "before the agent's hire date",
        RecordRowCode::BadScore => "not a whole number from 0 to 100",
        RecordRowCode::ScoreRequired => "empty, but the course has a pass mark",
    }
}

fn row_error(e: &RecordRowError) -> String {
    let column = e.column.as_deref().map(|c| format!(", column {c:?}")).unwrap_or_default();
    let value = e.value.as_deref().map(|v| format!(" ({v:?})")).unwrap_or_default();
    format!("row {}{column}: {}{value}", e.row, reason(e.code))
}
