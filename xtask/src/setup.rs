//! Installing what a fresh machine lacks: system packages, npm dependencies, cargo tools.
//!
//! On Debian/Ubuntu the Tauri build dependencies (and Xvfb + WebKitWebDriver for the E2E
//! suite) are installed with apt when running as root or with password-less sudo; otherwise
//! the exact command is printed. macOS and Windows need no system packages beyond the
//! toolchains named in the README.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

use crate::shell;

/// What the packages are needed for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Building and running the app.
    Run,
    /// Also the E2E suite (Xvfb, WebKitWebDriver, screenshots).
    Test,
    /// Also the installers.
    Dist,
}

/// Tauri's Linux build dependencies (see shared/notes/tauri-linux.md).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "pkg-config",
];
// faketime: the sync tests run a device whose clock is a day ahead (libfaketime).
// fonts-wqy-microhei: the PDF report's test needs a font that covers Chinese.
// poppler-utils: E2E scenario 14 reads the saved PDF report's text with pdftotext.
// xdotool: the benchmark opens the Cases page from the keyboard, outside WebDriver.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "webkit2gtk-driver",
    "dbus-daemon",
    "imagemagick",
    "x11-utils",
    "faketime",
    "fonts-wqy-microhei",
    "poppler-utils",
    "xdotool",
];
const DIST_PACKAGES: &[&str] = &["squashfs-tools", "desktop-file-utils", "patchelf"];

/// Ensures the Linux system packages for `purpose` are installed.
pub fn system_packages(purpose: Purpose) -> Result<()> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    if !shell::has("dpkg-query", "--version") {
        println!("xtask: not a Debian-based system; make sure Tauri's Linux prerequisites are installed");
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend(TEST_PACKAGES);
    }
    if purpose == Purpose::Dist {
        wanted.extend(DIST_PACKAGES);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    shell::step(&format!("installing system packages: {}", missing.join(" ")));
    let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    let sudo = !is_root
        && Command::new("sudo").args(["-n", "true"]).status().map(|s| s.success()).unwrap_or(false);
    if !is_root && !sudo {
        bail!(
            "missing system packages; install them with:\n  sudo apt-get update && sudo apt-get install -y {}",
            missing.join(" ")
        );
    }
    let apt = |args: &[&str]| {
        let mut cmd = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    shell::run(apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    shell::run(install)
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// Runs `npm ci` when `node_modules` is missing or older than the lockfile.
pub fn node_modules() -> Result<()> {
    let stamp = Path::new("node_modules/.package-lock.json");
    let fresh = match (stamp.metadata().and_then(|m| m.modified()), Path::new("package-lock.json").metadata().and_then(|m| m.modified())) {
        (Ok(installed), Ok(lock)) => installed >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if !shell::has(if cfg!(windows) { "npm.cmd" } else { "npm" }, "--version") {
        bail!("npm is not installed; install Node.js 20 or newer (see README)");
    }
    shell::step("installing npm dependencies (npm ci)");
    shell::run(shell::npm(&["ci", "--no-audit", "--no-fund"]))
}

/// Installs a cargo tool when its binary is missing. `subcommand` is the cargo subcommand
/// to probe (`cargo nextest`), or empty to probe `binary` itself.
pub fn cargo_tool(binary: &str, subcommand: &str, krate: &str) -> Result<()> {
    let present = if subcommand.is_empty() {
        shell::has(binary, "--help")
    } else {
        Command::new("cargo").args([subcommand, "--version"]).output().map(|o| o.status.success()).unwrap_or(false)
    };
    if present {
        return Ok(());
    }
    shell::step(&format!("installing {krate}"));
    shell::run(shell::cargo(&["install", krate, "--locked"]))
}

/// Role, password and database the server's PostgreSQL tests use.
const PG_TEST_NAME: &str = "frontline_test";

/// A PostgreSQL database for the server's tests, as a URL for `FRONTLINE_TEST_PG_URL`
/// (an already set one is used as is). On Linux as root with apt: installs `postgresql`
/// if missing, starts its cluster, creates the role and database. `Err` says why not.
pub fn postgres_for_tests() -> Result<String, String> {
    postgres_database(PG_TEST_NAME, false)
}

/// A new, empty database for the benchmarks (`frontline_bench`, made afresh each run):
/// pushes/s must not depend on what earlier runs and tests left behind.
pub fn postgres_for_bench() -> Result<String, String> {
    postgres_database("frontline_bench", true)
}

/// The URL of database `db` on this machine's cluster, owned by the test role; with
/// `fresh`, dropped and made again first.
fn postgres_database(db: &str, fresh: bool) -> Result<String, String> {
    if let Ok(url) = std::env::var("FRONTLINE_TEST_PG_URL") {
        return Ok(url);
    }
    if !cfg!(target_os = "linux") {
        return Err("not Linux".into());
    }
    let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false);
    if !is_root {
        return Err("not root".into());
    }
    if !shell::has("apt-get", "--version") {
        return Err("no apt-get".into());
    }
    if !installed("postgresql") {
        shell::step("installing PostgreSQL for the server tests");
        let apt = |args: &[&str]| {
            Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive").status().map(|s| s.success())
        };
        if !apt(&["update", "-qq"]).unwrap_or(false)
            || !apt(&["install", "-y", "-qq", "--no-install-recommends", "postgresql"]).unwrap_or(false)
        {
            return Err("apt-get install postgresql failed".into());
        }
    }
    let version = std::fs::read_dir("/etc/postgresql")
        .map_err(|e| format!("no /etc/postgresql: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .max_by_key(|v| v.parse::<u32>().unwrap_or(0))
        .ok_or("no PostgreSQL cluster in /etc/postgresql")?;
    let running = Command::new("pg_ctlcluster").args([&version, "main", "status"]).output().is_ok_and(|o| o.status.success());
    if !running {
        let started = Command::new("pg_ctlcluster").args([&version, "main", "start"]).status();
        if !started.is_ok_and(|s| s.success()) {
            return Err(format!("pg_ctlcluster {version} main start failed"));
        }
    }
    let port = pg_port(&version).unwrap_or(5432);
    let n = PG_TEST_NAME;
    let drop = if fresh { format!("DROP DATABASE IF EXISTS {db} WITH (FORCE);\n") } else { String::new() };
    psql_as_postgres(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{n}') THEN
             CREATE ROLE {n} LOGIN PASSWORD '{n}';
           END IF;
         END $$;
         {drop}SELECT 'CREATE DATABASE {db} OWNER {n}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{db}')
         \\gexec\n"
    ))?;
    Ok(format!("postgres://{n}:{n}@127.0.0.1:{port}/{db}"))
}

/// The port of cluster `version`/main, from `pg_lsclusters`.
fn pg_port(version: &str) -> Option<u16> {
    let out = Command::new("pg_lsclusters").arg("-h").output().ok()?;
    String::from_utf8_lossy(&out.stdout).lines().find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        (cols.len() > 2 && cols[0] == version && cols[1] == "main").then(|| cols[2].parse().ok()).flatten()
    })
}

/// Runs SQL as the `postgres` superuser (`su postgres -c psql`, the SQL on standard input).
fn psql_as_postgres(sql: &str) -> Result<(), String> {
    let mut child = Command::new("su")
        .args(["postgres", "-c", "psql -v ON_ERROR_STOP=1 -q"])
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run psql: {e}"))?;
    child.stdin.take().ok_or("no stdin for psql")?.write_all(sql.as_bytes()).map_err(|e| e.to_string())?;
    match child.wait() {
        Ok(s) if s.success() => Ok(()),
        _ => Err("creating the test role or a database with psql failed".into()),
    }
}
