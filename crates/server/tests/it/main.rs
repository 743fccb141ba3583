//! Integration tests: the real `frontline-server` binary on 127.0.0.1:0, driven over
//! HTTP, plus the storage story run against every backend. One module per area.

/// Test databases, the server process, the HTTP client.
mod common;

/// Sign-in, rate limit, roles, disabled users, revoked devices.
mod auth;
/// Devices — the real `frontline-cli` on databases of their own — syncing through the
/// server: convergence in every order, conflicts, roles, a crash, a fast clock.
mod devices;
/// Many pushers and a paging puller at once (SQLite; two processes on PostgreSQL).
mod concurrency;
/// kill -9 in the middle of pushing, restart on the same data.
mod crash;
/// A token of one workspace never reaches another.
mod isolation;
/// Logs hold no password, token or Authorization header.
mod logs;
/// Every malformed request gets a 4xx ErrorBody.
mod malformed;
/// The OpenAPI document names every route and describes real answers.
mod openapi;
/// The storage story, once per backend.
mod storage;
/// Push and pull over HTTP: round trip, retries, notices, the clock bound.
mod sync;
/// HTTPS with a generated certificate; plain HTTP refused off loopback.
mod tls;
