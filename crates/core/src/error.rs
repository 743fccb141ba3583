//! The one error type of `frontline-core`.
//!
//! Variants carry what the user interface needs to explain the problem in the user's
//! language (which field, which rule, which limit), not preformatted sentences; the
//! `Display` text is an English fallback for logs and the CLI.

use std::path::PathBuf;

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which validation rule an input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ValidationRule {
    /// A value is required.
    Required,
    /// Longer than `limit` characters.
    TooLong,
    /// A list with more than `limit` items.
    TooMany,
    /// A time more than `limit` days before now.
    TooEarly,
    /// A time more than `limit` days after now.
    TooLate,
    /// Not a known IANA time zone.
    InvalidTimeZone,
    /// Not a time of day as `HH:MM`.
    InvalidTime,
    /// An end time that is not after its start time.
    EndBeforeStart,
    /// Any other malformed value (wrong shape, out of range; `limit` gives the maximum when
    /// there is one).
    InvalidValue,
    /// Another live record already has this value (or combination of values).
    Duplicate,
    /// A time interval that overlaps (or touches) another of the same day.
    Overlap,
    /// A day before the agent's hire date (a training completion, a leaving date).
    BeforeHire,
    /// A follow-up, a due day or a done day before the coaching conversation it belongs to.
    BeforeConversation,
    /// Publishing a contingency plan that has no steps.
    NoSteps,
    /// Running a contingency plan that was never published.
    NotPublished,
    /// Recording an action on a run that was closed.
    RunClosed,
    /// A hot-wash or an after-action review for a run that is still active.
    RunNotClosed,
    /// An action item due before the run it came from started.
    BeforeRunStart,
    /// More agents than a training session has places for (`limit`: its capacity).
    OverCapacity,
    /// An agent who has left, picked for new work (an enrolment, an assignment, a record).
    AgentLeft,
    /// A session result that is already a training record: records are never edited.
    Recorded,
    /// Asking to read, or acknowledging, a knowledge-base article never published.
    ArticleNotPublished,
    /// Not an e-mail address (one `@` between a name and a domain with a dot, no spaces).
    InvalidEmail,
    /// A backup person who is not another contact of the same plan.
    InvalidBackup,
    /// A template with a placeholder that is not one of the known ones (plans/placeholders.rs).
    UnknownPlaceholder,
    /// An image larger than `limit` KiB.
    ImageTooLarge,
    /// A file that is not a PNG, JPEG, GIF or WebP image (by its first bytes).
    ImageType,
    /// A number outside its range, from 0 to `limit` (a KPI target).
    OutOfRange,
    /// An attached file larger than `limit` KiB.
    AttachmentTooLarge,
    /// An attached file that is not a PDF, PNG or JPEG (by its first bytes).
    AttachmentType,
}

