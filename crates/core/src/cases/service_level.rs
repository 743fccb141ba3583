//! A case's SLA: which policy applies, on which calendar, and the state derived from the
//! case's timeline by [`crate::sla::evaluate`].
//!
//! The due times written to the case row are only a cache for the queues ("breaching"
//! sorts and filters by them); the detail view always recomputes from the timeline, so a
//! merge that reorders events can never leave a wrong SLA on screen.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::model::{EventData, Priority};
use super::workflow::clock_mode;
use crate::customers::Tier;
use crate::ids::CaseId;
use crate::settings;
use crate::sla::{self, BusinessCalendar, ClockChange, SlaInput, SlaTargets, TargetState, TargetStatus};
use crate::store::{Store, Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result};

/// The SLA targets that apply to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// First-response target.
    pub first_response: Option<Duration>,
    /// Resolution target.
    pub resolution: Option<Duration>,
    /// Business hours (true) or calendar hours (false).
    pub business_hours: bool,
}

/// Built-in targets used when the team has not defined a policy for a priority:
/// P1 around the clock, the others in business hours.
fn default_policy(p: Priority) -> Policy {
    let (fr, res, business) = match p {
        Priority::P1 => (30, 4 * 60, false),
        Priority::P2 => (60, 8 * 60, true),
        Priority::P3 => (4 * 60, 24 * 60, true),
        Priority::P4 => (8 * 60, 40 * 60, true),
    };
    Policy { first_response: Some(Duration::minutes(fr)), resolution: Some(Duration::minutes(res)), business_hours: business }
}

/// The most specific policy for (priority, tier, category): a row matching all three beats
/// one matching priority and tier, which beats priority and category, which beats priority
/// alone; with none, the built-in default.
pub fn policy_for(conn: &rusqlite::Connection, priority: Priority, tier: Option<Tier>, category: &str) -> Result<Policy> {
    let row = conn
        .prepare_cached(
            "SELECT first_response_minutes, resolution_minutes, business_hours FROM sla_policies
             WHERE deleted_at IS NULL AND priority = ?1
               AND (tier IS NULL OR tier = ?2) AND (category IS NULL OR category = ?3)
             ORDER BY (tier IS NOT NULL) * 2 + (category IS NOT NULL) DESC, id LIMIT 1",
        )?
        .query_row(rusqlite::params![priority, tier.map(|t| t.as_str()), category], |r| {
            Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, bool>(2)?))
        })
        .optional()?;
    Ok(match row {
        Some((fr, res, business_hours)) => Policy {
            first_response: fr.map(Duration::minutes),
            resolution: res.map(Duration::minutes),
            business_hours,
        },
        None => default_policy(priority),
    })
}

/// The team's business calendar: working hours and time zone from Settings, plus holidays.
pub fn team_calendar(conn: &rusqlite::Connection, s: &settings::Settings) -> Result<BusinessCalendar> {
    let tz: chrono_tz::Tz = s.time_zone.parse().map_err(|_| Error::Internal(format!("bad time zone {}", s.time_zone)))?;
    let mut stmt = conn.prepare_cached("SELECT date FROM holidays WHERE deleted_at IS NULL")?;
    let dates = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|d| d.ok().and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
        .collect::<Vec<_>>();
    BusinessCalendar::new(tz, &s.working_hours, dates)
}

/// A case's SLA as the detail view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseSla {
    /// First response.
    pub first_response: TargetView,
    /// Resolution.
    pub resolution: TargetView,
    /// Whether the targets count business hours only.
    pub business_hours: bool,
}

/// One SLA target's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TargetView {
    /// met, breached, running, paused or not_applicable.
    pub status: SlaStatus,
    /// Target, minutes.
    pub target_minutes: Option<u32>,
    /// When it is (or was) due.
    pub due_at: Option<String>,
    /// Minutes left (negative: overdue).
    pub remaining_minutes: Option<i32>,
    /// Within the last 20% of the target.
    pub at_risk: bool,
    /// When it was breached.
    pub breached_at: Option<String>,
}

crate::text_enum::text_enum! {
    /// State of one SLA target.
    pub enum SlaStatus {
        /// Completed within target.
        Met = "met",
        /// Target exceeded.
        Breached = "breached",
        /// Clock running.
        Running = "running",
        /// Clock paused (waiting for the customer).
        Paused = "paused",
        /// No target.
        NotApplicable = "not_applicable",
    }
}

