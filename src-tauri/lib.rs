//! The Frontline desktop shell.
//!
//! A thin adapter between the webview and `frontline-core`: it opens the local database,
//! registers the IPC commands (each a few lines calling one core function) and wires the
//! official plugins. No domain rule lives here.
//!
//! **Invariants**
//! - Every command is listed once, in [`ipc::builder`]; bindings and permissions follow
//!   from that list.
//! - Errors cross the IPC boundary only as [`error::IpcError`] (a code the UI translates).
// One exception, `memory.rs`: glibc's `malloc_trim`, which has no safe binding.
#![deny(unsafe_code)]

mod breach_watch;
mod commands;
mod dialogs;
mod due_watch;
pub mod error;
pub mod ipc;
mod memory;
mod state;
mod step_watch;
mod sync_worker;

use tauri::Manager;

include!("ipc_commands.rs");

/// Starts the app.
pub fn run() {
    let started = std::time::Instant::now();
    let ipc = ipc::runtime();
    let app = tauri::Builder::default()
        // Registered first, so a second launch focuses this window and exits early.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        // Every open and save dialog is opened from Rust (`dialogs.rs`); the webview may
        // open none.
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .level(log::LevelFilter::Info)
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir { file_name: None }))
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stderr))
                .build(),
        )
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            ipc.mount_events(app);
            app.manage(state::AppState::new(started));
            state::AppState::open(app.handle());
            breach_watch::start(app.handle().clone());
            step_watch::start(app.handle().clone());
            sync_worker::start(app.handle().clone());
            memory::start_trimming();
            Ok(())
        });
    if let Err(e) = app.run(tauri::generate_context!()) {
        eprintln!("Frontline could not start: {e}");
        std::process::exit(1);
    }
}
