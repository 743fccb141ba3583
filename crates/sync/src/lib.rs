//! Frontline's sync core: the hybrid logical clock, the merge rule and the wire protocol.
//!
//! Every replica — each device's local store and the shared server — merges with the same
//! [`merge::merge`], so they cannot disagree about which value wins or which loss is a
//! conflict worth showing.
//!
//! **Invariants**
//! - Pure logic: no SQLite, no file or network IO, no global clock. Callers pass "now".
//! - Depended on by `core`, the desktop shell, the CLI and the server alike, so it stays
//!   light: `serde`, `thiserror` and `rand` only (plus `utoipa` behind the optional
//!   `openapi` feature, which only the server enables for its OpenAPI document).
#![forbid(unsafe_code)]

pub mod hlc;
pub mod merge;
pub mod protocol;

pub use hlc::{Clock, ClockError, Hlc, NodeId};
pub use merge::{Decision, Version, merge};
