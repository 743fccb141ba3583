//! Every native file dialog the app opens, in one place: the open dialogs of the CSV
//! import, the JSON import, the article editor's images and training certificates, the
//! folder dialogs of the knowledge base's Markdown import and export, and the save
//! dialogs of the CSV and JSON exports, the service report's and a run report's PDF, an
//! insight's hand-over (Markdown or HTML) and a training certificate.
//!
//! They are opened from Rust, never by the webview (which holds no dialog permission): the
//! window never names a path, so it cannot make the app read or write a file the user did
//! not choose. Each save dialog is offered a suggested file name; only a plain name is
//! taken (no folder, no `..`), so a suggestion can never point anywhere.
//!
//! **Test substitute.** WebDriver cannot drive a native dialog, so the E2E suite sets the
//! environment variable `FRONTLINE_TEST_DIALOG_DIR` to a folder. Then no dialog opens:
//! - a save dialog answers `$FRONTLINE_TEST_DIALOG_DIR/<the suggested file name>`;
//! - a folder dialog answers `$FRONTLINE_TEST_DIALOG_DIR/kb-import/` or `kb-export/`;
//! - an open dialog answers the only file in `$FRONTLINE_TEST_DIALOG_DIR/open/`, and fails
//!   (an internal error; the log names the folder and what it holds) when that folder is
//!   missing or holds no file or several.
//!
//! Nothing else changes: the file is then read or written exactly as after a real dialog.
//! (`tests/e2e/README.md` lists the names each dialog suggests.)

use std::path::{Path, PathBuf};

use frontline_core::{Error, ValidationRule};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcError;

/// The variable that replaces every dialog by a folder (see the module's doc).
pub const TEST_DIALOG_DIR: &str = "FRONTLINE_TEST_DIALOG_DIR";

/// What a dialog offers: its filter's name and extensions.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    name: &'static str,
    extensions: &'static [&'static str],
}

/// A CSV file to export to.
pub const CSV: FileKind = FileKind { name: "CSV", extensions: &["csv"] };
/// A helpdesk export to import (spreadsheets also save CSV as `.txt` or `.tsv`).
pub const CSV_IMPORT: FileKind = FileKind { name: "CSV", extensions: &["csv", "txt", "tsv"] };
/// A Frontline JSON export.
pub const JSON: FileKind = FileKind { name: "JSON", extensions: &["json"] };
/// A PDF report.
pub const PDF: FileKind = FileKind { name: "PDF", extensions: &["pdf"] };
/// A Markdown page.
pub const MARKDOWN: FileKind = FileKind { name: "Markdown", extensions: &["md"] };
/// An HTML page.
pub const HTML: FileKind = FileKind { name: "HTML", extensions: &["html"] };
/// An image to add to a knowledge-base article.
pub const IMAGE: FileKind = FileKind { name: "Images", extensions: &["png", "jpg", "jpeg", "gif", "webp"] };
/// A certificate to attach to a training record, or to save back out.
pub const CERTIFICATE: FileKind = FileKind { name: "PDF, PNG, JPEG", extensions: &["pdf", "png", "jpg", "jpeg"] };

/// Asks where to save a `kind` file, offering `suggested` (a plain file name); `None` when
/// the user closes the dialog.
pub async fn save(app: &AppHandle, suggested: &str, kind: FileKind) -> Result<Option<PathBuf>, IpcError> {
    let name = plain_name(suggested)?;
    if let Some(dir) = substitute_dir() {
        return Ok(Some(dir.join(name)));
    }
    let dialog = app.dialog().file().set_file_name(name).add_filter(kind.name, kind.extensions);
    let chosen = run(move || dialog.blocking_save_file()).await?;
    chosen.map(|p| p.into_path().map_err(|_| IpcError::invalid_field("path"))).transpose()
}

/// What a folder dialog is for (its title's key in the test substitute's folder).
#[derive(Debug, Clone, Copy)]
pub struct FolderKind {
    substitute: &'static str,
}

/// A folder of Markdown files to import into the knowledge base.
pub const KB_IMPORT_FOLDER: FolderKind = FolderKind { substitute: "kb-import" };
/// A folder to export the knowledge base into.
pub const KB_EXPORT_FOLDER: FolderKind = FolderKind { substitute: "kb-export" };

