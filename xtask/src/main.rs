//! `cargo xtask`: the one entry point for developers and CI.
//!
//! - `run`   installs what is missing, builds the UI and the app, and starts it.
//! - `test`  runs every test: Rust (nextest), UI (Vitest), the release app's start-up
//!   outside WebDriver (where Tauri's freezePrototype applies), the WebDriver E2E suite
//!   and, on Linux, what the .deb and the server archive hold.
//! - `startup` only the start-up check of `test` (the release app outside WebDriver).
//! - `bench` measures the DESIGN quality bars into BENCHMARKS.md.
//! - `dist`  builds the installers (.deb and AppImage here; msi/nsis and dmg/app on their OS).
//! - `gen`   regenerates the committed TypeScript IPC bindings.
//!
//! Builds go to `$CARGO_TARGET_DIR`, by default `~/.cache/frontline/target`, so a fresh
//! clone (CI) reuses earlier compilation instead of starting cold each time.
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout)]

mod app_build;
mod appimage;
mod bench;
mod setup;
mod shell;
mod startup;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <run|test|bench|dist|gen> [options]

  run                 install missing prerequisites, build, start the app
  test [--no-e2e]     Rust tests (nextest), UI tests (Vitest), start-up outside WebDriver and E2E (Xvfb)
  startup             release app started outside WebDriver: fails unless the UI makes its first IPC call
  bench [--app-only|--import-only|--demo-only|--sync-only|--knowledge-only]
                      query speed at 100k cases, app start-up and memory, demo data, CSV import, sync
                      -> BENCHMARKS.md (--app-only: the app's rows alone, printed; --import-only: the
                      CSV import's; --demo-only: the demo data's; --sync-only: sync's; --knowledge-only:
                      knowledge-base search over 5,000 articles; BENCHMARKS.md untouched)
  dist                build the .deb and AppImage (plus msi/nsis, dmg/app on those systems) with
                      frontline-cli beside the app, and the frontline-server archive
  gen                 regenerate ui/src/ipc/bindings.ts from src-tauri/ipc.rs";

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = shell::repo_root()?;
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("run") => {
            setup::system_packages(setup::Purpose::Run)?;
            setup::node_modules()?;
            let bin = app_build::release_app()?;
            shell::step(&format!("starting {}", bin.display()));
            shell::run(std::process::Command::new(bin))
        }
        Some("test") => {
            let e2e = !args.iter().any(|a| a == "--no-e2e");
            setup::system_packages(if e2e { setup::Purpose::Test } else { setup::Purpose::Run })?;
            setup::node_modules()?;
            setup::cargo_tool("cargo-nextest", "nextest", "cargo-nextest")?;
            let mut nextest = shell::cargo(&["nextest", "run", "--workspace", "--no-fail-fast"]);
            match setup::postgres_for_tests() {
                Ok(url) => {
                    nextest.env("FRONTLINE_TEST_PG_URL", url);
                }
                Err(reason) => println!("PostgreSQL not available: server tests run on SQLite only ({reason})"),
            }
            shell::step("Rust tests");
            shell::run(nextest)?;
            shell::step("UI tests");
            shell::run(shell::npm(&["run", "typecheck", "-w", "ui"]))?;
            shell::run(shell::npm(&["test", "-w", "ui"]))?;
            if e2e {
                setup::cargo_tool("tauri-driver", "", "tauri-driver")?;
                let bin = app_build::release_app()?;
                shell::step("start-up outside WebDriver (the UI must make its first IPC call)");
                let ms = startup::check(&bin)?;
                println!("first screen after {ms} ms");
                shell::step("E2E tests (real app under Xvfb, WebDriver)");
                let mut cmd = shell::npm(&["test", "-w", "tests/e2e"]);
                cmd.env("FRONTLINE_APP_BINARY", &bin);
                shell::run(cmd)?;
                if cfg!(target_os = "linux") {
                    shell::step("installers: the .deb carries the app and frontline-cli; the server archive");
                    app_build::check_installers()?;
                }
            }
            Ok(())
        }
        Some("startup") => {
            let bin = app_build::release_app()?;
            shell::step("start-up outside WebDriver (the UI must make its first IPC call)");
            println!("first screen after {} ms", startup::check(&bin)?);
            Ok(())
        }
        Some("bench") => {
            setup::system_packages(setup::Purpose::Test)?;
            // The CLI's and the server's rows need no UI, so no npm dependencies either.
            match args.get(1).map(String::as_str) {
                Some("--import-only") => bench::run_import_only(),
                Some("--core-only") => bench::run_core_only(),
                Some("--demo-only") => bench::run_demo_only(),
                Some("--sync-only") => bench::run_sync_only(),
                Some("--app-only") => setup::node_modules().and_then(|()| bench::run_app_only()),
                _ => setup::node_modules().and_then(|()| bench::run()),
            }
        }
        Some("dist") => {
            setup::system_packages(setup::Purpose::Dist)?;
            setup::node_modules()?;
            app_build::dist()
        }
        Some("gen") => {
            let mut cmd =
                shell::cargo(&["test", "-p", "frontline", "--lib", "ipc::tests::typescript_bindings_are_current"]);
            cmd.env("FRONTLINE_WRITE_BINDINGS", "1");
            shell::run(cmd)?;
            println!("wrote ui/src/ipc/bindings.ts");
            Ok(())
        }
        _ => bail!("{USAGE}"),
    }
}
