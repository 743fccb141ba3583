//! Writing and reading one case.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

use super::facts;
use super::model::*;
use super::reference::{case_reference, clash_reference};
use super::service_level::refresh_due_cache;
use super::workflow::{self, CaseAction};
use crate::ids::{AgentId, CaseId, EventId, JourneyStageId, TeamId};
use crate::input::{TextRule, TimeWindow, check_count};
use crate::store::{Table, WriteTx, get_meta, set_meta};
use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule, customers, people};

pub(crate) const TITLE: TextRule = TextRule::line("title", 200, true);
pub(crate) const DESCRIPTION: TextRule = TextRule::block("description", 20_000, false);
pub(crate) const CATEGORY: TextRule = TextRule::line("category", 80, false);
const NOTE: TextRule = TextRule::block("text", 20_000, true);
const DEPARTMENT: TextRule = TextRule::line("department", 80, true);
const REASON: TextRule = TextRule::block("reason", 2_000, true);
pub(crate) const ROOT_CAUSE: TextRule = TextRule::block("rootCause", 4_000, true);
pub(crate) const RESOLUTION: TextRule = TextRule::block("resolutionSummary", 4_000, true);
const SUMMARY: TextRule = TextRule::block("summary", 4_000, false);
const OUTCOME: TextRule = TextRule::block("outcome", 2_000, true);
const COMMENT: TextRule = TextRule::block("comment", 2_000, false);
pub(crate) const TAG: TextRule = TextRule::line("tags", 40, true);
/// Most tags one case may carry.
pub const MAX_TAGS: usize = 20;
/// When a call-back may be due, around the transaction's `now`: up to a year back (a
/// call-back agreed earlier and entered late stays visible, as overdue) and up to two
/// years ahead (a later date is a typo, such as year 0001 or 9999). The UI's date picker
/// offers the same window.
pub const CALLBACK_WINDOW_DAYS_BACK: u32 = 365;
/// See [`CALLBACK_WINDOW_DAYS_BACK`].
pub const CALLBACK_WINDOW_DAYS_AHEAD: u32 = 730;
const CALLBACK_DUE: TimeWindow =
    TimeWindow { field: "dueAt", days_back: CALLBACK_WINDOW_DAYS_BACK, days_ahead: CALLBACK_WINDOW_DAYS_AHEAD };
/// Longest single contact a handle time may record: 24 hours.
const MAX_HANDLE_SECONDS: u32 = 24 * 3600;

/// Meta key of this device's case sequence.
const CASE_SEQ: &str = "case_seq";

/// What resolving needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    /// Root cause.
    pub root_cause: String,
    /// What was done.
    pub resolution_summary: String,
}

/// A logged customer contact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// How.
    pub channel: CaseChannel,
    /// Who contacted whom.
    pub direction: Direction,
    /// What was said.
    pub summary: String,
    /// Handle time, seconds.
    pub handle_seconds: u32,
}

/// The call-back's result.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CallbackResult {
    /// What came of the call.
    pub outcome: String,
    /// CSAT 1–5.
    pub csat: Option<u8>,
    /// NPS 0–10.
    pub nps: Option<u8>,
    /// The customer's words.
    pub comment: Option<String>,
}

/// Logs a new case; returns its id.
pub fn create(tx: &mut WriteTx<'_>, input: &NewCase) -> Result<CaseId> {
    create_with(tx, input, Intake::default())
}

/// What a new case may carry beyond its input, known at intake by an importer or by demo
/// data.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Intake<'a> {
    /// Its customer-journey stage.
    pub stage: Option<&'a JourneyStageId>,
    /// Its id in the helpdesk it was imported from.
    pub external_id: Option<&'a str>,
}

/// [`create`], with what `intake` knows.
pub(crate) fn create_with(tx: &mut WriteTx<'_>, input: &NewCase, intake: Intake<'_>) -> Result<CaseId> {
    let (id, row) = new_row(tx, input, intake)?;
    tx.insert(Table::Cases, id.as_str(), &row)?;
    facts::append(tx, &id, created_event(input))?;
    refresh_due_cache(tx, &id)?;
    Ok(id)
}