/// Everything that can go wrong in `frontline-core`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was written.
    #[error("invalid {field}: {}", rule.explain(*limit))]
    Validation {
        /// The input field, in the wire spelling the UI uses (camelCase).
        field: &'static str,
        /// The rule broken.
        rule: ValidationRule,
        /// The limit involved, when the rule has one.
        limit: Option<u32>,
    },
    /// A record that does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// Kind of record ("case", "customer", ...).
        entity: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A status (or similar) change the workflow does not allow from the current state.
    #[error("cannot go from {from} to {to}")]
    InvalidTransition {
        /// Current state.
        from: &'static str,
        /// Requested state.
        to: &'static str,
    },
    /// The file exists but is not an SQLite database (or is damaged beyond opening).
    #[error("{} is not a Frontline database (not an SQLite file, or damaged)", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The path is a directory or other non-file, not a database file.
    #[error("{} is a directory, not a database file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file is empty (0 bytes): nothing to open, inspect or restore.
    #[error("{} is empty (0 bytes), not a Frontline database", path.display())]
    EmptyFile {
        /// The file.
        path: PathBuf,
    },
    /// An SQLite database that belongs to some other program.
    #[error("{} is an SQLite database of another program, not Frontline", path.display())]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
    },
    /// A database written by a newer Frontline than this one.
    #[error("the database has schema version {found}; this Frontline supports up to {supported}. Update Frontline")]
    SchemaTooNew {
        /// Version found in the file.
        found: u32,
        /// Newest version this build knows.
        supported: u32,
    },
    /// A database that is damaged (failed integrity check or unreadable pages).
    #[error("the database is damaged: {detail}")]
    Corrupt {
        /// What SQLite reported.
        detail: String,
    },
    /// A file that must not be overwritten already exists.
    #[error("{} already exists; choose another name", path.display())]
    AlreadyExists {
        /// The file.
        path: PathBuf,
    },
    /// A backup or restore was cancelled by the user; nothing was changed.
    #[error("cancelled")]
    Cancelled,
    /// A file-system problem. The OS error is the `source`, not part of the message, so
    /// a report that prints the chain (`anyhow`'s `{:#}`) says it once.
    #[error("{action} {}", path.display())]
    Io {
        /// What we were doing ("create directory", "set permissions on", ...).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// Demo data was asked for on a database that already has cases: it would mix with
    /// them and sync to the team like real data. (The CLI can force it; the app never does.)
    #[error(
        "the database already has {cases} cases; demo data would be mixed into them and sync to the team like real data"
    )]
    NotEmpty {
        /// Live cases in the database.
        cases: u64,
    },
    /// An export was to be read into a database that already holds data: its rows would
    /// mix with the file's, and ids could clash. Nothing was written.
    #[error("the database is not empty ({rows} rows in {tables}); an export is read only into an empty database")]
    ImportNotEmpty {
        /// Rows found, deleted ones included.
        rows: u64,
        /// The tables holding them, by name.
        tables: String,
    },
    /// A file that is not a Frontline export, or a damaged one. Nothing was written.
    #[error("not a Frontline export: {detail}")]
    NotAnExport {
        /// What is wrong, and where.
        detail: String,
    },
    /// An export made by a newer Frontline than this one. Nothing was written.
    #[error(
        "the export was made by a newer Frontline (format {found}); this one reads up to {supported}. Update Frontline"
    )]
    ExportTooNew {
        /// The file's format and schema, as `version/schema`.
        found: String,
        /// What this build reads, the same way.
        supported: String,
    },
    /// A PDF report needs a font that covers Chinese, and the computer has none.
    #[error(
        "no font that covers Chinese was found for the PDF; install Noto Sans CJK (Debian/Ubuntu: fonts-noto-cjk) or WenQuanYi Micro Hei (fonts-wqy-microhei); macOS and Windows have one built in"
    )]
    NoReportFont,
    /// A restore failed after the current database had been copied aside; the copy is
    /// where `kept_aside` says.
    #[error("the restore failed; the previous database is kept at {}", kept_aside.display())]
    RestoreFailed {
        /// The copy of the database as it was before the restore.
        kept_aside: PathBuf,
        /// Why the restore failed.
        #[source]
        source: Box<Error>,
    },
    /// Another connection held the write lock past the busy timeout: a long all-or-nothing
    /// write (demo data; later imports and restores) is running. Trying again later works.
    #[error("the database is busy with another task")]
    Busy,
    /// A pulled change is stamped further ahead of this device's clock than sync allows:
    /// one of the two clocks is wrong. Nothing of the batch was applied.
    #[error("the server sent changes stamped {ahead_ms} ms ahead of this computer's clock; check its date and time")]
    ClockAhead {
        /// How far ahead.
        ahead_ms: u64,
    },
    /// Signing in from a database that holds demo data: it would reach the whole team.
    #[error("this database holds demo data; clear it (or use another database) before signing in")]
    DemoData,
    /// Signing in to another workspace than the one this database's data belongs to.
    #[error("this database belongs to workspace {workspace:?}; use another database for a different workspace")]
    OtherWorkspace {
        /// The workspace it belongs to.
        workspace: String,
    },
    /// A sync action on a device that is not signed in.
    #[error("not signed in to a sync server")]
    NotSignedIn,
    /// Demo data requested on a database that syncs with a team.
    #[error("demo data cannot be added to a database that syncs with a team")]
    DemoWhileSignedIn,
    /// An import of a file with row errors, which the caller did not choose to skip (or
    /// whose header row is wrong); nothing was written. The dry run lists the errors.
    #[error("the file has {rows} rows with errors; nothing was imported (see the dry run)")]
    ImportInvalid {
        /// Rows with at least one error.
        rows: u32,
    },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A bug: the code asked for something the schema does not allow.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ValidationRule {
    /// The rule in plain English, with its limit: the `Display` of a validation error
    /// (for logs and the CLI; the UI translates the rule instead).
    pub fn explain(self, limit: Option<u32>) -> String {
        match (self, limit) {
            (ValidationRule::Required, _) => "a value is required".into(),
            (ValidationRule::TooLong, Some(l)) => format!("too long (at most {l} characters)"),
            (ValidationRule::TooMany, Some(l)) => format!("too many items (at most {l})"),
            (ValidationRule::TooEarly, Some(l)) => format!("too far in the past (at most {l} days before now)"),
            (ValidationRule::TooLate, Some(l)) => format!("too far ahead (at most {l} days after now)"),
            (ValidationRule::TooLong | ValidationRule::TooMany, None) => "too long".into(),
            (ValidationRule::TooEarly, None) => "too far in the past".into(),
            (ValidationRule::TooLate, None) => "too far ahead".into(),
            (ValidationRule::InvalidTimeZone, _) => "not a known time zone".into(),
            (ValidationRule::InvalidTime, _) => "not a time as HH:MM".into(),
            (ValidationRule::EndBeforeStart, _) => "the end is not after the start".into(),
            (ValidationRule::InvalidValue, Some(l)) => format!("not a valid value (limit {l})"),
            (ValidationRule::InvalidValue, None) => "not a valid value".into(),
            (ValidationRule::Duplicate, _) => "already exists".into(),
            (ValidationRule::Overlap, _) => "overlaps another interval of the same day".into(),
            (ValidationRule::BeforeHire, _) => "before the agent's hire date".into(),
            (ValidationRule::NoSteps, _) => "the plan has no steps".into(),
            (ValidationRule::NotPublished, _) => "the plan has no published version".into(),
            (ValidationRule::RunClosed, _) => "the run is closed".into(),
            (ValidationRule::RunNotClosed, _) => "the run is still active".into(),
            (ValidationRule::BeforeRunStart, _) => "before the run started".into(),
            (ValidationRule::OverCapacity, Some(l)) => format!("more than the {l} places available"),
            (ValidationRule::OverCapacity, None) => "more than the places available".into(),
            (ValidationRule::BeforeConversation, _) => "before the coaching conversation".into(),
            (ValidationRule::AgentLeft, _) => "the agent has left".into(),
            (ValidationRule::Recorded, _) => "already recorded as a training record".into(),
            (ValidationRule::ArticleNotPublished, _) => "the article has no published version".into(),
            (ValidationRule::InvalidEmail, _) => "not an e-mail address".into(),
            (ValidationRule::InvalidBackup, _) => "the backup is not another contact of the plan".into(),
            (ValidationRule::UnknownPlaceholder, _) => "a placeholder that is not known".into(),
            (ValidationRule::ImageTooLarge, Some(l)) => format!("the image is larger than {l} KiB"),
            (ValidationRule::ImageTooLarge, None) => "the image is too large".into(),
            (ValidationRule::ImageType, _) => "not a PNG, JPEG, GIF or WebP image".into(),
            (ValidationRule::OutOfRange, Some(l)) => format!("not a number from 0 to {l}"),
            (ValidationRule::OutOfRange, None) => "out of range".into(),
            (ValidationRule::AttachmentTooLarge, Some(l)) => format!("the file is larger than {l} KiB"),
            (ValidationRule::AttachmentTooLarge, None) => "the file is too large".into(),
            (ValidationRule::AttachmentType, _) => "not a PDF, PNG or JPEG file".into(),
        }
    }
}

