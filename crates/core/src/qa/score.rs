//! The score of an evaluation: each criterion is rated from 0 to its points (or "not
//! applicable"); the score is the weighted share of the points given, out of 100, over
//! the criteria that apply. A critical criterion rated 0 fails the whole evaluation (its
//! score is 0), as contact-centre QA forms treat a compliance breach.

use serde::{Deserialize, Serialize};

use super::scorecards::Criterion;

/// What an evaluation's ratings amount to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// 0–100, one decimal; `None` when no criterion applies.
    pub score: Option<f64>,
    /// A critical criterion was rated 0: the score is 0 whatever the rest.
    pub critical_failed: bool,
}

/// The outcome of `ratings` (by criterion key; `None`: not applicable) on `criteria`.
/// A criterion without a rating counts as not applicable.
pub fn score(criteria: &[Criterion], rating: impl Fn(&str) -> Option<u8>) -> Outcome {
    let mut given = 0.0;
    let mut weights = 0.0;
    let mut critical_failed = false;
    for c in criteria {
        let Some(r) = rating(&c.key) else { continue };
        let r = r.min(c.points);
        critical_failed |= c.critical && r == 0;
        given += f64::from(c.weight) * f64::from(r) / f64::from(c.points.max(1));
        weights += f64::from(c.weight);
    }
    let score =
        if critical_failed { Some(0.0) } else { (weights > 0.0).then(|| (given / weights * 1000.0).round() / 10.0) };
    Outcome { score, critical_failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(key: &str, weight: u8, points: u8, critical: bool) -> Criterion {
        Criterion { key: key.into(), label: key.into(), weight, points, critical }
    }

    fn of(criteria: &[Criterion], ratings: &[(&str, u8)]) -> Outcome {
        score(criteria, |k| ratings.iter().find(|(key, _)| *key == k).map(|(_, r)| *r))
    }

    #[test]
    fn weights_decide_the_score() {
        // Greeting 1/1 at weight 10, empathy 3/5 at weight 30, resolution 4/4 at weight 60:
        // (10·1 + 30·0.6 + 60·1) / 100 = 88.
        let cs = [c("greet", 10, 1, false), c("empathy", 30, 5, false), c("resolve", 60, 4, false)];
        assert_eq!(
            of(&cs, &[("greet", 1), ("empathy", 3), ("resolve", 4)]),
            Outcome { score: Some(88.0), critical_failed: false }
        );
        // Missing the greeting costs its weight: (10·0 + 30·0.6 + 60·1) / 100 = 78; at
        // weight 60 it costs 60: (60·0 + 30·0.6 + 10·1) / 100 = 28.
        assert_eq!(of(&cs, &[("greet", 0), ("empathy", 3), ("resolve", 4)]).score, Some(78.0));
        let cs = [c("greet", 60, 1, false), c("empathy", 30, 5, false), c("resolve", 10, 4, false)];
        assert_eq!(of(&cs, &[("greet", 0), ("empathy", 3), ("resolve", 4)]).score, Some(28.0));
    }

    #[test]
    fn not_applicable_criteria_leave_the_weights() {
        let cs = [c("greet", 10, 1, false), c("callback", 40, 2, false), c("resolve", 50, 4, false)];
        // No call-back was due: (10·1 + 50·0.5) / 60 = 58.33… → 58.3.
        assert_eq!(of(&cs, &[("greet", 1), ("resolve", 2)]).score, Some(58.3));
        assert_eq!(of(&cs, &[]).score, None);
    }

    #[test]
    fn a_critical_zero_fails_the_evaluation() {
        let cs = [c("id_check", 10, 1, true), c("resolve", 90, 4, false)];
        assert_eq!(of(&cs, &[("id_check", 0), ("resolve", 4)]), Outcome { score: Some(0.0), critical_failed: true });
        assert_eq!(of(&cs, &[("id_check", 1), ("resolve", 4)]), Outcome { score: Some(100.0), critical_failed: false });
        // Not applicable is not a failure.
        assert_eq!(of(&cs, &[("resolve", 2)]), Outcome { score: Some(50.0), critical_failed: false });
    }

    #[test]
    fn a_rating_above_the_points_counts_as_full_marks() {
        let cs = [c("a", 50, 2, false)];
        assert_eq!(of(&cs, &[("a", 9)]).score, Some(100.0));
    }
}
