//! The compliance page's data: the inputs of the matrix read from the database for one
//! team (or everyone), the rule applied (compliance.rs), the "needs" list beside it, and
//! the matrix as a CSV table.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::compliance::{self, AgentFacts, Completion, ComplianceState, CourseTerms, Inputs, Matrix, Need};
use super::{courses, requirements};
use crate::export::labels::Label;
use crate::export::table::{Cell, Table};
use crate::ids::TeamId;
use crate::input::check_id;
use crate::people::{RosterQuery, roster};
use crate::settings::Language;
use crate::{Error, Result, ValidationRule};

/// Longest horizon of the "needs" list, in days (a year).
pub const MAX_WITHIN_DAYS: u16 = 366;

/// What the compliance page asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplianceQuery {
    /// Only this team's agents; `None`: everyone.
    pub team_id: Option<TeamId>,
    /// The "needs" list's horizon, in days from today (30, 60, 90…).
    pub within_days: u16,
}

/// The matrix and who needs what within the horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplianceView {
    /// The matrix.
    pub matrix: Matrix,
    /// Needs, the most urgent first.
    pub needs: Vec<Need>,
}

fn day(s: Option<&str>) -> Option<NaiveDate> {
    // A day that does not parse can only come from a broken peer: read as unknown.
    s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// The matrix of a team (`None`: everyone) on `today`. Errors: a malformed team id.
pub fn matrix(conn: &rusqlite::Connection, team_id: Option<&TeamId>, today: NaiveDate) -> Result<Matrix> {
    if let Some(t) = team_id {
        check_id("teamId", t.as_str())?;
    }
    let agents: Vec<AgentFacts> =
        roster::roster(conn, &RosterQuery { team_id: team_id.cloned(), role_id: None, activity: None })?
            .into_iter()
            .map(|a| AgentFacts {
                id: a.id,
                name: a.name,
                role_id: a.role_id,
                hired_on: day(a.hired_on.as_deref()),
                left_on: day(a.left_on.as_deref()),
            })
            .collect();
    let courses: Vec<CourseTerms> = courses::list(conn)?
        .into_iter()
        .map(|c| CourseTerms {
            id: c.id,
            title: c.title,
            pass_mark: c.pass_mark,
            validity_months: c.validity_months.map(u32::from),
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT r.agent_id, r.course_id, r.completed_on, r.score FROM training_records r
         JOIN agents a ON a.id = r.agent_id AND a.deleted_at IS NULL
         WHERE r.deleted_at IS NULL AND (?1 IS NULL OR a.team_id = ?1)",
    )?;
    let completions: Vec<Completion> = stmt
        .query_map([team_id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?)))?
        .filter_map(|row| match row {
            Ok((agent_id, course_id, on, score)) => {
                day(Some(&on)).map(|completed_on| Ok(Completion { agent_id, course_id, completed_on, score }))
            }
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    let requirements = requirements::list(conn)?;
    let exemptions = requirements::exemptions(conn, None)?;
    Ok(compliance::matrix(
        Inputs {
            agents: &agents,
            courses: &courses,
            requirements: &requirements,
            exemptions: &exemptions,
            completions: &completions,
        },
        today,
    ))
}

/// The compliance page's view of `q` on `today`. Errors as [`matrix`], and a horizon above
/// [`MAX_WITHIN_DAYS`] (`InvalidValue` on `withinDays`).
pub fn view(conn: &rusqlite::Connection, q: &ComplianceQuery, today: NaiveDate) -> Result<ComplianceView> {
    if q.within_days > MAX_WITHIN_DAYS {
        return Err(Error::Validation {
            field: "withinDays",
            rule: ValidationRule::InvalidValue,
            limit: Some(u32::from(MAX_WITHIN_DAYS)),
        });
    }
    let matrix = matrix(conn, q.team_id.as_ref(), today)?;
    let needs = compliance::needs(&matrix, q.within_days);
    Ok(ComplianceView { matrix, needs })
}

fn state_label(state: ComplianceState) -> Label {
    match state {
        ComplianceState::Compliant => Label::Compliant,
        ComplianceState::Expiring => Label::Expiring,
        ComplianceState::Expired => Label::Expired,
        ComplianceState::Due => Label::Due,
        ComplianceState::Missing => Label::Missing,
        ComplianceState::Exempt => Label::Exempt,
    }
}

impl Matrix {
    /// The matrix as a table in `lang`: the agent, then per course its state (the stable
    /// code, empty where not required) and the day it matters, then the agent's counts.
    pub fn table(&self, lang: Language) -> Table {
        let mut headers = vec![Label::Agent.text(lang).to_owned()];
        for c in &self.courses {
            headers.push(c.title.clone());
            headers.push(format!("{} {}", c.title, Label::By.text(lang)));
        }
        headers.extend(ComplianceState::ALL.iter().map(|s| state_label(*s).text(lang).to_owned()));
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![Cell::Text(r.name.clone())];
                for cell in &r.cells {
                    row.push(cell.as_ref().map_or(Cell::Empty, |c| c.state.as_str().into()));
                    row.push(Cell::opt_text(cell.as_ref().and_then(|c| c.by.as_deref())));
                }
                row.extend(ComplianceState::ALL.iter().map(|s| Cell::from(r.counts.of(*s))));
                row
            })
            .collect();
        Table { headers, rows }
    }
}
