//! Giving the system back the memory the allocator holds free.
//!
//! glibc returns freed memory to the system only from the top of its heaps, so what
//! start-up, a first sync or an import allocated and then freed stays resident for as
//! long as the window is open, which for a supervisor's desktop app is all day. A trim
//! releases the whole free pages of every arena; nothing live is touched, and it takes a
//! fraction of a millisecond. Elsewhere (macOS, Windows, musl) the allocators return
//! memory themselves and there is no such call.

/// Starts a background thread that trims the allocator once start-up has settled, then
/// every minute, so what any later burst (a sync, an import, a report) freed goes back too.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn start_trimming() {
    use std::time::Duration;
    /// The window drawn and its first page's data read by then.
    const FIRST: Duration = Duration::from_secs(5);
    const EVERY: Duration = Duration::from_secs(60);

    let spawned = std::thread::Builder::new().name("memory-trim".into()).spawn(|| {
        std::thread::sleep(FIRST);
        loop {
            trim();
            std::thread::sleep(EVERY);
        }
    });
    if let Err(e) = spawned {
        log::warn!("memory trimming not started: {e}");
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() {
    // SAFETY: malloc_trim takes no pointers; glibc locks each arena while it walks it.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Nothing to do: these allocators give freed memory back themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn start_trimming() {}
