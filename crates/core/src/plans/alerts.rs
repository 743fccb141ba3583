//! Required steps of active runs that have just passed their target, for the desktop
//! notification (as SLA breaches are reported).
//!
//! Stateless, like the SLA breach watch: the caller asks about a window of time — from
//! its last check to now — and gets the required steps, still neither done nor skipped,
//! whose target fell inside it. Consecutive windows never overlap, so each step of each
//! run is reported once; a target that passed while the app was closed is not reported
//! afterwards (the run's checklist shows it overdue).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::checklist::{self, ItemState};
use super::runs::{self, RunKind};
use super::versions;
use crate::Result;
use crate::ids::{PlanRunId, PlanStepId};
use crate::time::to_db_text;

/// A required step that just passed its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OverdueStep {
    /// The run.
    pub run_id: PlanRunId,
    /// Incident, drill or tabletop.
    pub run_kind: RunKind,
    /// The plan's title in the run's version.
    pub title: String,
    /// The step.
    pub step_id: PlanStepId,
    /// Its text.
    pub step_text: String,
    /// Its target.
    pub due_at: String,
}

/// Most steps reported at once: a window after a long sleep could hold many.
pub const MAX_REPORTED: usize = 200;

/// The required, unsettled steps of active runs whose target is in `[from, to)` — those
/// that became overdue in that window — by target, then run; at most [`MAX_REPORTED`].
pub fn steps_fallen_due(
    conn: &rusqlite::Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<OverdueStep>> {
    let mut out = Vec::new();
    // Active runs only: nothing becomes overdue after a run's close.
    for run in runs::list(conn, None)? {
        let (version, started, summary) = runs::head(conn, &run.id)?;
        let events = runs::events(conn, &run.id)?;
        let content = versions::content(conn, &version)?;
        for item in checklist::checklist(&content.steps, started, &events, to) {
            if item.step.required && item.state == ItemState::Overdue && item.due_at >= from && item.due_at < to {
                out.push((
                    item.due_at,
                    OverdueStep {
                        run_id: run.id.clone(),
                        run_kind: summary.kind,
                        title: content.fields.title.clone(),
                        step_id: item.step.id.clone(),
                        step_text: item.step.text.clone(),
                        due_at: to_db_text(item.due_at),
                    },
                ));
            }
        }
    }
    out.sort_by(|(a, x), (b, y)| (a, &x.run_id).cmp(&(b, &y.run_id)));
    Ok(out.into_iter().take(MAX_REPORTED).map(|(_, s)| s).collect())
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::plans::tests::{published_plan, start};
    use crate::plans::{RunAction, plans};
    use crate::store::test_support::temp_store;

    #[test]
    fn each_required_step_is_reported_once_in_the_window_its_target_passes() {
        let (_dir, mut store, clock) = temp_store();
        // Steps at +0, +5, +15 and +60 minutes, all required.
        let (plan, steps) = published_plan(&mut store);
        let t0 = clock.get();
        let run = start(&mut store, &plan, RunKind::Drill);
        let texts = |found: Vec<OverdueStep>| found.into_iter().map(|s| s.step_text).collect::<Vec<_>>();

        // The step at +0 passes its target right at activation.
        let first = steps_fallen_due(store.conn(), t0, t0 + Duration::minutes(1)).unwrap();
        assert_eq!(texts(first.clone()), ["Watch the queue"]);
        assert_eq!((&first[0].run_id, first[0].run_kind), (&run, RunKind::Drill));
        // A step done before its target is never reported; the next window reports only
        // what passed inside it.
        clock.set(t0 + Duration::minutes(3));
        store.write(|tx| runs::record(tx, &run, &RunAction::Tick { step: steps[1].clone() })).unwrap();
        let later = steps_fallen_due(store.conn(), t0 + Duration::minutes(1), t0 + Duration::minutes(20)).unwrap();
        assert_eq!(texts(later), ["Switch to the backup line"]);
        assert!(
            steps_fallen_due(store.conn(), t0 + Duration::minutes(20), t0 + Duration::minutes(59)).unwrap().is_empty()
        );

        // A closed run reports nothing more.
        store.write(|tx| runs::record(tx, &run, &RunAction::Close)).unwrap();
        assert!(
            steps_fallen_due(store.conn(), t0 + Duration::minutes(59), t0 + Duration::minutes(61)).unwrap().is_empty()
        );
    }

    #[test]
    fn optional_steps_are_not_reported() {
        let (_dir, mut store, clock) = temp_store();
        let plan = store.write(|tx| plans::create(tx, &crate::plans::tests::plan_input("Surge"))).unwrap();
        let step = crate::plans::tests::step_input(crate::plans::Phase::Response, "Optional", 0, false);
        store.write(|tx| plans::add_step(tx, &plan, &step)).unwrap();
        store.write(|tx| versions::publish(tx, &plan)).unwrap();
        start(&mut store, &plan, RunKind::Incident);
        let t0 = clock.get();
        assert!(steps_fallen_due(store.conn(), t0, t0 + Duration::minutes(5)).unwrap().is_empty());
    }
}
