//! CSV import at the benchmark size: a 100,000-row Zendesk-shaped export (made here, the
//! same every run) imported by the release `frontline-cli import` into a fresh database,
//! three times, beside the same rows the import wrote inserted with plain SQLite (the demo
//! benchmark's baseline: prepared INSERTs in one transaction, no indexes, triggers or sync
//! bookkeeping) in the same run. Unlike demo data, an import is versioned for sync.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::demo::{raw_inserts, remove_db};

/// Rows of the benchmark file.
pub const ROWS: u32 = 100_000;
/// The bar: 100k rows in under a minute.
pub const TIME_TARGET: Duration = Duration::from_secs(60);
const RUNS: usize = 3;
/// Tables an import fills.
const TABLES: &[&str] = &["teams", "agents", "customers", "cases", "case_events", "case_tags"];

/// What the runs measured.
pub struct ImportBench {
    pub runs: Vec<Duration>,
    /// The plain inserts of what one run wrote.
    pub baseline: Duration,
    /// Rows those inserts wrote (cases, their timelines, tags, customers, agents, teams).
    pub rows: u64,
}

impl ImportBench {
    /// CSV rows a second, median run.
    pub fn rate(&self) -> f64 {
        f64::from(ROWS) / super::median(&self.runs).as_secs_f64()
    }

    /// CSV rows a second the plain inserts reach (the same rows the import wrote).
    pub fn baseline_rate(&self) -> f64 {
        f64::from(ROWS) / self.baseline.as_secs_f64()
    }
}

pub fn run(cli: &Path, dir: &Path) -> Result<ImportBench> {
    let file = dir.join("zendesk-100k.csv");
    std::fs::write(&file, zendesk_export(ROWS))?;
    let mut runs = Vec::new();
    for i in 0..RUNS {
        let db = dir.join(format!("import-{i}.db"));
        let begin = Instant::now();
        let out = Command::new(cli)
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .with_context(|| format!("running {}", cli.display()))?;
        runs.push(begin.elapsed());
        if !out.status.success() {
            bail!("frontline-cli import failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        if i > 0 {
            remove_db(&db);
        }
    }
    let kept = dir.join("import-0.db");
    let (baseline, rows) = raw_inserts(&kept, &dir.join("import-baseline.db"), TABLES)?;
    remove_db(&kept);
    remove_db(&dir.join("import-baseline.db"));
    let _ = std::fs::remove_file(&file);
    Ok(ImportBench { runs, baseline, rows })
}

/// The rows of the BENCHMARKS.md section.
pub fn render(md: &mut String, b: &ImportBench) {
    md.push_str("\n## CSV import (release `frontline-cli import`, a 100,000-row Zendesk export, fresh database)\n\n");
    md.push_str("Median of three runs (all runs in brackets), reading, checking and writing every row in one \
transaction with versions for sync, each case with the timeline its status, first response and resolution come from. \
The baseline inserts the rows the import wrote with plain prepared INSERTs in one transaction, in the same run.\n\n");
    md.push_str("| measure | value | target | |\n|---|---:|---:|---|\n");
    let t = super::median(&b.runs);
    let _ = writeln!(
        md,
        "| import 100,000 rows | {:.1} s ({}), {:.0} rows/s | < {} s | {} |",
        t.as_secs_f64(),
        super::secs(&b.runs),
        b.rate(),
        TIME_TARGET.as_secs(),
        super::ok(t <= TIME_TARGET)
    );
    let _ = writeln!(
        md,
        "| baseline: plain SQLite inserts of the same {} rows | {:.1} s, {:.0} CSV rows/s | — | |",
        b.rows,
        b.baseline.as_secs_f64(),
        b.baseline_rate()
    );
    let _ = writeln!(
        md,
        "| import rate ÷ baseline rate | {:.2} | ≥ 0.50 | {} |",
        b.rate() / b.baseline_rate(),
        super::ok(b.rate() >= b.baseline_rate() / 2.0)
    );
}

/// A Zendesk ticket export of `rows` tickets over 2026: the full header, statuses,
/// priorities and channels in Zendesk's proportions of a busy desk, 5,000 requesters, 24
/// agents in 4 groups, tags, first-reply minutes and solve times.
pub fn zendesk_export(rows: u32) -> String {
    const STATUSES: [&str; 6] = ["Solved", "Closed", "Closed", "Solved", "Open", "Pending"];
    const PRIORITIES: [&str; 5] = ["Normal", "Normal", "High", "Low", ""];
    const VIA: [&str; 5] = ["Web Form", "Mail", "Chat", "Phone call (inbound)", "Twitter"];
    const GROUPS: [&str; 4] = ["Billing", "Delivery", "Technical", "Accounts"];
    const SUBJECTS: [&str; 6] = [
        "Refund not received, order",
        "Parcel stuck in customs",
        "Cannot log in to the app",
        "Charged twice for \"Premium\" plan",
        "Wrong address on invoice",
        "退款没有到账，请尽快处理",
    ];
    let mut out = String::with_capacity(rows as usize * 200);
    out.push_str("Id,Requester,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,First reply time in minutes\n");
    // A small linear congruential generator: the same file every run, no dependency.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for i in 0..rows {
        let minute = u64::from(i) * 5 + next(5); // one ticket every ~5 minutes of 2026
        let (day, rest) = (minute / 1440, minute % 1440);
        let created = date(day, rest);
        let status = STATUSES[next(6) as usize];
        let reply = 5 + next(240);
        let solved = matches!(status, "Solved" | "Closed").then(|| date(day + 1 + next(3), rest));
        let requester = next(5_000);
        let group = next(4) as usize;
        let _ = writeln!(
            out,
            "{id},Customer {requester},customer{requester}@example.com,Agent {group}-{agent},{g},\"{subject} {id}\",{tag} import,{status},{priority},{via},question,{created},{updated},{solved},{reply}",
            id = 100_000 + i,
            agent = next(6),
            g = GROUPS[group],
            subject = SUBJECTS[next(6) as usize].replace('"', "\"\""),
            tag = GROUPS[group].to_lowercase(),
            priority = PRIORITIES[next(5) as usize],
            via = VIA[next(5) as usize],
            updated = solved.clone().unwrap_or_else(|| created.clone()),
            solved = solved.unwrap_or_default(),
        );
    }
    out
}

/// `day` days and `minute` minutes into 2026, as Zendesk writes times (Shanghai offset).
fn date(day: u64, minute: u64) -> String {
    const MONTHS: [u64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = day.min(330);
    let mut month = 0;
    while d >= MONTHS[month] {
        d -= MONTHS[month];
        month += 1;
    }
    format!("2026-{:02}-{:02} {:02}:{:02}:00 +0800", month + 1, d + 1, minute / 60, minute % 60)
}

/// Where a run keeps its files.
pub fn work_dir() -> PathBuf {
    std::env::temp_dir().join(format!("frontline-bench-import-{}", std::process::id()))
}
