//! Coaching: one-to-ones and feedback given to an agent — the day, what went well, what
//! to improve, the actions agreed (each with a due day, ticked when done) and the day to
//! follow up.
//!
//! A note's fields and an action's are registers (a supervisor may correct them); an
//! action's `done_on` is a value a person sets, not a "set once" value. Whether a
//! follow-up is still due is derived, never stored: it is due while the note is the
//! agent's latest — the follow-up conversation is itself recorded as the next note.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{AgentId, CoachingActionId, CoachingNoteId};
use crate::input::{TextRule, check_count, check_day_window, check_id, parse_day};
use crate::people::roster;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// What kind of conversation a note records.
    pub enum CoachingKind {
        /// A scheduled one-to-one.
        OneToOne = "one_to_one",
        /// Feedback on a call, a case or a behaviour, given when it happened.
        Feedback = "feedback",
    }
}

const STRENGTHS: TextRule = TextRule::block("strengths", 4000, false);
const IMPROVEMENTS: TextRule = TextRule::block("improvements", 4000, false);
const AUTHOR: TextRule = TextRule::line("author", 120, true);
const ACTION: TextRule = TextRule::line("actions", 300, true);
/// Most actions agreed in one conversation.
pub const MAX_ACTIONS: usize = 20;
/// How far back a note's day may be (two years of history to enter).
const DAYS_BACK: u32 = 731;
/// How far ahead a follow-up or an action's due day may be.
const DAYS_AHEAD: u32 = 366;

/// An action as the note form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionInput {
    /// What the agent agreed to do.
    pub text: String,
    /// By when (YYYY-MM-DD), on or after the conversation.
    pub due_on: String,
}

/// What the note form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    /// The agent coached.
    pub agent_id: AgentId,
    /// The day of the conversation (YYYY-MM-DD), today or before.
    pub held_on: String,
    /// One-to-one or feedback.
    pub kind: CoachingKind,
    /// What went well.
    pub strengths: String,
    /// What to improve (this or the strengths must say something).
    pub improvements: String,
    /// When to follow up, after the conversation; `None`: no follow-up planned.
    pub follow_up_on: Option<String>,
    /// Who coached.
    pub author: String,
    /// The actions agreed (added with the note; later ticked one by one).
    pub actions: Vec<ActionInput>,
}

/// An agreed action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CoachingAction {
    /// Id.
    pub id: CoachingActionId,
    /// What was agreed.
    pub text: String,
    /// By when.
    pub due_on: String,
    /// When it was done; `None` while open.
    pub done_on: Option<String>,
    /// Open and past its due day.
    pub overdue: bool,
}

/// A coaching note with its actions and where its follow-up stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CoachingNote {
    /// Id.
    pub id: CoachingNoteId,
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub agent_name: String,
    /// The day.
    pub held_on: String,
    /// One-to-one or feedback.
    pub kind: CoachingKind,
    /// What went well.
    pub strengths: String,
    /// What to improve.
    pub improvements: String,
    /// When to follow up.
    pub follow_up_on: Option<String>,
    /// The follow-up is planned, not yet held (no later note), and its day has come.
    pub follow_up_due: bool,
    /// Who coached.
    pub author: String,
    /// The actions agreed, by due day.
    pub actions: Vec<CoachingAction>,
}

fn day_after(field: &'static str, value: &str, from: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let day = parse_day(value, field)?;
    if day < from {
        return Err(Error::invalid(field, ValidationRule::BeforeConversation));
    }
    check_day_window(day, today, field, DAYS_BACK, DAYS_AHEAD)?;
    Ok(day)
}

/// What the edit form sends: a note's own fields. Its actions are ticked one by one
/// ([`set_action_done`]); the agent a note is about never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NoteEdit {
    /// The day of the conversation (YYYY-MM-DD), today or before.
    pub held_on: String,
    /// One-to-one or feedback.
    pub kind: CoachingKind,
    /// What went well.
    pub strengths: String,
    /// What to improve (this or the strengths must say something).
    pub improvements: String,
    /// When to follow up, after the conversation; `None`: no follow-up planned.
    pub follow_up_on: Option<String>,
    /// Who coached.
    pub author: String,
}