/// Asks for a folder; `None` when the user closes the dialog. The test substitute answers
/// `$FRONTLINE_TEST_DIALOG_DIR/<kb-import|kb-export>/`, made if missing.
pub async fn folder(app: &AppHandle, kind: FolderKind) -> Result<Option<PathBuf>, IpcError> {
    if let Some(dir) = substitute_dir() {
        let dir = dir.join(kind.substitute);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Internal(format!("{TEST_DIALOG_DIR}: cannot make {}: {e}", dir.display())))?;
        return Ok(Some(dir));
    }
    let dialog = app.dialog().file();
    let chosen = run(move || dialog.blocking_pick_folder()).await?;
    chosen.map(|p| p.into_path().map_err(|_| IpcError::invalid_field("path"))).transpose()
}

/// Asks for an existing `kind` file to read; `None` when the user closes the dialog.
pub async fn open(app: &AppHandle, kind: FileKind) -> Result<Option<PathBuf>, IpcError> {
    if let Some(dir) = substitute_dir() {
        return Ok(Some(substitute_open(&dir)?));
    }
    let dialog = app.dialog().file().add_filter(kind.name, kind.extensions);
    let chosen = run(move || dialog.blocking_pick_file()).await?;
    chosen.map(|p| p.into_path().map_err(|_| IpcError::invalid_field("path"))).transpose()
}

/// Runs a blocking dialog on a worker thread: it waits for the user, and the async
/// runtime's threads must keep answering the window meanwhile.
async fn run<T: Send + 'static>(dialog: impl FnOnce() -> T + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(dialog)
        .await
        .map_err(|e| Error::Internal(format!("file dialog failed: {e}")).into())
}

fn substitute_dir() -> Option<PathBuf> {
    std::env::var_os(TEST_DIALOG_DIR).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// `suggested` if it is a plain, non-empty file name.
fn plain_name(suggested: &str) -> Result<&str, Error> {
    let p = Path::new(suggested);
    if suggested.trim().is_empty() || p.file_name() != Some(p.as_os_str()) {
        return Err(Error::Validation { field: "fileName", rule: ValidationRule::InvalidValue, limit: None });
    }
    Ok(suggested)
}

/// The only file in `dir/open/`.
fn substitute_open(dir: &Path) -> Result<PathBuf, Error> {
    let folder = dir.join("open");
    let entries = std::fs::read_dir(&folder)
        .map_err(|e| Error::Internal(format!("{TEST_DIALOG_DIR}: cannot read {}: {e}", folder.display())))?;
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect();
    match files.len() {
        1 => Ok(files.remove(0)),
        n => Err(Error::Internal(format!(
            "{TEST_DIALOG_DIR}: {} must hold exactly one file to open, and holds {n}",
            folder.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_answers_the_suggested_name_in_the_folder() {
        let dir = Path::new("/tmp/e2e-dialogs");
        assert_eq!(
            dir.join(plain_name("service-report-2026-W48.pdf").unwrap()),
            dir.join("service-report-2026-W48.pdf")
        );
        assert_eq!(plain_name("案件 2026-12-05.csv").unwrap(), "案件 2026-12-05.csv");
    }

    #[test]
    fn a_suggestion_naming_a_folder_is_refused() {
        for bad in ["", "  ", "../outside.csv", "a/b.csv", "/etc/passwd", ".."] {
            assert!(
                matches!(
                    plain_name(bad),
                    Err(Error::Validation { field: "fileName", rule: ValidationRule::InvalidValue, .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_open_answers_the_only_file_in_open_and_fails_on_none_or_several() {
        let dir = tempfile::tempdir().unwrap();
        let refused = |dir: &Path| match substitute_open(dir) {
            Err(Error::Internal(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(refused(dir.path()).contains("cannot read"), "no open/ folder");
        let open = dir.path().join("open");
        std::fs::create_dir(&open).unwrap();
        assert!(refused(dir.path()).contains("holds 0"));
        std::fs::create_dir(open.join("not-a-file")).unwrap();
        std::fs::write(open.join("zendesk.csv"), "id\n").unwrap();
        assert_eq!(substitute_open(dir.path()).unwrap(), open.join("zendesk.csv"), "a folder does not count");
        std::fs::write(open.join("other.csv"), "id\n").unwrap();
        assert!(refused(dir.path()).contains("holds 2"));
    }
}
