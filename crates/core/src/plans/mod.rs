//! Contingency plans: author them, publish frozen versions, run them in incidents, drills
//! and tabletop exercises, and score the run (issue 18).
//!
//! - [`plans`]: a plan's fields and its steps in four phases (the draft), registers.
//! - [`position`]: sortable keys that order a phase's steps and merge per step.
//! - [`contacts`]: a plan's call tree, a row per contact, ordered like steps.
//! - [`templates`] and [`placeholders`]: communication templates and filling them for a run.
//! - [`run_cases`]: cases linked to runs (a set), and a case created from a run.
//! - [`diff`]: what changed between two published versions, a pure function.
//! - [`versions`]: publishing freezes the content; draft or published is derived.
//! - [`runs`]: starting a run of a version and recording what is done in it, as events.
//! - [`checklist`] and [`score`]: the rules — a run's checklist and its score — as pure
//!   functions of the events and an explicit "now".
//! - [`overview`]: what the Plans page and a plan's page show.
//! - [`reminders`]: plans overdue for review or for a drill, derived.
//! - [`alerts`]: required steps of active runs that just passed their target.
//! - [`review`]: a closed run's hot-wash, after-action review and action items.
//! - [`run_pdf`]: a run's report as a PDF, as its printable page shows it.
//! - [`starters`]: example plans in three languages, copied into new drafts.

pub mod alerts;
pub mod checklist;
pub mod contacts;
pub mod diff;
pub mod overview;
pub mod placeholders;
#[allow(clippy::module_inception)]
pub mod plans;
pub mod position;
pub mod reminders;
pub mod review;
pub mod run_cases;
pub mod run_pdf;
pub mod runs;
pub mod score;
pub mod starters;
pub mod templates;
pub mod versions;

pub use alerts::OverdueStep;
pub use checklist::{ItemState, RunEventKind};
pub use contacts::{PlanContact, PlanContactInput};
pub use diff::{Change, FieldChange, ItemChange, PlanDiff};
pub use templates::{FillInput, FilledTemplate, Template, TemplateInput, TemplateKind};
pub use overview::{PlanDetail, PlanSummary};
pub use reminders::{PlanReminder, ReminderKind};
pub use plans::{Phase, PlanContent, PlanInput, Scenario, Severity, Step, StepInput};
pub use review::{ActionItem, ActionItemInput, OpenActionItem, ReviewInput, RunReview};
pub use run_cases::RunCase;
pub use run_pdf::RunReport;
pub use runs::{LogEntry, RunAction, RunInput, RunItem, RunKind, RunSummary, RunView};
pub use score::{PhaseTime, RunScore};
pub use starters::{StarterKey, StarterSummary};
pub use versions::{PlanStatus, VersionSummary};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_comms;
#[cfg(test)]
mod tests_review;
