//! Frontline's sync core: the hybrid logical clock, the merge rule and the wire protocol.
//!
//! Every replica — each device's local store and the shared server — merges with the same
//! [`merge::merge`], so they cannot disagree about which value wins or which loss is a
//! conflict worth showing.
//!
//! **Invariants**
//! - Pure logic: no SQLite, no file or network IO, no global clock. Callers pass "now".
//! - Depended on by `core`, the desktop shell, the CLI and the server alike, so it stays
//!   light: `serde`, `thiserror` and `rand` only; the HTTP client (`ureq`) sits behind
//!   the `client` feature, which only devices enable, and `utoipa` behind the `openapi`
//!   feature, which only the server enables for its OpenAPI document.
#![forbid(unsafe_code)]

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod credentials;
pub mod hlc;
#[cfg(feature = "testing")]
pub mod memory;
pub mod merge;
pub mod protocol;
pub mod session;

pub use hlc::{Clock, ClockError, Hlc, NodeId};
pub use merge::{Decision, Version, merge};
