//! `GET /v1/sync/pull`: everything after a cursor, a page at a time, rows kept whole.

use axum::Json;
use axum::extract::State;
use frontline_sync::protocol::{ErrorBody, PullResponse};

use crate::app::AppState;
use crate::auth::AuthDevice;
use crate::error::ApiError;
use crate::exchange::{self, PullParams};
use crate::extract::ApiQuery;

/// Pulls the page after `after`.
#[utoipa::path(get, path = "/v1/sync/pull", tag = "sync", params(PullParams), security(("device_token" = [])),
    responses((status = 200, description = "One page", body = PullResponse),
              (status = 400, description = "Malformed parameters", body = ErrorBody),
              (status = 401, description = "Missing, unknown or revoked token", body = ErrorBody),
              (status = 403, description = "The user is disabled", body = ErrorBody)))]
pub async fn pull(
    State(state): State<AppState>,
    AuthDevice(device): AuthDevice,
    ApiQuery(params): ApiQuery<PullParams>,
) -> Result<Json<PullResponse>, ApiError> {
    exchange::pull(&state, device, params).await.map(Json)
}
