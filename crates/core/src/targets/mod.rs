//! KPI targets: what a role, or one agent, is expected to reach on a KPI (CSAT ≥ 90%,
//! handle time ≤ 6 min). A target is a KPI, a value and a scope; "at least" or "at most"
//! follows from the KPI's direction ([`KpiMetric::direction`]), so it is never stored.
//!
//! A target's row id is made from (scope, KPI), so two devices setting the same target
//! offline write one row and the last writer wins; a cleared target keeps its row with no
//! value, so clearing merges as setting does (as requirement levels do). Which target
//! applies to an agent, and whether they meet it, is derived on read (`resolve.rs`).

mod resolve;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

pub use resolve::{EffectiveTarget, Verdict, effective, judge};

use crate::ids::{AgentId, RoleId, member_id};
use crate::input::check_id;
use crate::kpi::{KpiMetric, KpiUnit};
use crate::people::{ensure_agent, roles, roster};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Longest duration a target may give, in seconds (30 days): longer is a typo.
pub const MAX_SECONDS: u32 = 30 * 24 * 3600;

/// Who a target is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TargetScope {
    /// Every agent in a role (unless they have their own).
    #[serde(rename_all = "camelCase")]
    Role {
        /// The role.
        role_id: RoleId,
    },
    /// One agent, over their role's target.
    #[serde(rename_all = "camelCase")]
    Agent {
        /// The agent.
        agent_id: AgentId,
    },
}

impl TargetScope {
    fn kind(&self) -> &'static str {
        match self {
            TargetScope::Role { .. } => "role",
            TargetScope::Agent { .. } => "agent",
        }
    }

    fn id(&self) -> &str {
        match self {
            TargetScope::Role { role_id } => role_id.as_str(),
            TargetScope::Agent { agent_id } => agent_id.as_str(),
        }
    }
}

/// A target as set, and as the targets page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KpiTarget {
    /// Who it is for.
    pub scope: TargetScope,
    /// The KPI.
    pub kpi: KpiMetric,
    /// Percent (0–100) for a share, seconds for a duration.
    pub value: f64,
}

fn unknown(field: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::NotFound { .. } => Error::invalid(field, ValidationRule::InvalidValue),
        e => e,
    }
}

/// Checks a target's value for its KPI's unit: a percentage 0 to 100 (`OutOfRange` on
/// `targetPercent`, limit 100), a duration 0 to [`MAX_SECONDS`] (on `targetSeconds`).
/// The field names the unit, so the form can say the range in the unit it shows.
pub fn check_value(kpi: KpiMetric, value: f64) -> Result<()> {
    let (field, max) = match kpi.unit() {
        KpiUnit::Percent => ("targetPercent", 100),
        KpiUnit::Seconds => ("targetSeconds", MAX_SECONDS),
    };
    if !value.is_finite() || value < 0.0 || value > f64::from(max) {
        return Err(Error::Validation { field, rule: ValidationRule::OutOfRange, limit: Some(max) });
    }
    Ok(())
}

fn check_scope(conn: &rusqlite::Connection, scope: &TargetScope) -> Result<()> {
    match scope {
        TargetScope::Role { role_id } => roles::check_choice(conn, Some(role_id), Some(role_id)),
        TargetScope::Agent { agent_id } => {
            check_id("agentId", agent_id.as_str())?;
            ensure_agent(conn, agent_id).map_err(unknown("agentId"))
        }
    }
}

/// Sets a target (`Some`) or clears it (`None`). Errors (nothing written): an unknown role
/// (`InvalidValue` on `roleId`) or agent (on `agentId`), a value out of range for the
/// KPI (see [`check_value`]). A retired role keeps its targets, so they can be cleared.
pub fn set(tx: &mut WriteTx<'_>, scope: &TargetScope, kpi: KpiMetric, value: Option<f64>) -> Result<()> {
    check_scope(tx.conn(), scope)?;
    if let Some(v) = value {
        check_value(kpi, v)?;
    }
    tx.upsert(
        Table::KpiTargets,
        &member_id(&format!("{}:{}", scope.kind(), scope.id()), kpi.as_str()),
        &[
            ("scope", Value::Text(scope.kind().into())),
            ("scope_id", Value::Text(scope.id().into())),
            ("kpi", kpi.into()),
            ("value", value.map_or(Value::Null, Value::Real)),
        ],
    )?;
    Ok(())
}

/// Every target set, roles' first (in role order), then agents' (by name), each by KPI key.
/// Targets of deleted roles or agents, or of KPIs this build does not know, are left out.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<KpiTarget>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.scope, t.scope_id, t.kpi, t.value FROM kpi_targets t
         LEFT JOIN roles r ON t.scope = 'role' AND r.id = t.scope_id AND r.deleted_at IS NULL
         LEFT JOIN agents a ON t.scope = 'agent' AND a.id = t.scope_id AND a.deleted_at IS NULL
         WHERE t.value IS NOT NULL AND t.deleted_at IS NULL AND (r.id IS NOT NULL OR a.id IS NOT NULL)
         ORDER BY t.scope DESC, r.position, a.name COLLATE NOCASE, t.scope_id, t.kpi",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, f64>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (scope, id, kpi, value) = row?;
        let Some(kpi) = KpiMetric::parse(&kpi) else { continue };
        let scope = match scope.as_str() {
            "agent" => TargetScope::Agent { agent_id: AgentId(id) },
            _ => TargetScope::Role { role_id: RoleId(id) },
        };
        out.push(KpiTarget { scope, kpi, value });
    }
    Ok(out)
}

/// The targets that apply to an agent (their own over their role's), by KPI.
/// Errors: `NotFound` for an unknown agent.
pub fn for_agent(conn: &rusqlite::Connection, agent: &AgentId) -> Result<Vec<EffectiveTarget>> {
    check_id("agentId", agent.as_str())?;
    let role = roster::get(conn, agent)?.role_id;
    Ok(effective(&list(conn)?, agent, role.as_ref()))
}

/// One KPI of an agent's last 30 days beside the target that applies to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TargetStatus {
    /// The target, with where it comes from.
    pub target: EffectiveTarget,
    /// The agent's value (`None`: no cases to measure).
    pub actual: Option<f64>,
    /// The cases it rests on.
    pub cases: u32,
    /// Met, missed or no data.
    pub verdict: Verdict,
}

/// How an agent stands against each of their targets over the last 30 days as of `now`
/// (the same numbers as the leaderboard's 30-day row for them).
pub fn agent_status(conn: &rusqlite::Connection, agent: &AgentId, now: DateTime<Utc>) -> Result<Vec<TargetStatus>> {
    let targets = for_agent(conn, agent)?;
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let request = crate::kpi::LeaderboardRequest {
        period: crate::kpi::PeriodRequest::preset(crate::kpi::PeriodPreset::Days30),
        filter: crate::kpi::KpiFilter { assignees: vec![agent.clone()], ..Default::default() },
        by: crate::kpi::LeaderboardBy::Agent,
    };
    let board = crate::kpi::leaderboard(conn, &request, now)?;
    let kpis = board.rows.into_iter().find(|r| r.id.as_deref() == Some(agent.as_str())).map(|r| r.kpis);
    Ok(targets
        .into_iter()
        .map(|target| {
            let (actual, cases) = kpis.as_ref().map_or((None, 0), |k| target.kpi.value(k));
            TargetStatus { verdict: judge(target.kpi, actual, target.value), actual, cases, target }
        })
        .collect())
}

#[cfg(test)]
mod tests;
