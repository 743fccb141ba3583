//! Writing an export to its file: completely or not at all.
//!
//! The bytes go to `<file>.partial` (the same name [`crate::backup::partial_path`] gives a
//! backup), are synced to disk, and only then renamed over the file; a failure or a cancel
//! removes the partial file. So a file at the chosen path is always a whole export, and an
//! earlier file there survives an export that did not finish.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use crate::{Error, Result};

/// Writes `path` through `write`. An existing file is replaced only when `replace` is
/// set (the app's save dialog has asked the user); otherwise it is an
/// [`Error::AlreadyExists`].
pub fn write_file<T>(path: &Path, replace: bool, write: impl FnOnce(&mut BufWriter<File>) -> Result<T>) -> Result<T> {
    if !replace && path.exists() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    let partial = crate::backup::partial_path(path);
    let result = (|| {
        let file = File::create(&partial).map_err(|e| Error::io("create", &partial, e))?;
        let mut out = BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| Error::io("write", &partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io("write", &partial, e))?;
        std::fs::rename(&partial, path).map_err(|e| Error::io("move the export into place at", path, e))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_partial_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        std::fs::write(&path, "old").unwrap();
        let out = write_file(&path, true, |w| {
            w.write_all(b"half").unwrap();
            Err::<(), _>(Error::Cancelled)
        });
        assert!(matches!(out, Err(Error::Cancelled)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(!crate::backup::partial_path(&path).exists());
        write_file(&path, true, |w| {
            w.write_all(b"new").unwrap();
            Ok(())
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(matches!(write_file(&path, false, |_| Ok(())), Err(Error::AlreadyExists { .. })));
    }
}
