//! A case's SLA: which policy applies ([`PolicyTable::policy_for`]), on which calendar, and
//! the state derived from the case's timeline by [`crate::sla::evaluate`].
//!
//! The due times written to the case row are only a cache for the queues ("breaching"
//! sorts and filters by them); the detail view always recomputes from the timeline, so a
//! merge that reorders events can never leave a wrong SLA on screen.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::model::{CaseStatus, EventData, Priority};
use super::query::CaseSummary;
use super::workflow::{clock_mode, is_active};
use crate::calendars::{BuiltCalendar, CalendarLabel, Calendars};
use crate::customers::Tier;
use crate::ids::CaseId;
use crate::ids::TeamId;
use crate::settings;
use crate::sla::{self, BusinessCalendar, ClockChange, SlaInput, SlaTargets, TargetState, TargetStatus};
use crate::sla_policies::{self, PolicyTable};
use crate::store::{HeldRow, Store, Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result};

/// A case's SLA as the detail view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseSla {
    /// First response.
    pub first_response: TargetView,
    /// Resolution.
    pub resolution: TargetView,
    /// Whether the targets count business hours only.
    pub business_hours: bool,
    /// The calendar business hours are counted in: the case's team's, or the workspace's.
    pub calendar: CalendarLabel,
}

/// One SLA target's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TargetView {
    /// met, breached, running, paused or not_applicable.
    pub status: SlaStatus,
    /// Target, minutes.
    pub target_minutes: Option<u32>,
    /// When it is (or was) due.
    pub due_at: Option<String>,
    /// Minutes left (negative: overdue).
    pub remaining_minutes: Option<i32>,
    /// Within the last 20% of the target.
    pub at_risk: bool,
    /// When it was breached.
    pub breached_at: Option<String>,
}

crate::text_enum::text_enum! {
    /// State of one SLA target.
    pub enum SlaStatus {
        /// Completed within target.
        Met = "met",
        /// Target exceeded.
        Breached = "breached",
        /// Clock running.
        Running = "running",
        /// Clock paused (waiting for the customer).
        Paused = "paused",
        /// No target.
        NotApplicable = "not_applicable",
    }
}

/// Share of a target left when a case counts as "about to breach".
const AT_RISK_FRACTION: f64 = 0.2;

fn view(state: &TargetState, target: Option<Duration>) -> TargetView {
    TargetView {
        status: match state.status {
            TargetStatus::Met => SlaStatus::Met,
            TargetStatus::Breached => SlaStatus::Breached,
            TargetStatus::Running => SlaStatus::Running,
            TargetStatus::Paused => SlaStatus::Paused,
            TargetStatus::NotApplicable => SlaStatus::NotApplicable,
        },
        target_minutes: target.and_then(|t| u32::try_from(t.num_minutes()).ok()),
        due_at: state.due_at.map(to_db_text),
        remaining_minutes: state.remaining.and_then(|r| i32::try_from(r.num_minutes()).ok()),
        at_risk: target.is_some_and(|t| sla::is_at_risk(state, t, AT_RISK_FRACTION)),
        breached_at: state.breached_at.map(to_db_text),
    }
}

/// Marks the list rows with an open SLA target at risk as of `now`: the detail's rule
/// ([`sla::is_at_risk`], the last [`AT_RISK_FRACTION`] of the target) applied to the due
/// times cached on the rows, so the list and the detail never disagree. A cached due time
/// of a running clock is where its remaining business time runs out, so the business time
/// from `now` to it is what is left. `keys[i]` is row `i`'s customer's tier (none without
/// a customer), which with priority and category picks the policy, and its team, whose
/// calendar the business time is counted in.
pub(crate) fn mark_at_risk(
    conn: &rusqlite::Connection,
    rows: &mut [CaseSummary],
    keys: &[(Option<Tier>, Option<TeamId>)],
    now: DateTime<Utc>,
) -> Result<()> {
    let parse = |due: Option<&str>| due.and_then(parse_time).filter(|d| *d > now);
    let mut setup: Option<SlaSetup> = None;
    for (row, (tier, team)) in rows.iter_mut().zip(keys) {
        let first_response = parse(row.first_response_due_at.as_deref());
        // Paused while waiting for the customer: never at risk then.
        let resolution =
            parse(row.resolution_due_at.as_deref()).filter(|_| clock_mode(row.status) == sla::ClockMode::Running);
        if first_response.is_none() && resolution.is_none() {
            continue;
        }
        let setup = match &mut setup {
            Some(s) => s,
            None => setup.insert(SlaSetup::load(conn)?),
        };
        let policy = setup.policies.policy_for(row.priority, *tier, &row.category);
        let team_calendar = setup.calendars.for_team(conn, team.as_ref())?;
        let calendar = counted_in(&policy, &team_calendar);
        let at_risk = |due: Option<DateTime<Utc>>, target: Option<Duration>| match (due, target) {
            (Some(due), Some(target)) => {
                let remaining = calendar.business_time_between(now, due);
                let state = TargetState {
                    status: TargetStatus::Running,
                    due_at: Some(due),
                    remaining: Some(remaining),
                    elapsed: target - remaining,
                    completed_at: None,
                    breached_at: None,
                };
                sla::is_at_risk(&state, target, AT_RISK_FRACTION)
            }
            _ => false,
        };
        row.at_risk = at_risk(first_response, policy.first_response) || at_risk(resolution, policy.resolution);
    }
    Ok(())
}

