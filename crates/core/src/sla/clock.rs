//! The two SLA clocks of one case, derived from its timeline for an explicit `now`.
//!
//! - **First response** measures how fast the team first answered: it runs in business
//!   time from creation, is *not* paused while waiting for the customer (nothing to wait
//!   for before we have said anything), and completes at the first response. A case
//!   resolved or closed without a recorded response completes there too: resolving is the
//!   answer, and a case closed as spam or duplicate must not breach forever.
//! - **Resolution** runs in business time from creation, pauses while the case waits for
//!   the customer, stops while resolved or closed, and resumes on reopen; elapsed time
//!   accumulates across reopenings, so a reopened case does not get a fresh target.
//!
//! Defensive reading of the timeline (events come from several devices and a merge):
//! changes are sorted by time (stable, so of two changes at the same instant the later
//! listed wins); a change before creation counts from creation; a change or first
//! response after `now` has not happened yet as far as `now` is concerned (that keeps
//! `evaluate` usable for "as of" reports, and a device whose clock runs ahead only shows
//! the event once its time comes). Negative targets count as zero.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::BusinessCalendar;

/// The targets of the policy that applies to a case; `None` means no target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlaTargets {
    /// Business time allowed until the first response.
    pub first_response: Option<Duration>,
    /// Business time allowed until resolution, pending-customer time excluded.
    pub resolution: Option<Duration>,
}

/// What the case's status means for the resolution clock, from a point in time on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ClockMode {
    /// The team is working on it (new, open, pending internal).
    Running,
    /// Waiting for the customer: their delay is not held against the team.
    Paused,
    /// Resolved or closed.
    Stopped,
}

/// The case's status changed to one with this clock mode at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockChange {
    /// When the status changed.
    pub at: DateTime<Utc>,
    /// The clock mode of the new status.
    pub mode: ClockMode,
}

/// Everything the SLA of one case depends on.
#[derive(Debug, Clone, Copy)]
pub struct SlaInput<'a> {
    /// When the case was created; both clocks start here, the resolution clock Running.
    pub created_at: DateTime<Utc>,
    /// The first agent response, if any.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Status changes, in time order (read defensively: see the module docs).
    pub changes: &'a [ClockChange],
    /// The targets of the applicable policy.
    pub targets: SlaTargets,
    /// Business hours the targets count in ([`BusinessCalendar::around_the_clock`] for
    /// calendar-hour targets).
    pub calendar: &'a BusinessCalendar,
}

/// Where one target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Completed within the target.
    Met,
    /// The elapsed business time exceeded the target (whether or not completed since).
    Breached,
    /// Clock running, within target.
    Running,
    /// Clock paused (pending customer), within target.
    Paused,
    /// The policy sets no target.
    NotApplicable,
}

/// The derived state of one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetState {
    /// Where the target stands.
    pub status: TargetStatus,
    /// When the target is, was or would be reached; `None` without a target. Breached:
    /// when it was reached. Running: when it will be if the clock keeps running. Paused:
    /// as if resumed now, so it moves later while the case waits. Met: when it would have
    /// been reached had the clock kept running from completion.
    pub due_at: Option<DateTime<Utc>>,
    /// Target minus elapsed; negative when overdue; `None` without a target.
    pub remaining: Option<Duration>,
    /// Business time counted so far (also without a target, for the KPIs).
    pub elapsed: Duration,
    /// When the clock stopped for good: first response, or resolution while the case
    /// stays resolved or closed (the first of consecutive resolved/closed changes).
    pub completed_at: Option<DateTime<Utc>>,
    /// When a breached target was reached, which may precede a later completion.
    pub breached_at: Option<DateTime<Utc>>,
}

/// Both targets of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaState {
    /// First response.
    pub first_response: TargetState,
    /// Resolution.
    pub resolution: TargetState,
}

/// The SLA state of a case as of `now`.
pub fn evaluate(input: &SlaInput<'_>, now: DateTime<Utc>) -> SlaState {
    let timeline = timeline(input, now);
    SlaState { first_response: first_response(input, &timeline, now), resolution: resolution(input, &timeline, now) }
}

/// "About to breach": the clock is running (not paused, not breached) and at most
/// `warn_fraction` of `target` is left (e.g. 0.2 for the last fifth). A NaN fraction is
/// never at risk.
pub fn is_at_risk(state: &TargetState, target: Duration, warn_fraction: f64) -> bool {
    if state.status != TargetStatus::Running {
        return false;
    }
    state.remaining.is_some_and(|left| {
        let threshold = target.num_milliseconds() as f64 * warn_fraction;
        left.num_milliseconds() as f64 <= threshold
    })
}

