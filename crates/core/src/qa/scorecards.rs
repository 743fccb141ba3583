//! Scorecards: a name (a register) and versions of weighted criteria (append-only events
//! holding the whole list). The newest version is the one new evaluations use; two
//! devices editing the criteria offline each publish a version, and both stay (the later
//! one is current), so no evaluation ever loses the criteria it was scored on.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{ScorecardId, ScorecardVersionId};
use crate::input::{TextRule, check_count, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 120, true);
const LABEL: TextRule = TextRule::line("criterionLabel", 200, true);
/// Most criteria on one scorecard.
pub const MAX_CRITERIA: usize = 40;
/// Most points one criterion can be rated (a 0–1 "yes/no" up to a 0–10 scale).
pub const MAX_POINTS: u8 = 10;
/// Highest weight of one criterion (weights are relative: 10, 30, 60 is 10 %, 30 %, 60 %).
const MAX_WEIGHT: u8 = 100;

/// One criterion of a scorecard version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    /// Stable across versions, so ratings of an edited criterion stay comparable. Empty
    /// in a form's new criterion: one is made when it is saved.
    pub key: String,
    /// What is judged ("Verified the caller's identity").
    pub label: String,
    /// Its weight, 1–100, relative to the others'.
    pub weight: u8,
    /// The most it can be rated: 1 for yes/no, up to 10.
    pub points: u8,
    /// Rated 0, it fails the whole evaluation.
    pub critical: bool,
}

/// What the scorecard form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScorecardInput {
    /// Its name.
    pub name: String,
    /// Its criteria, in order.
    pub criteria: Vec<Criterion>,
}

/// A scorecard with its current criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    /// Id.
    pub id: ScorecardId,
    /// Name.
    pub name: String,
    /// The current version, which new evaluations use.
    pub version_id: ScorecardVersionId,
    /// Its number: 1 for the first, counting every version made.
    pub version: u32,
    /// Its criteria, in order.
    pub criteria: Vec<Criterion>,
    /// Evaluations made on any of its versions.
    pub evaluations: u32,
}

/// The criteria of a stored version, with the version's number. `None` for an unknown id.
pub(super) fn version(
    conn: &rusqlite::Connection,
    id: &ScorecardVersionId,
) -> Result<Option<(ScorecardId, u32, Vec<Criterion>)>> {
    let row: Option<(ScorecardId, String, u32)> = conn
        .prepare_cached(
            "SELECT v.scorecard_id, v.criteria,
                    (SELECT count(*) FROM qa_scorecard_versions o
                     WHERE o.scorecard_id = v.scorecard_id AND o.deleted_at IS NULL
                       AND (o.created_at, o.id) <= (v.created_at, v.id))
             FROM qa_scorecard_versions v WHERE v.id = ?1 AND v.deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(card, criteria, n)| Ok((card, n, parse(&criteria)?))).transpose()
}

fn parse(criteria: &str) -> Result<Vec<Criterion>> {
    serde_json::from_str(criteria)
        .map_err(|e| Error::Corrupt { detail: format!("a scorecard version is unreadable: {e}") })
}

const SELECT: &str = "SELECT s.id, s.name,
        (SELECT v.id FROM qa_scorecard_versions v WHERE v.scorecard_id = s.id AND v.deleted_at IS NULL
         ORDER BY v.created_at DESC, v.id DESC LIMIT 1),
        (SELECT count(*) FROM qa_evaluations e WHERE e.scorecard_id = s.id AND e.deleted_at IS NULL)
    FROM qa_scorecards s";

fn from_row(conn: &rusqlite::Connection, r: &rusqlite::Row<'_>) -> Result<Option<Scorecard>> {
    // A scorecard whose first version has not arrived by sync yet has nothing to show.
    let Some(version_id) = r.get::<_, Option<ScorecardVersionId>>(2)? else {
        return Ok(None);
    };
    let Some((_, version, criteria)) = version(conn, &version_id)? else {
        return Ok(None);
    };
    Ok(Some(Scorecard { id: r.get(0)?, name: r.get(1)?, version_id, version, criteria, evaluations: r.get(3)? }))
}

