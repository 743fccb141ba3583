//! Insights for other departments: a finding the support team hands over — its title,
//! what was found, the evidence (cases and feedback entries), the department that owns
//! the change, the change requested, a status and a date to review it by.
//!
//! Evidence links are a set: one row per (insight, case or feedback entry), its id made
//! from both and its `present` flag the element's own register, so two devices that link
//! different cases offline both keep theirs, and an unlink merges per link. The status is
//! a register moved only along [`can_move`].

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::feedback::{self, Feedback};
use crate::cases::{CaseStatus, query::LIST_MAX};
use crate::ids::{CaseId, FeedbackId, InsightId};
use crate::input::{TextRule, check_count, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// The department that owns the requested change.
    pub enum Department {
        /// Product management.
        Product = "product",
        /// Sales.
        Sales = "sales",
        /// Engineering.
        Engineering = "engineering",
        /// Billing and finance.
        Billing = "billing",
        /// Marketing.
        Marketing = "marketing",
        /// Operations and logistics.
        Operations = "operations",
        /// Anyone else.
        Other = "other",
    }
}

crate::text_enum::text_enum! {
    /// Where an insight is in its life.
    pub enum InsightStatus {
        /// Raised; the department has not answered yet.
        Proposed = "proposed",
        /// The department agreed to make the change.
        Accepted = "accepted",
        /// The change is made.
        Done = "done",
        /// The department will not make it.
        Declined = "declined",
    }
}

/// Whether an insight may move from `from` to `to`: a proposal is accepted or declined;
/// an accepted change is done or, after all, declined; a declined one may be proposed
/// again and a done one reopened as accepted (the change did not hold).
pub fn can_move(from: InsightStatus, to: InsightStatus) -> bool {
    use InsightStatus::*;
    matches!(
        (from, to),
        (Proposed, Accepted)
            | (Proposed, Declined)
            | (Accepted, Done)
            | (Accepted, Declined)
            | (Declined, Proposed)
            | (Done, Accepted)
    )
}

/// The statuses an insight in `from` may move to.
pub fn next_statuses(from: InsightStatus) -> Vec<InsightStatus> {
    InsightStatus::ALL.iter().copied().filter(|to| can_move(from, *to)).collect()
}

/// Whether an insight in `status` still waits for someone (its review date matters).
pub fn is_open(status: InsightStatus) -> bool {
    matches!(status, InsightStatus::Proposed | InsightStatus::Accepted)
}

const TITLE: TextRule = TextRule::line("title", 200, true);
const FINDING: TextRule = TextRule::block("finding", 10_000, false);
const CHANGE: TextRule = TextRule::block("requestedChange", 4_000, false);
const SEARCH: TextRule = TextRule::line("text", 200, false);
/// Most cases, and most feedback entries, one insight cites.
pub const MAX_EVIDENCE: usize = 500;
/// How far back a review date may be set, in days.
pub const REVIEW_DAYS_BACK: u32 = 365;
/// How far ahead a review date may be set, in days.
pub const REVIEW_DAYS_AHEAD: u32 = 730;

/// What the create and edit forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InsightInput {
    /// Short statement of the finding.
    pub title: String,
    /// What was found, in a few sentences.
    pub finding: String,
    /// The department that owns the change.
    pub department: Department,
    /// The change asked for.
    pub requested_change: String,
    /// When to look at it again (YYYY-MM-DD).
    pub review_on: Option<String>,
}

/// Cases and feedback entries cited as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Cases.
    pub case_ids: Vec<CaseId>,
    /// Feedback entries.
    pub feedback_ids: Vec<FeedbackId>,
}

/// An insight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Insight {
    /// Id.
    pub id: InsightId,
    /// Title.
    pub title: String,
    /// What was found.
    pub finding: String,
    /// Owning department.
    pub department: Department,
    /// The change asked for.
    pub requested_change: String,
    /// Status.
    pub status: InsightStatus,
    /// Review date.
    pub review_on: Option<String>,
    /// Still open and its review date has passed.
    pub overdue: bool,
    /// Raised (RFC 3339).
    pub created_at: String,
}

/// One row of the insights list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InsightSummary {
    /// The insight.
    pub insight: Insight,
    /// Cases cited.
    pub cases: u32,
    /// Feedback entries cited.
    pub feedback: u32,
}