/// Share of a target left when a case counts as "about to breach".
const AT_RISK_FRACTION: f64 = 0.2;

fn view(state: &TargetState, target: Option<Duration>) -> TargetView {
    TargetView {
        status: match state.status {
            TargetStatus::Met => SlaStatus::Met,
            TargetStatus::Breached => SlaStatus::Breached,
            TargetStatus::Running => SlaStatus::Running,
            TargetStatus::Paused => SlaStatus::Paused,
            TargetStatus::NotApplicable => SlaStatus::NotApplicable,
        },
        target_minutes: target.and_then(|t| u32::try_from(t.num_minutes()).ok()),
        due_at: state.due_at.map(to_db_text),
        remaining_minutes: state.remaining.and_then(|r| i32::try_from(r.num_minutes()).ok()),
        at_risk: target.is_some_and(|t| sla::is_at_risk(state, t, AT_RISK_FRACTION)),
        breached_at: state.breached_at.map(to_db_text),
    }
}

/// Everything the SLA rule needs about one case.
struct Facts {
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    changes: Vec<ClockChange>,
    policy: Policy,
}

fn facts(conn: &rusqlite::Connection, id: &CaseId) -> Result<Facts> {
    let (created, first, priority, tier, category): (String, Option<String>, Priority, Option<Tier>, String) = conn
        .prepare_cached(
            "SELECT c.created_at, c.first_response_at, c.priority, cu.tier, c.category FROM cases c
             LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ?1 AND c.deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "case", id: id.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, data FROM case_events WHERE case_id = ?1 AND kind = 'status_changed' AND deleted_at IS NULL
         ORDER BY at, id",
    )?;
    let mut changes = Vec::new();
    for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (at, data) = row?;
        if let (Some(at), Ok(EventData::StatusChanged { to, .. })) = (parse_time(&at), serde_json::from_str(&data)) {
            changes.push(ClockChange { at, mode: clock_mode(to) });
        }
    }
    Ok(Facts {
        created_at: parse_time(&created).ok_or_else(|| Error::Internal(format!("case {id} has a bad created_at")))?,
        first_response_at: first.as_deref().and_then(parse_time),
        changes,
        policy: policy_for(conn, priority, tier, &category)?,
    })
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

fn evaluate(conn: &rusqlite::Connection, id: &CaseId, now: DateTime<Utc>) -> Result<(CaseSla, sla::SlaState)> {
    let f = facts(conn, id)?;
    let s = settings::load_with(conn)?;
    let calendar =
        if f.policy.business_hours { team_calendar(conn, &s)? } else { BusinessCalendar::around_the_clock() };
    let input = SlaInput {
        created_at: f.created_at,
        first_response_at: f.first_response_at,
        changes: &f.changes,
        targets: SlaTargets { first_response: f.policy.first_response, resolution: f.policy.resolution },
        calendar: &calendar,
    };
    let state = sla::evaluate(&input, now);
    Ok((
        CaseSla {
            first_response: view(&state.first_response, f.policy.first_response),
            resolution: view(&state.resolution, f.policy.resolution),
            business_hours: f.policy.business_hours,
        },
        state,
    ))
}

/// The SLA of one case now.
pub fn case_sla(store: &Store, id: &CaseId) -> Result<CaseSla> {
    Ok(evaluate(store.conn(), id, store.now())?.0)
}

/// Recomputes the cached due times on the case row (for the queues).
pub(super) fn refresh_due_cache(tx: &mut WriteTx<'_>, id: &CaseId) -> Result<()> {
    let (_, state) = evaluate(tx.conn(), id, tx.now())?;
    let due = |t: &TargetState| match t.status {
        TargetStatus::Running | TargetStatus::Paused | TargetStatus::Breached if t.completed_at.is_none() => {
            t.due_at.map_or(Value::Null, |d| Value::Text(to_db_text(d)))
        }
        _ => Value::Null,
    };
    tx.upsert(
        Table::Cases,
        id.as_str(),
        &[("first_response_due_at", due(&state.first_response)), ("resolution_due_at", due(&state.resolution))],
    )?;
    Ok(())
}