/// What evaluating the SLA of any number of cases shares: the policies and the business
/// calendars, read once. Refreshing 30,000 cached due times must not read the settings or
/// rebuild a calendar 30,000 times; nor may the hundred thousand cases of a demo run,
/// which keeps one per transaction ([`WriteTx::cached`]).
pub(crate) struct SlaSetup {
    policies: PolicyTable,
    /// Calendars are built on first need: a calendar-hours policy works even if a business
    /// calendar cannot be built, as it always has.
    calendars: Calendars,
}

/// Every minute counts: the calendar of calendar-hours policies.
static AROUND_THE_CLOCK: LazyLock<BusinessCalendar> = LazyLock::new(BusinessCalendar::around_the_clock);

/// The calendar a case under `policy` counts in: its team's (`team_calendar`) when the
/// policy counts business hours, every minute otherwise.
fn counted_in<'a>(policy: &sla_policies::Policy, team_calendar: &'a BuiltCalendar) -> &'a BusinessCalendar {
    if policy.business_hours { &team_calendar.0 } else { &AROUND_THE_CLOCK }
}

impl SlaSetup {
    pub(crate) fn load(conn: &rusqlite::Connection) -> Result<Self> {
        Ok(SlaSetup {
            policies: sla_policies::load(conn)?,
            calendars: Calendars::load(conn, settings::load_with(conn)?)?,
        })
    }

    /// The SLA of one case now: the view and the rule's full state.
    fn evaluate(&self, conn: &rusqlite::Connection, f: &Facts, now: DateTime<Utc>) -> Result<(CaseSla, sla::SlaState)> {
        let key = SlaKey { priority: f.priority, tier: f.tier, category: &f.category, team: f.team.as_ref() };
        let (policy, team) = self.policy_and_calendar(conn, &key)?;
        let label = &team.1;
        let state = sla_state(&policy, &team, f.created_at, f.first_response_at, &f.changes, now);
        Ok((
            CaseSla {
                first_response: view(&state.first_response, policy.first_response),
                resolution: view(&state.resolution, policy.resolution),
                business_hours: policy.business_hours,
                calendar: label.clone(),
            },
            state,
        ))
    }
}

/// The SLA state of a case under `policy`, whose team's calendar is `team_calendar`.
fn sla_state(
    policy: &sla_policies::Policy,
    team_calendar: &BuiltCalendar,
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    changes: &[ClockChange],
    now: DateTime<Utc>,
) -> sla::SlaState {
    let input = SlaInput {
        created_at,
        first_response_at,
        changes,
        targets: SlaTargets { first_response: policy.first_response, resolution: policy.resolution },
        calendar: counted_in(policy, team_calendar),
    };
    sla::evaluate(&input, now)
}

/// What picks a case's policy and calendar.
pub(crate) struct SlaKey<'a> {
    pub priority: Priority,
    pub tier: Option<Tier>,
    pub category: &'a str,
    pub team: Option<&'a TeamId>,
}

impl SlaSetup {
    /// The policy that applies to a case and the team calendar it counts in.
    fn policy_and_calendar(
        &self,
        conn: &rusqlite::Connection,
        key: &SlaKey<'_>,
    ) -> Result<(sla_policies::Policy, Arc<BuiltCalendar>)> {
        let policy = self.policies.policy_for(key.priority, key.tier, key.category);
        Ok((policy, self.calendars.for_team(conn, key.team)?))
    }

