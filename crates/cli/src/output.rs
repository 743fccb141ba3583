//! How the CLI writes: results to stdout through one locked handle (a closed pipe, as in
//! `frontline-cli info | head -3`, ends the command quietly instead of panicking like
//! `println!`), progress to stderr on one line that is ended before anything else is
//! printed, so an error never lands at the end of a `\r` progress line.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a progress line is on screen without its newline yet.
static PROGRESS_OPEN: AtomicBool = AtomicBool::new(false);

/// Results go here.
pub fn stdout() -> io::StdoutLock<'static> {
    io::stdout().lock()
}

/// Replaces the progress line on stderr with `text`.
pub fn progress(text: &str) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "\r{text}");
    let _ = err.flush();
    PROGRESS_OPEN.store(true, Ordering::SeqCst);
}

/// Ends the progress line, if one is open, so what follows starts on a line of its own.
pub fn end_progress_line() {
    if PROGRESS_OPEN.swap(false, Ordering::SeqCst) {
        let _ = writeln!(io::stderr().lock());
    }
}

/// Whether `e` is (caused by) writing to a reader that has gone away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// The file a backup to `dest` is written to before it is complete (the name
/// `frontline_core::backup` uses: `<dest>.partial`).
pub fn partial_of(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

/// Incomplete copies a killed restore left beside the database `db`: its copy aside is a
/// backup to `<name>.before-restore-<time>.db`, written first as `….db.partial`.
pub fn stale_restore_copies(db: &Path) -> Vec<PathBuf> {
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!("{stem}.before-restore-");
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".db.partial")
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}
