//! Frontline's sync core.
//!
//! Today this crate holds the hybrid logical clock that stamps every local change; the
//! protocol types, the merge rule and the HTTP client will join it when sync is built.
//!
//! **Invariants**
//! - Pure logic: no SQLite, no file or network IO, no global clock. Callers pass "now".
//! - Depended on by `core`, the desktop shell, the CLI and the server alike, so it stays
//!   light: `serde`, `thiserror` and `rand` only.
#![forbid(unsafe_code)]

pub mod hlc;

pub use hlc::{Clock, ClockError, Hlc, NodeId};
