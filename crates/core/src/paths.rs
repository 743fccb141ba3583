//! Where the local database lives.
//!
//! The OS data directory by default (`~/.local/share/frontline` on Linux,
//! `~/Library/Application Support/app.frontline.desktop` on macOS, `%APPDATA%` on
//! Windows). Overridable so tests, demos and several profiles can keep separate data:
//! an explicit path wins, then `FRONTLINE_DB` (the database file), then
//! `FRONTLINE_DATA_DIR` (a directory holding `frontline.db`).
//!
//! Also the first look at a path a user names (a backup to restore, a database to back
//! up, where to write a backup), so a typo, a directory or an empty file each get their
//! own true message before SQLite is asked to open anything.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

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

/// What an existing file named by the user is meant to be, for the message when it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// A backup to restore or inspect.
    Backup,
    /// A database to copy.
    Database,
}

fn problem(path: &Path, kind: ErrorKind, text: &'static str) -> Error {
    Error::io("open", path, std::io::Error::new(kind, text))
}

/// Checks that `path` names an existing, non-empty file: "no such file", "is a
/// directory, not a database file" and "is empty (0 bytes), …" otherwise.
pub fn check_existing_file(path: &Path, role: FileRole) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(problem(path, ErrorKind::NotFound, "no such file")),
        Err(e) => return Err(Error::io("open", path, e)),
    };
    if meta.is_dir() {
        return Err(problem(path, ErrorKind::IsADirectory, "is a directory, not a database file"));
    }
    if meta.len() == 0 {
        let text = match role {
            FileRole::Backup => "is empty (0 bytes), not a Frontline backup",
            FileRole::Database => "is empty (0 bytes): there is no database in it yet",
        };
        return Err(problem(path, ErrorKind::InvalidData, text));
    }
    Ok(())
}

/// Checks that `path` can be a new file: not an existing file ([`Error::AlreadyExists`]),
/// not a directory, and in a directory that exists.
pub fn check_new_file(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(problem(path, ErrorKind::IsADirectory, "is a directory; name a file inside it"));
    }
    if path.exists() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(problem(path, ErrorKind::NotFound, "no such directory to write it in")),
        _ => Ok(()),
    }
}

/// Refuses a directory where a database file is expected (a missing or empty file is
/// fine: opening it creates a new database).
pub fn check_not_a_directory(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(problem(path, ErrorKind::IsADirectory, "is a directory, not a database file"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<()>) -> String {
        let e = r.unwrap_err();
        match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        }
    }

    #[test]
    fn existing_files_missing_directory_or_empty_each_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let (missing, empty, full) =
            (dir.path().join("missing.db"), dir.path().join("empty.db"), dir.path().join("full.db"));
        std::fs::write(&empty, b"").unwrap();
        std::fs::write(&full, b"x").unwrap();
        check_existing_file(&full, FileRole::Backup).unwrap();
        assert_eq!(
            message(check_existing_file(&missing, FileRole::Backup)),
            format!("open {}: no such file", missing.display())
        );
        assert_eq!(
            message(check_existing_file(dir.path(), FileRole::Database)),
            format!("open {}: is a directory, not a database file", dir.path().display())
        );
        assert!(
            message(check_existing_file(&empty, FileRole::Backup))
                .ends_with("is empty (0 bytes), not a Frontline backup")
        );
        assert!(
            message(check_existing_file(&empty, FileRole::Database))
                .ends_with("is empty (0 bytes): there is no database in it yet")
        );
    }

    #[test]
    fn new_files_must_not_exist_and_need_their_directory() {
        let dir = tempfile::tempdir().unwrap();
        let taken = dir.path().join("taken.db");
        std::fs::write(&taken, b"x").unwrap();
        check_new_file(&dir.path().join("new.db")).unwrap();
        assert!(matches!(check_new_file(&taken), Err(Error::AlreadyExists { .. })));
        assert!(message(check_new_file(dir.path())).ends_with("is a directory; name a file inside it"));
        assert!(
            message(check_new_file(&dir.path().join("no/such/dir/new.db")))
                .ends_with("no such directory to write it in")
        );
        check_not_a_directory(&taken).unwrap();
        check_not_a_directory(&dir.path().join("new.db")).unwrap();
        assert!(message(check_not_a_directory(dir.path())).ends_with("is a directory, not a database file"));
    }
}
