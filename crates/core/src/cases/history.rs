//! Writing a case's past: a case created at a given time and the actions that followed,
//! each at its own time, as a person's actions would have made it.
//!
//! Demo data and imports both recreate history this way, so a case's status, first
//! response, resolution time and SLA come out of its timeline exactly as they would have
//! if the actions had been taken in Frontline at those times ([`super::facts`]), and the
//! change log records them for sync. Steps must come in time order, as a timeline never
//! runs backwards.
//!
//! [`create_with_past_but_tags`] writes a new case and its past at once: each step passes
//! the same rules and makes the same timeline entries as the action would (the actions'
//! own event functions in [`super::store`]), folded in memory ([`Facts::apply`]), and the
//! case row is inserted once with its final data, facts, tags and due times — every cell
//! versioned once — instead of being rewritten at every step. The tests hold it to what
//! the actions one by one make ([`create_at`] and [`play`], each step at its wall time,
//! [`WriteTx::set_time`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::types::Value;

use super::facts::{self, Facts, History};
use super::model::{CaseStatus, Escalation, EventData, NewCase};
use super::service_level::{SlaKey, clock_changes, due_cache_of, parse_time};
use super::store as action;
use super::workflow::{self, CaseAction};
use super::{CallbackResult, Contact, Intake, Resolution};
use crate::customers::Tier;
use crate::ids::{AgentId, CaseId, CustomerId, TeamId};
use crate::store::{Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result, people};

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
#[cfg(test)]
pub(crate) fn create_at(
    tx: &mut WriteTx<'_>,
    at: DateTime<Utc>,
    input: &NewCase,
    intake: Intake<'_>,
) -> Result<CaseId> {
    tx.set_time(at);
    super::store::create_with(tx, input, intake)
}

