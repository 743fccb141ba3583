//! Evaluations: an agent scored on a scorecard version by an evaluator on a day,
//! optionally on one case. An evaluation is an append-only event (a score given is a
//! fact; a correction is a new evaluation), its ratings travelling with it as one value
//! that is never edited. Scores, an agent's trend and a case's calibration are derived
//! on read from the ratings and the version's criteria ([`super::score`]).

use std::collections::BTreeMap;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::score::{Outcome, score};
use super::scorecards::{self, Criterion, MAX_CRITERIA};
use crate::ids::{AgentId, CaseId, EvaluationId, ScorecardId, ScorecardVersionId};
use crate::input::{TextRule, check_count, check_day_window, check_id, parse_day};
use crate::people::roster;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const EVALUATOR: TextRule = TextRule::line("evaluator", 120, true);
/// Longest comment, in characters.
pub const MAX_COMMENT: u32 = 4000;
const COMMENT: TextRule = TextRule::block("comment", MAX_COMMENT, false);
/// How far back an evaluation's day may be, in days (two years of history to enter).
const DAYS_BACK: u32 = 731;

/// One criterion's rating: 0 to its points, or `None` when it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    /// The criterion's key.
    pub key: String,
    /// The points given; `None`: not applicable.
    pub value: Option<u8>,
}

/// What the evaluation form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EvaluationInput {
    /// The scorecard version shown in the form (the evaluation keeps it).
    pub version_id: ScorecardVersionId,
    /// Who is evaluated.
    pub agent_id: AgentId,
    /// The case it was made on, if any.
    pub case_id: Option<CaseId>,
    /// Who evaluated.
    pub evaluator: String,
    /// The day (YYYY-MM-DD), today or before.
    pub evaluated_on: String,
    /// A rating for every criterion of the version.
    pub ratings: Vec<Rating>,
    /// Feedback for the agent; may be empty.
    pub comment: String,
}

/// An evaluation with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Id.
    pub id: EvaluationId,
    /// The scorecard.
    pub scorecard_id: ScorecardId,
    /// Its name now.
    pub scorecard_name: String,
    /// The version scored on.
    pub version_id: ScorecardVersionId,
    /// Its number.
    pub version: u32,
    /// The version's criteria.
    pub criteria: Vec<Criterion>,
    /// The agent.
    pub agent_id: AgentId,
    /// Their name (empty until the agent has arrived by sync).
    pub agent_name: String,
    /// The case, if any.
    pub case_id: Option<CaseId>,
    /// Its reference, when the case is here.
    pub case_ref: Option<String>,
    /// Who evaluated.
    pub evaluator: String,
    /// The day.
    pub evaluated_on: String,
    /// The ratings, in the criteria's order.
    pub ratings: Vec<Rating>,
    /// What they amount to.
    pub outcome: Outcome,
    /// Feedback.
    pub comment: String,
}

/// One month of an agent's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonthScore {
    /// YYYY-MM.
    pub month: String,
    /// The mean score of its scored evaluations, one decimal.
    pub average: f64,
    /// How many (a mean of one is not a trend).
    pub count: u32,
}

/// An agent's evaluations and their trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgentQa {
    /// Newest first.
    pub evaluations: Vec<Evaluation>,
    /// The mean per month, oldest first (months without evaluations left out).
    pub months: Vec<MonthScore>,
    /// The mean of every scored evaluation.
    pub average: Option<f64>,
}

/// How far apart evaluators were on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CriterionSpread {
    /// The criterion's key.
    pub key: String,
    /// Its label (in the newest version rating it).
    pub label: String,
    /// The lowest rating given.
    pub low: u8,
    /// The highest.
    pub high: u8,
}

/// The evaluations made on one case, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Calibration {
    /// Oldest first.
    pub evaluations: Vec<Evaluation>,
    /// Highest score minus lowest, once two evaluators have scored the case.
    pub spread: Option<f64>,
    /// Per criterion rated by two evaluators or more, in the first evaluation's order.
    pub criteria: Vec<CriterionSpread>,
}

fn unknown(field: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::NotFound { .. } => Error::invalid(field, ValidationRule::InvalidValue),
        e => e,
    }
}

