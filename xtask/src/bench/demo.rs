//! Demo data at the benchmark size: `frontline-cli demo --cases 100000` into a fresh
//! database, three times, with the file's size, beside the same rows inserted with plain
//! SQLite (prepared INSERTs in one transaction, the same tables, no triggers) in the same
//! run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Cases the demo benchmark generates.
pub const CASES: u32 = 100_000;
/// The bars for it.
pub const TIME_TARGET: Duration = Duration::from_secs(30);
pub const SIZE_TARGET_MB: f64 = 600.0;
const RUNS: usize = 3;

/// What the runs measured.
pub struct DemoBench {
    pub runs: Vec<Duration>,
    pub sizes_mb: Vec<f64>,
    pub baseline: Duration,
    pub baseline_mb: f64,
    pub rows: u64,
    /// The first run's database, kept for the sync benchmark.
    pub kept: PathBuf,
}

pub fn run(cli: &Path, dir: &Path) -> Result<DemoBench> {
    let mut runs = Vec::new();
    let mut sizes_mb = Vec::new();
    for i in 0..RUNS {
        let db = dir.join(format!("demo-{i}.db"));
        runs.push(generate(cli, &db)?);
        sizes_mb.push(size_mb(&db));
        if i > 0 {
            remove_db(&db);
        }
    }
    let kept = dir.join("demo-0.db");
    let (baseline, rows) = raw_inserts(&kept, &dir.join("baseline.db"), TABLES)?;
    let baseline_mb = size_mb(&dir.join("baseline.db"));
    remove_db(&dir.join("baseline.db"));
    Ok(DemoBench { runs, sizes_mb, baseline, baseline_mb, rows, kept })
}

/// Generates the benchmark's demo into a fresh database `db`; returns the time it took.
pub fn generate(cli: &Path, db: &Path) -> Result<Duration> {
    let begin = Instant::now();
    let status = Command::new(cli)
        .arg("--db")
        .arg(db)
        .args(["demo", "--cases", &CASES.to_string(), "--lang", "zh-Hans", "--seed", "42"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {}", cli.display()))?;
    let took = begin.elapsed();
    if !status.success() {
        bail!("frontline-cli demo failed ({status})");
    }
    Ok(took)
}

/// Writes the demo section of BENCHMARKS.md.
pub fn render(md: &mut String, b: &DemoBench) {
    md.push_str("\n## Demo data (release `frontline-cli demo`, 100,000 cases, zh-Hans, fresh database)\n\n");
    md.push_str("Median of three runs (all runs in brackets). Demo data never syncs, so it is written without versions or outbox; \
");
    md.push_str("the baseline inserts the same rows with plain prepared INSERTs in one transaction into the same tables, \
");
    md.push_str("without search indexes, triggers or sync bookkeeping, in the same run.\n\n");
    md.push_str("| measure | value | target | |\n|---|---:|---:|---|\n");
    let t = super::median(&b.runs);
    let size = super::median(&b.sizes_mb);
    let _ = writeln!(
        md,
        "| generate 100,000 cases with their history, one transaction | {:.1} s ({}) | < {} s | {} |",
        t.as_secs_f64(),
        super::secs(&b.runs),
        TIME_TARGET.as_secs(),
        super::ok(t <= TIME_TARGET)
    );
    let _ = writeln!(md, "| database size | {size:.0} MB | < {:.0} MB | {} |", SIZE_TARGET_MB, super::ok(size <= SIZE_TARGET_MB));
    let _ = writeln!(
        md,
        "| baseline: plain SQLite inserts of the same {} rows | {:.1} s, {:.0} MB | — | |",
        b.rows,
        b.baseline.as_secs_f64(),
        b.baseline_mb
    );
}

/// The database file with its WAL, in MB.
pub fn size_mb(db: &Path) -> f64 {
    let len = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (len(db.to_path_buf()) + len(PathBuf::from(wal))) as f64 / 1e6
}

pub fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Tables a demo fills.
const TABLES: &[&str] = &["teams", "agents", "customers", "cases", "case_events", "case_tags"];

/// Copies the rows of `tables` of `from` into a fresh database with plain prepared INSERTs, one row at a
/// time in one transaction, into the same table definitions (no indexes beyond the
/// primary keys, no search triggers, no sync bookkeeping). Returns the time and rows.
pub(super) fn raw_inserts(from: &Path, to: &Path, tables: &[&str]) -> Result<(Duration, u64)> {
    use rusqlite::types::Value;
    let src = rusqlite::Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dst = rusqlite::Connection::open(to)?;
    dst.pragma_update(None, "journal_mode", "WAL")?;
    dst.pragma_update(None, "synchronous", "NORMAL")?;
    let mut rows = 0u64;
    let begin = Instant::now();
    let tx = dst.transaction()?;
    for table in tables {
        let create: String =
            src.query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
        tx.execute_batch(&create)?;
        let cols: Vec<String> = {
            let mut stmt = src.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0")?;
            stmt.query_map([table], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            cols.join(", "),
            (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
        );
        let mut ins = tx.prepare(&insert)?;
        let mut read = src.prepare(&format!("SELECT {} FROM {table}", cols.join(", ")))?;
        let mut q = read.query([])?;
        while let Some(r) = q.next()? {
            let values: Vec<Value> = (0..cols.len()).map(|i| r.get(i)).collect::<Result<_, _>>()?;
            ins.execute(rusqlite::params_from_iter(values))?;
            rows += 1;
        }
    }
    tx.commit()?;
    Ok((begin.elapsed(), rows))
}
