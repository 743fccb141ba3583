//! Writing results to stdout, and ending a progress line before anything else is said.
//!
//! Results go to stdout, progress and errors to stderr. A closed stdout (`| head -3`) is
//! not an error worth a panic: the command stops quietly, as Unix tools do.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a `\r` progress line is on stderr without its newline yet.
static PROGRESS_OPEN: AtomicBool = AtomicBool::new(false);

/// Marks a progress line as being drawn on stderr.
pub fn progress_drawn() {
    PROGRESS_OPEN.store(true, Ordering::SeqCst);
}

/// Ends an open progress line, so the next message starts on its own line.
pub fn end_progress() {
    if PROGRESS_OPEN.swap(false, Ordering::SeqCst) {
        eprintln!();
    }
}

/// Prints one line of results; a closed stdout ends the program quietly.
pub fn line(text: impl std::fmt::Display) {
    end_progress();
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// Prints a value as pretty JSON.
pub fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    line(serde_json::to_string_pretty(value)?);
    Ok(())
}
