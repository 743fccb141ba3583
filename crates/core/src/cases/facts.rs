//! A case's facts — status, escalation, resolution, first response, call-back,
//! satisfaction, handle time — derived from its timeline.
//!
//! **Why derived.** Two devices working offline on one case each append events; the
//! events merge by union. If the facts were registers, the last writer of `status` could
//! disagree with the merged timeline the SLA reads, a running total of handle time would
//! keep only one device's calls, and "first response at, if still empty" could keep the
//! later of two responses. Folding the merged timeline in order gives every device the
//! same facts, always in agreement with the timeline and the SLA.
//!
//! A local action folds just its new event onto the stored facts ([`append`]), which is
//! what a full fold would give because a local event never sorts before the case's
//! latest one. After a pulled batch, the cases it touched are folded from scratch
//! ([`refresh`]).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::model::{CaseChannel, CaseStatus, Direction, Escalation, EventData};
use super::service_level;
use super::workflow::is_active;
use crate::ids::{CaseId, EventId};
use crate::store::{NewRow, Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result};

/// Whether a contact counts as our response to the customer: any conversation in real
/// time, and anything we send.
pub fn is_response(channel: CaseChannel, direction: Direction) -> bool {
    direction == Direction::Outbound || matches!(channel, CaseChannel::Phone | CaseChannel::Chat | CaseChannel::WalkIn)
}

/// The derived columns of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    pub status: CaseStatus,
    pub escalation: Option<Escalation>,
    pub root_cause: Option<String>,
    pub resolution_summary: Option<String>,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub callback_due_at: Option<String>,
    pub callback_done_at: Option<String>,
    pub callback_outcome: Option<String>,
    pub csat: Option<u8>,
    pub nps: Option<u8>,
    pub satisfaction_comment: Option<String>,
    pub handle_seconds: u64,
    pub last_event_at: Option<String>,
}

impl Facts {
    /// A case with no events yet.
    pub fn new() -> Facts {
        Facts {
            status: CaseStatus::New,
            escalation: None,
            root_cause: None,
            resolution_summary: None,
            first_response_at: None,
            resolved_at: None,
            callback_due_at: None,
            callback_done_at: None,
            callback_outcome: None,
            csat: None,
            nps: None,
            satisfaction_comment: None,
            handle_seconds: 0,
            last_event_at: None,
        }
    }

    /// Folds in one event that happened at `at`, after every event folded so far.
    pub fn apply(&mut self, at: &str, event: &EventData) {
        match event {
            EventData::StatusChanged { to, .. } => self.status = *to,
            EventData::Escalated { escalation } => self.escalation = Some(escalation.clone()),
            EventData::DeEscalated { .. } => self.escalation = None,
            EventData::Resolved { root_cause, resolution_summary } => {
                self.root_cause = Some(root_cause.clone());
                self.resolution_summary = Some(resolution_summary.clone());
                self.resolved_at = Some(at.to_owned());
                // Resolving a case nobody has answered yet is its first response too (the
                // SLA counts it so), so the facts and the SLA never disagree.
                self.first_response_at.get_or_insert_with(|| at.to_owned());
            }
            EventData::CustomerContact { channel, direction, handle_seconds, .. } => {
                self.handle_seconds += u64::from(*handle_seconds);
                if is_response(*channel, *direction) {
                    self.first_response_at.get_or_insert_with(|| at.to_owned());
                }
            }
            EventData::CallbackScheduled { due_at } => {
                self.callback_due_at = Some(due_at.clone());
                self.callback_done_at = None;
                self.callback_outcome = None;
            }
            EventData::CallbackRecorded { outcome, csat, nps, comment } => {
                self.callback_done_at = Some(at.to_owned());
                self.callback_outcome = Some(outcome.clone());
                self.csat = *csat;
                self.nps = *nps;
                self.satisfaction_comment = comment.clone();
            }
            EventData::Created { .. }
            | EventData::Note { .. }
            | EventData::Assigned { .. }
            | EventData::TagsChanged { .. }
            | EventData::Edited { .. }
            | EventData::ReferenceChanged { .. } => {}
        }
        if self.last_event_at.as_deref().is_none_or(|last| at > last) {
            self.last_event_at = Some(at.to_owned());
        }
    }

