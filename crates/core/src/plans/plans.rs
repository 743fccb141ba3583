//! Plans: what a contingency plan is (its fields and its steps in four phases), and the
//! draft a supervisor edits. Every field is a register; a step's order within its phase
//! is a sortable key (position.rs), so edits on two devices merge per field and per step.
//!
//! The content of a plan ([`PlanContent`]) is what a published version freezes
//! (versions.rs) and what a run follows (runs.rs).

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::contacts::{self, PlanContact};
use super::position;
use super::templates::{self, Template};
use crate::ids::{PlanId, PlanStepId};
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// What kind of emergency a plan is for.
    pub enum Scenario {
        /// Systems down: telephony, CRM, website.
        SystemOutage = "system_outage",
        /// Far more contacts than the team can take.
        VolumeSurge = "volume_surge",
        /// A public-relations crisis.
        PrCrisis = "pr_crisis",
        /// A site lost: fire, flood, earthquake, power.
        SiteLoss = "site_loss",
        /// Customer data exposed.
        DataBreach = "data_breach",
        /// Anything else.
        Other = "other",
    }
}

crate::text_enum::text_enum! {
    /// How grave the emergency a plan is for.
    pub enum Severity {
        /// Little effect on customers.
        Low = "low",
        /// Some customers affected.
        Medium = "medium",
        /// Many customers affected.
        High = "high",
        /// The service as a whole is at stake.
        Critical = "critical",
    }
}

crate::text_enum::text_enum! {
    /// The four phases of the emergency cycle, in order (监控/预警/响应/恢复).
    pub enum Phase {
        /// Watching for the trigger.
        Monitoring = "monitoring",
        /// A threshold is crossed: warn and prepare.
        Warning = "warning",
        /// The emergency is on.
        Response = "response",
        /// Back to normal.
        Recovery = "recovery",
    }
}

const TITLE: TextRule = TextRule::line("title", 120, true);
const OWNER: TextRule = TextRule::line("owner", 120, false);
const TRIGGERS: TextRule = TextRule::block("triggers", 4_000, false);
const THRESHOLDS: TextRule = TextRule::block("thresholds", 4_000, false);
const STEP_TEXT: TextRule = TextRule::block("text", 2_000, true);
const OWNER_ROLE: TextRule = TextRule::line("ownerRole", 120, false);
/// Longest review or drill interval, in days (five years).
pub const MAX_INTERVAL_DAYS: u32 = 5 * 366;
/// Latest target of a step, in minutes after activation (thirty days).
pub const MAX_OFFSET_MINUTES: i32 = 60 * 24 * 30;
/// Most steps in one plan.
pub const MAX_STEPS: usize = 500;

/// What the plan form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    /// Title.
    pub title: String,
    /// The kind of emergency.
    pub scenario: Scenario,
    /// How grave.
    pub severity: Severity,
    /// Who keeps the plan up to date.
    pub owner: String,
    /// Days between reviews (1 to [`MAX_INTERVAL_DAYS`]).
    pub review_days: u32,
    /// Days between drills (1 to [`MAX_INTERVAL_DAYS`]).
    pub drill_days: u32,
    /// When the plan is activated.
    pub triggers: String,
    /// The warning thresholds watched while monitoring.
    pub thresholds: String,
}

/// What the step form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StepInput {
    /// The phase it belongs to.
    pub phase: Phase,
    /// What to do.
    pub text: String,
    /// Who does it (a role, such as "duty manager").
    pub owner_role: String,
    /// When it should be done, in minutes after activation (0 to [`MAX_OFFSET_MINUTES`]).
    pub offset_minutes: i32,
    /// Whether it must be done (optional steps do not count in the drill score).
    pub required: bool,
}

/// A step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Id (the same in every version the step is in).
    pub id: PlanStepId,
    /// Phase.
    pub phase: Phase,
    /// What to do.
    pub text: String,
    /// Who does it.
    pub owner_role: String,
    /// Target, in minutes after activation.
    pub offset_minutes: i32,
    /// Whether it must be done.
    pub required: bool,
}

/// A plan's content: what a version freezes and a run follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanContent {
    /// The plan's fields.
    pub fields: PlanInput,
    /// The steps, phase by phase, each phase in order.
    pub steps: Vec<Step>,
    /// The call tree, in call order.
    pub contacts: Vec<PlanContact>,
    /// The communication templates, in order.
    pub templates: Vec<Template>,
}

