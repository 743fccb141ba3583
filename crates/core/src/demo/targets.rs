//! The demo's KPI targets: the agent and team-lead roles' targets (the roles the demo's
//! training gives), and the first three agents with targets of their own that override
//! their role's, so their pages show KPIs met and missed. Numbers only: the same in every
//! language.

use crate::Result;
use crate::ids::AgentId;
use crate::kpi::KpiMetric;
use crate::people::roles;
use crate::store::WriteTx;
use crate::targets::{self, TargetScope};

/// (role key, KPI, value): shares in percent, durations in seconds.
const ROLE_TARGETS: [(&str, KpiMetric, f64); 8] = [
    ("agent", KpiMetric::Csat, 85.0),
    ("agent", KpiMetric::FirstContactResolution, 70.0),
    ("agent", KpiMetric::HandleTime, 8.0 * 60.0),
    ("agent", KpiMetric::FirstResponse, 2.0 * 3600.0),
    ("team_lead", KpiMetric::Csat, 90.0),
    ("team_lead", KpiMetric::FirstContactResolution, 75.0),
    ("team_lead", KpiMetric::HandleTime, 6.0 * 60.0),
    ("team_lead", KpiMetric::Resolution, 8.0 * 3600.0),
];

pub(super) fn write(tx: &mut WriteTx<'_>, agents: &[AgentId]) -> Result<()> {
    for (role, kpi, value) in ROLE_TARGETS {
        targets::set(tx, &TargetScope::Role { role_id: roles::built_in_id(role) }, kpi, Some(value))?;
    }
    for agent in agents.iter().take(3) {
        let scope = TargetScope::Agent { agent_id: agent.clone() };
        targets::set(tx, &scope, KpiMetric::Csat, Some(80.0))?;
        targets::set(tx, &scope, KpiMetric::FirstContactResolution, Some(70.0))?;
        targets::set(tx, &scope, KpiMetric::HandleTime, Some(8.0 * 60.0))?;
    }
    Ok(())
}
