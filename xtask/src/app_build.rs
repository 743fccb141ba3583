//! Building the desktop app the way it ships: UI bundled into a release binary.
//!
//! A plain `cargo build` makes a dev binary that loads the UI from the Vite dev server;
//! the E2E suite, `run` and `bench` need what users get, so the binary is built as the
//! installers are (`tauri build`: UI first, then the app with `tauri/custom-protocol`),
//! and the installers are then packed from that very build (`tauri bundle`), never a second
//! one: a second compile with other workspace features would rebuild every dependency.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::{appimage, shell};

/// Builds the UI and the release app; returns the binary's path.
pub fn release_app() -> Result<PathBuf> {
    let bin = release_app_alone()?;
    // The E2E suite seeds large databases with the CLI that ships beside the app, and
    // syncs two devices through a real server.
    shell::run(shell::cargo(&["build", "--release", "-p", "frontline-cli", "-p", "frontline-server"]))?;
    Ok(bin)
}

/// The UI and the release app, without the CLI and the server.
pub fn release_app_alone() -> Result<PathBuf> {
    shell::step("building the UI and the app (release)");
    shell::run(shell::npm(&["exec", "--", "tauri", "build", "--no-bundle"]))?;
    let bin = shell::target_dir().join("release").join(if cfg!(windows) { "frontline.exe" } else { "frontline" });
    if !bin.is_file() {
        bail!("the build finished but {} is missing", bin.display());
    }
    Ok(bin)
}

/// Where the CLI is staged for the installers, relative to the repository root (and to
/// `tauri.conf.json`, whose `bundle.linux.*.files` name it).
const STAGED_CLI: &str = ".dist/frontline-cli";

/// Builds the installers for this OS with the Tauri CLI, with `frontline-cli` beside the
/// app, and the server's own archive; lists them with their sizes.
pub fn dist() -> Result<()> {
    let bundles = if cfg!(target_os = "linux") {
        appimage::ensure_tools()?;
        "deb,appimage"
    } else if cfg!(target_os = "macos") {
        "app,dmg"
    } else {
        "msi,nsis"
    };
    release_app()?;
    installers(bundles)?;
    server_archive()?;
    let dir = bundle_dir();
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

/// Packs the release build ([`release_app`]) into `bundles`, the CLI staged first so the
/// installers carry it: on Linux as `/usr/bin/frontline-cli` (`bundle.linux.{deb,appimage}.files`), elsewhere
/// as a sidecar beside the app's executable (`bundle.externalBin`, which wants the name
/// suffixed with the target triple, so it is given only here, never to a plain build).
pub fn installers(bundles: &str) -> Result<()> {
    let exe = if cfg!(windows) { ".exe" } else { "" };
    let built = shell::target_dir().join("release").join(format!("frontline-cli{exe}"));
    let staged = PathBuf::from(STAGED_CLI);
    std::fs::create_dir_all(staged.parent().unwrap_or(Path::new(".")))?;
    std::fs::copy(&built, &staged).with_context(|| format!("cannot stage {}", built.display()))?;
    let mut args = vec!["exec", "--", "tauri", "bundle", "--bundles", bundles];
    let sidecar_config;
    if !cfg!(target_os = "linux") {
        let triple = host_triple()?;
        std::fs::copy(&built, format!("{STAGED_CLI}-{triple}{exe}"))?;
        sidecar_config = format!(r#"{{"bundle":{{"externalBin":["{STAGED_CLI}"]}}}}"#);
        args.extend(["--config", &sidecar_config]);
    }
    shell::step(&format!("building installers ({bundles})"));
    shell::run(shell::npm(&args))
}

/// Where `tauri bundle` writes the installers.
pub fn bundle_dir() -> PathBuf {
    shell::target_dir().join("release").join("bundle")
}

/// `frontline-server-<version>-<os>-<arch>.tar.gz` in the bundle directory: the server
/// binary with its README, systemd unit and Dockerfile. The server is installed on its own
/// machine, so it is never part of the desktop installers.
pub fn server_archive() -> Result<PathBuf> {
    shell::step("building frontline-server (release) and its archive");
    // Built as release_app builds it (the same packages, so the same features: no rebuild).
    shell::run(shell::cargo(&["build", "--release", "-p", "frontline-cli", "-p", "frontline-server"]))?;
    let exe = if cfg!(windows) { ".exe" } else { "" };
    let name = format!(
        "frontline-server-{}-{}-{}",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let stage = shell::target_dir().join("release").join("server-archive").join(&name);
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage)?;
    let binary = format!("frontline-server{exe}");
    std::fs::copy(shell::target_dir().join("release").join(&binary), stage.join(&binary))?;
    for (from, to) in [
        ("crates/server/README.md", "README.md"),
        ("crates/server/deploy/frontline-server.service", "frontline-server.service"),
        ("crates/server/deploy/Dockerfile", "Dockerfile"),
    ] {
        std::fs::copy(from, stage.join(to)).with_context(|| format!("cannot copy {from}"))?;
    }
    let out_dir = bundle_dir().join("server");
    std::fs::create_dir_all(&out_dir)?;
    let archive = out_dir.join(format!("{name}.tar.gz"));
    let mut tar = std::process::Command::new("tar");
    tar.arg("-czf").arg(&archive).arg("-C").arg(stage.parent().unwrap_or(Path::new("."))).arg(&name);
    shell::run(tar)?;
    Ok(archive)
}

/// This machine's Rust target triple (`rustc -vV`), for sidecar names.
fn host_triple() -> Result<String> {
    let out = std::process::Command::new("rustc").arg("-vV").output().context("cannot run rustc -vV")?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .context("rustc -vV did not name the host triple")
}

/// Part of `xtask test` on Linux, after [`release_app`]: packs the .deb and the server
/// archive and checks what a user installs — the app and `frontline-cli` in `/usr/bin`, both runnable — and what
/// an administrator unpacks.
pub fn check_installers() -> Result<()> {
    installers("deb")?;
    let deb = std::fs::read_dir(bundle_dir().join("deb"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .context("tauri bundle made no .deb")?;
    let unpacked = shell::target_dir().join("release").join("deb-check");
    let _ = std::fs::remove_dir_all(&unpacked);
    let mut extract = std::process::Command::new("dpkg-deb");
    extract.arg("-x").arg(&deb).arg(&unpacked);
    shell::run(extract)?;
    for program in ["frontline", "frontline-cli"] {
        let path = unpacked.join("usr/bin").join(program);
        if !path.is_file() {
            bail!("{} does not install /usr/bin/{program}", deb.display());
        }
    }
    let version = std::process::Command::new(unpacked.join("usr/bin/frontline-cli")).arg("--version").output()?;
    let said = String::from_utf8_lossy(&version.stdout);
    if !version.status.success() || !said.starts_with("frontline-cli ") {
        bail!("the packaged frontline-cli does not run: {said}{}", String::from_utf8_lossy(&version.stderr));
    }
    println!("{}: /usr/bin/frontline and /usr/bin/{}", deb.display(), said.trim());
    let archive = server_archive()?;
    let listing = std::process::Command::new("tar").arg("-tzf").arg(&archive).output()?;
    let listing = String::from_utf8_lossy(&listing.stdout);
    for file in ["frontline-server", "README.md", "frontline-server.service", "Dockerfile"] {
        if !listing.lines().any(|l| l.ends_with(&format!("/{file}"))) {
            bail!("{} lacks {file}:\n{listing}", archive.display());
        }
    }
    println!("{}: server, README, systemd unit, Dockerfile", archive.display());
    Ok(())
}
