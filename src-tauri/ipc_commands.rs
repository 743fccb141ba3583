// The names of every IPC command, shared by build.rs (permissions) and the app (a test
// checks this list against the registry in `ipc.rs`). Kept in its own file because a build
// script cannot import from the crate it builds.

/// Every IPC command the app registers.
pub const COMMANDS: &[&str] = &["app_info", "settings_get", "settings_save", "settings_time_zones"];