/// The first event of every case.
pub(super) fn created_event(input: &NewCase) -> EventData {
    EventData::Created { priority: input.priority, channel: input.channel }
}

/// A new case's id and the data columns of its row, its input checked and its reference
/// minted (`status` starts as new).
pub(super) fn new_row(
    tx: &mut WriteTx<'_>,
    input: &NewCase,
    intake: Intake<'_>,
) -> Result<(CaseId, Vec<(&'static str, Value)>)> {
    let Intake { stage, external_id } = intake;
    crate::voc::stages::check_choice(tx.conn(), stage, None)?;
    let title = TITLE.check(&input.title)?;
    let description = DESCRIPTION.check(&input.description)?;
    let category = CATEGORY.check(&input.category)?;
    if let Some(c) = &input.customer_id {
        customers::ensure_exists(tx.conn(), c)?;
    }
    let seq = get_meta(tx.conn(), CASE_SEQ)?.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) + 1;
    set_meta(tx.conn(), CASE_SEQ, &seq.to_string())?;
    let id = CaseId::new();
    let reference = match get_meta(tx.conn(), crate::sync::DEVICE_CODE_META)? {
        Some(code) => super::reference::server_reference(&code, seq),
        None => case_reference(tx.node(), seq),
    };
    let row = vec![
            ("ref", Value::Text(reference)),
            ("title", Value::Text(title)),
            ("description", Value::Text(description)),
            ("customer_id", opt_text(input.customer_id.as_ref().map(|c| c.to_string()))),
            ("channel", input.channel.into()),
            ("category", Value::Text(category)),
            ("priority", input.priority.into()),
            ("journey_stage_id", opt_text(stage.map(|s| s.to_string()))),
            // The first value of a derived column; from now on the timeline decides it.
            ("status", CaseStatus::New.into()),
            ("external_id", opt_text(external_id.map(str::to_owned))),
    ];
    Ok((id, row))
}

/// Replaces the editable fields; records which changed.
pub fn edit(tx: &mut WriteTx<'_>, id: &CaseId, input: &CaseEdit) -> Result<()> {
    let before = get(tx.conn(), id)?;
    workflow::check(before.status, CaseAction::Edit)?;
    let title = TITLE.check(&input.title)?;
    let description = DESCRIPTION.check(&input.description)?;
    let category = CATEGORY.check(&input.category)?;
    if let Some(c) = &input.customer_id {
        customers::ensure_exists(tx.conn(), c)?;
    }
    let mut fields = Vec::new();
    let mut note = |name: &str, changed: bool| {
        if changed {
            fields.push(name.to_owned());
        }
    };
    note("title", before.title != title);
    note("description", before.description != description);
    note("customerId", before.customer_id != input.customer_id);
    note("channel", before.channel != input.channel);
    note("category", before.category != category);
    note("priority", before.priority != input.priority);
    if fields.is_empty() {
        return Ok(());
    }
    tx.upsert(
        Table::Cases,
        id.as_str(),
        &[
            ("title", Value::Text(title)),
            ("description", Value::Text(description)),
            ("customer_id", opt_text(input.customer_id.as_ref().map(|c| c.to_string()))),
            ("channel", input.channel.into()),
            ("category", Value::Text(category)),
            ("priority", input.priority.into()),
        ],
    )?;
    facts::append(tx, id, EventData::Edited { fields })?;
    refresh_due_cache(tx, id)
}

/// Moves the case to `to`. Resolving requires `resolution`; other moves ignore it.
///
/// The status, and on resolving the root cause, summary and resolution time, are facts
/// of the timeline ([`facts`]): this appends the events, and the facts follow.
pub fn transition(tx: &mut WriteTx<'_>, id: &CaseId, to: CaseStatus, resolution: Option<&Resolution>) -> Result<()> {
    let from = facts::current(tx, id)?.status;
    for e in move_events(from, to, resolution)? {
        facts::append(tx, id, e)?;
    }
    // The SLA clocks follow the clock mode, not the status itself: between two statuses of
    // one mode (new -> open, resolved -> closed) the due times stay as they were.
    if workflow::clock_mode(from) == workflow::clock_mode(to) { Ok(()) } else { refresh_due_cache(tx, id) }
}

