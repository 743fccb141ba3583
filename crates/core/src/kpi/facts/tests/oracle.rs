//! The KPI records as they were read before the facts were kept (the code of
//! `kpi/source.rs` at the commit before, kept verbatim but for paths and the record's
//! shared names): every case's row,
//! timeline and SLA, read and worked out on each request. The oracle the kept facts are
//! checked against — "the same numbers as before", not merely plausible ones.
#![allow(dead_code)]

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;

use crate::kpi::filter::KpiFilter;
use crate::kpi::measures::CaseRecord;
use crate::cases::facts::is_response;
use crate::cases::workflow::{clock_mode, is_active};
use crate::cases::{CaseChannel, CaseStatus, EventData, Priority, SlaKey, SlaSetup, parse_time, query};
use crate::customers::Tier;
use crate::ids::{AgentId, CaseId, TeamId};
use crate::sla::{ClockChange, SlaState, TargetStatus};
use crate::time::to_db_text;
use crate::{Error, Result};

/// Ids per timeline statement.
const CHUNK: usize = 500;

/// A case row as read, before its timeline.
struct Row {
    id: CaseId,
    /// `None` only for a damaged row (reported, not skipped).
    created_at: Option<DateTime<Utc>>,
    priority: Priority,
    status: CaseStatus,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    handle_seconds: u64,
    csat: Option<u8>,
    nps: Option<u8>,
    callback_due_at: Option<DateTime<Utc>>,
    callback_done_at: Option<DateTime<Utc>>,
    tier: Option<Tier>,
    category: String,
    team: Option<TeamId>,
    channel: CaseChannel,
    assignee: Option<AgentId>,
    root_cause: Option<String>,
}

/// What a case's timeline adds to its row.
#[derive(Default)]
struct Timeline {
    changes: Vec<ClockChange>,
    activity: Vec<(DateTime<Utc>, bool)>,
    responses: u32,
    reopened: bool,
}

