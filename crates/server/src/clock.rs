//! The server's wall clock, in Unix milliseconds: what every answer reports and what
//! pushed stamps are bounded against. One function, so nothing else reads the clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix ms (0 if the system clock is before 1970).
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)).unwrap_or(0)
}
