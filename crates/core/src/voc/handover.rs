//! Saving an insight's one-page hand-over (Markdown or HTML, as the UI renders it in the
//! user's language) to the file the user chose.
//!
//! The webview may not write files itself: it hands the text and the chosen path here,
//! which accepts only the two document kinds, a bounded size, and writes all or nothing
//! (`<file>.partial` beside the target, renamed over it), so a failed save never leaves
//! half a document where an older one was.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result, ValidationRule};

/// Largest hand-over saved, in bytes (a page with 500 cases and 500 entries cited fits).
pub const MAX_BYTES: u32 = 2 * 1024 * 1024;
/// File extensions a hand-over may be saved with.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm"];

/// Writes `contents` to `path`. Errors: another extension or a relative path
/// (`InvalidValue` on `path`), more than [`MAX_BYTES`] (`TooLong` on `contents`), or the
/// file system's refusal ([`Error::Io`]).
pub fn save(path: &Path, contents: &str) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !path.is_absolute() || !ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)) {
        return Err(Error::invalid("path", ValidationRule::InvalidValue));
    }
    if contents.len() > MAX_BYTES as usize {
        return Err(Error::Validation { field: "contents", rule: ValidationRule::TooLong, limit: Some(MAX_BYTES) });
    }
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let written = (|| {
        let mut f = std::fs::File::create(&partial)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::io("write", path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_markdown_and_html_whole_and_refuses_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("insight.md");
        save(&md, "# Late letters\n").unwrap();
        assert_eq!(std::fs::read_to_string(&md).unwrap(), "# Late letters\n");
        save(&md, "# Replaced\n").unwrap();
        assert_eq!(std::fs::read_to_string(&md).unwrap(), "# Replaced\n");
        save(&dir.path().join("Insight.HTML"), "<h1>x</h1>").unwrap();

        let refused = |p: &Path, c: &str| match save(p, c) {
            Err(Error::Validation { field, rule, .. }) => (field, rule),
            other => panic!("{other:?}"),
        };
        assert_eq!(refused(&dir.path().join("run.sh"), "x"), ("path", ValidationRule::InvalidValue));
        assert_eq!(refused(Path::new("relative.md"), "x"), ("path", ValidationRule::InvalidValue));
        let big = "x".repeat(MAX_BYTES as usize + 1);
        assert_eq!(refused(&dir.path().join("big.md"), &big), ("contents", ValidationRule::TooLong));
        assert!(!dir.path().join("big.md").exists());
        assert!(matches!(save(&dir.path().join("missing/dir/a.md"), "x"), Err(Error::Io { .. })));
        // Nothing but the two saved files is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
