//! Service-level agreements: when a case's first response and resolution are due, and
//! whether they were met.
//!
//! SLA state is *derived*, never stored: [`evaluate`] recomputes it from the case's
//! timeline (created, first response, status changes) and the policy's targets, for an
//! explicit `now`. There are no elapsed-time counters that two offline devices could each
//! advance and then merge into nonsense; after a sync merge the timeline is the union of
//! both devices' events and the same function gives the right answer. For the same reason
//! a policy change needs no migration: the caller passes the new targets and the state
//! follows, retroactively if need be. Due times written to case rows are only a cache for
//! sorting queues, and each case's KPI facts (`kpi/facts.rs`) a cache of what the rule
//! gives once its timeline has settled; both are derived afresh whenever an input changes.
//!
//! - [`BusinessCalendar`] (`calendar.rs`): business hours in a time zone, with holidays;
//!   measures and adds business time across nights, weekends and DST changes.
//! - [`evaluate`] (`clock.rs`): the first-response and resolution clocks of one case, as
//!   a pure function of its timeline, its targets and an injected `now`.

mod calendar;
mod clock;

pub use calendar::{BusinessCalendar, DayRule};
pub use clock::{
    ClockChange, ClockMode, SlaInput, SlaState, SlaTargets, TargetState, TargetStatus, evaluate, is_at_risk,
    resolution_running_since,
};
