//! The one error type that crosses the IPC boundary.
//!
//! The UI branches on [`ErrorCode`] and translates from it (plus `field`, `rule` and
//! `limit` for validation), never from `message`, which is an English detail for logs and
//! bug reports. Internal and storage failures are logged in full here and reach the UI
//! only as a generic message, so no SQL or file contents leak into the window.

use frontline_core::{Error, ValidationRule};
use serde::Serialize;

/// Stable error codes the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input broke a rule; see `field`, `rule`, `limit`.
    Validation,
    /// The record does not exist.
    NotFound,
    /// The workflow does not allow this change from the current state.
    InvalidTransition,
    /// The database cannot be used (not Frontline's, damaged, too new, unreadable).
    DatabaseUnavailable,
    /// Something failed while reading or writing the database.
    Storage,
    /// A long write (such as demo data) holds the database; try again when it ends.
    Busy,
    /// The user cancelled a long operation; nothing was changed.
    Cancelled,
    /// Pulled changes are stamped far ahead of this computer's clock: check its date and time.
    ClockAhead,
    /// This database holds demo data, which may never reach a team: clear it first.
    DemoData,
    /// This database belongs to another workspace.
    OtherWorkspace,
    /// Not signed in to a sync server.
    NotSignedIn,
    /// Demo data cannot be added to a database that syncs with a team.
    DemoWhileSignedIn,
    /// The sync server cannot be reached (no network, wrong address, server down).
    Network,
    /// The server refused the credentials (wrong e-mail or password; device signed out).
    Unauthorized,
    /// The server refused the action for this account (a viewer pushing; disabled user).
    Forbidden,
    /// Too many attempts; wait a few minutes.
    RateLimited,
    /// The server needs a newer Frontline.
    UpdateRequired,
    /// The address does not answer as a Frontline server.
    Protocol,
    /// The server failed; try again later.
    Server,
    /// Demo data was asked for on a database that already has cases.
    NotEmpty,
    /// An import of a file with row errors (or a wrong header): nothing was imported.
    ImportInvalid,
    /// A file the user chose could not be written or read (disk full, no permission).
    File,
    /// An export can only be read into an empty database, and this one holds data.
    ImportNotEmpty,
    /// The file is not a Frontline export (or is damaged); nothing was imported.
    NotAnExport,
    /// The export was made by a newer Frontline; update this one to read it.
    ExportTooNew,
    /// A PDF report needs a font that covers Chinese, and the computer has none.
    NoReportFont,
    /// A bug.
    Internal,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IpcError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// English detail (the UI shows a translation of `code` instead).
    pub message: String,
    /// For validation errors: the input field (camelCase).
    pub field: Option<String>,
    /// For validation errors: the rule broken.
    pub rule: Option<ValidationRule>,
    /// For validation errors with a limit (e.g. maximum length).
    pub limit: Option<u32>,
}

impl IpcError {
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into(), field: None, rule: None, limit: None }
    }

    /// A value of `field` that is not valid (the UI shows it beside the field).
    pub fn invalid_field(field: &str) -> Self {
        IpcError {
            code: ErrorCode::Validation,
            message: format!("invalid {field}"),
            field: Some(field.to_owned()),
            rule: Some(ValidationRule::InvalidValue),
            limit: None,
        }
    }

    /// An export's or import's failure: a file-system error is about the user's file
    /// (its OS error is shown, naming the path the user chose), anything else as usual.
    pub fn file(e: Error) -> Self {
        match e {
            Error::Io { .. } | Error::AlreadyExists { .. } => {
                log::warn!("file error: {}", frontline_core::error::with_causes(&e));
                IpcError::new(ErrorCode::File, frontline_core::error::with_causes(&e))
            }
            other => other.into(),
        }
    }

    /// The credential store failed (logged; the UI says storage).
    pub fn credential(e: frontline_sync::credentials::CredentialError) -> Self {
        log::error!("{e}");
        IpcError::new(ErrorCode::Storage, "the sync credential could not be kept")
    }
}