    /// The facts as the case row's derived columns.
    fn columns(&self) -> [(&'static str, Value); 14] {
        let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
        let small = |v: Option<u8>| v.map_or(Value::Null, |v| Value::Integer(i64::from(v)));
        let esc = self.escalation.as_ref();
        [
            ("status", self.status.into()),
            ("escalation_department", esc.map_or(Value::Null, |e| Value::Text(e.department.clone()))),
            ("escalation_level", esc.map_or(Value::Null, |e| Value::Integer(i64::from(e.level)))),
            ("escalation_reason", esc.map_or(Value::Null, |e| Value::Text(e.reason.clone()))),
            ("root_cause", text(&self.root_cause)),
            ("resolution_summary", text(&self.resolution_summary)),
            ("first_response_at", text(&self.first_response_at)),
            ("resolved_at", text(&self.resolved_at)),
            ("callback_due_at", text(&self.callback_due_at)),
            ("callback_done_at", text(&self.callback_done_at)),
            ("callback_outcome", text(&self.callback_outcome)),
            ("csat", small(self.csat)),
            ("nps", small(self.nps)),
            ("satisfaction_comment", text(&self.satisfaction_comment)),
        ]
    }

    pub(super) fn all_columns(&self) -> Vec<(&'static str, Value)> {
        let mut v = self.columns().to_vec();
        v.push(("handle_seconds", Value::Integer(i64::try_from(self.handle_seconds).unwrap_or(i64::MAX))));
        v.push(("last_event_at", self.last_event_at.clone().map_or(Value::Null, Value::Text)));
        v
    }

    /// The facts stored on the case row.
    fn read(conn: &rusqlite::Connection, id: &CaseId) -> Result<Facts> {
        conn.prepare_cached(
            "SELECT status, escalation_department, escalation_level, escalation_reason, root_cause,
                    resolution_summary, first_response_at, resolved_at, callback_due_at, callback_done_at,
                    callback_outcome, csat, nps, satisfaction_comment, handle_seconds, last_event_at
             FROM cases WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            let small = |i: usize| -> rusqlite::Result<Option<u8>> {
                Ok(r.get::<_, Option<i64>>(i)?.and_then(|v| u8::try_from(v).ok()))
            };
            let escalation = match (r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?) {
                (Some(department), Some(level)) => Some(Escalation {
                    department,
                    level: u8::try_from(level).unwrap_or(1),
                    reason: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                }),
                _ => None,
            };
            Ok(Facts {
                status: r.get(0)?,
                escalation,
                root_cause: r.get(4)?,
                resolution_summary: r.get(5)?,
                first_response_at: r.get(6)?,
                resolved_at: r.get(7)?,
                callback_due_at: r.get(8)?,
                callback_done_at: r.get(9)?,
                callback_outcome: r.get(10)?,
                csat: small(11)?,
                nps: small(12)?,
                satisfaction_comment: r.get(13)?,
                handle_seconds: u64::try_from(r.get::<_, i64>(14)?).unwrap_or(0),
                last_event_at: r.get(15)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "case", id: id.to_string() })
    }
}

/// What a case's timeline says beyond its row's columns, for the KPIs: its status changes
/// (when, and to what), how many contacts were our responses, and whether it was ever
/// reopened. Events whose time cannot be read are left out, as the SLA leaves them out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct History {
    pub changes: Vec<(chrono::DateTime<chrono::Utc>, CaseStatus)>,
    pub responses: u32,
    pub reopened: bool,
}

impl History {
    /// Adds one event of the timeline, in timeline order.
    pub fn apply(&mut self, at: &str, event: &EventData) {
        let Some(at) = super::parse_time(at) else { return };
        match event {
            EventData::StatusChanged { from, to } => {
                self.changes.push((at, *to));
                self.reopened |= !is_active(*from) && is_active(*to);
            }
            EventData::CustomerContact { channel, direction, .. } => {
                self.responses += u32::from(is_response(*channel, *direction));
            }
            _ => {}
        }
    }
}

/// The facts of the case this transaction last appended to, so a run of actions on one
/// case (every case of a demo run, an action and its follow-ups) reads them once.
#[derive(Default)]
struct LastFacts(RefCell<Option<(CaseId, Facts)>>);

/// The stored facts of `case`.
pub(crate) fn current(tx: &mut WriteTx<'_>, case: &CaseId) -> Result<Facts> {
    let last = tx.cached(|_| Ok(LastFacts::default()))?;
    if let Some((id, f)) = &*last.0.borrow()
        && id == case
    {
        return Ok(f.clone());
    }
    Facts::read(tx.conn(), case)
}

fn remember(tx: &mut WriteTx<'_>, case: &CaseId, facts: Option<&Facts>) -> Result<()> {
    let last = tx.cached(|_| Ok(LastFacts::default()))?;
    *last.0.borrow_mut() = facts.map(|f| (case.clone(), f.clone()));
    Ok(())
}

/// The histories of the cases this transaction wrote with their whole past
/// ([`super::history`]), for their KPI facts at commit ([`take_written_histories`]):
/// their timelines need not be read back. A case appended to afterwards loses its entry.
#[derive(Default)]
struct WrittenHistories(RefCell<HashMap<CaseId, History>>);

/// Keeps the history of a case just written with its whole past.
pub(super) fn written_history(tx: &mut WriteTx<'_>, case: &CaseId, history: History) -> Result<()> {
    tx.cached(|_| Ok(WrittenHistories::default()))?.0.borrow_mut().insert(case.clone(), history);
    Ok(())
}

/// The histories [`written_history`] kept, taken.
pub(crate) fn take_written_histories(tx: &mut WriteTx<'_>) -> Result<HashMap<CaseId, History>> {
    Ok(std::mem::take(&mut *tx.cached(|_| Ok(WrittenHistories::default()))?.0.borrow_mut()))
}

/// Appends one event to a case's timeline and folds it into the case's facts. The event
/// is dated now, or at the case's latest event if the wall clock went back since: a
/// timeline never runs backwards.
pub(super) fn append(tx: &mut WriteTx<'_>, case: &CaseId, data: EventData) -> Result<EventId> {
    tx.cached(|_| Ok(WrittenHistories::default()))?.0.borrow_mut().remove(case);
    let before = current(tx, case)?;
    let mut facts = before.clone();
    let now = to_db_text(tx.now());
    let at = match &facts.last_event_at {
        Some(last) if *last > now => last.clone(),
        _ => now,
    };
    let id = EventId::new();
    insert_event(tx, &id, case, &at, &data)?;
    facts.apply(&at, &data);
    // Only what this event changed (the stored facts were just read).
    let changed: Vec<(&'static str, Value)> = facts
        .all_columns()
        .into_iter()
        .zip(before.all_columns())
        .filter(|(new, old)| new != old)
        .map(|(n, _)| n)
        .collect();
    tx.set_derived_changed(Table::Cases, case.as_str(), &changed)?;
    remember(tx, case, Some(&facts))?;
    // What derives from the case elsewhere (its KPI facts) follows at commit.
    tx.note_stale(Table::Cases, case.as_str());
    Ok(id)
}

/// Writes one event row.
pub(super) fn insert_event(
    tx: &mut WriteTx<'_>,
    id: &EventId,
    case: &CaseId,
    at: &str,
    data: &EventData,
) -> Result<()> {
    tx.insert(Table::CaseEvents, id.as_str(), &event_values(case, at, data)?)
}

/// Writes a new case's timeline in one statement: (the step's wall time, the entry's
/// time, the entry) for each entry, in order.
pub(super) fn insert_events(
    tx: &mut WriteTx<'_>,
    case: &CaseId,
    events: &[(DateTime<Utc>, String, EventData)],
) -> Result<()> {
    let ids: Vec<EventId> = events.iter().map(|_| EventId::new()).collect();
    let rows = ids
        .iter()
        .zip(events)
        .map(|(id, (t, at, e))| Ok((id.as_str(), *t, event_values(case, at, e)?)))
        .collect::<Result<Vec<NewRow<'_>>>>()?;
    tx.insert_all(Table::CaseEvents, &rows)
}

/// The columns of an event row.
fn event_values(case: &CaseId, at: &str, data: &EventData) -> Result<Vec<(&'static str, Value)>> {
    Ok(vec![
        ("case_id", Value::Text(case.to_string())),
        ("at", Value::Text(at.to_owned())),
        ("kind", Value::Text(super::store::kind_of(data).to_owned())),
        ("data", Value::Text(serde_json::to_string(data).map_err(|e| Error::Internal(e.to_string()))?)),
    ])
}

/// The facts of a timeline, folded from scratch in timeline order. Events a newer version
/// wrote in a form this one cannot read are skipped, as the timeline view skips them.
#[cfg(test)]
fn fold<'a>(events: impl IntoIterator<Item = (&'a str, &'a str)>) -> Facts {
    fold_with_history(events).0
}

/// The facts of a timeline folded from scratch ([`Facts::apply`], in timeline order), and
/// its [`History`] from the same reading. Events a newer version wrote in a form this one
/// cannot read are skipped, as the timeline view skips them.
pub(super) fn fold_with_history<'a>(events: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Facts, History) {
    let mut facts = Facts::new();
    let mut history = History::default();
    for (at, data) in events {
        if let Ok(e) = serde_json::from_str::<EventData>(data) {
            facts.apply(at, &e);
            history.apply(at, &e);
        }
    }
    (facts, history)
}

