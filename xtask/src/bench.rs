//! `cargo xtask bench`: the DESIGN quality bars, measured, written to BENCHMARKS.md.
//!
//! 1. Core query speed on 100k cases / ~1M events (criterion, `crates/core/benches`), each
//!    beside a raw-SQLite baseline from the same run.
//! 2. The desktop app's cold start to first screen and idle memory (PSS of the app process
//!    and, reported beside it, of the WebKit processes), under Xvfb on Linux.
//! 3. Demo data: `frontline-cli demo --cases 100000` into a fresh database (issue target:
//!    under a minute).

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{app_build, shell};

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

/// Targets from DESIGN.md, in ms, by benchmark id prefix.
fn target_ms(id: &str) -> Option<f64> {
    if id.contains("baseline/") {
        None
    } else if id.starts_with("case_list/") {
        Some(5.0)
    } else if id.starts_with("search/") {
        Some(30.0)
    } else {
        None
    }
}

struct Startup {
    first_screen_ms: u64,
    app_pss_mib: f64,
    webkit: Vec<(String, f64)>,
}

/// Starts the release app on a fresh data dir under Xvfb (outside WebDriver, see
/// [`startup`](crate::startup)), waits for its first IPC call (logged as "first screen
/// after N ms"), idles 10 s, then reads PSS from /proc.
fn startup(bin: &Path) -> Result<Startup> {
    let app = crate::startup::launch(bin)?;
    let first = app.first_screen_ms();
    std::thread::sleep(Duration::from_secs(10));
    let Some(frontline) = child_named(app.session.id(), "frontline") else {
        app.stop(None);
        bail!("the app process was not found under dbus-run-session");
    };
    let app_pss = pss_kib(frontline).unwrap_or(0);
    let webkit: Vec<(String, f64)> = children(frontline)
        .into_iter()
        .filter(|(_, name)| name.starts_with("WebKit"))
        .map(|(pid, name)| (name, pss_kib(pid).unwrap_or(0) as f64 / 1024.0))
        .collect();
    app.stop(Some(frontline));
    let first_screen_ms = first.context("the app never made its first IPC call (see its log)")?;
    Ok(Startup { first_screen_ms, app_pss_mib: app_pss as f64 / 1024.0, webkit })
}

/// The pid of `parent`'s direct child running `name`.
pub fn child_named(parent: u32, name: &str) -> Option<u32> {
    children(parent).into_iter().find(|(_, n)| n == name).map(|(pid, _)| pid)
}

/// Direct children of `parent`: (pid, program name).
fn children(parent: u32) -> Vec<(u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    dir.filter_map(|e| e.ok()?.file_name().to_string_lossy().parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid: u32 = stat.rsplit(')').next()?.split_whitespace().nth(1)?.parse().ok()?;
            let cmd = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).ok()?;
            let name = cmd.split('\0').next()?.rsplit('/').next()?.to_owned();
            (ppid == parent).then_some((pid, name))
        })
        .collect()
}

fn pss_kib(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    text.lines().find(|l| l.starts_with("Pss:"))?.split_whitespace().nth(1)?.parse().ok()
}

/// Runs everything and writes BENCHMARKS.md.
pub fn run() -> Result<()> {
    shell::step("core query benchmarks (100k cases; the data set is generated once)");
    shell::run(shell::cargo(&["bench", "-p", "frontline-core", "--bench", "queries", "--", "--noplot"]))?;
    let results = read_estimates(&shell::target_dir().join("criterion"))?;
    if results.is_empty() {
        bail!("criterion wrote no results");
    }
    let bin = app_build::release_app()?;
    shell::step("demo data: 100,000 cases into a fresh database");
    let demo = demo_generation(&bin.with_file_name(if cfg!(windows) { "frontline-cli.exe" } else { "frontline-cli" }))?;
    let startup = if cfg!(target_os = "linux") {
        shell::step("app start-up and idle memory (Xvfb)");
        Some(startup(&bin)?)
    } else {
        None
    };
    let md = render(&results, demo, startup.as_ref());
    std::fs::write("BENCHMARKS.md", &md)?;
    println!("{md}");
    Ok(())
}

/// Cases the demo benchmark generates, and the time it must stay under.
const DEMO_CASES: u32 = 100_000;
const DEMO_TARGET: Duration = Duration::from_secs(60);

/// Wall time of one `frontline-cli demo` run of [`DEMO_CASES`] Chinese cases into a new
/// database, which is deleted afterwards (about 2 GB).
fn demo_generation(cli: &Path) -> Result<Duration> {
    let tmp = std::env::temp_dir().join(format!("frontline-bench-demo-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let begin = Instant::now();
    let status = Command::new(cli)
        .arg("--db")
        .arg(tmp.join("demo.db"))
        .args(["demo", "--cases", &DEMO_CASES.to_string(), "--lang", "zh-Hans", "--seed", "42"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {}", cli.display()))?;
    let took = begin.elapsed();
    let _ = std::fs::remove_dir_all(&tmp);
    if !status.success() {
        bail!("frontline-cli demo failed ({status})");
    }
    Ok(took)
}

fn render(results: &[(String, f64)], demo: Duration, startup: Option<&Startup>) -> String {
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mut md = String::from("# Benchmarks\n\nWritten by `cargo xtask bench`; do not edit by hand.\n\n");
    let _ = writeln!(md, "Machine: {machine}, {cores} cores. Date: {}.\n", today());
    md.push_str("## Core queries (100k cases, ~1M timeline events, SQLite on disk, warm cache)\n\n");
    md.push_str("Each `baseline/` row is hand-written SQL returning the same rows, measured in the same run.\n\n");
    md.push_str("| operation | median | target | |\n|---|---:|---:|---|\n");
    for (id, ns) in results {
        let ms = ns / 1e6;
        let (target, verdict) = match target_ms(id) {
            Some(t) => (format!("≤ {t} ms"), if ms <= t { "ok" } else { "**over**" }),
            None => ("—".into(), ""),
        };
        let _ = writeln!(md, "| {id} | {ms:.3} ms | {target} | {verdict} |");
    }
    md.push_str("\n## Demo data (release `frontline-cli demo`, zh-Hans, fresh database)\n\n");
    md.push_str("| measure | value | target | |\n|---|---:|---:|---|\n");
    let verdict = if demo <= DEMO_TARGET { "ok" } else { "**over**" };
    let _ = writeln!(
        md,
        "| {DEMO_CASES} cases with their history, one transaction | {:.1} s | < {} s | {verdict} |",
        demo.as_secs_f64(),
        DEMO_TARGET.as_secs()
    );
    if let Some(s) = startup {
        md.push_str("\n## Desktop app (release build, Xvfb, software rendering, fresh database)\n\n");
        md.push_str("| measure | value | target |\n|---|---:|---:|\n");
        let _ = writeln!(md, "| process start → first IPC call from the UI | {} ms | ≤ 1500 ms |", s.first_screen_ms);
        let _ = writeln!(md, "| idle PSS, app process (after 10 s) | {:.1} MiB | ≤ 100 MiB |", s.app_pss_mib);
        for (name, mib) in &s.webkit {
            let _ = writeln!(md, "| idle PSS, {name} (webview, reported beside) | {mib:.1} MiB | — |");
        }
    }
    md
}

fn today() -> String {
    Command::new("date").arg("+%Y-%m-%d").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_default()
}

