//! `POST /v1/sync/push`: a device's outbox, stored once however often it is retried.

use axum::Json;
use axum::extract::State;
use frontline_sync::protocol::{ErrorBody, PushRequest, PushResponse};

use crate::app::AppState;
use crate::auth::AuthDevice;
use crate::error::ApiError;
use crate::exchange;
use crate::extract::ApiJson;

/// Pushes changes in outbox order.
#[utoipa::path(post, path = "/v1/sync/push", tag = "sync", request_body = PushRequest, security(("device_token" = [])),
    responses((status = 200, description = "Stored (or recognised as a retry)", body = PushResponse),
              (status = 400, description = "Malformed push", body = ErrorBody),
              (status = 401, description = "Missing, unknown or revoked token", body = ErrorBody),
              (status = 403, description = "A viewer, or a disabled user", body = ErrorBody),
              (status = 413, description = "Body too large", body = ErrorBody),
              (status = 422, description = "A stamp is too far ahead of the server's clock", body = ErrorBody)))]
pub async fn push(
    State(state): State<AppState>,
    AuthDevice(device): AuthDevice,
    ApiJson(req): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    exchange::push(&state, device, req).await.map(Json)
}
