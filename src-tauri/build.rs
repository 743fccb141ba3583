//! Build script of the desktop app: tauri-build with the app's command manifest, so every
//! IPC command needs an explicit grant in `src-tauri/capabilities/` (least privilege).

include!("ipc_commands.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(manifest)
            .capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("tauri build script");
}
