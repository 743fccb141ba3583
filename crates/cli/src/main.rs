//! `frontline-cli`: Frontline without a window.
//!
//! A thin adapter over `frontline-core`: each subcommand parses its arguments, calls one
//! core function and prints the result. Progress goes to stderr, results to stdout, and
//! Ctrl-C (or SIGTERM, SIGHUP) cancels a long copy cleanly (no half-written file, the
//! database untouched). Errors print once, on a line of their own.
#![forbid(unsafe_code)]

mod output;

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use frontline_core::backup::{self, Progress};
use frontline_core::paths::{self, FileRole};
use frontline_core::settings::Language;
use frontline_core::{Error, Store, demo, system_now};

use crate::output::{end_progress_line, progress};

/// Frontline's command-line tool.
#[derive(Parser)]
#[command(name = "frontline-cli", version, about)]
struct Cli {
    /// Database file (default: $FRONTLINE_DB, else $FRONTLINE_DATA_DIR/frontline.db, else the OS data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the database's path, schema version, node id and row counts.
    Info,
    /// Write a consistent copy of the database to PATH (safe while the app is running).
    Backup {
        /// Where to write the backup; must not exist yet.
        path: PathBuf,
    },
    /// Replace the database with the backup at PATH, after checking it. The current
    /// database is kept beside it as `<name>.before-restore-<time>.db`.
    Restore {
        /// The backup file to restore.
        path: PathBuf,
    },
    /// Fill the database with a realistic demo contact centre: teams, agents, customers and
    /// cases with their whole history over the last 90 days. All or nothing: Ctrl-C leaves
    /// the database as it was.
    Demo {
        /// Number of cases, 1 to 100000 (100000 is the benchmark size, about a million
        /// timeline events).
        #[arg(long, default_value_t = 1000)]
        cases: u32,
        /// Language of names and texts: en, zh-Hans or zh-Hant.
        #[arg(long, default_value = "en", value_parser = parse_language)]
        lang: Language,
        /// Random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add demo data even though the database already has cases (it syncs like real data).
        #[arg(long)]
        force: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = run(cli);
    end_progress_line();
    match result {
        Ok(()) => {}
        // `frontline-cli info | head -3`: the reader has all it wanted.
        Err(e) if output::is_broken_pipe(&e) => {}
        Err(e) => {
            // Nothing more to do if stderr is gone too.
            let _ = writeln!(std::io::stderr().lock(), "error: {e:#}");
            std::process::exit(1);
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let db = paths::resolve_db_path(cli.db)?;
    // Opening a directory as a database would fail only after touching it.
    paths::check_not_a_directory(&db)?;
    match cli.command {
        Command::Info => {
            let store = open(&db)?;
            let info = store.info()?;
            let mut out = output::stdout();
            writeln!(out, "database:        {}", info.path.display())?;
            writeln!(out, "schema version:  {}", info.schema_version)?;
            writeln!(out, "node id:         {}", info.node_id)?;
            writeln!(out, "pending changes: {}", info.pending_changes)?;
            for (table, n) in info.row_counts {
                writeln!(out, "rows {table:<22} {n}")?;
            }
            out.flush()?;
        }
        Command::Backup { path } => {
            // There must be a database to copy: backing up a mistyped --db would create
            // an empty one and copy that.
            paths::check_existing_file(&db, FileRole::Database).context("nothing to back up")?;
            paths::check_new_file(&path).context("cannot write the backup")?;
            remove_stale(&output::partial_of(&path), "an interrupted backup")?;
            // Open once through the store so an old database is migrated and a wrong file
            // is refused with a clear message before any copying starts.
            drop(open(&db)?);
            backup::backup(&db, &path, progress_reporter("backing up")?)?;
            end_progress_line();
            writeln!(output::stdout(), "backup written to {}", path.display())?;
        }
        Command::Restore { path } => {
            let summary = backup::inspect(&path).context("cannot restore")?;
            eprintln!("backup is valid (schema version {}, from device {})", summary.schema_version, summary.node_id);
            for stale in output::stale_restore_copies(&db) {
                remove_stale(&stale, "an interrupted restore")?;
            }
            let out = backup::restore(&db, &path, system_now(), progress_reporter("restoring")?);
            end_progress_line();
            let out = match out {
                Err(Error::Cancelled) => anyhow::bail!("cancelled; the database is unchanged"),
                // A failure after the copy aside names the copy (`Error::RestoreFailed`).
                other => other?,
            };
            let mut stdout = output::stdout();
            if let Some(aside) = out.kept_aside {
                writeln!(stdout, "previous database kept at {}", aside.display())?;
            }
            writeln!(stdout, "restored {} into {} (new node id {})", path.display(), db.display(), out.node_id)?;
        }
        Command::Demo { cases, lang, seed, force } => {
            let mut store = open(&db)?;
            let opts = demo::DemoOptions { cases, language: lang, seed, end: store.now(), force };
            let started = Instant::now();
            let result = demo::generate(&mut store, &opts, demo_reporter()?);
            end_progress_line();
            let summary = match result {
                Err(Error::Cancelled) => anyhow::bail!("cancelled; the database is unchanged"),
                Err(Error::NotEmpty { cases }) => anyhow::bail!(
                    "{} already has {cases} cases; demo data would be mixed into them and sync to the team \
                     like real data. Use another --db, or --force to add it anyway",
                    db.display()
                ),
                Err(Error::Validation { field: "cases", limit: Some(max), .. }) => {
                    anyhow::bail!("--cases must be from 1 to {max} (got {cases})")
                }
                other => other?,
            };
            writeln!(
                output::stdout(),
                "created {} cases, {} customers, {} agents and {} teams in {} in {:.1} s",
                summary.cases,
                summary.customers,
                summary.agents,
                summary.teams,
                db.display(),
                started.elapsed().as_secs_f64()
            )?;
        }
    }
    Ok(())
}

fn open(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open {}", db.display()))
}

/// Removes a file an interrupted (killed) run left behind, and says so.
fn remove_stale(path: &Path, left_by: &str) -> Result<()> {
    if path.is_file() {
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}, left by {left_by}", path.display()))?;
        eprintln!("removed {}, left by {left_by}", path.display());
    }
    Ok(())
}

fn parse_language(s: &str) -> Result<Language, String> {
    match s.to_ascii_lowercase().as_str() {
        "en" => Ok(Language::En),
        "zh-hans" | "zh-cn" => Ok(Language::ZhHans),
        "zh-hant" | "zh-tw" | "zh-hk" => Ok(Language::ZhHant),
        _ => Err(format!("unknown language {s:?}; use en, zh-Hans or zh-Hant")),
    }
}

/// A flag that Ctrl-C, SIGTERM and SIGHUP raise: the long operation then cancels cleanly.
fn cancel_flag() -> Result<Arc<AtomicBool>> {
    let cancelled = Arc::new(AtomicBool::new(false));
    let flag = cancelled.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).context("cannot install the Ctrl-C handler")?;
    Ok(cancelled)
}

/// Prints demo progress to stderr and turns Ctrl-C into a clean cancel.
fn demo_reporter() -> Result<impl FnMut(demo::DemoProgress) -> ControlFlow<()>> {
    let cancelled = cancel_flag()?;
    Ok(move |p: demo::DemoProgress| {
        let pct = if p.total == 0 { 100 } else { u64::from(p.done) * 100 / u64::from(p.total) };
        progress(&format!("generating demo data: {pct:>3}% ({}/{} cases)", p.done, p.total));
        if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
}

/// Prints a percentage to stderr and turns Ctrl-C into a clean cancel.
fn progress_reporter(label: &'static str) -> Result<impl FnMut(Progress) -> ControlFlow<()>> {
    let cancelled = cancel_flag()?;
    Ok(move |p: Progress| {
        let pct = (p.done * 100).checked_div(p.total).unwrap_or(100);
        progress(&format!("{label}: {pct:>3}% ({}/{} pages)", p.done, p.total));
        if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
}
