//! Training: who on the team is trained on what, and whose certification lapses when.
//!
//! - [`courses`]: the courses, with the terms records are judged by (pass mark, validity).
//! - [`records`]: agents' completions, append-only events merged by union.
//! - [`expiry`]: the rules — outcome, expiry and status of a record on a given day — as
//!   pure functions, so status is derived on every device and never stored.
//!
//! The people trained are the roster's agents (people/roster.rs), the same rows cases
//! are assigned to.

pub mod courses;
pub mod expiry;
pub mod records;

pub use courses::{Course, CourseInput, Mode, Topic};
pub use expiry::RecordStatus;
pub use records::{AgentTraining, RecordInput, TrainingRecord};

#[cfg(test)]
mod tests;