/// Checks the plan form; returns the columns to write.
fn columns(input: &PlanInput) -> Result<Vec<(&'static str, Value)>> {
    let title = TITLE.check(&input.title)?;
    let owner = OWNER.check(&input.owner)?;
    let interval = |field: &'static str, days: u32| {
        if (1..=MAX_INTERVAL_DAYS).contains(&days) {
            Ok(Value::Integer(i64::from(days)))
        } else {
            Err(Error::Validation { field, rule: ValidationRule::InvalidValue, limit: Some(MAX_INTERVAL_DAYS) })
        }
    };
    Ok(vec![
        ("title", Value::Text(title)),
        ("scenario", input.scenario.into()),
        ("severity", input.severity.into()),
        ("owner", Value::Text(owner)),
        ("review_days", interval("reviewDays", input.review_days)?),
        ("drill_days", interval("drillDays", input.drill_days)?),
        ("triggers", Value::Text(TRIGGERS.check(&input.triggers)?)),
        ("thresholds", Value::Text(THRESHOLDS.check(&input.thresholds)?)),
    ])
}

fn step_columns(input: &StepInput) -> Result<Vec<(&'static str, Value)>> {
    let text = STEP_TEXT.check(&input.text)?;
    let owner_role = OWNER_ROLE.check(&input.owner_role)?;
    // Below zero would be a step due before the emergency began.
    if !(0..=MAX_OFFSET_MINUTES).contains(&input.offset_minutes) {
        return Err(Error::Validation {
            field: "offsetMinutes",
            rule: ValidationRule::InvalidValue,
            limit: Some(MAX_OFFSET_MINUTES as u32),
        });
    }
    Ok(vec![
        ("phase", input.phase.into()),
        ("text", Value::Text(text)),
        ("owner_role", Value::Text(owner_role)),
        ("offset_minutes", Value::Integer(i64::from(input.offset_minutes))),
        ("required", Value::Integer(i64::from(input.required))),
    ])
}