/// Cases reached by the rows `ids` of `table` (timeline entries or tag rows).
pub(crate) fn cases_of(conn: &rusqlite::Connection, table: Table, ids: &BTreeSet<String>) -> Result<BTreeSet<CaseId>> {
    let mut out = BTreeSet::new();
    let ids: Vec<&String> = ids.iter().collect();
    for chunk in ids.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("SELECT DISTINCT case_id FROM {} WHERE id IN ({marks})", table.name());
        let mut stmt = conn.prepare_cached(&sql)?;
        for id in stmt.query_map(rusqlite::params_from_iter(chunk.iter()), |r| r.get::<_, CaseId>(0))? {
            out.insert(id?);
        }
    }
    Ok(out)
}

/// Ids per statement when reading many cases at once.
pub(super) const CHUNK: usize = 500;

/// Refolds the facts, tags and due times of `cases` from their timelines and tag rows:
/// after a pulled batch touched them. Reads the timelines of many cases per statement.
/// Returns the [`History`] of each case found, read on the way, for what derives from it
/// next (the KPI facts), so a first sync reads each timeline once.
pub(crate) fn refresh(tx: &mut WriteTx<'_>, cases: &BTreeSet<CaseId>) -> Result<HashMap<CaseId, History>> {
    if let Some(first) = cases.first() {
        remember(tx, first, None)?;
    }
    let ids: Vec<&CaseId> = cases.iter().collect();
    let mut present = Vec::new();
    let mut histories = HashMap::with_capacity(cases.len());
    for chunk in ids.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let existing = existing(tx.conn(), chunk, &marks)?;
        let (mut events, mut tags) = read_timelines(tx.conn(), chunk, &marks, chunk)?;
        for id in chunk.iter().filter(|id| existing.contains(**id)) {
            let timeline = events.remove(*id).unwrap_or_default();
            let (facts, history) = fold_with_history(timeline.iter().map(|(a, d)| (a.as_str(), d.as_str())));
            histories.insert((*id).clone(), history);
            let mut cols = facts.all_columns();
            let tags = serde_json::to_string(&tags.remove(*id).unwrap_or_default())
                .map_err(|e| Error::Internal(e.to_string()))?;
            cols.push(("tags", Value::Text(tags)));
            tx.set_derived(Table::Cases, id.as_str(), &cols)?;
            present.push((*id).clone());
        }
    }
    if present.len() > service_level::BULK_REFRESH {
        service_level::refresh_active_due_caches(tx)?;
    } else {
        present.iter().try_for_each(|id| service_level::refresh_due_cache_if_exists(tx, id))?;
    }
    Ok(histories)
}