/// A note's fields, checked, as stored.
struct CheckedNote {
    held: NaiveDate,
    values: Vec<(&'static str, Value)>,
}

fn check_note(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>, edit: &NoteEdit) -> Result<CheckedNote> {
    let today = crate::settings::today(conn, now)?;
    let held = parse_day(&edit.held_on, "heldOn")?;
    check_day_window(held, today, "heldOn", DAYS_BACK, 0)?;
    let strengths = STRENGTHS.check(&edit.strengths)?;
    let improvements = IMPROVEMENTS.check(&edit.improvements)?;
    if strengths.is_empty() && improvements.is_empty() {
        return Err(Error::invalid("improvements", ValidationRule::Required));
    }
    let follow_up = edit.follow_up_on.as_deref().map(|d| day_after("followUpOn", d, held, today)).transpose()?;
    let author = AUTHOR.check(&edit.author)?;
    Ok(CheckedNote {
        held,
        values: vec![
            ("held_on", Value::Text(held.to_string())),
            ("kind", Value::Text(edit.kind.as_str().into())),
            ("strengths", Value::Text(strengths)),
            ("improvements", Value::Text(improvements)),
            ("follow_up_on", follow_up.map_or(Value::Null, |d| Value::Text(d.to_string()))),
            ("author", Value::Text(author)),
        ],
    })
}

/// Records a coaching note with its actions; returns its id. Errors (nothing written): an
/// unknown agent (`InvalidValue` on `agentId`), a malformed day or one in the future or
/// more than two years back (on `heldOn`), neither strengths nor improvements (`Required`
/// on `improvements`), over-long texts, an empty author, a follow-up or an action due
/// before the conversation (`BeforeConversation` on `followUpOn` / `dueOn`) or more than a
/// year ahead, an empty action, more than [`MAX_ACTIONS`] actions.
pub fn create(tx: &mut WriteTx<'_>, input: &NoteInput) -> Result<CoachingNoteId> {
    check_id("agentId", input.agent_id.as_str())?;
    roster::get(tx.conn(), &input.agent_id).map_err(|e| match e {
        Error::NotFound { .. } => Error::invalid("agentId", ValidationRule::InvalidValue),
        e => e,
    })?;
    let edit = NoteEdit {
        held_on: input.held_on.clone(),
        kind: input.kind,
        strengths: input.strengths.clone(),
        improvements: input.improvements.clone(),
        follow_up_on: input.follow_up_on.clone(),
        author: input.author.clone(),
    };
    let note = check_note(tx.conn(), tx.now(), &edit)?;
    let today = crate::settings::today(tx.conn(), tx.now())?;
    check_count("actions", input.actions.len(), MAX_ACTIONS)?;
    let mut actions = Vec::with_capacity(input.actions.len());
    for a in &input.actions {
        actions.push((ACTION.check(&a.text)?, day_after("dueOn", &a.due_on, note.held, today)?));
    }
    let id = CoachingNoteId::new();
    let mut values = vec![("agent_id", Value::Text(input.agent_id.to_string()))];
    values.extend(note.values);
    tx.insert(Table::CoachingNotes, id.as_str(), &values)?;
    for (text, due) in actions {
        tx.insert(
            Table::CoachingActions,
            CoachingActionId::new().as_str(),
            &[
                ("note_id", Value::Text(id.to_string())),
                ("text", Value::Text(text)),
                ("due_on", Value::Text(due.to_string())),
            ],
        )?;
    }
    Ok(id)
}

/// Corrects a note's own fields; only the fields that changed are written, so an edit on
/// another device to another field survives the merge. Errors (nothing written):
/// `NotFound` for an unknown or deleted note; the checks of [`create`]; a day moved after
/// an agreed action's due day or done day (`BeforeConversation` on `heldOn`).
pub fn update(tx: &mut WriteTx<'_>, id: &CoachingNoteId, edit: &NoteEdit) -> Result<()> {
    check_id("id", id.as_str())?;
    ensure_note(tx.conn(), id)?;
    let note = check_note(tx.conn(), tx.now(), edit)?;
    let earliest: Option<String> = tx
        .conn()
        .prepare_cached(
            "SELECT min(min(due_on, coalesce(done_on, due_on))) FROM coaching_actions
             WHERE note_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| r.get(0))?;
    if earliest.is_some_and(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").is_ok_and(|d| d < note.held)) {
        return Err(Error::invalid("heldOn", ValidationRule::BeforeConversation));
    }
    tx.upsert(Table::CoachingNotes, id.as_str(), &note.values)?;
    Ok(())
}

/// Deletes a note and its actions (tombstones, so the deletion syncs). Errors: `NotFound`
/// for an unknown or already deleted note.
pub fn delete(tx: &mut WriteTx<'_>, id: &CoachingNoteId) -> Result<()> {
    check_id("id", id.as_str())?;
    ensure_note(tx.conn(), id)?;
    let actions: Vec<String> = tx
        .conn()
        .prepare_cached("SELECT id FROM coaching_actions WHERE note_id = ?1 AND deleted_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for a in actions {
        tx.delete(Table::CoachingActions, &a)?;
    }
    tx.delete(Table::CoachingNotes, id.as_str())?;
    Ok(())
}

fn ensure_note(conn: &rusqlite::Connection, id: &CoachingNoteId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM coaching_notes WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "coaching note", id: id.to_string() })
}

