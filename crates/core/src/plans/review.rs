//! Learning from a closed run: the hot-wash (free notes taken right after it), the
//! after-action review (what went well, what went wrong) and its action items, each with
//! an owner and a due day, ticked when done.
//!
//! The hot-wash and the findings are registers of one review row per run, its id made from
//! the run's: two supervisors writing them on two devices offline merge field by field.
//! Each action item is its own row of registers, so items added on two devices are all
//! kept, and `done_on` is a day a person sets and clears. Only a closed run takes them:
//! while the run is active, what happens belongs in its log. Whether an item is overdue is
//! derived on every read.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::runs::{self, RunKind};
use crate::ids::{PlanId, PlanRunId, RunActionItemId, member_id};
use crate::input::{TextRule, check_count, check_day_window, check_id, parse_day};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const HOT_WASH: TextRule = TextRule::block("hotWash", 8_000, true);
const WENT_WELL: TextRule = TextRule::block("wentWell", 8_000, false);
const WENT_WRONG: TextRule = TextRule::block("wentWrong", 8_000, false);
const TEXT: TextRule = TextRule::line("text", 300, true);
const OWNER: TextRule = TextRule::line("owner", 120, true);
/// Most action items of one run.
pub const MAX_ITEMS: usize = 100;
/// How far ahead of today an action item may be due.
const DAYS_AHEAD: u32 = 731;

/// What the after-action review form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    /// What went well.
    pub went_well: String,
    /// What went wrong (this or what went well must say something).
    pub went_wrong: String,
}

/// What the action-item form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionItemInput {
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when (YYYY-MM-DD), on or after the day the run started.
    pub due_on: String,
}

/// An action item of a run's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    /// Id.
    pub id: RunActionItemId,
    /// The run it came from.
    pub run_id: PlanRunId,
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due_on: String,
    /// When it was done; `None` while open.
    pub done_on: Option<String>,
    /// Open and past its due day.
    pub overdue: bool,
}

/// A run's hot-wash and after-action review ('' where nothing was written yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RunReview {
    /// The notes taken right after the run.
    pub hot_wash: String,
    /// What went well.
    pub went_well: String,
    /// What went wrong.
    pub went_wrong: String,
    /// The action items, by due day.
    pub items: Vec<ActionItem>,
}

/// An open action item of one of a plan's runs, for the plan's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpenActionItem {
    /// The item.
    pub item: ActionItem,
    /// The kind of run it came from.
    pub run_kind: RunKind,
    /// When that run started.
    pub run_started_at: String,
}

/// The run's activation day (in the workspace's time zone) once it is closed;
/// `RunNotClosed` on `runId` while it is active, `NotFound` when there is no such run.
fn closed_run(tx: &WriteTx<'_>, run: &PlanRunId) -> Result<NaiveDate> {
    let (started, closed) = runs::closed(tx.conn(), run)?;
    if closed.is_none() {
        return Err(Error::invalid("runId", ValidationRule::RunNotClosed));
    }
    crate::settings::today(tx.conn(), started)
}

fn review_id(run: &PlanRunId) -> String {
    member_id(run.as_str(), "review")
}

/// Saves the hot-wash of a closed run. Errors (nothing written): an unknown run
/// (`NotFound`), an active one (`RunNotClosed` on `runId`), an empty or over-long text.
pub fn save_hot_wash(tx: &mut WriteTx<'_>, run: &PlanRunId, text: &str) -> Result<()> {
    closed_run(tx, run)?;
    let text = HOT_WASH.check(text)?;
    tx.upsert(
        Table::RunReviews,
        &review_id(run),
        &[("run_id", Value::Text(run.to_string())), ("hot_wash", Value::Text(text))],
    )?;
    Ok(())
}

/// Saves the findings of a closed run's after-action review. Errors (nothing written): an
/// unknown run (`NotFound`), an active one (`RunNotClosed`), neither field saying
/// anything (`Required` on `wentWell`), over-long texts.
pub fn save_review(tx: &mut WriteTx<'_>, run: &PlanRunId, input: &ReviewInput) -> Result<()> {
    closed_run(tx, run)?;
    let well = WENT_WELL.check(&input.went_well)?;
    let wrong = WENT_WRONG.check(&input.went_wrong)?;
    if well.is_empty() && wrong.is_empty() {
        return Err(Error::invalid("wentWell", ValidationRule::Required));
    }
    tx.upsert(
        Table::RunReviews,
        &review_id(run),
        &[
            ("run_id", Value::Text(run.to_string())),
            ("went_well", Value::Text(well)),
            ("went_wrong", Value::Text(wrong)),
        ],
    )?;
    Ok(())
}

/// Checks an action item against the day its run started; returns the columns to write.
fn item_columns(input: &ActionItemInput, started: NaiveDate, today: NaiveDate) -> Result<Vec<(&'static str, Value)>> {
    let text = TEXT.check(&input.text)?;
    let owner = OWNER.check(&input.owner)?;
    let due = parse_day(&input.due_on, "dueOn")?;
    if due < started {
        return Err(Error::invalid("dueOn", ValidationRule::BeforeRunStart));
    }
    check_day_window(due, today, "dueOn", u32::MAX, DAYS_AHEAD)?;
    Ok(vec![("text", Value::Text(text)), ("owner", Value::Text(owner)), ("due_on", Value::Text(due.to_string()))])
}