/// A case cited as evidence, as the detail and the hand-over show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceCase {
    /// Id.
    pub id: CaseId,
    /// Reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: CaseStatus,
    /// Root cause, once resolved.
    pub root_cause: Option<String>,
    /// CSAT answer.
    pub csat: Option<u8>,
    /// Created (RFC 3339).
    pub created_at: String,
}

/// Everything the detail page and the hand-over show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InsightDetail {
    /// The insight.
    pub insight: Insight,
    /// Statuses it may move to.
    pub next_statuses: Vec<InsightStatus>,
    /// Cited cases, newest first.
    pub cases: Vec<EvidenceCase>,
    /// Cited feedback, newest first.
    pub feedback: Vec<Feedback>,
}

/// An insights list request; empty lists mean any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InsightQuery {
    /// Words in the title.
    pub text: Option<String>,
    /// Only these statuses.
    pub statuses: Vec<InsightStatus>,
    /// Only these departments.
    pub departments: Vec<Department>,
    /// Only open insights whose review date has passed.
    pub overdue_only: bool,
}

fn check_input(input: &InsightInput, today: NaiveDate) -> Result<Vec<(&'static str, Value)>> {
    let title = TITLE.check(&input.title)?;
    let finding = FINDING.check(&input.finding)?;
    let change = CHANGE.check(&input.requested_change)?;
    let review = match input.review_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => {
            let day = super::parse_day(d, "reviewOn")?;
            super::check_day_window(day, today, "reviewOn", REVIEW_DAYS_BACK, REVIEW_DAYS_AHEAD)?;
            Value::Text(day.to_string())
        }
        None => Value::Null,
    };
    Ok(vec![
        ("title", Value::Text(title)),
        ("finding", Value::Text(finding)),
        ("department", input.department.into()),
        ("requested_change", Value::Text(change)),
        ("review_on", review),
    ])
}

/// Checks evidence: list sizes, id shapes, and that every case and feedback entry exists
/// (`InvalidValue` on `caseIds` / `feedbackIds`: a link to nothing would be a hole in the
/// hand-over).
fn check_evidence(conn: &rusqlite::Connection, e: &Evidence) -> Result<()> {
    check_count("caseIds", e.case_ids.len(), MAX_EVIDENCE)?;
    check_count("feedbackIds", e.feedback_ids.len(), MAX_EVIDENCE)?;
    for id in &e.case_ids {
        check_id("caseIds", id.as_str())?;
        if !exists(conn, "cases", id.as_str())? {
            return Err(Error::invalid("caseIds", ValidationRule::InvalidValue));
        }
    }
    for id in &e.feedback_ids {
        check_id("feedbackIds", id.as_str())?;
        if !exists(conn, "feedback", id.as_str())? {
            return Err(Error::invalid("feedbackIds", ValidationRule::InvalidValue));
        }
    }
    Ok(())
}