impl From<frontline_sync::session::TransportError> for IpcError {
    fn from(e: frontline_sync::session::TransportError) -> Self {
        use frontline_sync::protocol::ErrorCode as C;
        use frontline_sync::session::TransportError as T;
        let code = match &e {
            T::Network(_) => ErrorCode::Network,
            T::Protocol(_) => ErrorCode::Protocol,
            T::Server { code, .. } => match code {
                C::Unauthorized => ErrorCode::Unauthorized,
                C::Forbidden => ErrorCode::Forbidden,
                C::RateLimited => ErrorCode::RateLimited,
                C::UpdateRequired => ErrorCode::UpdateRequired,
                C::ClockAhead => ErrorCode::ClockAhead,
                C::BadRequest | C::NotFound | C::PayloadTooLarge => ErrorCode::Protocol,
                C::Unavailable | C::Internal => ErrorCode::Server,
            },
        };
        log::warn!("sync request failed: {e}");
        IpcError::new(code, e.to_string())
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        match e {
            Error::Validation { field, rule, limit } => IpcError {
                code: ErrorCode::Validation,
                message: e.to_string(),
                field: Some(field.to_owned()),
                rule: Some(rule),
                limit,
            },
            Error::NotFound { .. } => IpcError::new(ErrorCode::NotFound, e.to_string()),
            Error::InvalidTransition { .. } => IpcError::new(ErrorCode::InvalidTransition, e.to_string()),
            Error::NotADatabase { .. }
            | Error::NotAFile { .. }
            | Error::EmptyFile { .. }
            | Error::ForeignDatabase { .. }
            | Error::SchemaTooNew { .. }
            | Error::Corrupt { .. } => IpcError::new(ErrorCode::DatabaseUnavailable, e.to_string()),
            Error::Cancelled => IpcError::new(ErrorCode::Cancelled, e.to_string()),
            Error::Busy => IpcError::new(ErrorCode::Busy, e.to_string()),
            Error::ClockAhead { .. } => IpcError::new(ErrorCode::ClockAhead, e.to_string()),
            Error::DemoData => IpcError::new(ErrorCode::DemoData, e.to_string()),
            Error::OtherWorkspace { .. } => IpcError::new(ErrorCode::OtherWorkspace, e.to_string()),
            Error::NotSignedIn => IpcError::new(ErrorCode::NotSignedIn, e.to_string()),
            Error::DemoWhileSignedIn => IpcError::new(ErrorCode::DemoWhileSignedIn, e.to_string()),
            Error::NotEmpty { .. } => IpcError::new(ErrorCode::NotEmpty, e.to_string()),
            Error::ImportInvalid { .. } => IpcError::new(ErrorCode::ImportInvalid, e.to_string()),
            Error::ImportNotEmpty { .. } => IpcError::new(ErrorCode::ImportNotEmpty, e.to_string()),
            Error::NotAnExport { .. } => IpcError::new(ErrorCode::NotAnExport, e.to_string()),
            Error::ExportTooNew { .. } => IpcError::new(ErrorCode::ExportTooNew, e.to_string()),
            Error::Io { .. } | Error::Sqlite(_) | Error::AlreadyExists { .. } | Error::RestoreFailed { .. } => {
                log::error!("storage error: {}", frontline_core::error::with_causes(&e));
                IpcError::new(ErrorCode::Storage, "the database could not be read or written")
            }
            Error::NoReportFont => IpcError::new(ErrorCode::NoReportFont, e.to_string()),
            Error::Internal(_) => {
                log::error!("internal error: {e}");
                IpcError::new(ErrorCode::Internal, "internal error")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_json_is_pinned() {
        let e = IpcError::from(Error::Validation {
            field: "organisationName",
            rule: ValidationRule::TooLong,
            limit: Some(120),
        });
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "validation",
                "message": "invalid organisationName: too long (at most 120 characters)",
                "field": "organisationName",
                "rule": "too_long",
                "limit": 120
            })
        );
    }

    /// The new bounds of issue #13: a list too long, a date out of its window, and demo
    /// data into a database that has cases.
    #[test]
    fn bound_errors_json_is_pinned() {
        let json = |e: Error| serde_json::to_value(IpcError::from(e)).unwrap();
        assert_eq!(
            json(Error::Validation { field: "customerIds", rule: ValidationRule::TooMany, limit: Some(100) }),
            serde_json::json!({
                "code": "validation",
                "message": "invalid customerIds: too many items (at most 100)",
                "field": "customerIds",
                "rule": "too_many",
                "limit": 100
            })
        );
        assert_eq!(
            json(Error::Validation { field: "dueAt", rule: ValidationRule::TooLate, limit: Some(730) }),
            serde_json::json!({
                "code": "validation",
                "message": "invalid dueAt: too far ahead (at most 730 days after now)",
                "field": "dueAt",
                "rule": "too_late",
                "limit": 730
            })
        );
        assert_eq!(
            json(Error::Validation { field: "date", rule: ValidationRule::TooEarly, limit: Some(3650) })["rule"],
            "too_early"
        );
        assert_eq!(
            json(Error::NotEmpty { cases: 3 }),
            serde_json::json!({
                "code": "not_empty",
                "message": "the database already has 3 cases; demo data would be mixed into them and sync to the team like real data",
                "field": null,
                "rule": null,
                "limit": null
            })
        );
    }

    #[test]
    fn storage_details_do_not_reach_the_ui() {
        let e = IpcError::from(Error::Internal("SELECT secret FROM t".into()));
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(!e.message.contains("secret"));
    }

    #[test]
    fn a_missing_report_font_says_which_to_install() {
        let e = serde_json::to_value(IpcError::from(Error::NoReportFont)).unwrap();
        assert_eq!(e["code"], "no_report_font");
        assert!(e["message"].as_str().unwrap().contains("fonts-noto-cjk"), "{e}");
    }

    #[test]
    fn a_busy_database_has_its_own_code() {
        assert_eq!(serde_json::to_value(IpcError::from(Error::Busy)).unwrap()["code"], "busy");
    }

    #[test]
    fn unusable_database_is_named_with_its_own_code() {
        let e = IpcError::from(Error::SchemaTooNew { found: 9, supported: 2 });
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], "database_unavailable");
        assert!(e.message.contains("Update Frontline"));
    }
}
