//! Where a device keeps its server token: the operating system's keyring (Keychain,
//! Credential Manager, the Secret Service on Linux), or — where there is none, as on a
//! headless server or in CI — a file beside the database readable by the user only.
//!
//! One token per database: the key is the database file's absolute path, so the app and
//! the CLI on the same database share it, and two databases never do.

use std::path::{Path, PathBuf};

/// Set to `file` to skip the keyring (tests, scripted machines).
pub const STORE_ENV: &str = "FRONTLINE_CREDENTIALS";
const SERVICE: &str = "app.frontline.desktop";

/// Where the token of one database lives.
#[derive(Debug, Clone)]
pub struct Credentials {
    account: String,
    file: PathBuf,
}

/// Where a token was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// In the operating system's keyring.
    Keyring,
    /// In a file readable by the user only.
    File,
}

/// Why the token could not be kept or read.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} the sync credential ({detail})")]
pub struct CredentialError {
    action: &'static str,
    detail: String,
}

impl Credentials {
    /// The credential of the database at `db`.
    pub fn for_database(db: &Path) -> Self {
        let abs = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        let mut file = abs.clone().into_os_string();
        file.push(".sync-token");
        Credentials { account: abs.to_string_lossy().into_owned(), file: PathBuf::from(file) }
    }

    fn keyring(&self) -> Option<keyring::Entry> {
        if std::env::var(STORE_ENV).is_ok_and(|v| v == "file") {
            return None;
        }
        keyring::Entry::new(SERVICE, &self.account).ok()
    }

    /// Keeps `token`, in the keyring if there is one, else in the file.
    pub fn save(&self, token: &str) -> Result<Kept, CredentialError> {
        if let Some(entry) = self.keyring()
            && entry.set_password(token).is_ok()
        {
            let _ = std::fs::remove_file(&self.file);
            return Ok(Kept::Keyring);
        }
        write_private(&self.file, token).map_err(|e| CredentialError { action: "save", detail: e.to_string() })?;
        Ok(Kept::File)
    }

    /// The token, if one is kept.
    pub fn load(&self) -> Result<Option<String>, CredentialError> {
        if let Some(entry) = self.keyring()
            && let Ok(token) = entry.get_password()
        {
            return Ok(Some(token));
        }
        match std::fs::read_to_string(&self.file) {
            Ok(t) => Ok(Some(t.trim().to_owned()).filter(|t| !t.is_empty())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(CredentialError { action: "read", detail: e.to_string() }),
        }
    }

    /// Forgets the token, wherever it is.
    pub fn delete(&self) -> Result<(), CredentialError> {
        if let Some(entry) = self.keyring() {
            let _ = entry.delete_credential();
        }
        match std::fs::remove_file(&self.file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(CredentialError { action: "delete", detail: e.to_string() })
            }
            _ => Ok(()),
        }
    }
}

/// Writes `text` to a new file only the user can read, replacing any old one.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let partial = path.with_extension("sync-token.partial");
    let _ = std::fs::remove_file(&partial);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&partial)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_credential_is_private_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("frontline.db");
        let c = Credentials::for_database(&db);
        write_private(&c.file, "tok-123").unwrap();
        assert_eq!(std::fs::read_to_string(&c.file).unwrap(), "tok-123");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&c.file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        write_private(&c.file, "tok-456").unwrap();
        assert_eq!(std::fs::read_to_string(&c.file).unwrap(), "tok-456");
        assert!(c.file.to_string_lossy().ends_with("frontline.db.sync-token"));
    }
}
