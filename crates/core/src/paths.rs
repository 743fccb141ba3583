//! Where the local database lives.
//!
//! The OS data directory by default (`~/.local/share/frontline` on Linux,
//! `~/Library/Application Support/app.frontline.desktop` on macOS, `%APPDATA%` on
//! Windows). Overridable so tests, demos and several profiles can keep separate data:
//! an explicit path wins, then `FRONTLINE_DB` (the database file), then
//! `FRONTLINE_DATA_DIR` (a directory holding `frontline.db`).

use std::path::PathBuf;

use crate::{Error, Result};

/// Environment variable naming the database file.
pub const DB_ENV: &str = "FRONTLINE_DB";
/// Environment variable naming the data directory.
pub const DATA_DIR_ENV: &str = "FRONTLINE_DATA_DIR";
/// File name of the database inside a data directory.
pub const DB_FILE_NAME: &str = "frontline.db";

/// Resolves the database path from an explicit choice, the environment, or the OS default.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(d).join(DB_FILE_NAME));
    }
    directories::ProjectDirs::from("app", "frontline", "frontline")
        .map(|d| d.data_dir().join(DB_FILE_NAME))
        .ok_or_else(|| Error::Internal("no home directory to keep the database in".into()))
}
