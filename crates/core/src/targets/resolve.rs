//! Which target applies to an agent, and whether a value meets it: pure functions of the
//! targets set and the agent's role, tested without a database.

use serde::{Deserialize, Serialize};

use super::{KpiTarget, TargetScope};
use crate::ids::{AgentId, RoleId};
use crate::kpi::{KpiDirection, KpiMetric};

/// The target that applies to an agent on one KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EffectiveTarget {
    /// The KPI.
    pub kpi: KpiMetric,
    /// At least (higher is better) or at most (lower is better).
    pub direction: KpiDirection,
    /// Percent or seconds.
    pub value: f64,
    /// Set for the agent themself (`true`) or for their role.
    pub own: bool,
}

crate::text_enum::text_enum! {
    /// How a value stands against its target.
    pub enum Verdict {
        /// Reached: at or above a floor, at or below a ceiling.
        Met = "met",
        /// Not reached.
        Missed = "missed",
        /// Nothing to measure (no cases in the period).
        NoData = "no_data",
    }
}

/// The targets of `agent` in `role`: per KPI, the agent's own target, or else their
/// role's; KPIs with neither are left out. In KPI order.
pub fn effective(targets: &[KpiTarget], agent: &AgentId, role: Option<&RoleId>) -> Vec<EffectiveTarget> {
    KpiMetric::ALL
        .iter()
        .filter_map(|&kpi| {
            let of = |own: bool| {
                targets.iter().find(|t| {
                    t.kpi == kpi
                        && match &t.scope {
                            TargetScope::Agent { agent_id } => own && agent_id == agent,
                            TargetScope::Role { role_id } => !own && Some(role_id) == role,
                        }
                })
            };
            let (t, own) = of(true).map(|t| (t, true)).or_else(|| of(false).map(|t| (t, false)))?;
            Some(EffectiveTarget { kpi, direction: kpi.direction(), value: t.value, own })
        })
        .collect()
}

/// Whether `actual` meets `target` on `kpi`: a target is a floor for a KPI where higher is
/// better and a ceiling where lower is better; reaching it exactly meets it.
pub fn judge(kpi: KpiMetric, actual: Option<f64>, target: f64) -> Verdict {
    let Some(actual) = actual.filter(|v| v.is_finite()) else { return Verdict::NoData };
    let met = match kpi.direction() {
        KpiDirection::HigherIsBetter => actual >= target,
        KpiDirection::LowerIsBetter => actual <= target,
    };
    if met { Verdict::Met } else { Verdict::Missed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: &str, kpi: KpiMetric, value: f64) -> KpiTarget {
        KpiTarget { scope: TargetScope::Role { role_id: RoleId(id.into()) }, kpi, value }
    }

    fn agent(id: &str, kpi: KpiMetric, value: f64) -> KpiTarget {
        KpiTarget { scope: TargetScope::Agent { agent_id: AgentId(id.into()) }, kpi, value }
    }

    #[test]
    fn an_agents_own_target_overrides_their_roles() {
        let targets = [role("senior", KpiMetric::Csat, 90.0), agent("ann", KpiMetric::Csat, 85.0)];
        let got = effective(&targets, &AgentId("ann".into()), Some(&RoleId("senior".into())));
        assert_eq!(
            got,
            [EffectiveTarget { kpi: KpiMetric::Csat, direction: KpiDirection::HigherIsBetter, value: 85.0, own: true }]
        );
    }

    #[test]
    fn the_role_target_applies_where_the_agent_has_none() {
        let targets = [
            role("senior", KpiMetric::Csat, 90.0),
            role("senior", KpiMetric::HandleTime, 360.0),
            agent("ann", KpiMetric::Csat, 85.0),
        ];
        let got = effective(&targets, &AgentId("ann".into()), Some(&RoleId("senior".into())));
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].kpi, got[0].value, got[0].own), (KpiMetric::HandleTime, 360.0, false));
        assert_eq!((got[1].kpi, got[1].value, got[1].own), (KpiMetric::Csat, 85.0, true));
    }

    #[test]
    fn other_roles_and_other_agents_targets_do_not_apply() {
        let targets = [role("lead", KpiMetric::Csat, 95.0), agent("bo", KpiMetric::Csat, 70.0)];
        assert!(effective(&targets, &AgentId("ann".into()), Some(&RoleId("senior".into()))).is_empty());
        assert!(
            effective(&targets, &AgentId("ann".into()), None).is_empty(),
            "an agent without a role gets only their own"
        );
    }

    #[test]
    fn a_share_meets_a_floor_at_or_above_it() {
        assert_eq!(judge(KpiMetric::Csat, Some(90.0), 90.0), Verdict::Met);
        assert_eq!(judge(KpiMetric::Csat, Some(95.5), 90.0), Verdict::Met);
        assert_eq!(judge(KpiMetric::Csat, Some(89.9), 90.0), Verdict::Missed);
    }

    #[test]
    fn a_duration_meets_a_ceiling_at_or_below_it() {
        assert_eq!(judge(KpiMetric::HandleTime, Some(360.0), 360.0), Verdict::Met);
        assert_eq!(judge(KpiMetric::HandleTime, Some(200.0), 360.0), Verdict::Met);
        assert_eq!(judge(KpiMetric::HandleTime, Some(361.0), 360.0), Verdict::Missed);
    }

    #[test]
    fn no_value_is_no_data_not_a_miss() {
        assert_eq!(judge(KpiMetric::FirstContactResolution, None, 75.0), Verdict::NoData);
        assert_eq!(judge(KpiMetric::Resolution, Some(f64::NAN), 3600.0), Verdict::NoData);
    }
}
