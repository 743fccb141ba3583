//! Which SLA targets apply to a case: the one matching rule, a pure function of the
//! team's policies and the case's priority, customer tier and category.
//!
//! The most specific live policy wins: one naming priority, tier and category beats one
//! naming priority and tier, which beats priority and category, which beats priority
//! alone. Between equally specific policies (two devices may each create one offline,
//! and a merge keeps both) the lowest id wins, so every device picks the same one. With
//! no policy for the priority, the built-in [`default_policy`] applies.
//!
//! Both the SLA evaluation of one case and the bulk refresh of cached due times ask
//! [`PolicyTable::policy_for`], and the Settings screen's "effective targets" asks
//! [`PolicyTable::matching`]: there is no second copy of the rule (in SQL or elsewhere).

use std::cmp::Reverse;

use chrono::Duration;

use super::SlaPolicy;
use crate::cases::Priority;
use crate::customers::Tier;

/// The SLA targets that apply to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// First-response target; `None`: no target.
    pub first_response: Option<Duration>,
    /// Resolution target; `None`: no target.
    pub resolution: Option<Duration>,
    /// Business hours (true) or calendar hours (false).
    pub business_hours: bool,
}

/// Built-in targets used when the team has not defined a policy for a priority:
/// P1 around the clock, the others in business hours.
pub fn default_policy(p: Priority) -> Policy {
    let (fr, res, business) = match p {
        Priority::P1 => (30, 4 * 60, false),
        Priority::P2 => (60, 8 * 60, true),
        Priority::P3 => (4 * 60, 24 * 60, true),
        Priority::P4 => (8 * 60, 40 * 60, true),
    };
    Policy {
        first_response: Some(Duration::minutes(fr)),
        resolution: Some(Duration::minutes(res)),
        business_hours: business,
    }
}

impl From<&SlaPolicy> for Policy {
    fn from(p: &SlaPolicy) -> Self {
        Policy {
            first_response: p.first_response_minutes.map(|m| Duration::minutes(m.into())),
            resolution: p.resolution_minutes.map(|m| Duration::minutes(m.into())),
            business_hours: p.business_hours,
        }
    }
}

/// The team's live policies, loaded once and asked for any number of cases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyTable {
    rows: Vec<SlaPolicy>,
}

/// How many of the optional conditions (tier, category) a policy names.
fn specificity(p: &SlaPolicy) -> u8 {
    // Tier outranks category: a VIP promise holds whatever the case is about.
    u8::from(p.tier.is_some()) * 2 + u8::from(p.category.is_some())
}

impl PolicyTable {
    /// A table of the given live policies.
    pub fn new(rows: Vec<SlaPolicy>) -> Self {
        PolicyTable { rows }
    }

    /// The live policies, as given.
    pub fn rows(&self) -> &[SlaPolicy] {
        &self.rows
    }

    /// The policy that applies to a case of `priority` whose customer has `tier` (none
    /// without a customer) and whose category is `category`; `None` when only the
    /// built-in default applies.
    pub fn matching(&self, priority: Priority, tier: Option<Tier>, category: &str) -> Option<&SlaPolicy> {
        self.rows
            .iter()
            .filter(|p| p.priority == priority)
            .filter(|p| p.tier.is_none() || p.tier == tier)
            .filter(|p| p.category.as_deref().is_none_or(|c| c == category))
            .min_by(|a, b| (Reverse(specificity(a)), &a.id).cmp(&(Reverse(specificity(b)), &b.id)))
    }

    /// The targets that apply to such a case: the matching policy's, or the default.
    pub fn policy_for(&self, priority: Priority, tier: Option<Tier>, category: &str) -> Policy {
        self.matching(priority, tier, category).map_or_else(|| default_policy(priority), Policy::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SlaPolicyId;

    fn row(id: &str, priority: Priority, tier: Option<Tier>, category: Option<&str>, fr: u32) -> SlaPolicy {
        SlaPolicy {
            id: SlaPolicyId(id.into()),
            name: id.into(),
            priority,
            tier,
            category: category.map(str::to_owned),
            first_response_minutes: Some(fr),
            resolution_minutes: None,
            business_hours: false,
        }
    }

    fn first_response(t: &PolicyTable, p: Priority, tier: Option<Tier>, category: &str) -> Option<i64> {
        t.policy_for(p, tier, category).first_response.map(|d| d.num_minutes())
    }

    #[test]
    fn no_policy_means_the_built_in_default() {
        let t = PolicyTable::default();
        assert_eq!(t.policy_for(Priority::P3, None, "Billing"), default_policy(Priority::P3));
        assert!(t.matching(Priority::P3, None, "Billing").is_none());
    }

    #[test]
    fn most_specific_policy_wins() {
        let t = PolicyTable::new(vec![
            row("a", Priority::P2, None, None, 10),
            row("b", Priority::P2, None, Some("Billing"), 20),
            row("c", Priority::P2, Some(Tier::Vip), None, 30),
            row("d", Priority::P2, Some(Tier::Vip), Some("Billing"), 40),
        ]);
        assert_eq!(first_response(&t, Priority::P2, Some(Tier::Vip), "Billing"), Some(40));
        assert_eq!(first_response(&t, Priority::P2, Some(Tier::Vip), "Delivery"), Some(30));
        assert_eq!(first_response(&t, Priority::P2, Some(Tier::Standard), "Billing"), Some(20));
        assert_eq!(first_response(&t, Priority::P2, None, "Delivery"), Some(10));
        // Another priority is not touched.
        assert_eq!(t.policy_for(Priority::P1, Some(Tier::Vip), "Billing"), default_policy(Priority::P1));
    }

    #[test]
    fn a_narrowed_policy_never_applies_outside_its_tier_or_category() {
        let t = PolicyTable::new(vec![
            row("c", Priority::P2, Some(Tier::Vip), None, 30),
            row("b", Priority::P2, None, Some("Billing"), 20),
        ]);
        assert_eq!(t.policy_for(Priority::P2, None, "Delivery"), default_policy(Priority::P2));
        assert_eq!(t.policy_for(Priority::P2, Some(Tier::Standard), ""), default_policy(Priority::P2));
        // Categories are compared as stored: "billing" is another category.
        assert_eq!(t.policy_for(Priority::P2, None, "billing"), default_policy(Priority::P2));
    }

    #[test]
    fn equally_specific_duplicates_resolve_to_the_lowest_id_on_every_device() {
        for rows in [
            vec![row("b", Priority::P4, None, None, 20), row("a", Priority::P4, None, None, 10)],
            vec![row("a", Priority::P4, None, None, 10), row("b", Priority::P4, None, None, 20)],
        ] {
            assert_eq!(first_response(&PolicyTable::new(rows), Priority::P4, None, ""), Some(10));
        }
    }

    #[test]
    fn a_policy_without_targets_means_no_sla() {
        let mut none = row("a", Priority::P4, None, Some("Internal"), 1);
        none.first_response_minutes = None;
        let t = PolicyTable::new(vec![none]);
        let p = t.policy_for(Priority::P4, None, "Internal");
        assert_eq!((p.first_response, p.resolution), (None, None));
    }
}