/// The events of a move from `from` to `to` (with the resolution when resolving), or why
/// it is refused.
pub(super) fn move_events(from: CaseStatus, to: CaseStatus, resolution: Option<&Resolution>) -> Result<Vec<EventData>> {
    if !workflow::can_move(from, to) {
        return Err(Error::InvalidTransition { from: from.as_str(), to: to.as_str() });
    }
    let mut events = vec![EventData::StatusChanged { from, to }];
    if to == CaseStatus::Resolved {
        let r = resolution.ok_or(Error::invalid("rootCause", ValidationRule::Required))?;
        let root_cause = ROOT_CAUSE.check(&r.root_cause)?;
        let resolution_summary = RESOLUTION.check(&r.resolution_summary)?;
        events.push(EventData::Resolved { root_cause, resolution_summary });
    }
    Ok(events)
}

/// Assigns the case to an agent and/or team (None clears). An agent who has left cannot
/// be given a case (`AgentLeft` on `assigneeId`), though a case already theirs stays theirs.
pub fn assign(tx: &mut WriteTx<'_>, id: &CaseId, assignee: Option<&AgentId>, team: Option<&TeamId>) -> Result<()> {
    if let Some(a) = assignee {
        let current: Option<AgentId> = tx
            .conn()
            .prepare_cached("SELECT assignee_id FROM cases WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        people::ensure_active_agent(tx.conn(), a, current.as_ref(), "assigneeId")?;
    }
    assign_as_before(tx, id, assignee, team)
}

/// [`assign`] without the check that the agent is still here: undoing a bulk assignment
/// puts back whoever had the case.
pub(crate) fn assign_as_before(
    tx: &mut WriteTx<'_>,
    id: &CaseId,
    assignee: Option<&AgentId>,
    team: Option<&TeamId>,
) -> Result<()> {
    workflow::check(facts::current(tx, id)?.status, CaseAction::Assign)?;
    if let Some(a) = assignee {
        people::ensure_agent(tx.conn(), a)?;
    }
    if let Some(t) = team {
        people::ensure_team(tx.conn(), t)?;
    }
    let changed = tx.upsert(
        Table::Cases,
        id.as_str(),
        &[
            ("assignee_id", opt_text(assignee.map(|a| a.to_string()))),
            ("team_id", opt_text(team.map(|t| t.to_string()))),
        ],
    )?;
    if changed > 0 {
        let event = assigned_event(tx.conn(), assignee, team)?;
        facts::append(tx, id, event)?;
        // Another team may count in another calendar.
        refresh_due_cache(tx, id)?;
    }
    Ok(())
}

/// The timeline entry of an assignment, naming the agent and team as they are called now.
pub(super) fn assigned_event(
    conn: &rusqlite::Connection,
    assignee: Option<&AgentId>,
    team: Option<&TeamId>,
) -> Result<EventData> {
    let name = |sql: &str, v: Option<String>| -> Result<Option<String>> {
        match v {
            None => Ok(None),
            Some(v) => Ok(conn.prepare_cached(sql)?.query_row([v], |r| r.get(0)).optional()?),
        }
    };
    let assignee = name("SELECT name FROM agents WHERE id = ?1", assignee.map(|a| a.to_string()))?;
    let team = name("SELECT name FROM teams WHERE id = ?1", team.map(|t| t.to_string()))?;
    Ok(EventData::Assigned { assignee, team })
}

/// Escalates to a department (or changes the escalation).
pub fn escalate(tx: &mut WriteTx<'_>, id: &CaseId, e: &Escalation) -> Result<()> {
    let event = escalated_event(facts::current(tx, id)?.status, e)?;
    facts::append(tx, id, event)?;
    Ok(())
}

/// The timeline entry of an escalation of a case in `status`, or why it is refused.
pub(super) fn escalated_event(status: CaseStatus, e: &Escalation) -> Result<EventData> {
    workflow::check(status, CaseAction::Escalate)?;
    if !(1..=3).contains(&e.level) {
        return Err(Error::Validation { field: "level", rule: ValidationRule::InvalidValue, limit: Some(3) });
    }
    let escalation =
        Escalation { department: DEPARTMENT.check(&e.department)?, level: e.level, reason: REASON.check(&e.reason)? };
    Ok(EventData::Escalated { escalation })
}

/// Withdraws the escalation.
pub fn de_escalate(tx: &mut WriteTx<'_>, id: &CaseId, reason: &str) -> Result<()> {
    let case = get(tx.conn(), id)?;
    workflow::check(case.status, CaseAction::DeEscalate)?;
    if case.escalation.is_none() {
        return Err(Error::InvalidTransition { from: "not_escalated", to: "de_escalated" });
    }
    let reason = REASON.check(reason)?;
    facts::append(tx, id, EventData::DeEscalated { reason })?;
    Ok(())
}

/// Replaces the tags (trimmed, de-duplicated, sorted). Each tag is an element of the
/// case's tag set (its own row), so tags added on two devices offline both stay.
pub fn set_tags(tx: &mut WriteTx<'_>, id: &CaseId, tags: &[String]) -> Result<()> {
    let case = get(tx.conn(), id)?;
    workflow::check(case.status, CaseAction::SetTags)?;
    let before = case.tags;
    let clean = clean_tags(tags)?;
    if clean == before {
        return Ok(());
    }
    let added: Vec<String> = clean.iter().filter(|t| !before.contains(t)).cloned().collect();
    let removed: Vec<String> = before.iter().filter(|t| !clean.contains(t)).cloned().collect();
    for (tag, present) in added.iter().map(|t| (t, 1)).chain(removed.iter().map(|t| (t, 0))) {
        tx.upsert(
            Table::CaseTags,
            &crate::ids::member_id(id.as_str(), tag),
            &[
                ("case_id", Value::Text(id.to_string())),
                ("tag", Value::Text(tag.clone())),
                ("present", Value::Integer(present)),
            ],
        )?;
    }
    tx.set_derived(Table::Cases, id.as_str(), &[("tags", Value::Text(facts::tags_json(tx.conn(), id)?))])?;
    facts::append(tx, id, EventData::TagsChanged { added, removed })?;
    Ok(())
}

/// Tags as a case keeps them: checked, trimmed, de-duplicated and sorted.
pub(crate) fn clean_tags(tags: &[String]) -> Result<Vec<String>> {
    check_count("tags", tags.len(), MAX_TAGS)?;
    let mut clean = tags.iter().map(|t| TAG.check(t)).collect::<Result<Vec<_>>>()?;
    clean.sort();
    clean.dedup();
    Ok(clean)
}

/// Sets the case's customer-journey stage (None clears it); records the edit. Errors: a
/// stage that does not exist or is retired (`InvalidValue` on `journeyStageId`).
pub fn set_journey_stage(tx: &mut WriteTx<'_>, id: &CaseId, stage: Option<&JourneyStageId>) -> Result<()> {
    let before = get(tx.conn(), id)?;
    workflow::check(before.status, CaseAction::Edit)?;
    crate::voc::stages::check_choice(tx.conn(), stage, before.journey_stage_id.as_ref())?;
    if before.journey_stage_id.as_ref() == stage {
        return Ok(());
    }
    tx.upsert(Table::Cases, id.as_str(), &[("journey_stage_id", opt_text(stage.map(|s| s.to_string())))])?;
    facts::append(tx, id, EventData::Edited { fields: vec!["journeyStageId".into()] })?;
    Ok(())
}

/// Adds a note to the timeline.
pub fn add_note(tx: &mut WriteTx<'_>, id: &CaseId, text: &str) -> Result<()> {
    let event = note_event(facts::current(tx, id)?.status, text)?;
    facts::append(tx, id, event)?;
    Ok(())
}

/// The timeline entry of a note on a case in `status`, or why it is refused.
pub(super) fn note_event(status: CaseStatus, text: &str) -> Result<EventData> {
    workflow::check(status, CaseAction::AddNote)?;
    Ok(EventData::Note { text: NOTE.check(text)? })
}

/// Logs a contact with the customer. A live conversation or any outbound contact is our
/// response ([`facts::is_response`]): the first one is the first response.
pub fn log_contact(tx: &mut WriteTx<'_>, id: &CaseId, c: &Contact) -> Result<()> {
    let case = facts::current(tx, id)?;
    let event = contact_event(case.status, c)?;
    let first_response = facts::is_response(c.channel, c.direction) && case.first_response_at.is_none();
    facts::append(tx, id, event)?;
    // The SLA depends on the first response, not on later contacts.
    if first_response { refresh_due_cache(tx, id) } else { Ok(()) }
}

/// The timeline entry of a contact on a case in `status`, or why it is refused.
pub(super) fn contact_event(status: CaseStatus, c: &Contact) -> Result<EventData> {
    workflow::check(status, CaseAction::LogContact)?;
    if c.handle_seconds > MAX_HANDLE_SECONDS {
        return Err(Error::Validation {
            field: "handleSeconds",
            rule: ValidationRule::InvalidValue,
            limit: Some(MAX_HANDLE_SECONDS),
        });
    }
    Ok(EventData::CustomerContact {
        channel: c.channel,
        direction: c.direction,
        summary: SUMMARY.check(&c.summary)?,
        handle_seconds: c.handle_seconds,
    })
}

/// Schedules the call-back (回访) at `due_at` (RFC 3339), within the window of
/// [`CALLBACK_WINDOW_DAYS_BACK`] around the transaction's now. Only for resolved cases.
pub fn schedule_callback(tx: &mut WriteTx<'_>, id: &CaseId, due_at: &str) -> Result<()> {
    let event = callback_scheduled_event(facts::current(tx, id)?.status, due_at, tx.now())?;
    facts::append(tx, id, event)?;
    Ok(())
}

/// The timeline entry of a call-back scheduled at `now` on a case in `status`, or why it
/// is refused.
pub(super) fn callback_scheduled_event(
    status: CaseStatus,
    due_at: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<EventData> {
    workflow::check(status, CaseAction::ScheduleCallback)?;
    let due = chrono::DateTime::parse_from_rfc3339(due_at)
        .map_err(|_| Error::invalid("dueAt", ValidationRule::InvalidValue))?
        .with_timezone(&chrono::Utc);
    Ok(EventData::CallbackScheduled { due_at: to_db_text(CALLBACK_DUE.check(due, now)?) })
}

/// Records the call-back's outcome and the customer's satisfaction.
pub fn record_callback(tx: &mut WriteTx<'_>, id: &CaseId, r: &CallbackResult) -> Result<()> {
    let event = callback_recorded_event(&facts::current(tx, id)?, r)?;
    facts::append(tx, id, event)?;
    Ok(())
}

/// The timeline entry of a call-back's outcome on a case with `case`'s facts, or why it
/// is refused.
pub(super) fn callback_recorded_event(case: &facts::Facts, r: &CallbackResult) -> Result<EventData> {
    workflow::check(case.status, CaseAction::RecordCallback)?;
    if case.callback_due_at.is_none() {
        return Err(Error::InvalidTransition { from: "no_callback", to: "callback_recorded" });
    }
    if r.csat.is_some_and(|v| !(1..=5).contains(&v)) {
        return Err(Error::Validation { field: "csat", rule: ValidationRule::InvalidValue, limit: Some(5) });
    }
    if r.nps.is_some_and(|v| v > 10) {
        return Err(Error::Validation { field: "nps", rule: ValidationRule::InvalidValue, limit: Some(10) });
    }
    let outcome = OUTCOME.check(&r.outcome)?;
    let comment = r.comment.as_deref().map(|c| COMMENT.check(c)).transpose()?.filter(|c| !c.is_empty());
    Ok(EventData::CallbackRecorded { outcome, csat: r.csat, nps: r.nps, comment })
}

/// Notes on the timeline that a field was set back to this device's value (a conflict
/// settled with "keep mine"), and lets the SLA follow if it was one it depends on.
pub(crate) fn note_restored_field(tx: &mut WriteTx<'_>, id: &CaseId, field: &str) -> Result<()> {
    facts::append(tx, id, EventData::Edited { fields: vec![field.to_owned()] })?;
    refresh_due_cache(tx, id)
}

/// Gives distinct references to cases that two devices gave the same one before they
/// synced (only possible for references minted before signing in). Of each clashing pair
/// the case with the greater id takes [`clash_reference`] — every device meeting the clash
/// makes the same synced write, with the same timeline entry, so they converge. Returns
/// the cases relabelled, whose facts must be refolded.
pub(crate) fn resolve_reference_clashes(
    tx: &mut WriteTx<'_>,
    ids: &std::collections::BTreeSet<CaseId>,
) -> Result<Vec<CaseId>> {
    let mut relabelled = Vec::new();
    for id in ids {
        let row: Option<(String, String)> = tx
            .conn()
            .prepare_cached("SELECT ref, created_at FROM cases WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((reference, created)) = row.filter(|(r, _)| !r.is_empty()) else { continue };
        let others: Vec<(CaseId, String)> = {
            let mut stmt = tx
                .conn()
                .prepare_cached("SELECT id, created_at FROM cases WHERE ref = ?1 AND id <> ?2 AND deleted_at IS NULL")?;
            stmt.query_map(rusqlite::params![reference, id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        for (other, other_created) in others {
            let loser = if other > *id { other } else { id.clone() };
            let to = clash_reference(&reference, loser.as_str());
            tx.upsert(Table::Cases, loser.as_str(), &[("ref", Value::Text(to.clone()))])?;
            let event = EventId(crate::ids::member_id(loser.as_str(), &format!("ref:{to}")));
            let exists = tx
                .conn()
                .prepare_cached("SELECT 1 FROM case_events WHERE id = ?1")?
                .query_row([&event], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                let at = created.clone().max(other_created.clone());
                // Every device that meets the clash writes this entry, so all of it is
                // the same everywhere — its creation time too — and whichever copy a
                // device holds first is the one the others send.
                let now = tx.now();
                let made = chrono::DateTime::parse_from_rfc3339(&at)
                    .map_err(|_| Error::Corrupt { detail: format!("case {loser} has a bad created_at {at:?}") })?;
                tx.set_time(made.with_timezone(&chrono::Utc));
                let inserted =
                    facts::insert_event(tx, &event, &loser, &at, &EventData::ReferenceChanged { from: reference.clone(), to });
                tx.set_time(now);
                inserted?;
            }
            relabelled.push(loser);
        }
    }
    Ok(relabelled)
}

/// The `kind` tag serde writes for `data`, without serialising it (a test keeps the two
/// in step; the match has no wildcard, so a new variant cannot be forgotten).
pub(super) fn kind_of(data: &EventData) -> &'static str {
    match data {
        EventData::Created { .. } => "created",
        EventData::Note { .. } => "note",
        EventData::StatusChanged { .. } => "status_changed",
        EventData::Assigned { .. } => "assigned",
        EventData::Escalated { .. } => "escalated",
        EventData::DeEscalated { .. } => "de_escalated",
        EventData::TagsChanged { .. } => "tags_changed",
        EventData::Edited { .. } => "edited",
        EventData::CustomerContact { .. } => "customer_contact",
        EventData::Resolved { .. } => "resolved",
        EventData::CallbackScheduled { .. } => "callback_scheduled",
        EventData::CallbackRecorded { .. } => "callback_recorded",
        EventData::ReferenceChanged { .. } => "reference_changed",
    }
}

fn status_of(conn: &rusqlite::Connection, id: &CaseId) -> Result<CaseStatus> {
    conn.prepare_cached("SELECT status FROM cases WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "case", id: id.to_string() })
}

fn opt_text(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::Text)
}

const SELECT_CASE: &str = "SELECT c.id, c.ref, c.title, c.description, c.customer_id, cu.name, cu.tier,
    c.channel, c.category, c.priority, c.status, c.assignee_id, a.name, c.team_id, t.name,
    c.escalation_department, c.escalation_level, c.escalation_reason, c.tags, c.root_cause,
    c.resolution_summary, c.first_response_at, c.resolved_at, c.callback_due_at, c.callback_done_at,
    c.callback_outcome, c.csat, c.nps, c.satisfaction_comment, c.handle_seconds, c.created_at, c.updated_at,
    c.journey_stage_id
    FROM cases c
    LEFT JOIN customers cu ON cu.id = c.customer_id
    LEFT JOIN agents a ON a.id = c.assignee_id
    LEFT JOIN teams t ON t.id = c.team_id";

fn case_from_row(r: &Row<'_>) -> rusqlite::Result<Case> {
    let tags: String = r.get(18)?;
    let escalation = match (r.get::<_, Option<String>>(15)?, r.get::<_, Option<i64>>(16)?) {
        (Some(department), Some(level)) => Some(Escalation {
            department,
            level: u8::try_from(level).unwrap_or(1),
            reason: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
        }),
        _ => None,
    };
    let small = |i: usize| -> rusqlite::Result<Option<u8>> {
        Ok(r.get::<_, Option<i64>>(i)?.and_then(|v| u8::try_from(v).ok()))
    };
    Ok(Case {
        id: r.get(0)?,
        reference: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        customer_id: r.get(4)?,
        customer_name: r.get(5)?,
        customer_vip: r.get::<_, Option<String>>(6)?.as_deref() == Some("vip"),
        channel: r.get(7)?,
        category: r.get(8)?,
        priority: r.get(9)?,
        status: r.get(10)?,
        assignee_id: r.get(11)?,
        assignee_name: r.get(12)?,
        team_id: r.get(13)?,
        team_name: r.get(14)?,
        escalation,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        root_cause: r.get(19)?,
        resolution_summary: r.get(20)?,
        first_response_at: r.get(21)?,
        resolved_at: r.get(22)?,
        follow_up: FollowUp { due_at: r.get(23)?, done_at: r.get(24)?, outcome: r.get(25)? },
        satisfaction: Satisfaction { csat: small(26)?, nps: small(27)?, comment: r.get(28)? },
        handle_seconds: u32::try_from(r.get::<_, i64>(29)?).unwrap_or(u32::MAX),
        created_at: r.get(30)?,
        updated_at: r.get(31)?,
        journey_stage_id: r.get(32)?,
    })
}

/// One case.
pub fn get(conn: &rusqlite::Connection, id: &CaseId) -> Result<Case> {
    conn.prepare_cached(&format!("{SELECT_CASE} WHERE c.id = ?1 AND c.deleted_at IS NULL"))?
        .query_row([id], case_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "case", id: id.to_string() })
}

/// The case a person names by its id or its reference (the CLI's `case show K7M2QX-42`).
pub fn resolve_key(conn: &rusqlite::Connection, key: &str) -> Result<CaseId> {
    let id = CaseId(key.trim().to_owned());
    if status_of(conn, &id).is_ok() {
        return Ok(id);
    }
    find_by_reference(conn, key)?.ok_or_else(|| Error::NotFound { entity: "case", id: key.trim().to_owned() })
}

/// A case by its reference (e.g. typed into search).
pub fn find_by_reference(conn: &rusqlite::Connection, reference: &str) -> Result<Option<CaseId>> {
    Ok(conn
        .query_row("SELECT id FROM cases WHERE ref = ?1 AND deleted_at IS NULL", [reference.trim().to_uppercase()], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The case's timeline, oldest first.
pub fn timeline(conn: &rusqlite::Connection, id: &CaseId) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, data FROM case_events WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY at, id",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, EventId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, data) = row?;
        let data = serde_json::from_str(&data)
            .map_err(|e| Error::Internal(format!("timeline event {id} is unreadable: {e}")))?;
        out.push(CaseEvent { id, at, data });
    }
    Ok(out)
}

/// Everything the case detail view shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseDetail {
    /// The case.
    pub case: Case,
    /// Its timeline, oldest first.
    pub timeline: Vec<CaseEvent>,
    /// Its SLA now.
    pub sla: super::CaseSla,
    /// Statuses it may move to.
    pub next_statuses: Vec<CaseStatus>,
    /// What else its status allows (the rule is [`workflow::allows`]).
    pub allowed_actions: Vec<CaseAction>,
}

/// The case, its timeline, SLA, allowed moves and actions.
pub fn detail(store: &crate::Store, id: &CaseId) -> Result<CaseDetail> {
    let case = get(store.conn(), id)?;
    Ok(CaseDetail {
        next_statuses: workflow::next_statuses(case.status),
        allowed_actions: workflow::allowed_actions(case.status),
        timeline: timeline(store.conn(), id)?,
        sla: super::case_sla(store, id)?,
        case,
    })
}
