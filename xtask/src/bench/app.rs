//! The desktop app's cold start to first screen and idle memory, under Xvfb.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

pub struct Startup {
    pub first_screen_ms: u64,
    pub app_pss_mib: f64,
    pub webkit: Vec<(String, f64)>,
}

/// Starts the release app on a fresh data dir under Xvfb, waits for its first IPC call
/// (logged as "first screen after N ms"), idles 10 s, then reads PSS from /proc.
pub fn startup(bin: &Path) -> Result<Startup> {
    let tmp = std::env::temp_dir().join(format!("frontline-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let mut xvfb = Command::new("Xvfb").args([":97", "-screen", "0", "1400x900x24", "-nolisten", "tcp"]).spawn()
        .context("Xvfb is needed for the start-up benchmark (apt-get install xvfb)")?;
    std::thread::sleep(Duration::from_millis(500));
    let log = tmp.join("app.log");
    // A private session bus: the app's single-instance lock lives on D-Bus.
    let mut app = Command::new("dbus-run-session")
        .arg("--")
        .arg(bin)
        .env("DISPLAY", ":97")
        .env("FRONTLINE_DATA_DIR", tmp.join("data"))
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("XDG_DATA_HOME", tmp.join("share"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()?;
    let begin = Instant::now();
    let first = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(rest) = text.split("first screen after ").nth(1) {
            break rest.split(' ').next().and_then(|n| n.parse::<u64>().ok());
        }
        if begin.elapsed() > Duration::from_secs(60) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_secs(10));
    let frontline = children(app.id())
        .into_iter()
        .find(|(_, name)| name == "frontline")
        .map(|(pid, _)| pid)
        .context("the app process was not found under dbus-run-session")?;
    let app_pss = pss_kib(frontline).unwrap_or(0);
    let webkit: Vec<(String, f64)> = children(frontline)
        .into_iter()
        .filter(|(_, name)| name.starts_with("WebKit"))
        .map(|(pid, name)| (name, pss_kib(pid).unwrap_or(0) as f64 / 1024.0))
        .collect();
    let _ = Command::new("kill").arg(frontline.to_string()).status();
    let _ = app.wait();
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    let _ = std::fs::remove_dir_all(&tmp);
    let first_screen_ms = first.context("the app never made its first IPC call (see its log)")?;
    Ok(Startup { first_screen_ms, app_pss_mib: app_pss as f64 / 1024.0, webkit })
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

