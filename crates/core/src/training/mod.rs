//! Training: who on the team is trained on what, and whose certification lapses when.
//!
//! - [`courses`]: the courses, with the terms records are judged by (pass mark, validity).
//! - [`records`]: agents' completions, append-only events merged by union.
//! - [`attachments`]: the certificate file attached to an external record, stored (and
//!   synced) with the database in parts.
//! - [`import`]: training records from a CSV file (UTF-8, GBK, Big5), checked row by
//!   row before anything is written.
//! - [`expiry`]: the rules — outcome, expiry and status of a record on a given day — as
//!   pure functions, so status is derived on every device and never stored.
//! - [`requirements`]: what each role must take (role × course), and exemptions.
//! - [`compliance`]: the rule deriving each agent × required course's state on a day.
//! - [`sessions`]: a course held on a day, its enrolments and the attendance grid that
//!   writes records.
//! - [`matrix`]: the compliance page's data read for a team, and its CSV table.
//!
//! The people trained are the roster's agents (people/roster.rs), the same rows cases
//! are assigned to.

pub mod attachments;
pub mod compliance;
pub mod courses;
pub mod expiry;
pub mod import;
pub mod matrix;
pub mod records;
pub mod requirements;
pub mod sessions;

pub use compliance::{ComplianceState, Matrix, Need};
pub use courses::{Course, CourseInput, Mode, Topic};
pub use expiry::RecordStatus;
pub use import::{RecordDryRun, RecordImportProgress, RecordImportSummary, RecordRowCode, RecordRowError};
pub use matrix::{ComplianceQuery, ComplianceView};
pub use records::{AgentTraining, RecordInput, TrainingRecord};
pub use requirements::{Exemption, Requirement, RequirementLevel};
pub use sessions::{AttendanceRow, AttendanceSaved, Attendee, Session, SessionDetail, SessionInput, SessionResult};

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod requirements_tests;
#[cfg(test)]
mod sessions_tests;
#[cfg(test)]
mod tests;