/// When the resolution clock of a case created at `created_at` with these status
/// `changes` last started running, if it is running at `now`. Its elapsed time at any
/// later instant without further changes is its elapsed time at that start plus the
/// business time since (what the KPIs add for a case still being worked).
pub fn resolution_running_since(
    created_at: DateTime<Utc>,
    changes: &[ClockChange],
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    timeline_of(created_at, changes, now).last().filter(|c| c.mode == ClockMode::Running).map(|c| c.at)
}

/// The clock-mode timeline: Running from creation, then the changes that happened by
/// `now`, clamped to creation and sorted.
fn timeline(input: &SlaInput<'_>, now: DateTime<Utc>) -> Vec<ClockChange> {
    timeline_of(input.created_at, input.changes, now)
}

fn timeline_of(created_at: DateTime<Utc>, input: &[ClockChange], now: DateTime<Utc>) -> Vec<ClockChange> {
    let mut changes = Vec::with_capacity(input.len() + 1);
    changes.push(ClockChange { at: created_at, mode: ClockMode::Running });
    changes.extend(input.iter().filter(|c| c.at <= now).map(|c| ClockChange { at: c.at.max(created_at), mode: c.mode }));
    changes.sort_by_key(|c| c.at);
    changes
}

fn first_response(input: &SlaInput<'_>, timeline: &[ClockChange], now: DateTime<Utc>) -> TargetState {
    let calendar = input.calendar;
    let responded = input.first_response_at.filter(|t| *t <= now).map(|t| t.max(input.created_at));
    let stopped = timeline.iter().find(|c| c.mode == ClockMode::Stopped).map(|c| c.at);
    let completed_at = match (responded, stopped) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let elapsed = calendar.business_time_between(input.created_at, completed_at.unwrap_or(now));
    let Some(target) = input.targets.first_response.map(non_negative) else {
        return not_applicable(elapsed, completed_at);
    };
    let due_at = calendar.add_business_time(input.created_at, target);
    let breached = elapsed > target;
    TargetState {
        status: match (breached, completed_at) {
            (true, _) => TargetStatus::Breached,
            (false, Some(_)) => TargetStatus::Met,
            (false, None) => TargetStatus::Running,
        },
        due_at: Some(due_at),
        remaining: Some(target - elapsed),
        elapsed,
        completed_at,
        breached_at: breached.then_some(due_at),
    }
}

fn resolution(input: &SlaInput<'_>, timeline: &[ClockChange], now: DateTime<Utc>) -> TargetState {
    let calendar = input.calendar;
    let target = input.targets.resolution.map(non_negative);
    let mut elapsed = Duration::zero();
    let mut breached_at = None;
    for (i, change) in timeline.iter().enumerate() {
        if change.mode != ClockMode::Running {
            continue;
        }
        let end = timeline.get(i + 1).map_or(now, |next| next.at);
        let segment = calendar.business_time_between(change.at, end);
        if let Some(target) = target {
            // The segment in which elapsed goes past the target: it was reached `target -
            // elapsed` into it (or, if an earlier segment ended exactly on target, at this
            // segment's first business instant).
            if breached_at.is_none() && elapsed <= target && elapsed + segment > target {
                breached_at = Some(calendar.add_business_time(change.at, target - elapsed));
            }
        }
        elapsed += segment;
    }
    // The timeline is never empty (it starts with creation); the fallback is for form's sake.
    let last = timeline.last().copied().unwrap_or(ClockChange { at: input.created_at, mode: ClockMode::Running });
    let completed_at = (last.mode == ClockMode::Stopped).then(|| {
        let run = timeline.iter().rev().take_while(|c| c.mode == ClockMode::Stopped);
        run.last().map_or(last.at, |c| c.at)
    });
    let Some(target) = target else {
        return not_applicable(elapsed, completed_at);
    };
    let remaining = target - elapsed;
    let (status, due_at) = match (breached_at, last.mode) {
        (Some(at), _) => (TargetStatus::Breached, at),
        (None, ClockMode::Stopped) => {
            (TargetStatus::Met, calendar.add_business_time(completed_at.unwrap_or(last.at), remaining))
        }
        (None, ClockMode::Paused) => (TargetStatus::Paused, calendar.add_business_time(now.max(last.at), remaining)),
        (None, ClockMode::Running) => (TargetStatus::Running, calendar.add_business_time(now.max(last.at), remaining)),
    };
    TargetState { status, due_at: Some(due_at), remaining: Some(remaining), elapsed, completed_at, breached_at }
}

fn not_applicable(elapsed: Duration, completed_at: Option<DateTime<Utc>>) -> TargetState {
    TargetState {
        status: TargetStatus::NotApplicable,
        due_at: None,
        remaining: None,
        elapsed,
        completed_at,
        breached_at: None,
    }
}

fn non_negative(d: Duration) -> Duration {
    d.max(Duration::zero())
}

#[cfg(test)]
mod tests;
