//! For operators and tools: `GET /healthz`, `GET /metrics`, `GET /openapi.json`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use frontline_sync::protocol::ErrorBody;
use serde::Serialize;

use crate::app::AppState;
use crate::clock::now_ms;
use crate::error::ApiError;

/// Answer of `/healthz`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `"ok"` (a failing database answers 503 with an error body).
    pub status: String,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

/// The OpenAPI document, rendered once at start-up.
#[derive(Clone)]
pub struct OpenApiJson(pub Arc<String>);

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/healthz", tag = "ops",
    responses((status = 200, description = "Serving", body = Health),
              (status = 503, description = "The database is unavailable", body = ErrorBody)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.storage.health().await?;
    Ok(Json(Health { status: "ok".into(), server_time_ms: now_ms() }))
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(get, path = "/metrics", tag = "ops",
    responses((status = 200, description = "Prometheus text format", body = String, content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let text = state.metrics.render().map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(([(CONTENT_TYPE, "text/plain; version=0.0.4")], text))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "ops",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json(Extension(doc): Extension<OpenApiJson>) -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], doc.0.as_str().to_owned())
}
