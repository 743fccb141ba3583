//! Runs: a plan put to work in a real incident, a drill or a tabletop exercise.
//!
//! A run is started from the plan's latest published version and keeps that version's id,
//! so later edits never change what it follows. The start and everything done in the run
//! — ticks, skips with a reason, notes, log entries, the close — are append-only events:
//! two supervisors ticking the same run offline both keep theirs once synced. The
//! checklist, the incident log and the score are derived from them on every read
//! (checklist.rs, score.rs).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::checklist::{self, ItemState, RunEvent, RunEventKind};
use super::contacts::PlanContact;
use super::plans::{self, Step};
use super::score::{self, RunScore};
use super::templates::Template;
use super::versions;
use crate::cases::parse_time;
use crate::ids::{PlanId, PlanRunId, PlanStepId, PlanVersionId, RunEventId};
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// What a run is. Drills and tabletop exercises are always shown as such and never
    /// count in real-incident figures.
    pub enum RunKind {
        /// A real incident.
        Incident = "incident",
        /// A drill: the plan carried out for practice.
        Drill = "drill",
        /// A tabletop exercise: the plan talked through.
        Tabletop = "tabletop",
    }
}

const COMMANDER: TextRule = TextRule::line("commander", 120, true);
const REASON: TextRule = TextRule::block("reason", 2_000, true);
const TEXT: TextRule = TextRule::block("text", 4_000, true);

/// What the "Start a run" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunInput {
    /// The plan to run (its latest published version).
    pub plan_id: PlanId,
    /// Incident, drill or tabletop.
    pub kind: RunKind,
    /// Who leads the response.
    pub commander: String,
}

/// Something done in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RunAction {
    /// A step was done.
    Tick {
        /// The step.
        step: PlanStepId,
    },
    /// A step was skipped.
    Skip {
        /// The step.
        step: PlanStepId,
        /// Why.
        reason: String,
    },
    /// A note on a step.
    Note {
        /// The step.
        step: PlanStepId,
        /// The note.
        text: String,
    },
    /// A free entry of the incident log.
    Log {
        /// The entry.
        text: String,
    },
    /// The run is over.
    Close,
}

/// A run, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    /// Id.
    pub id: PlanRunId,
    /// The plan.
    pub plan_id: PlanId,
    /// The plan's title as it is now ('' when the plan was deleted).
    pub plan_title: String,
    /// Incident, drill or tabletop.
    pub kind: RunKind,
    /// Who leads it.
    pub commander: String,
    /// When it was activated.
    pub started_at: String,
    /// When it was closed; `None` while it is active.
    pub closed_at: Option<String>,
}

/// A step of a run with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunItem {
    /// The step as the run's version has it.
    pub step: Step,
    /// When it should be done.
    pub due_at: String,
    /// Where it stands.
    pub state: ItemState,
    /// When it was done or skipped.
    pub settled_at: Option<String>,
    /// Why it was skipped.
    pub reason: Option<String>,
}

/// An entry of the incident log: a free entry, or one made by a tick, skip, note or the
/// close (derived from those actions, never written twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Id of the action.
    pub id: RunEventId,
    /// When.
    pub at: String,
    /// What.
    pub kind: RunEventKind,
    /// The step's text, for ticks, skips and notes.
    pub step_text: Option<String>,
    /// The reason, note or entry.
    pub text: String,
}

/// A run with its checklist, log and (once closed) score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunView {
    /// The run.
    pub summary: RunSummary,
    /// The version it follows.
    pub version_id: PlanVersionId,
    /// The plan's title in that version.
    pub version_title: String,
    /// Every step of that version, phase by phase.
    pub items: Vec<RunItem>,
    /// That version's call tree.
    pub contacts: Vec<PlanContact>,
    /// That version's communication templates.
    pub templates: Vec<Template>,
    /// The incident log, oldest first.
    pub log: Vec<LogEntry>,
    /// The score, once the run is closed.
    pub score: Option<RunScore>,
}