/// Every scorecard, by name.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Scorecard>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE s.deleted_at IS NULL ORDER BY s.name COLLATE NOCASE, s.id"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.extend(from_row(conn, r)?);
    }
    Ok(out)
}

/// One scorecard; `NotFound` when there is none.
pub fn get(conn: &rusqlite::Connection, id: &ScorecardId) -> Result<Scorecard> {
    check_id("id", id.as_str())?;
    let not_found = || Error::NotFound { entity: "scorecard", id: id.to_string() };
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"))?;
    let mut rows = stmt.query([id])?;
    let Some(r) = rows.next()? else {
        return Err(not_found());
    };
    from_row(conn, r)?.ok_or_else(not_found)
}

/// `input`'s criteria checked, new ones given keys.
fn criteria(input: &ScorecardInput) -> Result<Vec<Criterion>> {
    if input.criteria.is_empty() {
        return Err(Error::invalid("criteria", ValidationRule::Required));
    }
    check_count("criteria", input.criteria.len(), MAX_CRITERIA)?;
    let mut out: Vec<Criterion> = Vec::with_capacity(input.criteria.len());
    for c in &input.criteria {
        let label = LABEL.check(&c.label)?;
        if !(1..=MAX_WEIGHT).contains(&c.weight) {
            return Err(Error::Validation {
                field: "weight",
                rule: ValidationRule::InvalidValue,
                limit: Some(MAX_WEIGHT.into()),
            });
        }
        if !(1..=MAX_POINTS).contains(&c.points) {
            return Err(Error::Validation {
                field: "points",
                rule: ValidationRule::InvalidValue,
                limit: Some(MAX_POINTS.into()),
            });
        }
        let key = if c.key.is_empty() { uuid::Uuid::now_v7().to_string() } else { c.key.clone() };
        check_id("criteria", &key)?;
        if out.iter().any(|o| o.key == key) {
            return Err(Error::invalid("criteria", ValidationRule::Duplicate));
        }
        if out.iter().any(|o| o.label.to_lowercase() == label.to_lowercase()) {
            return Err(Error::invalid("criterionLabel", ValidationRule::Duplicate));
        }
        out.push(Criterion { key, label, weight: c.weight, points: c.points, critical: c.critical });
    }
    Ok(out)
}

fn publish(tx: &mut WriteTx<'_>, card: &ScorecardId, criteria: &[Criterion]) -> Result<()> {
    let json = serde_json::to_string(criteria).map_err(|e| Error::Internal(e.to_string()))?;
    tx.insert(
        Table::QaScorecardVersions,
        ScorecardVersionId::new().as_str(),
        &[("scorecard_id", Value::Text(card.to_string())), ("criteria", Value::Text(json))],
    )
}

/// Makes a scorecard with its first version; returns its id. Errors (nothing written): an
/// empty or over-long name or criterion label, no criteria or more than [`MAX_CRITERIA`],
/// a weight outside 1–100, points outside 1–[`MAX_POINTS`], two criteria with one label.
pub fn create(tx: &mut WriteTx<'_>, input: &ScorecardInput) -> Result<ScorecardId> {
    let name = NAME.check(&input.name)?;
    let criteria = criteria(input)?;
    let id = ScorecardId::new();
    tx.insert(Table::QaScorecards, id.as_str(), &[("name", Value::Text(name))])?;
    publish(tx, &id, &criteria)?;
    Ok(id)
}

/// Renames a scorecard and, when its criteria changed, makes a new version of them
/// (evaluations already made keep theirs). Errors as [`create`], and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &ScorecardId, input: &ScorecardInput) -> Result<()> {
    let before = get(tx.conn(), id)?;
    let name = NAME.check(&input.name)?;
    let criteria = criteria(input)?;
    tx.upsert(Table::QaScorecards, id.as_str(), &[("name", Value::Text(name))])?;
    if criteria != before.criteria {
        publish(tx, id, &criteria)?;
    }
    Ok(())
}

/// Deletes a scorecard: it is offered no more; evaluations made on it stay in agents'
/// histories. `NotFound` when there is none.
pub fn delete(tx: &mut WriteTx<'_>, id: &ScorecardId) -> Result<()> {
    get(tx.conn(), id)?;
    tx.delete(Table::QaScorecards, id.as_str())?;
    Ok(())
}
