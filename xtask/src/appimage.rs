//! AppImage tooling (being worked out: see the dist notes in README).

use anyhow::Result;

/// Prepares what the Tauri AppImage bundler needs offline.
pub fn ensure_tools() -> Result<()> {
    Ok(())
}
