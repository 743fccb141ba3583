//! Plans overdue for review or for a drill, for the home screen and the Plans page.
//!
//! Derived on every read, never stored: a plan's review falls due `review_days` after its
//! latest publish (a review ends in publishing what it changed) and its drill
//! `drill_days` after its latest drill, or after its first publish while it was never
//! drilled. A plan never published is a draft, not yet in force: nothing falls due.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::cases::parse_time;
use crate::ids::PlanId;
use crate::time::to_db_text;

crate::text_enum::text_enum! {
    /// What a plan is overdue for.
    pub enum ReminderKind {
        /// Its review: the plan read through and published again.
        Review = "review",
        /// A drill: the plan carried out for practice.
        Drill = "drill",
    }
}

/// A plan overdue for a review or a drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanReminder {
    /// The plan.
    pub plan_id: PlanId,
    /// Its title (the draft's).
    pub title: String,
    /// Review or drill.
    pub kind: ReminderKind,
    /// When it fell due.
    pub due_at: String,
    /// Whole days since it fell due (0 on the day itself).
    pub days_overdue: u32,
}

/// What the rule reads of one plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanDates {
    /// Days between reviews.
    pub review_days: u32,
    /// Days between drills.
    pub drill_days: u32,
    /// The first and the latest publish; `None` for a plan never published.
    pub published: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// When its latest drill started.
    pub last_drill: Option<DateTime<Utc>>,
}

/// The rule: what `plan` is overdue for at `now`, with when each fell due.
pub fn overdue(plan: &PlanDates, now: DateTime<Utc>) -> Vec<(ReminderKind, DateTime<Utc>)> {
    let Some((first, latest)) = plan.published else { return Vec::new() };
    let after = |from: DateTime<Utc>, days: u32| from + Duration::days(i64::from(days));
    [
        (ReminderKind::Review, after(latest, plan.review_days)),
        (ReminderKind::Drill, after(plan.last_drill.unwrap_or(first), plan.drill_days)),
    ]
    .into_iter()
    .filter(|(_, due)| *due <= now)
    .collect()
}

/// Every live plan's reminders at `now`, the longest overdue first.
pub fn list(conn: &rusqlite::Connection, now: DateTime<Utc>) -> Result<Vec<PlanReminder>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.title, p.review_days, p.drill_days,
                (SELECT min(v.created_at) FROM plan_versions v WHERE v.plan_id = p.id AND v.deleted_at IS NULL),
                (SELECT max(v.created_at) FROM plan_versions v WHERE v.plan_id = p.id AND v.deleted_at IS NULL),
                (SELECT max(r.started_at) FROM plan_runs r
                  WHERE r.plan_id = p.id AND r.kind = 'drill' AND r.deleted_at IS NULL)
         FROM plans p WHERE p.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, PlanId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (plan_id, title, review_days, drill_days, first, latest, drill) = row?;
        let time = |t: Option<String>| t.as_deref().and_then(parse_time);
        let dates = PlanDates {
            review_days,
            drill_days,
            published: time(first).zip(time(latest)),
            last_drill: time(drill),
        };
        for (kind, due) in overdue(&dates, now) {
            out.push(PlanReminder {
                plan_id: plan_id.clone(),
                title: title.clone(),
                kind,
                due_at: to_db_text(due),
                days_overdue: u32::try_from((now - due).num_days()).unwrap_or(0),
            });
        }
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.title.cmp(&b.title)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(i64::from(day))
    }

    fn plan(published: Option<(u32, u32)>, last_drill: Option<u32>) -> PlanDates {
        PlanDates { review_days: 365, drill_days: 90, published: published.map(|(a, b)| (at(a), at(b))), last_drill: last_drill.map(at) }
    }

    #[test]
    fn a_draft_never_published_is_due_for_nothing() {
        assert!(overdue(&plan(None, None), at(2000)).is_empty());
    }

    #[test]
    fn a_plan_never_drilled_is_due_a_drill_its_interval_after_its_first_publish() {
        let p = plan(Some((0, 50)), None);
        assert!(overdue(&p, at(89)).is_empty());
        assert_eq!(overdue(&p, at(90)), [(ReminderKind::Drill, at(90))]);
    }

    #[test]
    fn a_drill_restarts_the_drill_interval() {
        let p = plan(Some((0, 0)), Some(80));
        assert!(overdue(&p, at(169)).is_empty());
        assert_eq!(overdue(&p, at(170)), [(ReminderKind::Drill, at(170))]);
    }

    #[test]
    fn the_review_falls_due_after_the_latest_publish() {
        let p = plan(Some((0, 100)), Some(400));
        assert!(overdue(&p, at(464)).is_empty());
        assert_eq!(overdue(&p, at(465)), [(ReminderKind::Review, at(465))]);
    }

    #[test]
    fn both_can_be_overdue_at_once() {
        let p = plan(Some((0, 0)), None);
        assert_eq!(overdue(&p, at(400)), [(ReminderKind::Review, at(365)), (ReminderKind::Drill, at(90))]);
    }
}
