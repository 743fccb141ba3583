//! The release app started the way a user starts it: outside WebDriver, under its own
//! Xvfb and D-Bus session, on a fresh data folder.
//!
//! This matters beyond timing: WebDriver sessions do not apply Tauri's
//! `app.security.freezePrototype`, so the E2E suite cannot see a bundle that breaks under
//! it (the window stays blank). `cargo xtask test` therefore also runs [`check`], which
//! fails unless the UI makes its first IPC call ("first screen after N ms" in the app's
//! log); `cargo xtask bench` measures the same start and the idle memory after it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How long the UI may take to make its first IPC call (2 cores, software rendering).
const FIRST_SCREEN_LIMIT: Duration = Duration::from_secs(60);

/// A running app and what it runs on; [`Launched::stop`] ends it all.
pub struct Launched {
    xvfb: Child,
    /// `dbus-run-session`, whose child is the app.
    pub session: Child,
    /// The X display the app runs on (":N").
    display: String,
    tmp: PathBuf,
    log: PathBuf,
}

/// Starts `bin` on a fresh data folder under a private Xvfb (a free display, chosen by
/// Xvfb itself) and a private D-Bus session (the app's single-instance lock lives there).
pub fn launch(bin: &Path) -> Result<Launched> {
    launch_on(bin, None)
}

/// [`launch`], on a copy of the database `db` when given (the original is left as it is).
pub fn launch_on(bin: &Path, db: Option<&Path>) -> Result<Launched> {
    let tmp = std::env::temp_dir().join(format!("frontline-startup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)?;
    if let Some(db) = db {
        std::fs::create_dir_all(tmp.join("data"))?;
        std::fs::copy(db, tmp.join("data").join("frontline.db"))
            .with_context(|| format!("copying {} for the app", db.display()))?;
    }
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("Xvfb is needed to start the app (apt-get install xvfb)")?;
    let mut display = String::new();
    BufReader::new(xvfb.stdout.take().context("Xvfb's stdout")?).read_line(&mut display)?;
    let display = display.trim().to_owned();
    if display.is_empty() {
        let _ = xvfb.kill();
        bail!("Xvfb did not report its display");
    }
    let log = tmp.join("app.log");
    let session = Command::new("dbus-run-session")
        .arg("--")
        .arg(bin)
        .env("DISPLAY", format!(":{display}"))
        .env("FRONTLINE_DATA_DIR", tmp.join("data"))
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("XDG_DATA_HOME", tmp.join("share"))
        .env("XDG_CACHE_HOME", tmp.join("cache"))
        .env_remove("FRONTLINE_DB")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()
        .context("dbus-run-session is needed to start the app (apt-get install dbus)")?;
    Ok(Launched { xvfb, session, display: format!(":{display}"), tmp, log })
}

impl Launched {
    /// Waits for the app's "first screen after N ms" line; N, or None after the limit.
    pub fn first_screen_ms(&self) -> Option<u64> {
        let begin = Instant::now();
        loop {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(rest) = text.split("first screen after ").nth(1) {
                return rest.split(' ').next().and_then(|n| n.parse::<u64>().ok());
            }
            if begin.elapsed() > FIRST_SCREEN_LIMIT {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the UI's timing `name` in the app's log ("ui timing NAME: N ms"); N, or
    /// None after the limit.
    pub fn ui_timing_ms(&self, name: &str) -> Option<u64> {
        let begin = Instant::now();
        let marker = format!("ui timing {name}: ");
        loop {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(rest) = text.split(&marker).nth(1) {
                return rest.split(' ').next().and_then(|n| n.parse::<u64>().ok());
            }
            if begin.elapsed() > FIRST_SCREEN_LIMIT {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Presses `keys` (xdotool's names, e.g. "ctrl+2") in the app's window as a person at
    /// the keyboard would: real key events (XTEST) to the window, focused first, since
    /// there is no window manager under Xvfb to do it.
    pub fn press(&self, keys: &str) -> Result<()> {
        let found = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(["search", "--onlyvisible", "--name", "Frontline"])
            .output()
            .context("xdotool is needed to use the app from the keyboard (apt-get install xdotool)")?;
        let text = String::from_utf8_lossy(&found.stdout);
        let window = text.lines().next().context("the app's window was not found on its display")?;
        let status =
            Command::new("xdotool").env("DISPLAY", &self.display).args(["windowfocus", "--sync", window, "key", keys]).status()?;
        if !status.success() {
            bail!("xdotool could not press {keys} in the app's window");
        }
        Ok(())
    }

    /// The app's log so far (its stderr).
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Ends the app (by its own pid), the session, Xvfb, and removes the data folder.
    pub fn stop(mut self, app_pid: Option<u32>) {
        if let Some(pid) = app_pid {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        } else {
            let _ = self.session.kill();
        }
        let _ = self.session.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

/// Starts the release app outside WebDriver and fails unless its UI makes its first IPC
/// call: the guard for a bundle that loads under WebDriver but not for a user.
pub fn check(bin: &Path) -> Result<u64> {
    let app = launch(bin)?;
    let first = app.first_screen_ms();
    let log = app.log();
    let pid = crate::bench::app::child_named(app.session.id(), "frontline");
    app.stop(pid);
    match first {
        Some(ms) => Ok(ms),
        None => bail!(
            "the app started outside WebDriver never made its first IPC call within {} s: the window stayed blank \
             (a script error at load? Tauri's freezePrototype applies here but not under WebDriver). Its log:\n{log}",
            FIRST_SCREEN_LIMIT.as_secs()
        ),
    }
}
