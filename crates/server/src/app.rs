//! The router and what wraps every request: the protocol-version check, the request
//! timeout, the JSON error safety net, the server-time header, metrics and the request
//! log.
//!
//! Handlers never see a request that failed these, and no answer leaves without them:
//! even a rejection produced inside axum (unknown route, wrong method, a body limit
//! hit while buffering) is turned into an [`ErrorBody`](frontline_sync::protocol::ErrorBody)
//! here, so a client always gets JSON it can branch on.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use frontline_sync::protocol::{MAX_BODY_BYTES, PROTOCOL_HEADER, SERVER_TIME_HEADER};
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::now_ms;
use crate::error::{ApiError, code_of, error_response};
use crate::metrics::Metrics;
use crate::openapi::ApiDoc;
use crate::ratelimit::SignInLimiter;
use crate::routes::{devices, hello, ops, pull, push};
use crate::storage::Storage;

/// The oldest protocol this server accepts (`frontline-protocol` header).
pub const MIN_PROTOCOL: u32 = 1;
/// Failed sign-ins allowed per (client IP, e-mail) within [`SIGN_IN_WINDOW`].
pub const SIGN_IN_FAILURES: usize = 10;
/// The sign-in rate-limit window.
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Largest error body read back when a plain-text rejection is turned into JSON.
const MAX_REJECTION_TEXT: usize = 16 * 1024;

/// What handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub storage: Arc<dyn Storage>,
    /// Metrics.
    pub metrics: Arc<Metrics>,
    /// Failed sign-ins.
    pub limiter: Arc<SignInLimiter>,
    /// How long one request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Password checks running at once: argon2 is deliberately costly, so a burst of
    /// sign-ins queues here instead of taking every core from pushes and pulls.
    pub password_checks: Arc<Semaphore>,
}

impl AppState {
    /// A state with default limits over `storage`.
    pub fn new(storage: Arc<dyn Storage>, request_timeout: Duration) -> Result<Self, prometheus::Error> {
        Ok(AppState {
            storage,
            metrics: Arc::new(Metrics::new()?),
            limiter: Arc::new(SignInLimiter::new(SIGN_IN_FAILURES, SIGN_IN_WINDOW)),
            request_timeout,
            password_checks: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            )),
        })
    }
}

/// The route a request matched, carried on the response for the outer layer's labels.
#[derive(Clone)]
struct RouteLabel(String);

/// Every route, its OpenAPI document (both from the same handler list, so they cannot
/// drift apart), and the layers around them.
pub fn router(state: AppState) -> Result<Router, serde_json::Error> {
    let (routes, api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(hello::hello))
        .routes(routes!(devices::sign_in))
        .routes(routes!(devices::sign_out))
        .routes(routes!(push::push))
        .routes(routes!(pull::pull))
        .routes(routes!(ops::healthz))
        .routes(routes!(ops::metrics))
        .routes(routes!(ops::openapi_json))
        .split_for_parts();
    let doc = ops::OpenApiJson(Arc::new(api.to_pretty_json()?));
    Ok(routes
        .route_layer(middleware::from_fn(label_route))
        .fallback(|| async { ApiError::NotFound("no such route".into()) })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::Extension(doc))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(|_| {
            error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                code_of(StatusCode::INTERNAL_SERVER_ERROR),
                "internal server error".into(),
            )
        }))
        .layer(middleware::from_fn_with_state(state.clone(), wrap))
        .with_state(state))
}

async fn label_route(path: MatchedPath, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response.extensions_mut().insert(RouteLabel(path.as_str().to_owned()));
    response
}

/// The outer layer (see the module doc).
async fn wrap(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let response = match check_protocol(req.headers()) {
        Err(e) => e.into_response(),
        Ok(()) => match tokio::time::timeout(state.request_timeout, next.run(req)).await {
            Ok(response) => response,
            Err(_) => {
                tracing::warn!(%method, %path, timeout_s = state.request_timeout.as_secs(), "request timed out");
                ApiError::Unavailable(None).into_response()
            }
        },
    };
    let mut response = json_errors(response).await;
    if let Ok(v) = HeaderValue::from_str(&now_ms().to_string()) {
        response.headers_mut().insert(SERVER_TIME_HEADER, v);
    }
    let route = response.extensions().get::<RouteLabel>().map_or("unmatched", |r| r.0.as_str()).to_owned();
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    state.metrics.observe_request(&route, &method, status, elapsed.as_secs_f64());
    // Only the method, the matched route and the path: never headers (Authorization) or
    // bodies (passwords, tokens).
    tracing::info!(%method, %route, %path, status, ms = elapsed.as_millis() as u64, "request");
    response
}

/// Refuses clients older than [`MIN_PROTOCOL`].
fn check_protocol(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(PROTOCOL_HEADER) else {
        return Ok(());
    };
    let client: u32 = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| ApiError::BadRequest(format!("{PROTOCOL_HEADER} must be a number")))?;
    if client < MIN_PROTOCOL {
        return Err(ApiError::UpdateRequired { client, min: MIN_PROTOCOL });
    }
    Ok(())
}

/// Turns any error answer that is not JSON yet (an axum rejection, a panic, a timeout)
/// into the protocol's error body, keeping its status and its text as the message.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_REJECTION_TEXT)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let message = if text.is_empty() { status.canonical_reason().unwrap_or("error").to_owned() } else { text };
    let mut fixed = error_response(status, code_of(status), message);
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            fixed.headers_mut().insert(name, value.clone());
        }
    }
    fixed
}

/// A body-less answer, for tests of [`json_errors`].
#[cfg(test)]
fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

#[cfg(test)]
mod tests {
    use frontline_sync::protocol::{ErrorBody, ErrorCode};

    use super::*;

    async fn body_of(response: Response) -> ErrorBody {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn a_plain_text_rejection_becomes_an_error_body_with_its_status() {
        let fixed = json_errors(plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Expected request with `Content-Type: application/json`",
        ))
        .await;
        assert_eq!(fixed.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let body = body_of(fixed).await;
        assert_eq!(body.error.code, ErrorCode::BadRequest);
        assert!(body.error.message.contains("Content-Type"));
    }

    #[tokio::test]
    async fn an_empty_timeout_answer_gets_a_message() {
        let body = body_of(json_errors(plain(StatusCode::REQUEST_TIMEOUT, "")).await).await;
        assert_eq!(body.error.code, ErrorCode::Unavailable);
        assert_eq!(body.error.message, "Request Timeout");
    }

    #[tokio::test]
    async fn successes_pass_untouched() {
        let ok = json_errors(plain(StatusCode::OK, "fine")).await;
        let bytes = axum::body::to_bytes(ok.into_body(), 100).await.unwrap();
        assert_eq!(&bytes[..], b"fine");
    }

    #[test]
    fn old_protocols_are_refused_and_garbage_is_a_bad_request() {
        let headers = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(PROTOCOL_HEADER, HeaderValue::from_static(v));
            h
        };
        assert!(check_protocol(&HeaderMap::new()).is_ok());
        assert!(check_protocol(&headers("1")).is_ok());
        assert!(check_protocol(&headers("2")).is_ok());
        assert_eq!(check_protocol(&headers("0")).err().map(|e| e.code()), Some(ErrorCode::UpdateRequired));
        assert_eq!(check_protocol(&headers("v1")).err().map(|e| e.code()), Some(ErrorCode::BadRequest));
    }
}
