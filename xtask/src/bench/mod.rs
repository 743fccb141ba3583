//! `cargo xtask bench`: the DESIGN quality bars, measured, written to BENCHMARKS.md.
//!
//! 1. Core query speed on 100k cases / ~1M events (criterion, `crates/core/benches`), each
//!    beside a raw-SQLite baseline from the same run.
//! 2. The desktop app's cold start to first screen and idle memory (PSS of the app process
//!    and, reported beside it, of the WebKit processes), under Xvfb on Linux; and, on a copy
//!    of the 100k-case database, the Dashboard it opens on to its KPI tiles and the Cases
//!    page, opened from the keyboard, to its first rows on screen (timed in the webview and
//!    written to the app's log).
//! 3. Demo data: `frontline-cli demo --cases 100000` into a fresh database, three times,
//!    with its size, beside plain SQLite inserts of the same rows ([`demo`]).
//! 4. CSV import: a 100,000-row Zendesk export through the release `frontline-cli import`,
//!    three times, beside plain SQLite inserts of the rows it wrote ([`import`]).
//! 5. Sync on loopback with the release binaries: the first push of those 100k cases, the
//!    initial sync of a new device, an incremental sync of 100 changes, and the server's
//!    pushes per second with 50 devices on SQLite and PostgreSQL ([`sync`]).

pub mod app;
mod demo;
mod import;
mod sync;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::{app_build, setup, shell};

/// One criterion result: (group/name, median ns).
fn read_estimates(dir: &Path) -> Result<Vec<(String, f64)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.ends_with("new/estimates.json") {
                let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p)?)?;
                let median = json["median"]["point_estimate"].as_f64().context("no median in estimates")?;
                let bench = std::fs::read_to_string(p.with_file_name("benchmark.json"))?;
                let bench: serde_json::Value = serde_json::from_str(&bench)?;
                let id = bench["full_id"].as_str().context("no full_id")?.to_owned();
                out.push((id, median));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Targets from DESIGN.md, in ms, by benchmark id prefix. The 90-day report has none of
/// its own (DESIGN.md sets one for the 30-day dashboard): it is recorded beside it.
fn target_ms(id: &str) -> Option<f64> {
    if id.contains("baseline/") {
        None
    } else if id.starts_with("case_list/") {
        Some(5.0)
    } else if id.starts_with("search/") || id.starts_with("kb_search/") {
        Some(30.0)
    } else if id.starts_with("kpi/dashboard") || id.starts_with("compliance/") {
        Some(50.0)
    } else {
        None
    }
}

