//! Where the local database lives.
//!
//! The OS data directory by default (`~/.local/share/frontline` on Linux,
//! `~/Library/Application Support/app.frontline.desktop` on macOS, `%APPDATA%` on
//! Windows). Overridable so tests, demos and several profiles can keep separate data:
//! an explicit path wins, then `FRONTLINE_DB` (the database file), then
//! `FRONTLINE_DATA_DIR` (a directory holding `frontline.db`).
//!
//! Also the first look at where a new file (a backup) is to be written, so a directory,
//! a taken name or a missing directory each get their own true message before anything
//! is copied. (A file to open is looked at by the store: `store::open`.)

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
    Ok(resolve(explicit)?.path)
}

/// Where the database is, and whether its directory is Frontline's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The database file.
    pub path: PathBuf,
    /// The directory is a data directory (the OS default or `FRONTLINE_DATA_DIR`), which
    /// Frontline keeps private; a file named directly may sit anywhere, whose directory is
    /// not Frontline's to change.
    pub own_dir: bool,
}

/// Resolves the database's [`Location`] as [`resolve_db_path`] does.
pub fn resolve(explicit: Option<PathBuf>) -> Result<Location> {
    if let Some(p) = explicit {
        return Ok(Location { path: p, own_dir: false });
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(Location { path: PathBuf::from(p), own_dir: false });
    }
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(Location { path: PathBuf::from(d).join(DB_FILE_NAME), own_dir: true });
    }
    directories::ProjectDirs::from("app", "frontline", "frontline")
        .map(|d| Location { path: d.data_dir().join(DB_FILE_NAME), own_dir: true })
        .ok_or_else(|| Error::Internal("no home directory to keep the database in".into()))
}

/// Makes Frontline's own data directory readable by the user only, if it exists and is
/// not already (a directory made by an older version, a backup tool or by hand). Returns
/// whether it changed anything. A directory that is not Frontline's own is left alone.
pub fn secure(location: &Location) -> Result<bool> {
    let Some(dir) = location.path.parent().filter(|d| location.own_dir && d.is_dir()) else {
        return Ok(false);
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).map_err(|e| Error::io("read", dir, e))?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(|e| Error::io("make private", dir, e))?;
            return Ok(true);
        }
    }
    Ok(false)
}

/// Checks that `path` can be a new file: not an existing file ([`Error::AlreadyExists`]),
/// not a directory, and in a directory that exists.
pub fn check_new_file(path: &Path) -> Result<()> {
    let problem = |kind, text| Error::io("write", path, std::io::Error::new(kind, text));
    if path.is_dir() {
        return Err(problem(ErrorKind::IsADirectory, "is a directory; name a file inside it"));
    }
    if path.exists() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(problem(ErrorKind::NotFound, "no such directory to write it in")),
        _ => Ok(()),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_loose_data_directory_is_made_private_but_another_directory_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let own = tmp.path().join("data");
        std::fs::create_dir(&own).unwrap();
        std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let loc = Location { path: own.join(DB_FILE_NAME), own_dir: true };
        assert!(secure(&loc).unwrap());
        assert_eq!(mode(&own), 0o700);
        assert!(!secure(&loc).unwrap(), "already private");
        let shared = tmp.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(!secure(&Location { path: shared.join("mine.db"), own_dir: false }).unwrap());
        assert_eq!(mode(&shared), 0o755);
    }

    fn message(r: Result<()>) -> String {
        let e = r.unwrap_err();
        match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        }
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
    }
}
