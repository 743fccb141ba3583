//! Writing a case's past: a case created at a given time and the actions that followed,
//! each at its own time, through the same functions a person's actions go through.
//!
//! Demo data and imports both recreate history this way, so a case's status, first
//! response, resolution time and SLA come out of its timeline exactly as they would have
//! if the actions had been taken in Frontline at those times ([`super::facts`]), and the
//! change log records them for sync. Each step sets the transaction's wall time first
//! ([`WriteTx::set_time`]); steps must come in time order, as a timeline never runs
//! backwards.

use chrono::{DateTime, Utc};

use super::model::{CaseStatus, Escalation, NewCase};
use super::{CallbackResult, Contact, Intake, Resolution};
use crate::Result;
use crate::ids::{AgentId, CaseId, TeamId};
use crate::store::WriteTx;
use crate::time::to_db_text;

/// One action in a case's past.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// Assigned to an agent and/or a team.
    Assign { agent: Option<AgentId>, team: Option<TeamId> },
    /// Tags set.
    Tags(Vec<String>),
    /// Status change (with the resolution when resolving).
    Move(CaseStatus, Option<Resolution>),
    /// A customer contact.
    Contact(Contact),
    /// A note.
    Note(String),
    /// An escalation.
    Escalate(Escalation),
    /// Call-back scheduled for the given time.
    ScheduleCallback(DateTime<Utc>),
    /// Call-back made.
    RecordCallback(CallbackResult),
}

/// Creates the case at `at`, with what `intake` knows of it.
pub(crate) fn create_at(tx: &mut WriteTx<'_>, at: DateTime<Utc>, input: &NewCase, intake: Intake<'_>) -> Result<CaseId> {
    tx.set_time(at);
    super::store::create_with(tx, input, intake)
}

/// Plays `steps` on case `id`, each at its time.
pub(crate) fn play(tx: &mut WriteTx<'_>, id: &CaseId, steps: impl IntoIterator<Item = (DateTime<Utc>, Step)>) -> Result<()> {
    for (at, step) in steps {
        tx.set_time(at);
        match step {
            Step::Assign { agent, team } => super::assign(tx, id, agent.as_ref(), team.as_ref())?,
            Step::Tags(tags) => super::set_tags(tx, id, &tags)?,
            Step::Move(to, resolution) => super::transition(tx, id, to, resolution.as_ref())?,
            Step::Contact(c) => super::log_contact(tx, id, &c)?,
            Step::Note(text) => super::add_note(tx, id, &text)?,
            Step::Escalate(e) => super::escalate(tx, id, &e)?,
            Step::ScheduleCallback(due) => super::schedule_callback(tx, id, &to_db_text(due))?,
            Step::RecordCallback(r) => super::record_callback(tx, id, &r)?,
        }
    }
    Ok(())
}