/// Plays `steps` on case `id`, each at its time.
#[cfg(test)]
pub(crate) fn play(
    tx: &mut WriteTx<'_>,
    id: &CaseId,
    steps: impl IntoIterator<Item = (DateTime<Utc>, Step)>,
) -> Result<()> {
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

/// Creates the case at `at` with its past, as [`create_at`] and then [`play`] would, but
/// writes each row once (see the module docs). Steps must come in time order.
#[cfg(test)]
pub(crate) fn create_with_past(
    tx: &mut WriteTx<'_>,
    at: DateTime<Utc>,
    input: &NewCase,
    intake: Intake<'_>,
    steps: impl IntoIterator<Item = (DateTime<Utc>, Step)>,
) -> Result<CaseId> {
    let mut load = Load::default();
    let id = create_with_past_but_tags(tx, at, input, intake, steps, &mut load)?;
    write_tags(tx, load)?;
    Ok(id)
}

/// [`create_with_past`] as part of `load`, but the rows of the case's tag set are left in
/// it, for the caller to write with [`write_tags`]: a bulk import writes all its cases'
/// tags at the end, in id order (see there).
pub(crate) fn create_with_past_but_tags(
    tx: &mut WriteTx<'_>,
    at: DateTime<Utc>,
    input: &NewCase,
    intake: Intake<'_>,
    steps: impl IntoIterator<Item = (DateTime<Utc>, Step)>,
    load: &mut Load,
) -> Result<CaseId> {
    tx.set_time(at);
    let (id, mut row) = action::new_row(tx, input, intake)?;
    let mut past = Past::default();
    past.push(at, action::created_event(input));
    let (mut assignee, mut team): (Option<AgentId>, Option<TeamId>) = (None, None);
    let mut tags: BTreeMap<String, TagRow> = BTreeMap::new();
    for (t, step) in steps {
        let status = past.facts.status;
        match step {
            Step::Assign { agent, team: to_team } => {
                workflow::check(status, CaseAction::Assign)?;
                let event = load.assigned(tx.conn(), agent.as_ref(), to_team.as_ref())?;
                if (&agent, &to_team) != (&assignee, &team) {
                    past.push(t, event);
                    (assignee, team) = (agent, to_team);
                }
            }
            Step::Tags(new) => {
                workflow::check(status, CaseAction::SetTags)?;
                let clean = action::clean_tags(&new)?;
                let before: Vec<String> = tags.iter().filter(|(_, r)| r.present).map(|(t, _)| t.clone()).collect();
                if clean != before {
                    let added: Vec<String> = clean.iter().filter(|t| !before.contains(t)).cloned().collect();
                    let removed: Vec<String> = before.iter().filter(|t| !clean.contains(t)).cloned().collect();
                    for (tag, present) in added.iter().map(|a| (a, true)).chain(removed.iter().map(|r| (r, false))) {
                        let row = tags.entry(tag.clone()).or_insert(TagRow { created: t, changed: t, present });
                        (row.changed, row.present) = (t, present);
                    }
                    past.push(t, EventData::TagsChanged { added, removed });
                }
            }
            Step::Move(to, resolution) => {
                for e in action::move_events(status, to, resolution.as_ref())? {
                    past.push(t, e);
                }
            }
            Step::Contact(c) => past.push(t, action::contact_event(status, &c)?),
            Step::Note(text) => past.push(t, action::note_event(status, &text)?),
            Step::Escalate(e) => past.push(t, action::escalated_event(status, &e)?),
            Step::ScheduleCallback(due) => past.push(t, action::callback_scheduled_event(status, &to_db_text(due), t)?),
            Step::RecordCallback(r) => past.push(t, action::callback_recorded_event(&past.facts, &r)?),
        }
    }
    let last = past.last_step;
    let present: Vec<&String> = tags.iter().filter(|(_, r)| r.present).map(|(t, _)| t).collect();
    let mut derived = past.facts.all_columns();
    derived.push(("tags", Value::Text(serde_json::to_string(&present).map_err(|e| Error::Internal(e.to_string()))?)));
    let category = match row.iter().find(|(c, _)| *c == "category") {
        Some((_, Value::Text(c))) => c.clone(),
        _ => String::new(),
    };
    let (first_due, resolution_due) = due_times(tx, load, input, &category, team.as_ref(), at, &past)?;
    derived.extend([("first_response_due_at", first_due), ("resolution_due_at", resolution_due)]);
    row.retain(|(c, _)| !derived.iter().any(|(d, _)| d == c));
    row.extend([
        ("assignee_id", assignee.map_or(Value::Null, |a| Value::Text(a.to_string()))),
        ("team_id", team.map_or(Value::Null, |t| Value::Text(t.to_string()))),
    ]);
    row.extend(derived);
    tx.insert_as_of(Table::Cases, id.as_str(), &row, last)?;
    facts::insert_events(tx, &id, &past.timeline)?;
    facts::written_history(tx, &id, past.history)?;
    load.tags.extend(tags.into_iter().map(|(tag, row)| NewTag {
        id: crate::ids::member_id(id.as_str(), &tag),
        case: id.clone(),
        tag,
        row,
    }));
    tx.set_time(last);
    // What derives from the case elsewhere (its KPI facts) follows at commit.
    tx.note_stale(Table::Cases, id.as_str());
    Ok(id)
}

/// One bulk load of cases with their past ([`create_with_past_but_tags`]): the rows of
/// their tag sets, until [`write_tags`] writes them, and what its cases look up again and
/// again, each read once — the assignment entries of the agents and teams they are given
/// (both checked to exist, as an assignment checks them, and named) and their customers'
/// tiers: 100,000 imported cases name a few dozen agents and teams and a few thousand
/// customers. No agent, team or customer may be deleted, renamed or re-tiered during it.
#[derive(Default)]
pub(crate) struct Load {
    tags: Vec<NewTag>,
    assigned: HashMap<(Option<AgentId>, Option<TeamId>), EventData>,
    tiers: HashMap<CustomerId, Option<Tier>>,
}

impl Load {
    /// The entry of an assignment to `agent` and `team`; fails as the assignment would
    /// when either does not exist.
    fn assigned(
        &mut self,
        conn: &rusqlite::Connection,
        agent: Option<&AgentId>,
        team: Option<&TeamId>,
    ) -> Result<EventData> {
        let key = (agent.cloned(), team.cloned());
        if let Some(event) = self.assigned.get(&key) {
            return Ok(event.clone());
        }
        if let Some(a) = agent {
            people::ensure_agent(conn, a)?;
        }
        if let Some(t) = team {
            people::ensure_team(conn, t)?;
        }
        let event = action::assigned_event(conn, agent, team)?;
        self.assigned.insert(key, event.clone());
        Ok(event)
    }

    /// The tier of `customer`, `None` if there is no such customer.
    fn tier(&mut self, conn: &rusqlite::Connection, customer: &CustomerId) -> Result<Option<Tier>> {
        if let Some(tier) = self.tiers.get(customer) {
            return Ok(*tier);
        }
        let tier = crate::customers::tier_of(conn, customer.as_str())?;
        self.tiers.insert(customer.clone(), tier);
        Ok(tier)
    }
}

/// A tag ever set on the case: its row of the tag set.
struct TagRow {
    created: DateTime<Utc>,
    changed: DateTime<Utc>,
    present: bool,
}

/// A row of a new case's tag set, to write ([`write_tags`]).
struct NewTag {
    /// Its member id.
    id: String,
    case: CaseId,
    tag: String,
    row: TagRow,
}

/// Writes the tag rows of the new cases of `load` ([`create_with_past_but_tags`]) in id order. A tag
/// row's id is a hash ([`crate::ids::member_id`]), so rows written case by case land at
/// random places in the tag table's id index and among the versions, each insert on a
/// page of its own; in id order, consecutive inserts share their pages. The
/// transaction's time is left as it was.
pub(crate) fn write_tags(tx: &mut WriteTx<'_>, load: Load) -> Result<()> {
    let Load { mut tags, .. } = load;
    let now = tx.now();
    tags.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for NewTag { id, case, tag, row } in tags {
        tx.set_time(row.created);
        tx.insert_as_of(
            Table::CaseTags,
            &id,
            &[
                ("case_id", Value::Text(case.to_string())),
                ("tag", Value::Text(tag)),
                ("present", Value::Integer(i64::from(row.present))),
            ],
            row.changed,
        )?;
    }
    tx.set_time(now);
    Ok(())
}

/// A timeline built in memory and the facts and history it folds to.
struct Past {
    facts: Facts,
    history: History,
    /// (the step's wall time, the entry's time, the entry), in order.
    timeline: Vec<(DateTime<Utc>, String, EventData)>,
    last_step: DateTime<Utc>,
}

impl Default for Past {
    fn default() -> Self {
        Past {
            facts: Facts::new(),
            history: History::default(),
            timeline: Vec::new(),
            last_step: DateTime::<Utc>::MIN_UTC,
        }
    }
}

impl Past {
    /// Appends an entry made at `t`, dated as [`facts::append`] dates it: never before the
    /// latest entry.
    fn push(&mut self, t: DateTime<Utc>, e: EventData) {
        let now = to_db_text(t);
        let at = match &self.facts.last_event_at {
            Some(last) if *last > now => last.clone(),
            _ => now,
        };
        self.facts.apply(&at, &e);
        self.history.apply(&at, &e);
        self.timeline.push((t, at, e));
        self.last_step = t;
    }
}

/// A case's SLA due times: first response, resolution (none once met).
pub(crate) type DueTimes = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The SLA due times a case created at `at` from `input` starts with, as [`create_at`]
/// caches them: nobody assigned, nothing done but its creation. A plan of the case's past
/// can time its steps on them before [`create_with_past_but_tags`] writes the case.
pub(crate) fn due_at_creation(
    tx: &mut WriteTx<'_>,
    load: &mut Load,
    input: &NewCase,
    at: DateTime<Utc>,
) -> Result<DueTimes> {
    let mut past = Past::default();
    past.push(at, action::created_event(input));
    let category = action::CATEGORY.check(&input.category)?;
    let time = |v: Value| match v {
        Value::Text(t) => parse_time(&t),
        _ => None,
    };
    let (first, resolution) = due_times(tx, load, input, &category, None, at, &past)?;
    Ok((time(first), time(resolution)))
}

/// The SLA due times to cache on the new case, as of its last step.
fn due_times(
    tx: &mut WriteTx<'_>,
    load: &mut Load,
    input: &NewCase,
    category: &str,
    team: Option<&TeamId>,
    created: DateTime<Utc>,
    past: &Past,
) -> Result<(Value, Value)> {
    let tier = match &input.customer_id {
        Some(c) => load.tier(tx.conn(), c)?,
        None => None,
    };
    let key = SlaKey { priority: input.priority, tier, category, team };
    let first_response = past.facts.first_response_at.as_deref().and_then(parse_time);
    due_cache_of(tx, &key, created, first_response, &clock_changes(&past.history.changes), past.last_step)
}