/// Runs everything and writes BENCHMARKS.md.
pub fn run() -> Result<()> {
    let core = core_queries()?;
    let bin = app_build::release_app()?;
    release_server()?;
    let release = shell::target_dir().join("release");
    let exe = |name: &str| release.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let work = std::env::temp_dir().join(format!("frontline-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    shell::step("demo data: 100,000 cases into a fresh database, three times, and the raw-SQLite baseline");
    let demo = demo::run(&exe("frontline-cli"), &work)?;
    shell::step(
        "CSV import: a 100,000-row Zendesk export into a fresh database, three times, and the raw-SQLite baseline",
    );
    let import = import::run(&exe("frontline-cli"), &work)?;
    shell::step("sync on loopback: first push, initial and incremental sync, pushes/s with 50 devices");
    let bins = sync::Bins {
        cli: &exe("frontline-cli"),
        server: &exe("frontline-server"),
        push_load: &release.join("examples").join(format!("push_load{}", std::env::consts::EXE_SUFFIX)),
    };
    let sync = sync::run(&bins, &demo.kept, &work, setup::postgres_for_bench());
    let _ = std::fs::remove_dir_all(&work);
    let sync = sync?;
    let startup = if cfg!(target_os = "linux") {
        shell::step("app start-up and idle memory (Xvfb)");
        Some(app::startup(&bin, &bench_db())?)
    } else {
        None
    };
    let md = render(&core, &demo, &import, &sync, startup.as_ref());
    std::fs::write("BENCHMARKS.md", &md)?;
    println!("{md}");
    Ok(())
}

/// The criterion results of `crates/core/benches` ((group/name, median ns), sorted by id)
/// and the search hit counts the query benchmarks wrote.
struct CoreQueries {
    results: Vec<(String, f64)>,
    hits: serde_json::Value,
}

/// Runs the core query benchmarks (the 100k-case data set is generated once and kept).
fn core_queries() -> Result<CoreQueries> {
    shell::step("core query benchmarks (100k cases; the data set is generated once)");
    let hits_file = shell::target_dir().join("bench-search-hits.json");
    let _ = std::fs::remove_file(&hits_file);
    // Earlier runs' results would be read back as this run's.
    let _ = std::fs::remove_dir_all(shell::target_dir().join("criterion"));
    let mut bench = shell::cargo(&["bench", "-p", "frontline-core"]);
    for name in ["queries", "kpi", "knowledge", "compliance", "plans"] {
        bench.args(["--bench", name]);
    }
    bench.args(["--", "--noplot"]);
    bench.env("FRONTLINE_BENCH_HITS", &hits_file);
    shell::run(bench)?;
    let results = read_estimates(&shell::target_dir().join("criterion"))?;
    if results.is_empty() {
        bail!("criterion wrote no results");
    }
    let hits = serde_json::from_str(
        &std::fs::read_to_string(&hits_file).context("the query benchmarks wrote no search hit counts")?,
    )?;
    Ok(CoreQueries { results, hits })
}

/// `cargo xtask bench --core-only`: the core query benchmarks alone; their section of
/// BENCHMARKS.md is replaced (dated), the other sections are left as they were measured.
pub fn run_core_only() -> Result<()> {
    let core = core_queries()?;
    let mut section = String::new();
    render_core(&mut section, &core, Some(&today()));
    let old =
        std::fs::read_to_string("BENCHMARKS.md").context("BENCHMARKS.md is missing: run `cargo xtask bench` once")?;
    let md = replace_section(&old, "## Core queries", &section).context("BENCHMARKS.md has no core queries section")?;
    std::fs::write("BENCHMARKS.md", &md)?;
    println!("{section}");
    Ok(())
}

/// `md` with the section starting at the line `heading` (up to the next `## ` heading)
/// replaced by `section`.
fn replace_section(md: &str, heading: &str, section: &str) -> Option<String> {
    let start = md.find(&format!("\n{heading}"))? + 1;
    let end = md[start + heading.len()..].find("\n## ").map_or(md.len(), |i| start + heading.len() + i + 1);
    Some(format!("{}{section}{}", &md[..start], &md[end..]))
}

/// The 100k-case database the query benchmarks made (crates/core/benches/queries.rs).
fn bench_db() -> std::path::PathBuf {
    std::env::var_os("FRONTLINE_BENCH_DB").map(std::path::PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
        home.join(".cache/frontline/bench-100k.db")
    })
}

/// `cargo xtask bench --app-only`: the desktop app's rows alone (start-up, memory, the
/// Dashboard's and the Cases page's first screens on the 100k-case database the query benchmarks made), printed,
/// BENCHMARKS.md left as it is — for checking a change to the app without the whole run.
pub fn run_app_only() -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("the app is measured under Xvfb, on Linux only");
    }
    let db = bench_db();
    if !db.is_file() {
        bail!("{} is missing: run `cargo xtask bench` once (its query benchmarks make it)", db.display());
    }
    let built = app_build::release_app_alone()?;
    // A copy: another build into the shared target directory may replace the binary.
    let dir = std::env::temp_dir().join(format!("frontline-bench-app-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let bin = dir.join(built.file_name().context("app binary name")?);
    std::fs::copy(&built, &bin)?;
    shell::step("app start-up and idle memory (Xvfb), the Dashboard and the Cases page on 100k cases");
    let s = app::startup(&bin, &db)?;
    let first_rows = median(&s.cases_first_rows_ms);
    println!(
        "process start → first IPC call from the UI: {} ms (runs: {:?})",
        median(&s.first_screen_ms),
        s.first_screen_ms
    );
    println!(
        "Dashboard (home screen) opened with the app → KPI tiles on screen, 100k cases: {} ms (runs: {:?})",
        median(&s.dashboard_first_numbers_ms),
        s.dashboard_first_numbers_ms
    );
    println!(
        "Cases page opened (Ctrl+2 on the Dashboard) → first rows on screen, 100k cases: {first_rows} ms (runs: {:?}; target ≤ {} ms)",
        s.cases_first_rows_ms,
        app::CASES_FIRST_ROWS_TARGET_MS
    );
    println!("idle PSS, app process: {:.1} MiB (runs: {})", median(&s.app_pss_mib), mibs(&s.app_pss_mib));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `cargo xtask bench --import-only`: the CSV import's rows alone, printed, BENCHMARKS.md
/// left as it is.
pub fn run_import_only() -> Result<()> {
    let cli = release_cli()?;
    let work = import::work_dir();
    std::fs::create_dir_all(&work)?;
    shell::step(
        "CSV import: a 100,000-row Zendesk export into a fresh database, three times, and the raw-SQLite baseline",
    );
    let result = import::run(&cli, &work);
    let _ = std::fs::remove_dir_all(&work);
    let mut md = String::new();
    import::render(&mut md, &result?);
    println!("{md}");
    Ok(())
}

/// `cargo xtask bench --demo-only`: the demo data's rows alone, printed, BENCHMARKS.md
/// left as it is.
pub fn run_demo_only() -> Result<()> {
    let cli = release_cli()?;
    let work = std::env::temp_dir().join(format!("frontline-bench-demo-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    shell::step("demo data: 100,000 cases into a fresh database, three times, and the raw-SQLite baseline");
    let result = demo::run(&cli, &work);
    let _ = std::fs::remove_dir_all(&work);
    let mut md = String::new();
    demo::render(&mut md, &result?);
    println!("{md}");
    Ok(())
}

/// `cargo xtask bench --sync-only`: the sync rows alone, on a 100k-case demo made for them
/// (once, untimed), printed, BENCHMARKS.md left as it is.
pub fn run_sync_only() -> Result<()> {
    let cli = release_cli()?;
    release_server()?;
    let release = shell::target_dir().join("release");
    let work = std::env::temp_dir().join(format!("frontline-bench-sync-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    shell::step("sync on loopback: first push, initial and incremental sync, pushes/s with 50 devices");
    let server = release.join(format!("frontline-server{}", std::env::consts::EXE_SUFFIX));
    let push_load = release.join("examples").join(format!("push_load{}", std::env::consts::EXE_SUFFIX));
    let bins = sync::Bins { cli: &cli, server: &server, push_load: &push_load };
    let demo_db = work.join("demo-0.db");
    let result =
        demo::generate(&cli, &demo_db).and_then(|_| sync::run(&bins, &demo_db, &work, setup::postgres_for_bench()));
    let _ = std::fs::remove_dir_all(&work);
    let mut md = String::new();
    sync::render(&mut md, &result?);
    println!("{md}");
    Ok(())
}

/// Builds the release `frontline-server` and the push load generator the sync rows use.
fn release_server() -> Result<()> {
    shell::run(shell::cargo(&[
        "build",
        "--release",
        "-p",
        "frontline-server",
        "--bin",
        "frontline-server",
        "--example",
        "push_load",
    ]))
}

/// Builds the release `frontline-cli` and returns its path.
fn release_cli() -> Result<std::path::PathBuf> {
    shell::run(shell::cargo(&["build", "--release", "-p", "frontline-cli"]))?;
    Ok(shell::target_dir().join("release").join(format!("frontline-cli{}", std::env::consts::EXE_SUFFIX)))
}

/// The middle value (the lower middle of an even count).
fn median<T: PartialOrd + Copy>(values: &[T]) -> T {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[(v.len() - 1) / 2]
}

fn secs(values: &[Duration]) -> String {
    values.iter().map(|d| format!("{:.1}", d.as_secs_f64())).collect::<Vec<_>>().join(", ")
}

fn ok(pass: bool) -> &'static str {
    if pass { "ok" } else { "**over**" }
}

fn render(
    core: &CoreQueries,
    demo: &demo::DemoBench,
    import: &import::ImportBench,
    sync: &sync::SyncBench,
    startup: Option<&app::Startup>,
) -> String {
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mut md = String::from("# Benchmarks\n\nWritten by `cargo xtask bench`; do not edit by hand.\n\n");
    let _ = writeln!(md, "Machine: {machine}, {cores} cores. Date: {}.\n", today());
    render_core(&mut md, core, None);

    demo::render(&mut md, demo);
    import::render(&mut md, import);

    sync::render(&mut md, sync);

    if let Some(s) = startup {
        md.push_str("\n## Desktop app (release build, Xvfb, software rendering, fresh database unless said)\n\n");
        md.push_str("| measure | value | target |\n|---|---:|---:|\n");
        let _ = writeln!(
            md,
            "| process start → first IPC call from the UI (median of {}: {}) | {} ms | ≤ 1500 ms |",
            s.first_screen_ms.len(),
            runs(&s.first_screen_ms),
            median(&s.first_screen_ms)
        );
        let _ = writeln!(
            md,
            "| Dashboard (the home screen) opened with the app → KPI tiles on screen, 100k cases (median of {}: {}) | {} ms | — |",
            s.dashboard_first_numbers_ms.len(),
            runs(&s.dashboard_first_numbers_ms),
            median(&s.dashboard_first_numbers_ms),
        );
        let _ = writeln!(
            md,
            "| Cases page opened (Ctrl+2 on the Dashboard) → first rows on screen, 100k cases (median of {}: {}) | {} ms | ≤ {} ms |",
            s.cases_first_rows_ms.len(),
            runs(&s.cases_first_rows_ms),
            median(&s.cases_first_rows_ms),
            app::CASES_FIRST_ROWS_TARGET_MS
        );
        let _ = writeln!(
            md,
            "| idle PSS, app process (after 10 s; median of {}: {}) | {:.1} MiB | ≤ 100 MiB |",
            s.app_pss_mib.len(),
            mibs(&s.app_pss_mib),
            median(&s.app_pss_mib)
        );
        for (name, mib) in &s.webkit {
            let _ = writeln!(md, "| idle PSS, {name} (webview, reported beside) | {:.1} MiB | — |", median(mib));
        }
    }
    md
}

/// The core queries' section; `measured_alone` dates it when the rest of the file is older.
fn render_core(md: &mut String, core: &CoreQueries, measured_alone: Option<&str>) {
    md.push_str("## Core queries (100k cases, ~1M timeline events, SQLite on disk, warm cache)\n\n");
    if let Some(day) = measured_alone {
        let _ = writeln!(md, "Measured on {day} by `cargo xtask bench --core-only`, apart from the sections below.\n");
    }
    md.push_str("Each `baseline/` row is hand-written SQL returning the same rows, measured in the same run. ");
    md.push_str(
        "Searches run on the demo in their own language (Chinese, and an English 100k demo for the English word) ",
    );
    md.push_str(
        "and say how many cases they find. `queue_counts` is every tab's count (maintained; Breaching from its ",
    );
    md.push_str(
        "index), beside a count(*) per queue. `kpi/dashboard_30d` is every dashboard tile and chart for the last 30 ",
    );
    md.push_str(
        "days beside the 30 before, and `kpi/report_90d` the same for the last 90 days beside the 90 before (every ",
    );
    md.push_str(
        "case of the demo), as of the demo's last event (business hours in each team's calendar, from each case's ",
    );
    md.push_str("kept KPI facts), each beside one aggregate SQL per period in calendar time. ");
    md.push_str(
        "`kb_search` searches 5,000 articles of about 2,000 characters. `compliance/matrix_500x40_10k` is the ",
    );
    md.push_str(
        "training compliance matrix for 500 agents × 40 courses over 10,000 records (roles, requirements, validity), ",
    );
    md.push_str(
        "beside reading the same records with one SQL. `plan_run_open/run_get` opens a run of a 200-step plan with ",
    );
    md.push_str("2,000 log entries (its checklist, log and drill score derived from the events), beside the same rows read with plain SQL.\n\n");
    md.push_str("| operation | median | target | |\n|---|---:|---:|---|\n");
    for (id, ns) in &core.results {
        let ms = ns / 1e6;
        let (target, verdict) = match target_ms(id) {
            Some(t) => (format!("≤ {t} ms"), ok(ms <= t)),
            None => ("—".into(), ""),
        };
        let name = match (core.hits[id]["query"].as_str(), core.hits[id]["hits"].as_u64()) {
            (Some(q), Some(n)) => format!("{id} (\"{q}\": {n} hits)"),
            _ => id.clone(),
        };
        let _ = writeln!(md, "| {name} | {ms:.3} ms | {target} | {verdict} |");
    }
}

/// Each run's figure, in order: "445, 218, 260".
fn runs(ms: &[u64]) -> String {
    ms.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

fn mibs(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v:.1}")).collect::<Vec<_>>().join(", ")
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{replace_section, target_ms};

    #[test]
    fn a_section_is_replaced_up_to_the_next_heading_and_the_rest_kept() {
        let md = "# Benchmarks\n\nDate: 1.\n\n## Core queries (old)\n\n| a | 1 |\n\n## Demo data\n\n| b | 2 |\n";
        let new = replace_section(md, "## Core queries", "## Core queries (new)\n\n| a | 3 |\n\n").unwrap();
        assert_eq!(
            new,
            "# Benchmarks\n\nDate: 1.\n\n## Core queries (new)\n\n| a | 3 |\n\n## Demo data\n\n| b | 2 |\n"
        );
        let last =
            replace_section("# B\n\n## Core queries\n\nold\n", "## Core queries", "## Core queries\n\nnew\n").unwrap();
        assert_eq!(last, "# B\n\n## Core queries\n\nnew\n");
        assert_eq!(replace_section("# B\n", "## Core queries", "x"), None);
    }

    #[test]
    fn the_30_day_dashboard_has_designs_target_and_the_90_day_report_is_recorded_beside_it() {
        assert_eq!(target_ms("kpi/dashboard_30d"), Some(50.0));
        assert_eq!(target_ms("kpi/report_90d"), None);
        assert_eq!(target_ms("kpi/baseline/dashboard_30d_raw_sql"), None);
        assert_eq!(target_ms("kpi/baseline/report_90d_raw_sql"), None);
        assert_eq!(target_ms("case_list/first_page"), Some(5.0));
    }
}
