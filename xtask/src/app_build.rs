//! Building the desktop app the way it ships: UI bundled into a release binary.
//!
//! A plain `cargo build` makes a dev binary that loads the UI from the Vite dev server;
//! the E2E suite and `run` need what users get, so the UI is built first and the binary
//! is compiled with `tauri/custom-protocol`.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::{appimage, shell};

/// Builds the UI and the release app; returns the binary's path.
pub fn release_app() -> Result<PathBuf> {
    shell::step("building the UI");
    shell::run(shell::npm(&["run", "build", "-w", "ui"]))?;
    shell::step("building the app (release)");
    shell::run(shell::cargo(&["build", "--release", "--features", "tauri/custom-protocol", "-p", "frontline"]))?;
    // The E2E suite seeds large databases with the CLI that ships beside the app.
    shell::run(shell::cargo(&["build", "--release", "-p", "frontline-cli"]))?;
    let bin = shell::target_dir().join("release").join(if cfg!(windows) { "frontline.exe" } else { "frontline" });
    if !bin.is_file() {
        bail!("the build finished but {} is missing", bin.display());
    }
    Ok(bin)
}

/// Builds the installers for this OS with the Tauri CLI and lists them with their sizes.
pub fn dist() -> Result<()> {
    let bundles = if cfg!(target_os = "linux") {
        appimage::ensure_tools()?;
        "deb,appimage"
    } else if cfg!(target_os = "macos") {
        "app,dmg"
    } else {
        "msi,nsis"
    };
    shell::step(&format!("building installers ({bundles})"));
    shell::run(shell::npm(&["exec", "--", "tauri", "build", "--bundles", bundles]))?;
    let dir = shell::target_dir().join("release").join("bundle");
    let mut found = Vec::new();
    for kind in std::fs::read_dir(&dir)? {
        for f in std::fs::read_dir(kind?.path())? {
            let f = f?;
            if f.file_type()?.is_file() {
                found.push((f.path(), f.metadata()?.len()));
            }
        }
    }
    if found.is_empty() {
        bail!("no installers in {}", dir.display());
    }
    for (path, len) in found {
        println!("{:>8.1} MiB  {}", len as f64 / 1_048_576.0, path.display());
    }
    Ok(())
}
