//! The desktop app's cold start to first screen and idle memory, under Xvfb.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};

pub struct Startup {
    /// Per idle start.
    pub first_screen_ms: Vec<u64>,
    /// The Dashboard, the home screen the app opens on, on the 100k-case database: from
    /// its first render to its KPI tiles on screen, per start.
    pub dashboard_first_numbers_ms: Vec<u64>,
    /// Opening the Cases page (Ctrl+2 on the Dashboard) on the 100k-case database to its
    /// first rows on screen, per start.
    pub cases_first_rows_ms: Vec<u64>,
    /// Per idle start.
    pub app_pss_mib: Vec<f64>,
    /// The webview's processes: each one's PSS per idle start.
    pub webkit: Vec<(String, Vec<f64>)>,
}

/// How many times the app is started on a fresh database to idle: what is resident
/// varies from start to start by about a MiB (which pages the kernel maps around each
/// one touched), so one start says little.
const IDLE_RUNS: usize = 3;

/// How many times the app is started on the 100k-case database for the Cases page's
/// first rows.
const CASES_RUNS: usize = 3;

/// The Cases page's first rows must show within this long (issue 15).
pub const CASES_FIRST_ROWS_TARGET_MS: u64 = 300;

/// How long the Dashboard is left to finish (its charts and leaderboard come after the
/// tiles) before the Cases page is opened, as a person would look at it first.
const DASHBOARD_SETTLE: Duration = Duration::from_secs(3);

/// Starts the release app on a fresh data dir under Xvfb (outside WebDriver, see
/// [`startup`](crate::startup)), waits for its first IPC call (logged as "first screen
/// after N ms"), idles 10 s, then reads PSS from /proc; [`IDLE_RUNS`] times. Then starts
/// it [`CASES_RUNS`] times on a copy of `cases_db` (100k cases): the Dashboard it opens on
/// logs how long its numbers took to show ("ui timing dashboard_first_numbers: N ms"); a
/// moment later Ctrl+2 opens the Cases page, which logs how long its first rows took from
/// the key press ("ui timing cases_first_rows: N ms").
pub fn startup(bin: &Path, cases_db: &Path) -> Result<Startup> {
    let (mut first_screen_ms, mut app_pss_mib) = (Vec::new(), Vec::new());
    let mut webkit: Vec<(String, Vec<f64>)> = Vec::new();
    for _ in 0..IDLE_RUNS {
        let app = crate::startup::launch(bin)?;
        let first = app.first_screen_ms();
        std::thread::sleep(Duration::from_secs(10));
        let Some(frontline) = child_named(app.session.id(), "frontline") else {
            app.stop(None);
            bail!("the app process was not found under dbus-run-session");
        };
        app_pss_mib.push(pss_kib(frontline).unwrap_or(0) as f64 / 1024.0);
        for (pid, name) in children(frontline).into_iter().filter(|(_, name)| name.starts_with("WebKit")) {
            let mib = pss_kib(pid).unwrap_or(0) as f64 / 1024.0;
            match webkit.iter_mut().find(|(n, _)| *n == name) {
                Some((_, runs)) => runs.push(mib),
                None => webkit.push((name, vec![mib])),
            }
        }
        app.stop(Some(frontline));
        first_screen_ms.push(first.context("the app never made its first IPC call (see its log)")?);
    }
    let mut dashboard_first_numbers_ms = Vec::new();
    let mut cases_first_rows_ms = Vec::new();
    for _ in 0..CASES_RUNS {
        let app = crate::startup::launch_on(bin, Some(cases_db))?;
        let dashboard = app.ui_timing_ms("dashboard_first_numbers");
        std::thread::sleep(DASHBOARD_SETTLE);
        let pressed = if dashboard.is_some() { app.press("ctrl+2").map(Some) } else { Ok(None) };
        let cases = if matches!(pressed, Ok(Some(()))) { app.ui_timing_ms("cases_first_rows") } else { None };
        let log = app.log();
        let pid = child_named(app.session.id(), "frontline");
        app.stop(pid);
        pressed?;
        dashboard_first_numbers_ms
            .push(dashboard.with_context(|| format!("the Dashboard never showed its numbers; the app's log:\n{log}"))?);
        cases_first_rows_ms
            .push(cases.with_context(|| format!("the Cases page never showed its first rows; the app's log:\n{log}"))?);
    }
    Ok(Startup { first_screen_ms, dashboard_first_numbers_ms, cases_first_rows_ms, app_pss_mib, webkit })
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
