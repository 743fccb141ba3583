//! Frontline's sync server: devices push their outboxes and pull everything after a
//! cursor, per workspace, over HTTPS; admins manage workspaces, users and devices with
//! the same binary.
//!
//! The server is schema-agnostic: it keeps the newest version of every cell it is sent
//! and decides between versions only with [`frontline_sync::merge()`], the rule every
//! device uses too, so server and devices cannot disagree about a winner.
//!
//! **Invariants**
//! - Depends on `frontline-sync` (wire types, HLC, merge) and never on `frontline-core`:
//!   it knows no domain table, column or rule.
//! - Storage is reached only through [`storage::Storage`]; no driver type (rusqlite,
//!   tokio-postgres) appears outside `storage/`.
//! - Every query on synced data is filtered by the workspace of the caller's token.
//! - A pull cursor never passes a change that is not committed: sequence numbers come
//!   from the workspace row inside the pushing transaction, and a pull reads the
//!   workspace's sequence and the cells in one snapshot.
//! - A retried push stores nothing twice (per-node outbox acks).
//! - No stamp more than `MAX_CLOCK_AHEAD_MS` ahead of the server's clock is stored.
//! - Every answer, errors included, carries the server's clock; every error is an
//!   `ErrorBody`; logs never hold passwords, tokens or `Authorization` headers.
#![forbid(unsafe_code)]

pub mod admin;
pub mod app;
pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod exchange;
pub mod extract;
pub mod metrics;
pub mod openapi;
pub mod ratelimit;
pub mod routes;
pub mod server;
pub mod storage;
pub mod tls;