/// Adds an action item to a closed run's review; returns its id. Errors (nothing
/// written): an unknown run (`NotFound`), an active one (`RunNotClosed`), an empty or
/// over-long text or owner, a malformed due day, one before the run started
/// (`BeforeRunStart` on `dueOn`) or more than two years ahead, more than [`MAX_ITEMS`].
pub fn add_item(tx: &mut WriteTx<'_>, run: &PlanRunId, input: &ActionItemInput) -> Result<RunActionItemId> {
    let started = closed_run(tx, run)?;
    let today = crate::settings::today(tx.conn(), tx.now())?;
    let mut values = item_columns(input, started, today)?;
    let count: i64 = tx
        .conn()
        .prepare_cached("SELECT count(*) FROM run_action_items WHERE run_id = ?1 AND deleted_at IS NULL")?
        .query_row([run], |r| r.get(0))?;
    check_count("actionItems", usize::try_from(count).unwrap_or(usize::MAX).saturating_add(1), MAX_ITEMS)?;
    values.push(("run_id", Value::Text(run.to_string())));
    let id = RunActionItemId::new();
    tx.insert(Table::RunActionItems, id.as_str(), &values)?;
    Ok(id)
}

/// The run of a live action item; `NotFound` otherwise.
fn item_run(conn: &rusqlite::Connection, id: &RunActionItemId) -> Result<PlanRunId> {
    check_id("id", id.as_str())?;
    conn.prepare_cached("SELECT run_id FROM run_action_items WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "action item", id: id.to_string() })
}

/// Replaces an action item's text, owner and due day (not whether it is done). Errors as
/// [`add_item`], and `NotFound`.
pub fn update_item(tx: &mut WriteTx<'_>, id: &RunActionItemId, input: &ActionItemInput) -> Result<()> {
    let run = item_run(tx.conn(), id)?;
    let started = closed_run(tx, &run)?;
    let today = crate::settings::today(tx.conn(), tx.now())?;
    let values = item_columns(input, started, today)?;
    tx.upsert(Table::RunActionItems, id.as_str(), &values)?;
    Ok(())
}

/// Removes an action item. `NotFound` when there is no such item.
pub fn remove_item(tx: &mut WriteTx<'_>, id: &RunActionItemId) -> Result<()> {
    item_run(tx.conn(), id)?;
    tx.delete(Table::RunActionItems, id.as_str())?;
    Ok(())
}

/// Ticks an action item done today (in the workspace's time zone), or open again.
/// `NotFound` when there is no such item.
pub fn set_item_done(tx: &mut WriteTx<'_>, id: &RunActionItemId, done: bool) -> Result<()> {
    item_run(tx.conn(), id)?;
    let value = if done { Value::Text(crate::settings::today(tx.conn(), tx.now())?.to_string()) } else { Value::Null };
    tx.upsert(Table::RunActionItems, id.as_str(), &[("done_on", value)])?;
    Ok(())
}

fn item_row(r: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<ActionItem> {
    let due_on: String = r.get(4)?;
    let done_on: Option<String> = r.get(5)?;
    Ok(ActionItem {
        id: r.get(0)?,
        run_id: r.get(1)?,
        text: r.get(2)?,
        owner: r.get(3)?,
        overdue: done_on.is_none() && due_on.as_str() < today,
        due_on,
        done_on,
    })
}

/// A run's hot-wash, review and action items (by due day) as they stand on `today`.
/// `NotFound` when there is no such run.
pub fn get(conn: &rusqlite::Connection, run: &PlanRunId, today: NaiveDate) -> Result<RunReview> {
    runs::summary(conn, run)?;
    let (hot_wash, went_well, went_wrong) = conn
        .prepare_cached("SELECT hot_wash, went_well, went_wrong FROM run_reviews WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([review_id(run)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or_default();
    let today = today.to_string();
    let items = conn
        .prepare_cached(
            "SELECT id, run_id, text, owner, due_on, done_on FROM run_action_items
             WHERE run_id = ?1 AND deleted_at IS NULL ORDER BY due_on, created_at, id",
        )?
        .query_map([run], |r| item_row(r, &today))?
        .collect::<Result<_, _>>()?;
    Ok(RunReview { hot_wash, went_well, went_wrong, items })
}

/// The open action items of every live run of a plan, the earliest due first, as they
/// stand on `today`. `NotFound` when there is no such plan.
pub fn open_items(conn: &rusqlite::Connection, plan: &PlanId, today: NaiveDate) -> Result<Vec<OpenActionItem>> {
    super::plans::fields(conn, plan)?;
    let today = today.to_string();
    let rows = conn
        .prepare_cached(
            "SELECT a.id, a.run_id, a.text, a.owner, a.due_on, a.done_on, r.kind, r.started_at
             FROM run_action_items a JOIN plan_runs r ON r.id = a.run_id AND r.deleted_at IS NULL
             WHERE r.plan_id = ?1 AND a.deleted_at IS NULL AND a.done_on IS NULL
             ORDER BY a.due_on, a.created_at, a.id",
        )?
        .query_map([plan], |r| {
            Ok(OpenActionItem { item: item_row(r, &today)?, run_kind: r.get(6)?, run_started_at: r.get(7)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
