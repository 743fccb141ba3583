//! The KPIs a target can be set on, each with its stable key (the same as the KPI table's
//! `key` column, see `table.rs`), its unit and which way is better — so a target says only
//! a value, and "at least" or "at most" follows from the KPI itself.

use super::values::Kpis;

crate::text_enum::text_enum! {
    /// A KPI measured per agent that a target can be set on. The keys are the KPI table's.
    pub enum KpiMetric {
        /// First response time (business time).
        FirstResponse = "first_response",
        /// Resolution time (business time, pending-customer time excluded).
        Resolution = "resolution",
        /// Mean handle time.
        HandleTime = "handle_time",
        /// First-contact resolution.
        FirstContactResolution = "first_contact_resolution",
        /// SLA compliance.
        SlaCompliance = "sla_compliance",
        /// Customer satisfaction (share of 4–5 answers).
        Csat = "csat",
    }
}

crate::text_enum::text_enum! {
    /// Which way a KPI is better.
    pub enum KpiDirection {
        /// Higher is better: a target is a floor (CSAT ≥ 90%).
        HigherIsBetter = "higher",
        /// Lower is better: a target is a ceiling (AHT ≤ 6 min).
        LowerIsBetter = "lower",
    }
}

crate::text_enum::text_enum! {
    /// What a KPI's values are.
    pub enum KpiUnit {
        /// A share, 0 to 100.
        Percent = "percent",
        /// A duration in seconds.
        Seconds = "seconds",
    }
}

impl KpiMetric {
    /// Which way is better.
    pub fn direction(self) -> KpiDirection {
        match self {
            KpiMetric::FirstResponse | KpiMetric::Resolution | KpiMetric::HandleTime => KpiDirection::LowerIsBetter,
            KpiMetric::FirstContactResolution | KpiMetric::SlaCompliance | KpiMetric::Csat => {
                KpiDirection::HigherIsBetter
            }
        }
    }

    /// The unit of its values.
    pub fn unit(self) -> KpiUnit {
        match self.direction() {
            KpiDirection::LowerIsBetter => KpiUnit::Seconds,
            KpiDirection::HigherIsBetter => KpiUnit::Percent,
        }
    }

    /// Its value in `kpis` (`None`: no data) and the number of cases it rests on.
    pub fn value(self, kpis: &Kpis) -> (Option<f64>, u32) {
        let (avg, share) = match self {
            KpiMetric::FirstResponse => (Some(&kpis.first_response), None),
            KpiMetric::Resolution => (Some(&kpis.resolution), None),
            KpiMetric::HandleTime => (Some(&kpis.handle_time), None),
            KpiMetric::FirstContactResolution => (None, Some(&kpis.first_contact_resolution)),
            KpiMetric::SlaCompliance => (None, Some(&kpis.sla_compliance)),
            KpiMetric::Csat => (None, Some(&kpis.csat)),
        };
        match (avg, share) {
            (Some(a), _) => (a.mean_seconds, a.cases),
            (_, Some(s)) => (s.percent, s.cases),
            (None, None) => (None, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_better_lower_and_shares_higher() {
        assert_eq!(KpiMetric::HandleTime.direction(), KpiDirection::LowerIsBetter);
        assert_eq!(KpiMetric::HandleTime.unit(), KpiUnit::Seconds);
        assert_eq!(KpiMetric::Csat.direction(), KpiDirection::HigherIsBetter);
        assert_eq!(KpiMetric::Csat.unit(), KpiUnit::Percent);
    }

    #[test]
    fn the_keys_are_the_kpi_tables_keys() {
        let keys: Vec<String> =
            super::super::kpi_rows(crate::settings::Language::En).into_iter().map(|r| r.key).collect();
        for m in KpiMetric::ALL {
            assert!(keys.iter().any(|k| k == m.as_str()), "{} is a KPI table key", m.as_str());
        }
    }
}