/// Starts a run of the plan's latest published version; returns its id. Errors (nothing
/// written): an unknown plan (`NotFound`), a plan never published (`NotPublished` on
/// `planId`), an empty or over-long commander.
pub fn start(tx: &mut WriteTx<'_>, input: &RunInput) -> Result<PlanRunId> {
    plans::fields(tx.conn(), &input.plan_id)?;
    let commander = COMMANDER.check(&input.commander)?;
    let Some((version, _)) = versions::latest(tx.conn(), &input.plan_id)? else {
        return Err(Error::invalid("planId", ValidationRule::NotPublished));
    };
    let id = PlanRunId::new();
    let started_at = Value::Text(to_db_text(tx.now()));
    tx.insert(
        Table::PlanRuns,
        id.as_str(),
        &[
            ("plan_id", Value::Text(input.plan_id.to_string())),
            ("version_id", Value::Text(version.to_string())),
            ("kind", input.kind.into()),
            ("commander", Value::Text(commander)),
            ("started_at", started_at),
        ],
    )?;
    Ok(id)
}

/// Records something done in a run, at the transaction's time; returns its id. Errors
/// (nothing written): an unknown run (`NotFound`), a closed one (`RunClosed` on `runId`), a
/// step not in the run's version (`InvalidValue` on `step`), an empty or over-long reason
/// or text.
pub fn record(tx: &mut WriteTx<'_>, run: &PlanRunId, action: &RunAction) -> Result<RunEventId> {
    let (version, _, _) = head(tx.conn(), run)?;
    if checklist::closed_at(&events(tx.conn(), run)?).is_some() {
        return Err(Error::invalid("runId", ValidationRule::RunClosed));
    }
    let (kind, step, text) = match action {
        RunAction::Tick { step } => (RunEventKind::Tick, Some(step), String::new()),
        RunAction::Skip { step, reason } => (RunEventKind::Skip, Some(step), REASON.check(reason)?),
        RunAction::Note { step, text } => (RunEventKind::Note, Some(step), TEXT.check(text)?),
        RunAction::Log { text } => (RunEventKind::Log, None, TEXT.check(text)?),
        RunAction::Close => (RunEventKind::Close, None, String::new()),
    };
    if let Some(step) = step {
        let steps = versions::content(tx.conn(), &version)?.steps;
        if !steps.iter().any(|s| &s.id == step) {
            return Err(Error::invalid("step", ValidationRule::InvalidValue));
        }
    }
    let id = RunEventId::new();
    let at = Value::Text(to_db_text(tx.now()));
    tx.insert(
        Table::RunEvents,
        id.as_str(),
        &[
            ("run_id", Value::Text(run.to_string())),
            ("at", at),
            ("kind", kind.into()),
            ("step_id", step.map_or(Value::Null, |s| Value::Text(s.to_string()))),
            ("text", Value::Text(text)),
        ],
    )?;
    Ok(id)
}

const SUMMARY: &str = "SELECT r.id, r.plan_id, coalesce(p.title, ''), r.kind, r.commander, r.started_at,
        (SELECT min(e.at) FROM run_events e WHERE e.run_id = r.id AND e.kind = 'close' AND e.deleted_at IS NULL),
        r.version_id
     FROM plan_runs r LEFT JOIN plans p ON p.id = r.plan_id AND p.deleted_at IS NULL";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunSummary> {
    Ok(RunSummary {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        plan_title: r.get(2)?,
        kind: r.get(3)?,
        commander: r.get(4)?,
        started_at: r.get(5)?,
        closed_at: r.get(6)?,
    })
}

/// Runs, the latest started first: of one plan, or (`None`) every active run.
pub fn list(conn: &rusqlite::Connection, plan: Option<&PlanId>) -> Result<Vec<RunSummary>> {
    let filter = match plan {
        Some(_) => "r.plan_id = ?1",
        None => {
            "?1 IS NULL AND NOT EXISTS
                 (SELECT 1 FROM run_events e WHERE e.run_id = r.id AND e.kind = 'close' AND e.deleted_at IS NULL)"
        }
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE r.deleted_at IS NULL AND {filter} ORDER BY r.started_at DESC, r.id DESC"
    ))?;
    Ok(stmt.query_map([plan], summary_row)?.collect::<Result<_, _>>()?)
}

