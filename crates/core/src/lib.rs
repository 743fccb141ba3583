//! Frontline's domain and local store.
//!
//! Everything the supervisor's data means lives here: the types, the rules (pure functions
//! of their inputs and an explicit "now") and the SQLite store with its single write path.
//! The desktop shell, the CLI and (later) the server are thin adapters over this crate.
//!
//! **Invariants**
//! - No Tauri, HTTP, async runtime or UI knowledge. The crate is usable from a test, a CLI
//!   or a window alike.
//! - Every synced table is written only through [`store::WriteTx`], which stamps each
//!   changed column with a hybrid-logical-clock stamp in the same transaction (the outbox
//!   sync is built on). SQL lives only under `store/` and the feature modules' `store`
//!   functions; table and column names come from [`store::schema`], never from input.
//! - Libraries never exit or panic on input: every failure is an [`Error`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod backup;
pub mod calendars;
pub mod cases;
pub mod coaching;
pub mod customers;
pub mod demo;
mod derivations;
pub mod error;
pub mod export;
pub mod ids;
pub mod import;
mod input;
pub mod knowledge;
pub mod kpi;
pub mod limits;
mod lists;
pub mod paths;
pub mod pdf;
pub mod people;
pub mod plans;
pub mod qa;
pub mod report;
pub mod search;
pub mod settings;
pub mod sla;
pub mod sla_policies;
pub mod store;
pub mod sync;
pub mod targets;
mod text_enum;
mod time;
pub mod training;
pub mod views;
pub mod voc;

pub use error::{Error, Result, ValidationRule};
pub use store::{Store, StoreInfo};
pub use time::{Now, system_now};
