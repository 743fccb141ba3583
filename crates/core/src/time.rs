//! The injected wall clock.
//!
//! Rules and the store never call `Utc::now()` themselves: they are handed a [`Now`], so
//! tests pin time and every rule is a pure function of its inputs.

use std::sync::Arc;

use chrono::{DateTime, Utc};

/// A source of the current wall-clock time.
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The real system clock.
pub fn system_now() -> Now {
    Arc::new(Utc::now)
}

/// Formats a timestamp the way every table stores it: RFC 3339, UTC, milliseconds.
/// Fixed width, so text comparison orders timestamps correctly.
pub(crate) fn to_db_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