/// Every case under `filter` that any measure of a period within `[start, end)` may
/// count: created in it; resolved in it; active, or with a call-back open, due or done
/// since `start` (the backlog and call-backs at its periods' ends). SLA state as of `now`.
pub(super) fn read(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    filter: &KpiFilter,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<Vec<CaseRecord>> {
    let rows = rows(conn, filter, start, end, now)?;
    let mut timelines = timelines(conn, &rows)?;
    rows.into_iter()
        .map(|row| {
            let t = timelines.remove(&row.id).unwrap_or_default();
            record(conn, setup, row, t, now)
        })
        .collect()
}

fn rows(
    conn: &rusqlite::Connection,
    filter: &KpiFilter,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Row>> {
    let (filter_sql, mut args) = query::filters(&filter.base_query(), now)?;
    let (s, e) = (args.len() + 1, args.len() + 2);
    args.push(Value::Text(to_db_text(start)));
    args.push(Value::Text(to_db_text(end)));
    let sql = format!(
        "SELECT c.id, c.created_at, c.priority, c.status, c.first_response_at, c.resolved_at, c.handle_seconds,
                c.csat, c.nps, c.callback_due_at, c.callback_done_at, cu.tier, c.category, c.team_id,
                c.channel, c.assignee_id, c.root_cause
         FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
         WHERE {filter_sql} AND c.created_at < ?{e}
           AND (c.created_at >= ?{s} OR c.status NOT IN ('resolved', 'closed') OR c.resolved_at >= ?{s}
                OR c.callback_due_at >= ?{s} OR c.callback_done_at >= ?{s}
                OR (c.callback_due_at IS NOT NULL AND c.callback_done_at IS NULL))"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let time = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(parse_time))
    };
    let small = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<u8>> {
        Ok(r.get::<_, Option<i64>>(i)?.and_then(|v| u8::try_from(v).ok()))
    };
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok(Row {
            id: r.get(0)?,
            created_at: time(r, 1)?,
            priority: r.get(2)?,
            status: r.get(3)?,
            first_response_at: time(r, 4)?,
            resolved_at: time(r, 5)?,
            handle_seconds: u64::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
            csat: small(r, 7)?,
            nps: small(r, 8)?,
            callback_due_at: time(r, 9)?,
            callback_done_at: time(r, 10)?,
            tier: r.get(11)?,
            category: r.get(12)?,
            team: r.get(13)?,
            channel: r.get(14)?,
            assignee: r.get(15)?,
            root_cause: r.get::<_, Option<String>>(16)?.filter(|c| !c.trim().is_empty()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The status changes and contacts of `rows`' timelines, in timeline order.
fn timelines(conn: &rusqlite::Connection, rows: &[Row]) -> Result<HashMap<CaseId, Timeline>> {
    let mut out: HashMap<CaseId, Timeline> = HashMap::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT case_id, at, data FROM case_events
             WHERE case_id IN ({marks}) AND kind IN ('status_changed', 'customer_contact') AND deleted_at IS NULL
             ORDER BY case_id, at, id"
        ))?;
        let events = stmt.query_map(rusqlite::params_from_iter(chunk.iter().map(|r| &r.id)), |r| {
            Ok((r.get::<_, CaseId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        for event in events {
            let (id, at, data) = event?;
            // An event a newer version wrote in a form this one cannot read is skipped, as
            // the timeline view and the SLA skip it.
            let (Some(at), Ok(data)) = (parse_time(&at), serde_json::from_str::<EventData>(&data)) else { continue };
            let t = out.entry(id).or_default();
            match data {
                EventData::StatusChanged { from, to } => {
                    t.changes.push(ClockChange { at, mode: clock_mode(to) });
                    t.activity.push((at, is_active(to)));
                    t.reopened |= !is_active(from) && is_active(to);
                }
                EventData::CustomerContact { channel, direction, .. } => {
                    t.responses += u32::from(is_response(channel, direction));
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

fn record(conn: &rusqlite::Connection, setup: &SlaSetup, row: Row, t: Timeline, now: DateTime<Utc>) -> Result<CaseRecord> {
    let created_at = row.created_at.ok_or_else(|| Error::Internal(format!("case {} has a bad created_at", row.id)))?;
    let key = SlaKey { priority: row.priority, tier: row.tier, category: &row.category, team: row.team.as_ref() };
    let sla = setup.state_of(conn, &key, created_at, row.first_response_at, &t.changes, now)?;
    let resolved_at = row.resolved_at.filter(|_| !is_active(row.status));
    Ok(CaseRecord {
        created_at,
        priority: row.priority,
        first_response: sla.first_response.completed_at.map(|_| sla.first_response.elapsed),
        resolved_at,
        resolution: sla.resolution.elapsed,
        sla_met: resolved_at.and_then(|_| both_met(&sla)),
        responses: t.responses,
        reopened: t.reopened,
        handle_seconds: row.handle_seconds,
        csat: row.csat,
        nps: row.nps,
        callback_due_at: row.callback_due_at,
        callback_done_at: row.callback_done_at,
        activity: t.activity,
        channel: row.channel,
        category: row.category.into(),
        root_cause: row.root_cause.filter(|_| resolved_at.is_some()).map(Into::into),
        assignee: row.assignee.map(Into::into),
        team: row.team.map(Into::into),
    })
}

/// Whether a resolved case met both its targets: `None` when the policy sets neither,
/// or a target is still undecided; a target the policy does not set counts as met.
fn both_met(sla: &SlaState) -> Option<bool> {
    use TargetStatus::*;
    match (sla.first_response.status, sla.resolution.status) {
        (NotApplicable, NotApplicable) => None,
        (Breached, _) | (_, Breached) => Some(false),
        (Met | NotApplicable, Met | NotApplicable) => Some(true),
        _ => None,
    }
}