    /// The SLA state of a case as of `now`, from its facts read elsewhere (the KPIs read
    /// many cases in one pass): the same policy, calendar and rule as the detail view.
    pub(crate) fn state_of(
        &self,
        conn: &rusqlite::Connection,
        key: &SlaKey<'_>,
        created_at: DateTime<Utc>,
        first_response_at: Option<DateTime<Utc>>,
        changes: &[ClockChange],
        now: DateTime<Utc>,
    ) -> Result<sla::SlaState> {
        let (policy, team) = self.policy_and_calendar(conn, key)?;
        Ok(sla_state(&policy, &team, created_at, first_response_at, changes, now))
    }

    /// Whether the policy that applies to a case counts business hours (in its team's
    /// calendar) rather than calendar hours.
    pub(crate) fn business_hours(&self, key: &SlaKey<'_>) -> bool {
        self.policies.policy_for(key.priority, key.tier, key.category).business_hours
    }

    /// The time in `[from, to)` an SLA clock counts: business time in `team`'s calendar
    /// when `business_hours` ([`SlaSetup::business_hours`]), wall time otherwise — what a
    /// running resolution clock adds (the KPIs of a case still being worked).
    pub(crate) fn clock_time_between(
        &self,
        conn: &rusqlite::Connection,
        business_hours: bool,
        team: Option<&TeamId>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Duration> {
        if business_hours {
            Ok(self.calendars.for_team(conn, team)?.0.business_time_between(from, to))
        } else {
            Ok(AROUND_THE_CLOCK.business_time_between(from, to))
        }
    }

    /// The time zone a team's days are counted in (its calendar's; the workspace's
    /// without a team or a named calendar).
    pub(crate) fn time_zone_of(&self, conn: &rusqlite::Connection, team: Option<&TeamId>) -> Result<chrono_tz::Tz> {
        Ok(self.calendars.for_team(conn, team)?.0.time_zone())
    }
}

/// Everything the SLA rule needs about one case.
struct Facts {
    id: CaseId,
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    priority: Priority,
    tier: Option<Tier>,
    category: String,
    /// The case's team (whose calendar it counts in).
    team: Option<TeamId>,
    /// Status changes in timeline order.
    changes: Vec<ClockChange>,
    /// The due times cached on the row now (first response, resolution).
    cached: (Value, Value),
}

/// The case columns [`Facts`] are read from, shared by the one-case and all-cases reads.
const FACTS_SELECT: &str = "SELECT c.id, c.created_at, c.first_response_at, c.priority, cu.tier, c.category,
    c.first_response_due_at, c.resolution_due_at, c.team_id
    FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.deleted_at IS NULL";

/// One row of [`FACTS_SELECT`], as read; times still text.
type FactsRow = (CaseId, String, Option<String>, Priority, Option<Tier>, String, Value, Value, Option<TeamId>);

fn read_facts_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FactsRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
}

fn facts_of((id, created, first, priority, tier, category, fr_due, res_due, team): FactsRow) -> Result<Facts> {
    let Some(created_at) = parse_time(&created) else {
        return Err(Error::Internal(format!("case {id} has a bad created_at")));
    };
    Ok(Facts {
        id,
        created_at,
        first_response_at: first.as_deref().and_then(parse_time),
        priority,
        tier,
        category,
        team,
        changes: Vec::new(),
        cached: (fr_due, res_due),
    })
}

/// A `status_changed` event as a change of the resolution clock; `None` for an event a
/// newer version wrote in a form this one cannot read (the clock ignores it).
fn clock_change(at: &str, data: &str) -> Option<ClockChange> {
    match (parse_time(at), serde_json::from_str(data)) {
        (Some(at), Ok(EventData::StatusChanged { to, .. })) => Some(ClockChange { at, mode: clock_mode(to) }),
        _ => None,
    }
}

fn facts(conn: &rusqlite::Connection, id: &CaseId) -> Result<Facts> {
    let row = conn
        .prepare_cached(&format!("{FACTS_SELECT} AND c.id = ?1"))?
        .query_row([id], read_facts_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "case", id: id.to_string() })?;
    let mut f = facts_of(row)?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, data FROM case_events WHERE case_id = ?1 AND kind = 'status_changed' AND deleted_at IS NULL
         ORDER BY at, id",
    )?;
    for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (at, data) = row?;
        f.changes.extend(clock_change(&at, &data));
    }
    Ok(f)
}