fn exists(conn: &rusqlite::Connection, table: &'static str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Raises an insight (status proposed) with its evidence. Errors (nothing written): an
/// empty or over-long title, over-long texts, a bad review date, evidence that is too
/// much or names a missing case or entry.
pub fn create(tx: &mut WriteTx<'_>, input: &InsightInput, evidence: &Evidence) -> Result<InsightId> {
    let today = super::today(tx.conn(), tx.now())?;
    let mut values = check_input(input, today)?;
    check_evidence(tx.conn(), evidence)?;
    let id = InsightId::new();
    values.push(("status", InsightStatus::Proposed.into()));
    tx.upsert(Table::Insights, id.as_str(), &values)?;
    set_links(tx, &id, evidence, true)?;
    Ok(id)
}

/// Replaces the text fields, department and review date.
pub fn update(tx: &mut WriteTx<'_>, id: &InsightId, input: &InsightInput) -> Result<()> {
    ensure(tx.conn(), id)?;
    let today = super::today(tx.conn(), tx.now())?;
    let values = check_input(input, today)?;
    tx.upsert(Table::Insights, id.as_str(), &values)?;
    Ok(())
}

/// Moves the insight along its workflow ([`can_move`]; `InvalidTransition` otherwise).
pub fn set_status(tx: &mut WriteTx<'_>, id: &InsightId, to: InsightStatus) -> Result<()> {
    let from = ensure(tx.conn(), id)?;
    if from == to {
        return Ok(());
    }
    if !can_move(from, to) {
        return Err(Error::InvalidTransition { from: from.as_str(), to: to.as_str() });
    }
    tx.upsert(Table::Insights, id.as_str(), &[("status", to.into())])?;
    Ok(())
}

/// Adds evidence (already cited items stay as they are).
pub fn link(tx: &mut WriteTx<'_>, id: &InsightId, evidence: &Evidence) -> Result<()> {
    ensure(tx.conn(), id)?;
    check_evidence(tx.conn(), evidence)?;
    let cited = cited(tx.conn(), id)?;
    let new_cases = evidence.case_ids.iter().filter(|c| !cited.case_ids.contains(c)).count();
    check_count("caseIds", cited.case_ids.len() + new_cases, MAX_EVIDENCE)?;
    let new_feedback = evidence.feedback_ids.iter().filter(|f| !cited.feedback_ids.contains(f)).count();
    check_count("feedbackIds", cited.feedback_ids.len() + new_feedback, MAX_EVIDENCE)?;
    set_links(tx, id, evidence, true)
}

/// Removes evidence. Naming an item not cited is harmless.
pub fn unlink(tx: &mut WriteTx<'_>, id: &InsightId, evidence: &Evidence) -> Result<()> {
    ensure(tx.conn(), id)?;
    check_count("caseIds", evidence.case_ids.len(), MAX_EVIDENCE)?;
    check_count("feedbackIds", evidence.feedback_ids.len(), MAX_EVIDENCE)?;
    let cited = cited(tx.conn(), id)?;
    let gone = Evidence {
        case_ids: evidence.case_ids.iter().filter(|c| cited.case_ids.contains(c)).cloned().collect(),
        feedback_ids: evidence.feedback_ids.iter().filter(|f| cited.feedback_ids.contains(f)).cloned().collect(),
    };
    set_links(tx, id, &gone, false)
}

/// Deletes an insight (a tombstone, so the deletion syncs).
pub fn delete(tx: &mut WriteTx<'_>, id: &InsightId) -> Result<()> {
    if !tx.delete(Table::Insights, id.as_str())? {
        return Err(Error::NotFound { entity: "insight", id: id.to_string() });
    }
    Ok(())
}

/// Sets the presence of each link: its own row, id made from the insight and the item.
fn set_links(tx: &mut WriteTx<'_>, id: &InsightId, e: &Evidence, present: bool) -> Result<()> {
    let cases = e.case_ids.iter().map(|c| (format!("case:{c}"), "case_id", c.to_string()));
    let feedback = e.feedback_ids.iter().map(|f| (format!("feedback:{f}"), "feedback_id", f.to_string()));
    for (element, col, target) in cases.chain(feedback) {
        tx.upsert(
            Table::InsightEvidence,
            &crate::ids::member_id(id.as_str(), &element),
            &[
                ("insight_id", Value::Text(id.to_string())),
                (col, Value::Text(target)),
                ("present", Value::Integer(i64::from(present))),
            ],
        )?;
    }
    Ok(())
}

/// The live cases and feedback entries an insight cites, newest first.
pub fn cited(conn: &rusqlite::Connection, id: &InsightId) -> Result<Evidence> {
    let mut cases = conn.prepare_cached(
        "SELECT c.id FROM insight_evidence e JOIN cases c ON c.id = e.case_id
         WHERE e.insight_id = ?1 AND e.present = 1 AND e.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.created_at DESC, c.id DESC",
    )?;
    let case_ids = cases.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut feedback = conn.prepare_cached(
        "SELECT f.id FROM insight_evidence e JOIN feedback f ON f.id = e.feedback_id
         WHERE e.insight_id = ?1 AND e.present = 1 AND e.deleted_at IS NULL AND f.deleted_at IS NULL
         ORDER BY f.received_on DESC, f.id DESC",
    )?;
    let feedback_ids = feedback.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(Evidence { case_ids, feedback_ids })
}

/// The status of a live insight; `NotFound` otherwise.
fn ensure(conn: &rusqlite::Connection, id: &InsightId) -> Result<InsightStatus> {
    check_id("id", id.as_str())?;
    conn.prepare_cached("SELECT status FROM insights WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "insight", id: id.to_string() })
}

const SELECT: &str = "SELECT i.id, i.title, i.finding, i.department, i.requested_change, i.status, i.review_on,
    i.created_at,
    (SELECT count(*) FROM insight_evidence e JOIN cases c ON c.id = e.case_id
        WHERE e.insight_id = i.id AND e.present = 1 AND e.deleted_at IS NULL AND c.deleted_at IS NULL),
    (SELECT count(*) FROM insight_evidence e JOIN feedback f ON f.id = e.feedback_id
        WHERE e.insight_id = i.id AND e.present = 1 AND e.deleted_at IS NULL AND f.deleted_at IS NULL)
    FROM insights i";

fn from_row(r: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<InsightSummary> {
    let status: InsightStatus = r.get(5)?;
    let review_on: Option<String> = r.get(6)?;
    let overdue = is_open(status) && review_on.as_deref().is_some_and(|d| d < today);
    Ok(InsightSummary {
        insight: Insight {
            id: r.get(0)?,
            title: r.get(1)?,
            finding: r.get(2)?,
            department: r.get(3)?,
            requested_change: r.get(4)?,
            status,
            review_on,
            overdue,
            created_at: r.get(7)?,
        },
        cases: r.get(8)?,
        feedback: r.get(9)?,
    })
}

/// The insights `q` asks for: overdue ones first, then by review date (none last), then
/// newest. `today` is the workspace's day ([`super::today`]) that "overdue" is judged on.
pub fn list(conn: &rusqlite::Connection, q: &InsightQuery, today: NaiveDate) -> Result<Vec<InsightSummary>> {
    check_count("statuses", q.statuses.len(), LIST_MAX)?;
    check_count("departments", q.departments.len(), LIST_MAX)?;
    let text = q.text.as_deref().map(|t| SEARCH.check(t)).transpose()?.unwrap_or_default();
    let today = today.to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE i.deleted_at IS NULL AND (?1 = '' OR i.title LIKE ?2 ESCAPE '\\')
         ORDER BY (i.status IN ('proposed', 'accepted') AND i.review_on < ?3) DESC,
                  i.review_on IS NULL, i.review_on, i.created_at DESC, i.id DESC"
    ))?;
    let like = format!("%{}%", crate::customers::escape_like(&text));
    let rows = stmt.query_map(rusqlite::params![text, like, today], |r| from_row(r, &today))?;
    let mut out = Vec::new();
    for row in rows {
        let s = row?;
        let wanted = (q.statuses.is_empty() || q.statuses.contains(&s.insight.status))
            && (q.departments.is_empty() || q.departments.contains(&s.insight.department))
            && (!q.overdue_only || s.insight.overdue);
        if wanted {
            out.push(s);
        }
    }
    Ok(out)
}

/// The insight, its evidence and its next statuses.
pub fn detail(conn: &rusqlite::Connection, id: &InsightId, today: NaiveDate) -> Result<InsightDetail> {
    ensure(conn, id)?;
    let today = today.to_string();
    let summary =
        conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1"))?.query_row([id], |r| from_row(r, &today))?;
    let cited = cited(conn, id)?;
    let mut cases = Vec::with_capacity(cited.case_ids.len());
    let mut stmt = conn.prepare_cached(
        "SELECT id, ref, title, status, root_cause, csat, created_at FROM cases WHERE id = ?1 AND deleted_at IS NULL",
    )?;
    for case in &cited.case_ids {
        cases.push(stmt.query_row([case], |r| {
            Ok(EvidenceCase {
                id: r.get(0)?,
                reference: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                root_cause: r.get(4)?,
                csat: r.get::<_, Option<i64>>(5)?.and_then(|v| u8::try_from(v).ok()),
                created_at: r.get(6)?,
            })
        })?);
    }
    Ok(InsightDetail {
        next_statuses: next_statuses(summary.insight.status),
        insight: summary.insight,
        cases,
        feedback: feedback::get_many(conn, &cited.feedback_ids)?,
    })
}