/// Checks `ratings` against `criteria`: one per criterion, none unknown, none above its
/// points. Returns them in the criteria's order.
fn checked(criteria: &[Criterion], ratings: &[Rating]) -> Result<Vec<Rating>> {
    check_count("ratings", ratings.len(), MAX_CRITERIA)?;
    let mut out = Vec::with_capacity(criteria.len());
    for c in criteria {
        let mut given = ratings.iter().filter(|r| r.key == c.key);
        let Some(r) = given.next() else {
            return Err(Error::invalid("ratings", ValidationRule::Required));
        };
        if given.next().is_some() {
            return Err(Error::invalid("ratings", ValidationRule::Duplicate));
        }
        if r.value.is_some_and(|v| v > c.points) {
            return Err(Error::Validation {
                field: "ratings",
                rule: ValidationRule::InvalidValue,
                limit: Some(c.points.into()),
            });
        }
        out.push(r.clone());
    }
    if ratings.iter().any(|r| !criteria.iter().any(|c| c.key == r.key)) {
        return Err(Error::invalid("ratings", ValidationRule::InvalidValue));
    }
    Ok(out)
}

/// Records an evaluation; returns its id. Errors (nothing written): an unknown version
/// (`InvalidValue` on `versionId`), agent (on `agentId`) or case (on `caseId`); an empty
/// or over-long evaluator or comment; a malformed day, one in the future (`TooLate`) or
/// more than two years back (`TooEarly`); a criterion without a rating (`Required` on
/// `ratings`), rated twice (`Duplicate`), unknown, or above its points (`InvalidValue`,
/// with the points).
pub fn evaluate(tx: &mut WriteTx<'_>, input: &EvaluationInput) -> Result<EvaluationId> {
    check_id("versionId", input.version_id.as_str())?;
    let (card, _, criteria) = scorecards::version(tx.conn(), &input.version_id)?
        .ok_or_else(|| Error::invalid("versionId", ValidationRule::InvalidValue))?;
    check_id("agentId", input.agent_id.as_str())?;
    roster::get(tx.conn(), &input.agent_id).map_err(unknown("agentId"))?;
    if let Some(case) = &input.case_id {
        check_id("caseId", case.as_str())?;
        let exists: bool = tx
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND deleted_at IS NULL)")?
            .query_row([case], |r| r.get(0))?;
        if !exists {
            return Err(Error::invalid("caseId", ValidationRule::InvalidValue));
        }
    }
    let evaluator = EVALUATOR.check(&input.evaluator)?;
    let day = parse_day(&input.evaluated_on, "evaluatedOn")?;
    check_day_window(day, crate::settings::today(tx.conn(), tx.now())?, "evaluatedOn", DAYS_BACK, 0)?;
    let ratings = checked(&criteria, &input.ratings)?;
    let comment = COMMENT.check(&input.comment)?;
    let json = serde_json::to_string(&ratings).map_err(|e| Error::Internal(e.to_string()))?;
    let id = EvaluationId::new();
    tx.insert(
        Table::QaEvaluations,
        id.as_str(),
        &[
            ("scorecard_id", Value::Text(card.to_string())),
            ("version_id", Value::Text(input.version_id.to_string())),
            ("agent_id", Value::Text(input.agent_id.to_string())),
            ("case_id", input.case_id.as_ref().map_or(Value::Null, |c| Value::Text(c.to_string()))),
            ("evaluator", Value::Text(evaluator)),
            ("evaluated_on", Value::Text(day.to_string())),
            ("ratings", Value::Text(json)),
            ("comment", Value::Text(comment)),
        ],
    )?;
    Ok(id)
}

const SELECT: &str = "SELECT e.id, e.scorecard_id, coalesce(s.name, ''), e.version_id, e.agent_id,
        coalesce(a.name, ''), e.case_id, c.ref, e.evaluator, e.evaluated_on, e.ratings, e.comment
    FROM qa_evaluations e
    LEFT JOIN qa_scorecards s ON s.id = e.scorecard_id
    LEFT JOIN agents a ON a.id = e.agent_id
    LEFT JOIN cases c ON c.id = e.case_id AND c.deleted_at IS NULL";