/// Which of `chunk` are stored. (Events or tags of a case that has not arrived yet are
/// folded when it does.)
fn existing(conn: &rusqlite::Connection, chunk: &[&CaseId], marks: &str) -> Result<BTreeSet<CaseId>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM cases WHERE id IN ({marks})"))?
        .query_map(rusqlite::params_from_iter(chunk.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Timeline entries (time, data) in timeline order, by case.
pub(super) type Timelines = HashMap<CaseId, Vec<(String, String)>>;
/// Present tags, by case.
pub(super) type Tags = HashMap<CaseId, Vec<String>>;

/// The timelines (of `timelines`, a part of `chunk`) in order, and the present tags of
/// `chunk`.
pub(super) fn read_timelines(
    conn: &rusqlite::Connection,
    chunk: &[&CaseId],
    marks: &str,
    timelines: &[&CaseId],
) -> Result<(Timelines, Tags)> {
    let mut events = Timelines::new();
    if !timelines.is_empty() {
        let marks =
            if timelines.len() == chunk.len() { marks.to_owned() } else { vec!["?"; timelines.len()].join(", ") };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT case_id, at, data FROM case_events WHERE case_id IN ({marks}) AND deleted_at IS NULL
             ORDER BY case_id, at, id"
        ))?;
        let rows =
            stmt.query_map(rusqlite::params_from_iter(timelines.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (case, at, data): (CaseId, String, String) = row?;
            events.entry(case).or_default().push((at, data));
        }
    }
    let mut tags = Tags::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT case_id, tag FROM case_tags WHERE case_id IN ({marks}) AND present = 1 AND deleted_at IS NULL
         ORDER BY case_id, tag"
    ))?;
    for row in stmt.query_map(rusqlite::params_from_iter(chunk.iter()), |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (case, tag): (CaseId, String) = row?;
        tags.entry(case).or_default().push(tag);
    }
    Ok((events, tags))
}