/// Facts of every case (not deleted) whose due times may need writing, with two queries:
/// every active case (not resolved or closed), and any other that still has due times
/// cached — one that stopped being active since they were worked out, when what refreshed
/// it refreshed active cases only.
fn active_facts(conn: &rusqlite::Connection) -> Result<Vec<Facts>> {
    // Built from the workflow's own rule and the enum's fixed names, never from input.
    let active: Vec<String> =
        CaseStatus::ALL.iter().filter(|s| is_active(**s)).map(|s| format!("'{}'", s.as_str())).collect();
    let active = active.join(", ");
    let due =
        format!("(c.status IN ({active}) OR c.first_response_due_at IS NOT NULL OR c.resolution_due_at IS NOT NULL)");
    let mut stmt = conn.prepare(&format!("{FACTS_SELECT} AND {due}"))?;
    let mut all = Vec::new();
    let mut index = HashMap::new();
    for row in stmt.query_map([], read_facts_row)? {
        let f = facts_of(row?)?;
        index.insert(f.id.clone(), all.len());
        all.push(f);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT e.case_id, e.at, e.data FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'status_changed' AND e.deleted_at IS NULL AND c.deleted_at IS NULL AND {due}
         ORDER BY e.case_id, e.at, e.id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, CaseId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (id, at, data) = row?;
        if let (Some(&i), Some(change)) = (index.get(&id), clock_change(&at, &data)) {
            all[i].changes.push(change);
        }
    }
    Ok(all)
}

pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

/// The SLA of one case now.
pub fn case_sla(store: &Store, id: &CaseId) -> Result<CaseSla> {
    let conn = store.conn();
    Ok(SlaSetup::load(conn)?.evaluate(conn, &facts(conn, id)?, store.now())?.0)
}

/// The due times to cache for the queues: only those of targets still open.
fn due_values(state: &sla::SlaState) -> (Value, Value) {
    let due = |t: &TargetState| match t.status {
        TargetStatus::Running | TargetStatus::Paused | TargetStatus::Breached if t.completed_at.is_none() => {
            t.due_at.map_or(Value::Null, |d| Value::Text(to_db_text(d)))
        }
        _ => Value::Null,
    };
    (due(&state.first_response), due(&state.resolution))
}

/// The due times to cache for a case as of `now`, from its facts known in memory: a case
/// written with its past at once ([`super::history::create_with_past_but_tags`]), whose row is
/// inserted with them.
pub(super) fn due_cache_of(
    tx: &mut WriteTx<'_>,
    key: &SlaKey<'_>,
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    changes: &[ClockChange],
    now: DateTime<Utc>,
) -> Result<(Value, Value)> {
    let setup = tx.cached(SlaSetup::load)?;
    Ok(due_values(&setup.state_of(tx.conn(), key, created_at, first_response_at, changes, now)?))
}