/// The evaluations `filter` (an SQL condition on `e` binding `?1`) selects, in `order`.
/// An evaluation whose version has not arrived by sync yet is left out until it has.
fn read(conn: &rusqlite::Connection, filter: &str, key: &str, order: &str) -> Result<Vec<Evaluation>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE {filter} AND e.deleted_at IS NULL ORDER BY {order}"))?;
    let rows = stmt.query_map([key], |r| {
        Ok((
            r.get::<_, EvaluationId>(0)?,
            r.get::<_, ScorecardId>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, ScorecardVersionId>(3)?,
            r.get::<_, AgentId>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<CaseId>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
            r.get::<_, String>(11)?,
        ))
    })?;
    let mut versions = BTreeMap::new();
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            scorecard_id,
            scorecard_name,
            version_id,
            agent_id,
            agent_name,
            case_id,
            case_ref,
            evaluator,
            evaluated_on,
            ratings,
            comment,
        ) = row?;
        if !versions.contains_key(&version_id) {
            let v = scorecards::version(conn, &version_id)?;
            versions.insert(version_id.clone(), v);
        }
        let Some(Some((_, version, criteria))) = versions.get(&version_id) else {
            continue;
        };
        let ratings: Vec<Rating> = serde_json::from_str(&ratings)
            .map_err(|e| Error::Corrupt { detail: format!("an evaluation's ratings are unreadable: {e}") })?;
        let outcome = score(criteria, |k| ratings.iter().find(|r| r.key == k).and_then(|r| r.value));
        out.push(Evaluation {
            id,
            scorecard_id,
            scorecard_name,
            version_id,
            version: *version,
            criteria: criteria.clone(),
            agent_id,
            agent_name,
            case_id,
            case_ref,
            evaluator,
            evaluated_on,
            ratings,
            outcome,
            comment,
        });
    }
    Ok(out)
}

/// The mean of scores as shown (one decimal), to one decimal: what a supervisor checking
/// the list by hand gets.
fn mean(scores: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = scores.fold((0.0, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| (sum / f64::from(n) * 10.0).round() / 10.0)
}

/// An agent's evaluations, newest first, with the mean per month and overall.
pub fn for_agent(conn: &rusqlite::Connection, agent: &AgentId) -> Result<AgentQa> {
    check_id("agentId", agent.as_str())?;
    let evaluations =
        read(conn, "e.agent_id = ?1", agent.as_str(), "e.evaluated_on DESC, e.created_at DESC, e.id DESC")?;
    let mut by_month: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for e in &evaluations {
        if let Some(s) = e.outcome.score {
            by_month.entry(&e.evaluated_on[..7]).or_default().push(s);
        }
    }
    let months = by_month
        .iter()
        .filter_map(|(m, scores)| {
            Some(MonthScore {
                month: (*m).to_owned(),
                average: mean(scores.iter().copied())?,
                count: scores.len() as u32,
            })
        })
        .collect();
    let average = mean(evaluations.iter().filter_map(|e| e.outcome.score));
    Ok(AgentQa { evaluations, months, average })
}

/// The evaluations made on a case, oldest first, with how far apart they are.
pub fn for_case(conn: &rusqlite::Connection, case: &CaseId) -> Result<Calibration> {
    check_id("caseId", case.as_str())?;
    let evaluations = read(conn, "e.case_id = ?1", case.as_str(), "e.evaluated_on, e.created_at, e.id")?;
    let scores: Vec<f64> = evaluations.iter().filter_map(|e| e.outcome.score).collect();
    let spread = (scores.len() >= 2).then(|| {
        let (lo, hi) = scores.iter().fold((f64::MAX, f64::MIN), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
        ((hi - lo) * 10.0).round() / 10.0
    });
    let mut criteria: Vec<(CriterionSpread, u32)> = Vec::new();
    for e in &evaluations {
        for c in &e.criteria {
            let Some(v) = e.ratings.iter().find(|r| r.key == c.key).and_then(|r| r.value) else {
                continue;
            };
            match criteria.iter_mut().find(|(s, _)| s.key == c.key) {
                Some((s, n)) => {
                    s.low = s.low.min(v);
                    s.high = s.high.max(v);
                    s.label = c.label.clone();
                    *n += 1;
                }
                None => {
                    criteria.push((CriterionSpread { key: c.key.clone(), label: c.label.clone(), low: v, high: v }, 1))
                }
            }
        }
    }
    let criteria = criteria.into_iter().filter(|(_, n)| *n >= 2).map(|(s, _)| s).collect();
    Ok(Calibration { evaluations, spread, criteria })
}