impl Error {
    /// Shorthand for a validation error without a limit.
    pub(crate) fn invalid(field: &'static str, rule: ValidationRule) -> Self {
        Error::Validation { field, rule, limit: None }
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }
}

impl From<rusqlite::Error> for Error {
    /// Damage can surface on any query, not just at open: name it wherever it shows.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Corrupt { detail: e.to_string() },
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Busy,
            _ => Error::Sqlite(e),
        }
    }
}

/// An error and its causes as `anyhow`'s `{:#}` prints them, `a: b: c`: for logs, where a
/// cause is worth as much as the error (each is named once: see [`Error::Io`]).
pub fn with_causes(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_names_its_os_cause_once() {
        let os = std::io::Error::from_raw_os_error(30);
        let os_text = os.to_string();
        let e = Error::io("create directory", "/media/ro/frontline", os);
        let printed = with_causes(&e);
        assert_eq!(printed, format!("create directory /media/ro/frontline: {os_text}"));
        assert_eq!(printed.matches(&os_text).count(), 1, "{printed}");
    }

    #[test]
    fn a_failed_restore_names_the_copy_and_its_cause_once() {
        let cause = Error::io("write", "/data/frontline.db", std::io::Error::from_raw_os_error(28));
        let e =
            Error::RestoreFailed { kept_aside: "/data/frontline.before-restore-1.db".into(), source: Box::new(cause) };
        let printed = with_causes(&e);
        assert!(printed.starts_with("the restore failed; the previous database is kept at /data/frontline.before-restore-1.db: write /data/frontline.db: "), "{printed}");
        assert_eq!(printed.matches("os error 28").count(), 1, "{printed}");
    }

    #[test]
    fn validation_errors_read_as_english_with_their_limit() {
        let e = |rule, limit| Error::Validation { field: "ids", rule, limit }.to_string();
        assert_eq!(e(ValidationRule::TooMany, Some(1000)), "invalid ids: too many items (at most 1000)");
        assert_eq!(e(ValidationRule::TooLong, Some(200)), "invalid ids: too long (at most 200 characters)");
        assert_eq!(e(ValidationRule::TooLate, Some(730)), "invalid ids: too far ahead (at most 730 days after now)");
        assert_eq!(e(ValidationRule::Required, None), "invalid ids: a value is required");
    }
}