/// What the due times of a new case pulled from the server and held until now
/// (store/held.rs) are worked out from, besides its timeline: its policy and its team's
/// calendar, read where the store is ([`HeldDue::of`]). [`HeldDue::due_cache`] then needs
/// nothing else, so it runs on the thread that folds the case's timeline.
pub(crate) struct HeldDue {
    policy: sla_policies::Policy,
    team_calendar: Arc<BuiltCalendar>,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl HeldDue {
    /// What `row`'s due times are worked out from; `None` for a deleted case, which has
    /// none (nothing refreshes it).
    pub(crate) fn of(tx: &mut WriteTx<'_>, row: &HeldRow) -> Result<Option<HeldDue>> {
        let text = |col: &str| match row.get(col) {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        };
        if text("deleted_at").is_some() {
            return Ok(None);
        }
        let Some(created_at) = text("created_at").and_then(parse_time) else {
            return Err(Error::Internal(format!("case {} has a bad created_at", row.id)));
        };
        let Some(priority) = text("priority").and_then(Priority::parse) else {
            return Err(Error::Internal(format!("case {} has no priority", row.id)));
        };
        let tier = match text("customer_id") {
            Some(customer) => crate::customers::tier_of(tx.conn(), customer)?,
            None => None,
        };
        let team = text("team_id").map(|t| TeamId(t.to_owned()));
        let key = SlaKey { priority, tier, category: text("category").unwrap_or_default(), team: team.as_ref() };
        let setup = tx.cached(SlaSetup::load)?;
        let (policy, team_calendar) = setup.policy_and_calendar(tx.conn(), &key)?;
        Ok(Some(HeldDue { policy, team_calendar, created_at, now: tx.now() }))
    }

    /// The due times to cache, from the case's facts just folded from its timeline
    /// (`first_response_at`, the status `changes`): what [`refresh_due_cache`] works out
    /// once it is stored.
    pub(crate) fn due_cache(
        &self,
        first_response_at: Option<&str>,
        changes: &[(DateTime<Utc>, CaseStatus)],
    ) -> (Value, Value) {
        let first_response_at = first_response_at.and_then(parse_time);
        let changes = clock_changes(changes);
        due_values(&sla_state(
            &self.policy,
            &self.team_calendar,
            self.created_at,
            first_response_at,
            &changes,
            self.now,
        ))
    }
}

/// A timeline's status changes (its folded history's) as changes of the resolution clock.
pub(super) fn clock_changes(changes: &[(DateTime<Utc>, CaseStatus)]) -> Vec<ClockChange> {
    changes.iter().map(|(at, to)| ClockChange { at: *at, mode: clock_mode(*to) }).collect()
}

/// Writes the due times that differ from `cached` (what the row holds, as just read).
fn write_due(
    tx: &mut WriteTx<'_>,
    id: &CaseId,
    (first, resolution): (Value, Value),
    cached: &(Value, Value),
) -> Result<()> {
    let mut changed = Vec::with_capacity(2);
    if first != cached.0 {
        changed.push(("first_response_due_at", first));
    }
    if resolution != cached.1 {
        changed.push(("resolution_due_at", resolution));
    }
    tx.set_derived_changed(Table::Cases, id.as_str(), &changed)
}

/// Above this many cases to refresh, one pass over every active case is cheaper than one
/// evaluation each.
pub(crate) const BULK_REFRESH: usize = 1_000;

/// [`refresh_due_cache`] for a case that may have been deleted meanwhile (nothing to do).
pub(crate) fn refresh_due_cache_if_exists(tx: &mut WriteTx<'_>, id: &CaseId) -> Result<()> {
    match refresh_due_cache(tx, id) {
        Err(Error::NotFound { .. }) => Ok(()),
        other => other,
    }
}

/// Recomputes the cached due times of the active cases of these customers (their tier
/// decides which policy applies).
pub(crate) fn refresh_due_caches_of_customers(tx: &mut WriteTx<'_>, customers: &[String]) -> Result<()> {
    let mut ids = Vec::new();
    for c in customers {
        let mut stmt = tx.conn().prepare_cached(
            "SELECT id FROM cases WHERE customer_id = ?1 AND deleted_at IS NULL AND status NOT IN ('resolved', 'closed')",
        )?;
        ids.extend(stmt.query_map([c], |r| r.get::<_, CaseId>(0))?.collect::<Result<Vec<_>, _>>()?);
        if ids.len() > BULK_REFRESH {
            break;
        }
    }
    if ids.len() > BULK_REFRESH {
        return refresh_active_due_caches(tx);
    }
    ids.iter().try_for_each(|id| refresh_due_cache_if_exists(tx, id))
}

/// Recomputes the cached due times on the case row (for the queues).
pub(crate) fn refresh_due_cache(tx: &mut WriteTx<'_>, id: &CaseId) -> Result<()> {
    let now = tx.now();
    let setup = tx.cached(SlaSetup::load)?;
    let conn = tx.conn();
    let f = facts(conn, id)?;
    let (_, state) = setup.evaluate(conn, &f, now)?;
    write_due(tx, id, due_values(&state), &f.cached)
}

/// Recomputes the cached due times of every active case (and clears those of finished
/// cases that still have some), after a change to what they depend on besides the case
/// itself (policies, holidays, working hours, time zone), or for many cases at once.
/// Only rows whose due times change are written.
pub(crate) fn refresh_active_due_caches(tx: &mut WriteTx<'_>) -> Result<()> {
    let now = tx.now();
    let setup = tx.cached(SlaSetup::load)?;
    let changed = {
        let conn = tx.conn();
        let mut changed = Vec::new();
        for f in active_facts(conn)? {
            let due = due_values(&setup.evaluate(conn, &f, now)?.1);
            if due != f.cached {
                changed.push((f.id, due, f.cached));
            }
        }
        changed
    };
    for (id, due, cached) in changed {
        write_due(tx, &id, due, &cached)?;
    }
    Ok(())
}