/// Ticks an action done on a day (on or after its note's day, not in the future), or
/// open again with `None`. Errors: `NotFound`; a bad day (on `doneOn`).
pub fn set_action_done(tx: &mut WriteTx<'_>, id: &CoachingActionId, done_on: Option<&str>) -> Result<()> {
    check_id("id", id.as_str())?;
    let held: Option<String> = tx
        .conn()
        .prepare_cached(
            "SELECT n.held_on FROM coaching_actions a JOIN coaching_notes n ON n.id = a.note_id
             WHERE a.id = ?1 AND a.deleted_at IS NULL AND n.deleted_at IS NULL",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let held = held.ok_or_else(|| Error::NotFound { entity: "coaching action", id: id.to_string() })?;
    let held = parse_day(&held, "heldOn")?;
    let value = match done_on {
        Some(d) => {
            let today = crate::settings::today(tx.conn(), tx.now())?;
            let day = parse_day(d, "doneOn")?;
            if day < held {
                return Err(Error::invalid("doneOn", ValidationRule::BeforeConversation));
            }
            check_day_window(day, today, "doneOn", DAYS_BACK, 0)?;
            Value::Text(day.to_string())
        }
        None => Value::Null,
    };
    tx.upsert(Table::CoachingActions, id.as_str(), &[("done_on", value)])?;
    Ok(())
}

const SELECT: &str = "SELECT n.id, n.agent_id, coalesce(a.name, ''), n.held_on, n.kind, n.strengths, n.improvements,
        n.follow_up_on, n.author,
        NOT EXISTS (SELECT 1 FROM coaching_notes later WHERE later.agent_id = n.agent_id AND later.deleted_at IS NULL
                    AND (later.held_on, later.created_at, later.id) > (n.held_on, n.created_at, n.id))
    FROM coaching_notes n LEFT JOIN agents a ON a.id = n.agent_id";

fn read(conn: &rusqlite::Connection, filter: &str, key: Option<&str>, today: NaiveDate) -> Result<Vec<CoachingNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE n.deleted_at IS NULL AND {filter} ORDER BY n.held_on DESC, n.created_at DESC, n.id DESC"
    ))?;
    let today_text = today.to_string();
    let rows = stmt.query_map([key.unwrap_or(&today_text)], |r| {
        let follow_up_on: Option<String> = r.get(7)?;
        let latest: bool = r.get(9)?;
        Ok(CoachingNote {
            id: r.get(0)?,
            agent_id: r.get(1)?,
            agent_name: r.get(2)?,
            held_on: r.get(3)?,
            kind: r.get(4)?,
            strengths: r.get(5)?,
            improvements: r.get(6)?,
            follow_up_due: latest && follow_up_on.as_deref().is_some_and(|d| d <= today_text.as_str()),
            follow_up_on,
            author: r.get(8)?,
            actions: Vec::new(),
        })
    })?;
    let mut notes: Vec<CoachingNote> = rows.collect::<std::result::Result<_, _>>()?;
    let mut actions = conn.prepare_cached(
        "SELECT id, text, due_on, done_on FROM coaching_actions WHERE note_id = ?1 AND deleted_at IS NULL
         ORDER BY due_on, created_at, id",
    )?;
    for n in &mut notes {
        n.actions = actions
            .query_map([&n.id], |r| {
                let due_on: String = r.get(2)?;
                let done_on: Option<String> = r.get(3)?;
                Ok(CoachingAction {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    overdue: done_on.is_none() && due_on.as_str() < today_text.as_str(),
                    due_on,
                    done_on,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
    }
    Ok(notes)
}

/// An agent's coaching notes, the latest first, as they stand on `today`.
pub fn for_agent(conn: &rusqlite::Connection, agent: &AgentId, today: NaiveDate) -> Result<Vec<CoachingNote>> {
    check_id("agentId", agent.as_str())?;
    read(conn, "n.agent_id = ?1", Some(agent.as_str()), today)
}

/// Every follow-up due by `today` (or overdue) that has not been held yet, the oldest
/// first, for agents still on the team.
pub fn follow_ups_due(conn: &rusqlite::Connection, today: NaiveDate) -> Result<Vec<CoachingNote>> {
    let mut due = read(
        conn,
        "n.follow_up_on IS NOT NULL AND n.follow_up_on <= ?1
         AND NOT EXISTS (SELECT 1 FROM agents l WHERE l.id = n.agent_id AND l.left_on IS NOT NULL)",
        None,
        today,
    )?;
    due.retain(|n| n.follow_up_due);
    due.sort_by(|a, b| a.follow_up_on.cmp(&b.follow_up_on));
    Ok(due)
}

#[cfg(test)]
mod tests;