/// Creates a plan with no steps; returns its id. Errors (nothing written): an empty or
/// over-long title, an over-long owner or text, an interval out of range.
pub fn create(tx: &mut WriteTx<'_>, input: &PlanInput) -> Result<PlanId> {
    let values = columns(input)?;
    let id = PlanId::new();
    tx.insert(Table::Plans, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces a plan's fields (its steps stay). Errors as [`create`], and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &PlanId, input: &PlanInput) -> Result<()> {
    fields(tx.conn(), id)?;
    let values = columns(input)?;
    tx.upsert(Table::Plans, id.as_str(), &values)?;
    Ok(())
}

/// A plan's fields; `NotFound` when there is no such live plan.
pub fn fields(conn: &rusqlite::Connection, id: &PlanId) -> Result<PlanInput> {
    check_id("planId", id.as_str())?;
    conn.prepare_cached(
        "SELECT title, scenario, severity, owner, review_days, drill_days, triggers, thresholds
         FROM plans WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], |r| {
        Ok(PlanInput {
            title: r.get(0)?,
            scenario: r.get(1)?,
            severity: r.get(2)?,
            owner: r.get(3)?,
            review_days: r.get(4)?,
            drill_days: r.get(5)?,
            triggers: r.get(6)?,
            thresholds: r.get(7)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "plan", id: id.to_string() })
}

/// A plan's steps, phase by phase, each phase by position (then id, the same on every
/// device when two keys are equal). Steps with a phase this build does not know (from a
/// newer peer) are left out rather than failing the plan.
fn steps(conn: &rusqlite::Connection, id: &PlanId) -> Result<Vec<(Step, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, phase, text, owner_role, offset_minutes, required, position
         FROM plan_steps WHERE plan_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([id], |r| {
        let phase: String = r.get(1)?;
        Ok(Phase::parse(&phase).map(|phase| -> rusqlite::Result<(Step, String)> {
            Ok((
                Step {
                    id: r.get(0)?,
                    phase,
                    text: r.get(2)?,
                    owner_role: r.get(3)?,
                    offset_minutes: r.get(4)?,
                    required: r.get(5)?,
                },
                r.get(6)?,
            ))
        }))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(step) = row? {
            out.push(step?);
        }
    }
    out.sort_by(|(a, pa), (b, pb)| (a.phase, pa, &a.id).cmp(&(b.phase, pb, &b.id)));
    Ok(out)
}

/// A plan's content as it is now (the draft).
pub fn content(conn: &rusqlite::Connection, id: &PlanId) -> Result<PlanContent> {
    let fields = fields(conn, id)?;
    Ok(PlanContent {
        fields,
        steps: steps(conn, id)?.into_iter().map(|(s, _)| s).collect(),
        contacts: contacts::list(conn, id)?,
        templates: templates::list(conn, id)?,
    })
}

/// The plan a live step belongs to, with the step's phase; `NotFound` otherwise.
pub(crate) fn step_home(conn: &rusqlite::Connection, id: &PlanStepId) -> Result<(PlanId, Phase)> {
    check_id("stepId", id.as_str())?;
    conn.prepare_cached(
        "SELECT s.plan_id, s.phase FROM plan_steps s JOIN plans p ON p.id = s.plan_id AND p.deleted_at IS NULL
         WHERE s.id = ?1 AND s.deleted_at IS NULL",
    )?
    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "step", id: id.to_string() })
}

/// Adds a step at the end of its phase; returns its id. Errors (nothing written): an
/// unknown plan, an empty or over-long text, an offset below zero or too far
/// (`InvalidValue` with the limit), more than [`MAX_STEPS`] steps.
pub fn add_step(tx: &mut WriteTx<'_>, plan: &PlanId, input: &StepInput) -> Result<PlanStepId> {
    fields(tx.conn(), plan)?;
    let mut values = step_columns(input)?;
    let existing = steps(tx.conn(), plan)?;
    crate::input::check_count("steps", existing.len() + 1, MAX_STEPS)?;
    let last = existing.iter().filter(|(s, _)| s.phase == input.phase).map(|(_, p)| p.as_str()).max();
    values.push(("plan_id", Value::Text(plan.to_string())));
    values.push(("position", Value::Text(position::between(last, None))));
    let id = PlanStepId::new();
    tx.insert(Table::PlanSteps, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces a step's fields; moving it to another phase puts it at that phase's end.
/// Errors as [`add_step`], and `NotFound`.
pub fn update_step(tx: &mut WriteTx<'_>, id: &PlanStepId, input: &StepInput) -> Result<()> {
    let (plan, phase) = step_home(tx.conn(), id)?;
    let mut values = step_columns(input)?;
    if phase != input.phase {
        let existing = steps(tx.conn(), &plan)?;
        let last = existing.iter().filter(|(s, _)| s.phase == input.phase).map(|(_, p)| p.as_str()).max();
        values.push(("position", Value::Text(position::between(last, None))));
    }
    tx.upsert(Table::PlanSteps, id.as_str(), &values)?;
    Ok(())
}

/// Removes a step from the draft (versions already published keep it). `NotFound` when
/// there is no such step.
pub fn remove_step(tx: &mut WriteTx<'_>, id: &PlanStepId) -> Result<()> {
    step_home(tx.conn(), id)?;
    tx.delete(Table::PlanSteps, id.as_str())?;
    Ok(())
}

/// Moves a step one place up (`up`) or down within its phase by giving it a key between
/// its new neighbours: only the moved step is written. At either end of its phase nothing
/// changes. `NotFound` when there is no such step.
pub fn move_step(tx: &mut WriteTx<'_>, id: &PlanStepId, up: bool) -> Result<()> {
    let (plan, phase) = step_home(tx.conn(), id)?;
    let all = steps(tx.conn(), &plan)?;
    let keys: Vec<(&PlanStepId, &str)> =
        all.iter().filter(|(s, _)| s.phase == phase).map(|(s, p)| (&s.id, p.as_str())).collect();
    let Some(i) = keys.iter().position(|(s, _)| *s == id) else {
        return Err(Error::NotFound { entity: "step", id: id.to_string() });
    };
    let (before, after) = match (up, i) {
        (true, 0) => return Ok(()),
        (true, i) => (i.checked_sub(2).map(|j| keys[j].1), Some(keys[i - 1].1)),
        (false, i) if i + 1 == keys.len() => return Ok(()),
        (false, i) => (Some(keys[i + 1].1), keys.get(i + 2).map(|k| k.1)),
    };
    // Equal neighbours (inserted at one place on two devices) have no key between them;
    // `between` then gives one just after the first, which is still a move.
    let key = position::between(before, after);
    tx.upsert(Table::PlanSteps, id.as_str(), &[("position", Value::Text(key))])?;
    Ok(())
}

/// Puts a step at place `index` (from 0) among its phase's steps — where it was dropped
/// after a drag — by giving it a key between its new neighbours: only the moved step is
/// written. An index past the end puts it last; its own place changes nothing. `NotFound`
/// when there is no such step.
pub fn place_step(tx: &mut WriteTx<'_>, id: &PlanStepId, index: u32) -> Result<()> {
    let (plan, phase) = step_home(tx.conn(), id)?;
    let all = steps(tx.conn(), &plan)?;
    let in_phase: Vec<(&PlanStepId, &str)> =
        all.iter().filter(|(s, _)| s.phase == phase).map(|(s, p)| (&s.id, p.as_str())).collect();
    let current = in_phase.iter().position(|(s, _)| *s == id);
    let others: Vec<&str> = in_phase.iter().filter(|(s, _)| *s != id).map(|(_, p)| *p).collect();
    let index = usize::try_from(index).unwrap_or(usize::MAX).min(others.len());
    if current == Some(index) {
        return Ok(());
    }
    let before = index.checked_sub(1).map(|i| others[i]);
    let key = position::between(before, others.get(index).copied());
    tx.upsert(Table::PlanSteps, id.as_str(), &[("position", Value::Text(key))])?;
    Ok(())
}