/// The case's present tags as the sorted JSON list the `tags` column caches.
pub(super) fn tags_json(conn: &rusqlite::Connection, id: &CaseId) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT tag FROM case_tags WHERE case_id = ?1 AND present = 1 AND deleted_at IS NULL ORDER BY tag",
    )?;
    let tags: Vec<String> = stmt.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    serde_json::to_string(&tags).map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::model::Priority;

    fn ev(at: &str, e: EventData) -> (String, String) {
        (at.to_owned(), serde_json::to_string(&e).unwrap())
    }

    fn folded(events: &[(String, String)]) -> Facts {
        fold(events.iter().map(|(a, d)| (a.as_str(), d.as_str())))
    }

    fn contact(channel: CaseChannel, direction: Direction, secs: u32) -> EventData {
        EventData::CustomerContact { channel, direction, summary: String::new(), handle_seconds: secs }
    }

    #[test]
    fn status_is_the_target_of_the_latest_move() {
        let f = folded(&[
            ev("2026-03-02T09:00:00.000Z", EventData::Created { priority: Priority::P2, channel: CaseChannel::Email }),
            ev("2026-03-02T09:05:00.000Z", EventData::StatusChanged { from: CaseStatus::New, to: CaseStatus::Open }),
            ev(
                "2026-03-02T09:09:00.000Z",
                EventData::StatusChanged { from: CaseStatus::Open, to: CaseStatus::PendingCustomer },
            ),
        ]);
        assert_eq!(f.status, CaseStatus::PendingCustomer);
        assert_eq!(f.last_event_at.as_deref(), Some("2026-03-02T09:09:00.000Z"));
    }

    #[test]
    fn handle_time_adds_up_every_devices_contacts() {
        let f = folded(&[
            ev("2026-03-02T09:00:00.000Z", contact(CaseChannel::Email, Direction::Inbound, 120)),
            ev("2026-03-02T09:10:00.000Z", contact(CaseChannel::Phone, Direction::Inbound, 300)),
            ev("2026-03-02T09:20:00.000Z", contact(CaseChannel::Phone, Direction::Outbound, 60)),
        ]);
        assert_eq!(f.handle_seconds, 480);
    }

    #[test]
    fn first_response_is_the_earliest_response_not_the_last_written() {
        let f = folded(&[
            ev("2026-03-02T09:00:00.000Z", contact(CaseChannel::Email, Direction::Inbound, 0)),
            ev("2026-03-02T09:30:00.000Z", contact(CaseChannel::Email, Direction::Outbound, 0)),
            ev("2026-03-02T10:00:00.000Z", contact(CaseChannel::Phone, Direction::Inbound, 0)),
        ]);
        assert_eq!(
            f.first_response_at.as_deref(),
            Some("2026-03-02T09:30:00.000Z"),
            "an inbound e-mail is no response"
        );
    }

    #[test]
    fn resolving_an_unanswered_case_is_its_first_response() {
        let f = folded(&[ev(
            "2026-03-02T11:00:00.000Z",
            EventData::Resolved { root_cause: "x".into(), resolution_summary: "y".into() },
        )]);
        assert_eq!(f.first_response_at.as_deref(), Some("2026-03-02T11:00:00.000Z"));
        assert_eq!(f.resolved_at.as_deref(), Some("2026-03-02T11:00:00.000Z"));
    }

    #[test]
    fn escalation_follows_the_latest_escalation_event() {
        let esc = Escalation { department: "Billing".into(), level: 2, reason: "refund".into() };
        let f = folded(&[
            ev("2026-03-02T09:00:00.000Z", EventData::Escalated { escalation: esc.clone() }),
            ev("2026-03-02T09:10:00.000Z", EventData::DeEscalated { reason: "done".into() }),
        ]);
        assert_eq!(f.escalation, None);
        let f = folded(&[ev("2026-03-02T09:00:00.000Z", EventData::Escalated { escalation: esc.clone() })]);
        assert_eq!(f.escalation, Some(esc));
    }

    #[test]
    fn a_new_call_back_clears_the_previous_outcome() {
        let f = folded(&[
            ev("2026-03-02T09:00:00.000Z", EventData::CallbackScheduled { due_at: "2026-03-03T09:00:00.000Z".into() }),
            ev(
                "2026-03-03T09:05:00.000Z",
                EventData::CallbackRecorded { outcome: "ok".into(), csat: Some(5), nps: Some(9), comment: None },
            ),
            ev("2026-03-04T09:00:00.000Z", EventData::CallbackScheduled { due_at: "2026-03-05T09:00:00.000Z".into() }),
        ]);
        assert_eq!(f.callback_due_at.as_deref(), Some("2026-03-05T09:00:00.000Z"));
        assert_eq!((f.callback_done_at, f.callback_outcome), (None, None));
        assert_eq!((f.csat, f.nps), (Some(5), Some(9)), "the satisfaction answered stays");
    }

    #[test]
    fn unreadable_events_from_a_newer_version_are_skipped() {
        let f = folded(&[
            ("2026-03-02T09:00:00.000Z".into(), r#"{"kind":"teleported","to":"mars"}"#.into()),
            ev("2026-03-02T09:05:00.000Z", EventData::StatusChanged { from: CaseStatus::New, to: CaseStatus::Open }),
        ]);
        assert_eq!(f.status, CaseStatus::Open);
    }
}