/// A run's version, activation time and summary; `NotFound` when there is none.
pub(super) fn head(conn: &rusqlite::Connection, run: &PlanRunId) -> Result<(PlanVersionId, DateTime<Utc>, RunSummary)> {
    check_id("runId", run.as_str())?;
    let (version, summary): (PlanVersionId, RunSummary) = conn
        .prepare_cached(&format!("{SUMMARY} WHERE r.id = ?1 AND r.deleted_at IS NULL"))?
        .query_row([run], |r| Ok((r.get(7)?, summary_row(r)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "run", id: run.to_string() })?;
    let started =
        parse_time(&summary.started_at).ok_or_else(|| Error::Internal(format!("run {run} has no valid start time")))?;
    Ok((version, started, summary))
}

/// A run's summary; `NotFound` when there is none.
pub fn summary(conn: &rusqlite::Connection, run: &PlanRunId) -> Result<RunSummary> {
    Ok(head(conn, run)?.2)
}

/// A run's events, oldest first. Rows this build cannot read (a kind from a newer peer,
/// a broken time) are left out rather than failing the run.
pub(super) fn events(conn: &rusqlite::Connection, run: &PlanRunId) -> Result<Vec<RunEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, step_id, text FROM run_events WHERE run_id = ?1 AND deleted_at IS NULL ORDER BY at, id",
    )?;
    let rows = stmt.query_map([run], |r| {
        let at: String = r.get(1)?;
        let kind: String = r.get(2)?;
        Ok((r.get::<_, RunEventId>(0)?, at, kind, r.get::<_, Option<PlanStepId>>(3)?, r.get::<_, String>(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, kind, step_id, text) = row?;
        if let (Some(at), Some(kind)) = (parse_time(&at), RunEventKind::parse(&kind)) {
            out.push(RunEvent { id, at, kind, step_id, text });
        }
    }
    Ok(out)
}

/// When a run was closed, with its activation time; `None` while it is active. `NotFound`
/// when there is no such run.
pub(super) fn closed(conn: &rusqlite::Connection, run: &PlanRunId) -> Result<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let (_, started, _) = head(conn, run)?;
    Ok((started, checklist::closed_at(&events(conn, run)?)))
}

/// A run as it stands at `now`: its checklist, its log and, once closed, its score.
/// `NotFound` when there is no such run.
pub fn get(conn: &rusqlite::Connection, run: &PlanRunId, now: DateTime<Utc>) -> Result<RunView> {
    let (version_id, started, summary) = head(conn, run)?;
    let content = versions::content(conn, &version_id)?;
    let events = events(conn, run)?;
    let closed = checklist::closed_at(&events);
    let items = checklist::checklist(&content.steps, started, &events, closed.unwrap_or(now));
    let score = closed.map(|_| score::score(&items, started));
    let step_text = |id: &Option<PlanStepId>| {
        id.as_ref().and_then(|id| content.steps.iter().find(|s| &s.id == id)).map(|s| s.text.clone())
    };
    let log = events
        .iter()
        .map(|e| LogEntry {
            id: e.id.clone(),
            at: to_db_text(e.at),
            kind: e.kind,
            step_text: step_text(&e.step_id),
            text: e.text.clone(),
        })
        .collect();
    let items = items
        .iter()
        .map(|i| RunItem {
            step: i.step.clone(),
            due_at: to_db_text(i.due_at),
            state: i.state,
            settled_at: i.settled_at.map(to_db_text),
            reason: i.reason.map(str::to_owned),
        })
        .collect();
    Ok(RunView {
        summary,
        version_id,
        version_title: content.fields.title,
        items,
        contacts: content.contacts,
        templates: content.templates,
        log,
        score,
    })
}
