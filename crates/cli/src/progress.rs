//! Ctrl-C as a clean cancel, and progress on stderr.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::output;

/// A flag Ctrl-C sets: long work checks it and stops cleanly (nothing half-written).
pub fn cancel_on_ctrl_c() -> Result<Arc<AtomicBool>> {
    let cancelled = Arc::new(AtomicBool::new(false));
    let flag = cancelled.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).context("cannot install Ctrl-C handler")?;
    Ok(cancelled)
}

/// Draws `text` as the current progress line: on a terminal only (a log or a pipe gets
/// results and errors, not thousands of `\r` lines), and at most ten times a second.
pub fn draw(text: &str) {
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    if !std::io::stderr().is_terminal() {
        return;
    }
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
        return;
    }
    *last = Some(Instant::now());
    eprint!("\r{text}");
    output::progress_drawn();
}
