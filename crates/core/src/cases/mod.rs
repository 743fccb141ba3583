//! Case management: intake to call-back.
//!
//! Every write goes through the store's write path and appends to the case's timeline in
//! the same transaction, so the history is complete and sync-ready. Rules live in small
//! pure modules ([`workflow`], [`reference`]); SLA state is derived from the timeline by
//! [`crate::sla`] and only cached on the row for queue queries.

pub mod bulk;
pub mod counts;
pub(crate) mod facts;
pub(crate) mod history;
pub(crate) mod pulled;
pub(crate) mod search_index;
pub mod model;
pub mod query;
pub mod reference;
mod service_level;
mod store;
pub mod workflow;

pub use model::*;
pub use counts::QueueCounts;
pub use query::{CasePage, CaseQuery, CaseSort, CaseSummary, Queue};
pub(crate) use service_level::{SlaKey, SlaSetup, parse_time, refresh_active_due_caches, refresh_due_caches_of_customers};
pub use service_level::{CaseSla, SlaStatus, TargetView, case_sla};
pub use store::*;
pub(crate) use store::{Intake, note_restored_field, resolve_reference_clashes};

#[cfg(test)]
mod tests;
