//! `GET /v1/hello`: protocol versions and the server's clock, before signing in.

use axum::Json;
use frontline_sync::protocol::{ErrorBody, Hello, PROTOCOL_VERSION};

use crate::app::MIN_PROTOCOL;
use crate::clock::now_ms;

/// What the server speaks and its clock.
#[utoipa::path(get, path = "/v1/hello", tag = "sync",
    responses((status = 200, description = "Protocol versions and the server's clock", body = Hello),
              (status = 426, description = "The client's protocol is too old", body = ErrorBody)))]
pub async fn hello() -> Json<Hello> {
    Json(Hello {
        protocol: PROTOCOL_VERSION,
        min_protocol: MIN_PROTOCOL,
        server_version: env!("CARGO_PKG_VERSION").to_owned(),
        server_time_ms: now_ms(),
    })
}
