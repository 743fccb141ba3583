//! Ctrl-C as a clean cancel, and progress on stderr.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

use crate::output;

/// A flag Ctrl-C sets: long work checks it and stops cleanly (nothing half-written).
pub fn cancel_on_ctrl_c() -> Result<Arc<AtomicBool>> {
    let cancelled = Arc::new(AtomicBool::new(false));
    let flag = cancelled.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).context("cannot install Ctrl-C handler")?;
    Ok(cancelled)
}

/// Draws `text` as the current progress line.
pub fn draw(text: &str) {
    eprint!("\r{text}");
    output::progress_drawn();
}
