//! The score of a run: how many required steps were done by their target, and how long
//! each phase took against its target. A pure function of the derived checklist, so every
//! device scores a run alike.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::checklist::{Item, ItemState};
use super::plans::Phase;

/// How long one phase took against its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PhaseTime {
    /// The phase.
    pub phase: Phase,
    /// Its target: the latest target offset of its steps, in minutes after activation.
    pub target_minutes: i32,
    /// When its last done step was done, in minutes after activation; `None` when none of
    /// its steps was done.
    pub actual_minutes: Option<i32>,
}

/// A run's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunScore {
    /// Required steps.
    pub required: u32,
    /// Required steps done by their target.
    pub on_time: u32,
    /// `on_time` out of `required`, in whole percent (100 when nothing is required).
    pub percent: u32,
    /// Each phase that has steps, in order.
    pub phases: Vec<PhaseTime>,
}

/// Scores a checklist of a run activated at `started`. Skipped and optional steps never
/// count as done on time; a required step done late counts in `required` only.
pub fn score(items: &[Item<'_>], started: DateTime<Utc>) -> RunScore {
    let required: Vec<&Item<'_>> = items.iter().filter(|i| i.step.required).collect();
    let on_time =
        required.iter().filter(|i| i.state == ItemState::Done && i.settled_at.is_some_and(|at| at <= i.due_at)).count()
            as u32;
    let total = required.len() as u32;
    let phases = Phase::ALL
        .iter()
        .filter_map(|&phase| {
            let of_phase: Vec<&Item<'_>> = items.iter().filter(|i| i.step.phase == phase).collect();
            let target_minutes = of_phase.iter().map(|i| i.step.offset_minutes).max()?;
            let actual_minutes = of_phase
                .iter()
                .filter(|i| i.state == ItemState::Done)
                .filter_map(|i| i.settled_at)
                .max()
                .map(|at| i32::try_from((at - started).num_minutes()).unwrap_or(i32::MAX));
            Some(PhaseTime { phase, target_minutes, actual_minutes })
        })
        .collect();
    RunScore { required: total, on_time, percent: (on_time * 100).checked_div(total).unwrap_or(100), phases }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::checklist::tests::{ev, step, t};
    use crate::plans::checklist::{RunEventKind, checklist};

    #[test]
    fn only_required_steps_done_by_their_target_count() {
        let steps = [
            step("a", Phase::Warning, 5, true),
            step("b", Phase::Response, 15, true),
            step("c", Phase::Response, 30, true),
            step("d", Phase::Response, 30, false),
            step("e", Phase::Recovery, 60, true),
        ];
        let events = [
            ev("1", 5, RunEventKind::Tick, Some("a"), ""),  // on the minute: on time
            ev("2", 20, RunEventKind::Tick, Some("b"), ""), // late
            ev("3", 25, RunEventKind::Skip, Some("c"), "not needed"),
            ev("4", 10, RunEventKind::Tick, Some("d"), ""), // optional
        ];
        let s = score(&checklist(&steps, t(0), &events, t(90)), t(0));
        assert_eq!((s.required, s.on_time, s.percent), (4, 1, 25));
    }

    #[test]
    fn each_phase_with_steps_is_timed_against_its_latest_target() {
        let steps = [
            step("a", Phase::Warning, 5, true),
            step("b", Phase::Response, 15, true),
            step("c", Phase::Response, 30, true),
            step("e", Phase::Recovery, 60, true),
        ];
        let events = [
            ev("1", 4, RunEventKind::Tick, Some("a"), ""),
            ev("2", 12, RunEventKind::Tick, Some("c"), ""),
            ev("3", 41, RunEventKind::Tick, Some("b"), ""),
        ];
        let s = score(&checklist(&steps, t(0), &events, t(90)), t(0));
        assert_eq!(
            s.phases,
            [
                PhaseTime { phase: Phase::Warning, target_minutes: 5, actual_minutes: Some(4) },
                PhaseTime { phase: Phase::Response, target_minutes: 30, actual_minutes: Some(41) },
                PhaseTime { phase: Phase::Recovery, target_minutes: 60, actual_minutes: None },
            ]
        );
    }

    #[test]
    fn a_plan_without_required_steps_scores_full() {
        let steps = [step("a", Phase::Response, 5, false)];
        let s = score(&checklist(&steps, t(0), &[], t(90)), t(0));
        assert_eq!((s.required, s.on_time, s.percent), (0, 0, 100));
    }
}
