//! `POST /v1/devices` (sign in) and `DELETE /v1/devices/current` (sign out).

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use frontline_sync::protocol::{ErrorBody, SignInRequest, SignInResponse};

use crate::app::AppState;
use crate::auth::{self, AuthDevice};
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// Signs a device in with a user's password and returns its token (shown once).
#[utoipa::path(post, path = "/v1/devices", tag = "devices", request_body = SignInRequest,
    responses((status = 200, description = "Signed in", body = SignInResponse),
              (status = 400, description = "Malformed request", body = ErrorBody),
              (status = 401, description = "Wrong workspace, e-mail or password", body = ErrorBody),
              (status = 403, description = "The user is disabled", body = ErrorBody),
              (status = 429, description = "Too many failed sign-ins", body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<SignInRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    auth::sign_in(&state, peer.ip(), req).await.map(Json)
}

/// Signs the calling device out: its token is refused from now on.
#[utoipa::path(delete, path = "/v1/devices/current", tag = "devices", security(("device_token" = [])),
    responses((status = 204, description = "Signed out"),
              (status = 401, description = "Missing, unknown or revoked token", body = ErrorBody),
              (status = 403, description = "The user is disabled", body = ErrorBody)))]
pub async fn sign_out(State(state): State<AppState>, AuthDevice(device): AuthDevice) -> Result<StatusCode, ApiError> {
    state.storage.revoke_device(device.workspace, &device.device_id, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}
