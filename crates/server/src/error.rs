//! The one error type of the HTTP layer and how it becomes an answer.
//!
//! Every failure answers with the protocol's [`ErrorBody`] (a stable code, an English
//! message and the server's clock), whatever produced it: a handler, an extractor's
//! rejection, an unknown route, a timeout or a panic. Storage failures are logged in full
//! and answered with a fixed message, so no SQL or driver text reaches a client.

use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Response};
use frontline_sync::protocol::{ErrorBody, ErrorCode, ErrorInfo, MAX_BODY_BYTES};

use crate::clock::now_ms;
use crate::storage::StorageError;

/// A request that failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed body, parameters or bounds.
    #[error("{0}")]
    BadRequest(String),
    /// A route that exists, called with another method.
    #[error("method not allowed on this route")]
    MethodNotAllowed,
    /// No (valid) credentials. The message never says which part was wrong.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// Authenticated but not allowed.
    #[error("{0}")]
    Forbidden(&'static str),
    /// No such thing (in the caller's workspace).
    #[error("{0}")]
    NotFound(String),
    /// Body over [`MAX_BODY_BYTES`].
    #[error("the request body is larger than {MAX_BODY_BYTES} bytes")]
    PayloadTooLarge,
    /// Too many failed attempts; try again after this many seconds.
    #[error("too many failed sign-ins; try again in {0} s")]
    RateLimited(u64),
    /// A pushed stamp is too far ahead of the server's clock.
    #[error("{0}")]
    ClockAhead(String),
    /// The client's protocol is older than the server accepts.
    #[error("this app speaks sync protocol {client}; the server needs {min} or newer: update the app")]
    UpdateRequired {
        /// What the client sent.
        client: u32,
        /// What the server accepts at least.
        min: u32,
    },
    /// The database is unreachable or overloaded, or the request took too long.
    #[error("the server is busy or its database is unavailable; try again")]
    Unavailable(#[source] Option<StorageError>),
    /// A bug.
    #[error("internal server error")]
    Internal(String),
}

impl ApiError {
    /// The protocol's code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest(_) | ApiError::MethodNotAllowed => ErrorCode::BadRequest,
            ApiError::Unauthorized(_) => ErrorCode::Unauthorized,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            ApiError::RateLimited(_) => ErrorCode::RateLimited,
            ApiError::ClockAhead(_) => ErrorCode::ClockAhead,
            ApiError::UpdateRequired { .. } => ErrorCode::UpdateRequired,
            ApiError::Unavailable(_) => ErrorCode::Unavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            _ => status_of(self.code()),
        }
    }
}

/// The status that goes with a code (see [`ErrorCode`]).
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
        ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::ClockAhead => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::UpdateRequired => StatusCode::UPGRADE_REQUIRED,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The code for a status produced outside the handlers (a rejection, a timeout).
pub fn code_of(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        StatusCode::UPGRADE_REQUIRED => ErrorCode::UpdateRequired,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT | StatusCode::REQUEST_TIMEOUT => {
            ErrorCode::Unavailable
        }
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    }
}

/// An error answer with the protocol's body.
pub fn error_response(status: StatusCode, code: ErrorCode, message: String) -> Response {
    let body = ErrorBody { error: ErrorInfo { code, message, server_time_ms: now_ms() } };
    (status, axum::Json(body)).into_response()
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => ApiError::NotFound(format!("{what} not found")),
            StorageError::Unavailable(_) => ApiError::Unavailable(Some(e)),
            StorageError::Conflict(_) | StorageError::Other(_) => ApiError::Internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(detail) => tracing::error!(error = %detail, "request failed"),
            ApiError::Unavailable(Some(e)) => tracing::warn!(error = %e, "storage unavailable"),
            _ => {}
        }
        let mut response = error_response(self.status(), self.code(), self.to_string());
        if let ApiError::RateLimited(seconds) = self {
            response.headers_mut().insert(RETRY_AFTER, seconds.into());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_maps_to_its_documented_status_and_back() {
        for code in [
            ErrorCode::BadRequest,
            ErrorCode::Unauthorized,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::PayloadTooLarge,
            ErrorCode::RateLimited,
            ErrorCode::ClockAhead,
            ErrorCode::UpdateRequired,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
        ] {
            let status = status_of(code);
            let expected = if code == ErrorCode::ClockAhead { ErrorCode::BadRequest } else { code };
            assert_eq!(code_of(status), expected, "{code:?}");
        }
    }

    #[test]
    fn storage_failures_never_show_their_detail_to_the_client() {
        let e = ApiError::from(StorageError::Other("syntax error near SELECT".into()));
        assert_eq!(e.to_string(), "internal server error");
        let e = ApiError::from(StorageError::Unavailable("connection refused to 10.0.0.1".into()));
        assert!(!e.to_string().contains("10.0.0.1"));
    }
}
