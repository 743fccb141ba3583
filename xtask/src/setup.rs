//! Installing what a fresh machine lacks: system packages, npm dependencies, cargo tools.
//!
//! On Debian/Ubuntu the Tauri build dependencies (and Xvfb + WebKitWebDriver for the E2E
//! suite) are installed with apt when running as root or with password-less sudo; otherwise
//! the exact command is printed. macOS and Windows need no system packages beyond the
//! toolchains named in the README.

use std::path::Path;
use std::process::Command;

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
const TEST_PACKAGES: &[&str] = &["xvfb", "webkit2gtk-driver", "dbus-daemon", "imagemagick", "x11-utils"];
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
