//! A run's checklist, derived: each step's state (done, skipped, pending, overdue) follows
//! from the run's events, its activation time, the step's target offset and the time
//! asked about. Nothing of it is stored, so ticks made on two devices offline, once
//! merged, give the same checklist everywhere.

use chrono::{DateTime, Duration, Utc};

use super::plans::Step;
use crate::ids::{PlanStepId, RunEventId};

crate::text_enum::text_enum! {
    /// What one recorded action of a run is.
    pub enum RunEventKind {
        /// A step was done.
        Tick = "tick",
        /// A step was skipped, with a reason.
        Skip = "skip",
        /// A note on a step.
        Note = "note",
        /// A free entry of the incident log.
        Log = "log",
        /// The run was closed.
        Close = "close",
    }
}

crate::text_enum::text_enum! {
    /// Where a step of a run stands.
    pub enum ItemState {
        /// Not done yet, and not yet past its target.
        Pending = "pending",
        /// Not done, and past its target.
        Overdue = "overdue",
        /// Done.
        Done = "done",
        /// Skipped, with a reason.
        Skipped = "skipped",
    }
}

/// One recorded action of a run, as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunEvent {
    /// Id (orders actions of the same instant the same way on every device).
    pub id: RunEventId,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// What it is.
    pub kind: RunEventKind,
    /// The step it is about (ticks, skips, notes).
    pub step_id: Option<PlanStepId>,
    /// The reason, note or log entry.
    pub text: String,
}

/// A step of a run with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// The step, as the run's version has it.
    pub step: &'a Step,
    /// When it should be done.
    pub due_at: DateTime<Utc>,
    /// Where it stands.
    pub state: ItemState,
    /// When it was done or skipped.
    pub settled_at: Option<DateTime<Utc>>,
    /// The skip's reason.
    pub reason: Option<&'a str>,
}

/// When the run was closed: the first close recorded (a second, from another device
/// offline, changes nothing).
pub fn closed_at(events: &[RunEvent]) -> Option<DateTime<Utc>> {
    events.iter().filter(|e| e.kind == RunEventKind::Close).map(|e| e.at).min()
}

/// The checklist of a run activated at `started`, as it stands at `now` (for a closed
/// run, ask at its close: nothing becomes overdue after it). A step's latest tick or skip
/// (by time, then id) decides it, so a step skipped and then done after all is done.
pub fn checklist<'a>(
    steps: &'a [Step],
    started: DateTime<Utc>,
    events: &'a [RunEvent],
    now: DateTime<Utc>,
) -> Vec<Item<'a>> {
    steps
        .iter()
        .map(|step| {
            let due_at = started + Duration::minutes(i64::from(step.offset_minutes));
            let last = events
                .iter()
                .filter(|e| matches!(e.kind, RunEventKind::Tick | RunEventKind::Skip))
                .filter(|e| e.step_id.as_ref() == Some(&step.id))
                .max_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
            let state = match last.map(|e| e.kind) {
                Some(RunEventKind::Tick) => ItemState::Done,
                Some(_) => ItemState::Skipped,
                None if now > due_at => ItemState::Overdue,
                None => ItemState::Pending,
            };
            Item {
                step,
                due_at,
                state,
                settled_at: last.map(|e| e.at),
                reason: last.filter(|e| e.kind == RunEventKind::Skip).map(|e| e.text.as_str()),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plans::plans::Phase;

    pub(crate) fn t(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z").unwrap().with_timezone(&Utc) + Duration::minutes(minutes)
    }

    pub(crate) fn step(id: &str, phase: Phase, offset_minutes: i32, required: bool) -> Step {
        Step {
            id: PlanStepId(id.into()),
            phase,
            text: format!("step {id}"),
            owner_role: "duty manager".into(),
            offset_minutes,
            required,
        }
    }

    pub(crate) fn ev(id: &str, at: i64, kind: RunEventKind, step: Option<&str>, text: &str) -> RunEvent {
        RunEvent {
            id: RunEventId(id.into()),
            at: t(at),
            kind,
            step_id: step.map(|s| PlanStepId(s.into())),
            text: text.into(),
        }
    }

    fn states(steps: &[Step], events: &[RunEvent], now: i64) -> Vec<ItemState> {
        checklist(steps, t(0), events, t(now)).iter().map(|i| i.state).collect()
    }

    #[test]
    fn untouched_steps_are_pending_until_their_target_then_overdue() {
        let steps = [step("a", Phase::Response, 0, true), step("b", Phase::Response, 30, true)];
        assert_eq!(states(&steps, &[], 0), [ItemState::Pending, ItemState::Pending]);
        assert_eq!(states(&steps, &[], 1), [ItemState::Overdue, ItemState::Pending]);
        assert_eq!(states(&steps, &[], 31), [ItemState::Overdue, ItemState::Overdue]);
    }

    #[test]
    fn a_tick_makes_a_step_done_even_after_its_target() {
        let steps = [step("a", Phase::Response, 10, true)];
        let events = [ev("1", 25, RunEventKind::Tick, Some("a"), "")];
        let items = checklist(&steps, t(0), &events, t(60));
        assert_eq!(items[0].state, ItemState::Done);
        assert_eq!(items[0].settled_at, Some(t(25)));
        assert_eq!(items[0].due_at, t(10));
    }

    #[test]
    fn a_skip_keeps_its_reason() {
        let steps = [step("a", Phase::Warning, 10, true)];
        let events = [ev("1", 5, RunEventKind::Skip, Some("a"), "not needed: the vendor fixed it")];
        let items = checklist(&steps, t(0), &events, t(60));
        assert_eq!((items[0].state, items[0].reason), (ItemState::Skipped, Some("not needed: the vendor fixed it")));
    }

    #[test]
    fn the_latest_tick_or_skip_decides_and_notes_and_log_entries_do_not() {
        let steps = [step("a", Phase::Response, 10, true)];
        let events = [
            ev("1", 5, RunEventKind::Skip, Some("a"), "later"),
            ev("2", 8, RunEventKind::Tick, Some("a"), ""),
            ev("3", 9, RunEventKind::Note, Some("a"), "called the vendor"),
            ev("4", 9, RunEventKind::Log, None, "press asked"),
        ];
        assert_eq!(states(&steps, &events, 60), [ItemState::Done]);
        // The same actions in any order give the same state (as merged from two devices).
        let mut reversed = events.clone();
        reversed.reverse();
        assert_eq!(states(&steps, &reversed, 60), [ItemState::Done]);
    }

    #[test]
    fn simultaneous_actions_are_ordered_by_id_everywhere() {
        let steps = [step("a", Phase::Response, 10, true)];
        let events = [ev("x1", 5, RunEventKind::Tick, Some("a"), ""), ev("x2", 5, RunEventKind::Skip, Some("a"), "r")];
        let mut other = events.clone();
        other.reverse();
        assert_eq!(states(&steps, &events, 60), [ItemState::Skipped]);
        assert_eq!(states(&steps, &other, 60), [ItemState::Skipped]);
    }

    #[test]
    fn the_first_close_is_the_close() {
        let events = [ev("1", 90, RunEventKind::Close, None, ""), ev("2", 80, RunEventKind::Close, None, "")];
        assert_eq!(closed_at(&events), Some(t(80)));
        assert_eq!(closed_at(&events[..0]), None);
    }
}
