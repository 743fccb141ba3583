//! `GET /v1/sync/pull`: everything after a cursor, a page at a time, rows kept whole.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::IntoResponse;
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
) -> Result<impl IntoResponse, ApiError> {
    let body = exchange::pull(&state, device, params).await?;
    Ok(([(CONTENT_TYPE, HeaderValue::from_static("application/json"))], body))
}
