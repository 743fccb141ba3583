//! Running commands: echo them, stream their output, fail loudly with the command line.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The repository root (the directory above `xtask/`): of the checkout `cargo xtask` runs
/// in, which `cargo run` names at run time. The path compiled in is only a fallback: two
/// checkouts sharing a target directory share one xtask binary, built in either of them,
/// and a checkout older than that build finds it fresh.
pub fn repo_root() -> Result<PathBuf> {
    let here =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    here.parent().map(PathBuf::from).context("xtask has no parent directory")
}

/// The target directory builds use: `$CARGO_TARGET_DIR`, else `~/.cache/frontline/target`
/// (outside the clone, so a fresh checkout reuses earlier compilation).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    match std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
        Some(home) => PathBuf::from(home).join(".cache").join("frontline").join("target"),
        None => PathBuf::from("target"),
    }
}

/// A command with the shared environment (target dir) applied.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd
}

/// `cargo <args>`.
pub fn cargo(args: &[&str]) -> Command {
    let mut cmd = command(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args);
    cmd
}

/// `npm <args>` (npm.cmd on Windows).
pub fn npm(args: &[&str]) -> Command {
    let mut cmd = command(if cfg!(windows) { "npm.cmd" } else { "npm" });
    cmd.args(args);
    cmd
}

/// Prints a step banner.
pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// Runs `cmd` with inherited stdio; an unsuccessful exit is an error naming the command.
pub fn run(mut cmd: Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Whether `program` can be started (found on PATH).
pub fn has(program: &str, probe_arg: &str) -> bool {
    Command::new(program)
        .arg(probe_arg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}
