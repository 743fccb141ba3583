//! The compliance matrix: for each active agent and each course their role requires,
//! whether they hold it on a given day — compliant, expiring, expired, due (a new hire
//! still within their grace days), missing or exempt — with counts per agent and per
//! course, and who needs what within a horizon.
//!
//! A pure function of its inputs and an explicit `today`: nothing of it is stored, so
//! every device derives the same matrix from the same requirements, exemptions and
//! records, and it is right again the moment a record or a requirement arrives by sync.
//! A record's own standing (passed, expiry, expiring) is expiry.rs's rule, used here
//! unchanged so the matrix and the agent's page never disagree.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::expiry::{self, RecordStatus};
use super::requirements::{Exemption, Requirement, RequirementLevel};
use crate::ids::{AgentId, CourseId, RoleId};

crate::text_enum::text_enum! {
    /// Where an agent stands on a required course on a given day.
    pub enum ComplianceState {
        /// Holds a passed, valid completion not expiring soon (or never expiring).
        Compliant = "compliant",
        /// Holds one that expires within [`expiry::EXPIRING_WITHIN_DAYS`] days.
        Expiring = "expiring",
        /// The latest passed completion has expired.
        Expired = "expired",
        /// None yet, and still within the grace days after the hire date.
        Due = "due",
        /// None, and the grace days are over (or there are none, or no hire date).
        Missing = "missing",
        /// Exempt from the course.
        Exempt = "exempt",
    }
}

/// An agent as the rule needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentFacts {
    /// Id.
    pub id: AgentId,
    /// Name.
    pub name: String,
    /// Role; `None`: nothing is required of them.
    pub role_id: Option<RoleId>,
    /// Hire date, when known.
    pub hired_on: Option<NaiveDate>,
    /// The day they left; from that day on they are not in the matrix.
    pub left_on: Option<NaiveDate>,
}

/// A course's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseTerms {
    /// Id.
    pub id: CourseId,
    /// Title.
    pub title: String,
    /// Lowest passing score; `None`: completing it passes it.
    pub pass_mark: Option<u8>,
    /// Months a completion counts; `None`: for good.
    pub validity_months: Option<u32>,
}

/// A completion (a training record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Who.
    pub agent_id: AgentId,
    /// Which course.
    pub course_id: CourseId,
    /// When.
    pub completed_on: NaiveDate,
    /// Score.
    pub score: Option<u8>,
}

/// Everything the matrix is derived from. Agents and courses come in the order shown.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The agents to consider (those who left are dropped here).
    pub agents: &'a [AgentFacts],
    /// Every course.
    pub courses: &'a [CourseTerms],
    /// The requirements table.
    pub requirements: &'a [Requirement],
    /// Live exemptions.
    pub exemptions: &'a [Exemption],
    /// The agents' completions.
    pub completions: &'a [Completion],
}

/// How many cells are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StateCounts {
    /// Compliant.
    pub compliant: u32,
    /// Expiring.
    pub expiring: u32,
    /// Expired.
    pub expired: u32,
    /// Due.
    pub due: u32,
    /// Missing.
    pub missing: u32,
    /// Exempt.
    pub exempt: u32,
}

impl StateCounts {
    fn add(&mut self, state: ComplianceState) {
        *match state {
            ComplianceState::Compliant => &mut self.compliant,
            ComplianceState::Expiring => &mut self.expiring,
            ComplianceState::Expired => &mut self.expired,
            ComplianceState::Due => &mut self.due,
            ComplianceState::Missing => &mut self.missing,
            ComplianceState::Exempt => &mut self.exempt,
        } += 1;
    }

    /// The count of `state`.
    pub fn of(&self, state: ComplianceState) -> u32 {
        match state {
            ComplianceState::Compliant => self.compliant,
            ComplianceState::Expiring => self.expiring,
            ComplianceState::Expired => self.expired,
            ComplianceState::Due => self.due,
            ComplianceState::Missing => self.missing,
            ComplianceState::Exempt => self.exempt,
        }
    }
}

/// One required course of one agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixCell {
    /// Where it stands.
    pub state: ComplianceState,
    /// The day it matters (YYYY-MM-DD): the expiry of the completion held (compliant,
    /// expiring, expired) or the due date (due, missing); `None` when there is none (never
    /// expires, no hire date, exempt).
    pub by: Option<String>,
}

/// A column of the matrix: a course some agent shown is required to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixCourse {
    /// Id.
    pub id: CourseId,
    /// Title.
    pub title: String,
    /// Its cells' states.
    pub counts: StateCounts,
}

/// A row of the matrix: an active agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixRow {
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role_id: Option<RoleId>,
    /// One per column; `None` where their role does not require the course.
    pub cells: Vec<Option<MatrixCell>>,
    /// Their cells' states.
    pub counts: StateCounts,
}

/// The matrix on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// The day it stands on.
    pub today: String,
    /// The columns.
    pub courses: Vec<MatrixCourse>,
    /// The rows.
    pub rows: Vec<MatrixRow>,
    /// Every cell's state.
    pub totals: StateCounts,
}

/// Something an agent needs: a required course to take or renew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Need {
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub agent_name: String,
    /// The course.
    pub course_id: CourseId,
    /// Its title.
    pub course_title: String,
    /// Where it stands today.
    pub state: ComplianceState,
    /// By when (see [`MatrixCell::by`]); `None`: overdue with no date to give.
    pub by: Option<String>,
}

/// Whether an agent is still here on `today`: a leaving day ends it.
pub fn is_active(agent: &AgentFacts, today: NaiveDate) -> bool {
    agent.left_on.is_none_or(|left| left > today)
}

/// The state of one required course for one agent on `today`. `held`: their latest
/// passed completion, if any (a re-certification supersedes the older record).
pub fn cell(
    exempt: bool,
    held: Option<(&Completion, &CourseTerms)>,
    hired_on: Option<NaiveDate>,
    grace_days: u16,
    today: NaiveDate,
) -> MatrixCell {
    if exempt {
        return MatrixCell { state: ComplianceState::Exempt, by: None };
    }
    if let Some((c, terms)) = held {
        let o = expiry::outcome(c.completed_on, c.score, terms.pass_mark, terms.validity_months, today);
        let state = match o.status {
            RecordStatus::Valid => ComplianceState::Compliant,
            RecordStatus::Expiring => ComplianceState::Expiring,
            // `held` is a passed completion, so it is never failed.
            RecordStatus::Expired | RecordStatus::Failed => ComplianceState::Expired,
        };
        return MatrixCell { state, by: o.expires_on.map(|d| d.to_string()) };
    }
    // The due date is the last day to complete it: the hire date plus the grace days.
    let due_on = hired_on.and_then(|h| h.checked_add_days(Days::new(u64::from(grace_days))));
    let state = match due_on {
        Some(due) if today <= due => ComplianceState::Due,
        _ => ComplianceState::Missing,
    };
    MatrixCell { state, by: due_on.map(|d| d.to_string()) }
}

/// The matrix on `today`: a row per active agent (in the order given), a column per
/// course (in the order given) that the role of at least one of them requires.
pub fn matrix(inputs: Inputs<'_>, today: NaiveDate) -> Matrix {
    let agents: Vec<&AgentFacts> = inputs.agents.iter().filter(|a| is_active(a, today)).collect();
    let required: HashMap<(&RoleId, &CourseId), u16> = inputs
        .requirements
        .iter()
        .filter(|r| r.level == RequirementLevel::Required)
        .map(|r| ((&r.role_id, &r.course_id), r.grace_days))
        .collect();
    let courses: Vec<&CourseTerms> = inputs
        .courses
        .iter()
        .filter(|c| agents.iter().any(|a| a.role_id.as_ref().is_some_and(|r| required.contains_key(&(r, &c.id)))))
        .collect();
    let terms: HashMap<&CourseId, &CourseTerms> = inputs.courses.iter().map(|c| (&c.id, c)).collect();
    let exempt: HashSet<(&AgentId, &CourseId)> =
        inputs.exemptions.iter().map(|e| (&e.agent_id, &e.course_id)).collect();
    // Each agent's latest passed completion of each course.
    let mut held: HashMap<(&AgentId, &CourseId), &Completion> = HashMap::new();
    for c in inputs.completions {
        let Some(t) = terms.get(&c.course_id) else { continue };
        if !expiry::passed(t.pass_mark, c.score) {
            continue;
        }
        held.entry((&c.agent_id, &c.course_id))
            .and_modify(|h| {
                if c.completed_on > h.completed_on {
                    *h = c;
                }
            })
            .or_insert(c);
    }

    let mut columns: Vec<MatrixCourse> = courses
        .iter()
        .map(|c| MatrixCourse { id: c.id.clone(), title: c.title.clone(), counts: StateCounts::default() })
        .collect();
    let mut totals = StateCounts::default();
    let rows = agents
        .iter()
        .map(|a| {
            let mut counts = StateCounts::default();
            let cells = courses
                .iter()
                .zip(columns.iter_mut())
                .map(|(course, column)| {
                    let grace = a.role_id.as_ref().and_then(|r| required.get(&(r, &course.id)))?;
                    let cell = cell(
                        exempt.contains(&(&a.id, &course.id)),
                        held.get(&(&a.id, &course.id)).map(|c| (*c, *course)),
                        a.hired_on,
                        *grace,
                        today,
                    );
                    counts.add(cell.state);
                    column.counts.add(cell.state);
                    totals.add(cell.state);
                    Some(cell)
                })
                .collect();
            MatrixRow { agent_id: a.id.clone(), name: a.name.clone(), role_id: a.role_id.clone(), cells, counts }
        })
        .collect();
    Matrix { today: today.to_string(), courses: columns, rows, totals }
}

/// Who needs what within `within_days` of the matrix's day: every missing or expired
/// course, and every due date or expiry up to that day. Exempt cells never appear. The
/// most urgent first (no date, then the earliest), then by agent and course.
pub fn needs(matrix: &Matrix, within_days: u16) -> Vec<Need> {
    let limit = NaiveDate::parse_from_str(&matrix.today, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_days(Days::new(u64::from(within_days))))
        .map(|d| d.to_string());
    let limit = limit.as_deref();
    let mut out: Vec<Need> = matrix
        .rows
        .iter()
        .flat_map(|row| {
            row.cells.iter().zip(&matrix.courses).filter_map(move |(cell, course)| {
                let cell = cell.as_ref()?;
                let needed = match cell.state {
                    ComplianceState::Exempt => false,
                    ComplianceState::Missing | ComplianceState::Expired => true,
                    // Dates are YYYY-MM-DD, so text order is day order.
                    _ => cell.by.as_deref().zip(limit).is_some_and(|(by, l)| by <= l),
                };
                needed.then(|| Need {
                    agent_id: row.agent_id.clone(),
                    agent_name: row.name.clone(),
                    course_id: course.id.clone(),
                    course_title: course.title.clone(),
                    state: cell.state,
                    by: cell.by.clone(),
                })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.by, &a.agent_name, &a.course_title).cmp(&(&b.by, &b.agent_name, &b.course_title))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn agent(id: &str, role: &str, hired_on: Option<&str>, left_on: Option<&str>) -> AgentFacts {
        AgentFacts {
            id: AgentId(id.into()),
            name: id.to_uppercase(),
            role_id: Some(RoleId(role.into())),
            hired_on: hired_on.map(day),
            left_on: left_on.map(day),
        }
    }

    fn course(id: &str, validity_months: Option<u32>, pass_mark: Option<u8>) -> CourseTerms {
        CourseTerms { id: CourseId(id.into()), title: id.to_uppercase(), pass_mark, validity_months }
    }

    fn req(role: &str, course: &str, level: RequirementLevel, grace_days: u16) -> Requirement {
        Requirement { role_id: RoleId(role.into()), course_id: CourseId(course.into()), level, grace_days }
    }

    fn done(agent: &str, course: &str, on: &str, score: Option<u8>) -> Completion {
        Completion { agent_id: AgentId(agent.into()), course_id: CourseId(course.into()), completed_on: day(on), score }
    }

    /// The state (and date) of agent `a`'s cell in column `c`.
    fn at(m: &Matrix, a: &str, c: &str) -> Option<(ComplianceState, Option<String>)> {
        let row = m.rows.iter().find(|r| r.agent_id.as_str() == a).expect("row");
        let col = m.courses.iter().position(|k| k.id.as_str() == c).expect("column");
        row.cells[col].as_ref().map(|cell| (cell.state, cell.by.clone()))
    }

    fn state(m: &Matrix, a: &str, c: &str) -> ComplianceState {
        at(m, a, c).expect("a required cell").0
    }

    struct Fixture {
        agents: Vec<AgentFacts>,
        courses: Vec<CourseTerms>,
        requirements: Vec<Requirement>,
        exemptions: Vec<Exemption>,
        completions: Vec<Completion>,
    }

    impl Fixture {
        /// Agents in role "agent"; one course "gdpr" valid 12 months, pass mark 80,
        /// required with 30 grace days.
        fn new(agents: Vec<AgentFacts>) -> Fixture {
            Fixture {
                agents,
                courses: vec![course("gdpr", Some(12), Some(80))],
                requirements: vec![req("agent", "gdpr", RequirementLevel::Required, 30)],
                exemptions: vec![],
                completions: vec![],
            }
        }

        fn on(&self, today: &str) -> Matrix {
            matrix(
                Inputs {
                    agents: &self.agents,
                    courses: &self.courses,
                    requirements: &self.requirements,
                    exemptions: &self.exemptions,
                    completions: &self.completions,
                },
                day(today),
            )
        }
    }

    #[test]
    fn a_passed_completion_is_compliant_until_thirty_days_before_expiry_then_expiring_then_expired() {
        let mut f = Fixture::new(vec![agent("ann", "agent", Some("2020-01-01"), None)]);
        f.completions.push(done("ann", "gdpr", "2026-03-15", Some(90)));
        let expiry = Some("2027-03-15".to_owned());
        assert_eq!(at(&f.on("2027-02-12"), "ann", "gdpr"), Some((ComplianceState::Compliant, expiry.clone())));
        assert_eq!(at(&f.on("2027-02-13"), "ann", "gdpr"), Some((ComplianceState::Expiring, expiry.clone())));
        assert_eq!(at(&f.on("2027-03-14"), "ann", "gdpr"), Some((ComplianceState::Expiring, expiry.clone())));
        assert_eq!(at(&f.on("2027-03-15"), "ann", "gdpr"), Some((ComplianceState::Expired, expiry)));
    }

    #[test]
    fn a_new_hire_is_due_until_the_last_grace_day_then_missing() {
        let f = Fixture::new(vec![agent("bo", "agent", Some("2026-11-01"), None)]);
        let due = Some("2026-12-01".to_owned());
        assert_eq!(at(&f.on("2026-11-01"), "bo", "gdpr"), Some((ComplianceState::Due, due.clone())));
        assert_eq!(at(&f.on("2026-12-01"), "bo", "gdpr"), Some((ComplianceState::Due, due.clone())));
        assert_eq!(at(&f.on("2026-12-02"), "bo", "gdpr"), Some((ComplianceState::Missing, due)));
    }

    #[test]
    fn without_grace_days_or_a_hire_date_a_missing_course_is_missing_at_once() {
        let mut f = Fixture::new(vec![agent("cy", "agent", Some("2026-11-01"), None), agent("di", "agent", None, None)]);
        f.requirements[0].grace_days = 0;
        let m = f.on("2026-11-02");
        assert_eq!(at(&m, "cy", "gdpr"), Some((ComplianceState::Missing, Some("2026-11-01".into()))));
        assert_eq!(at(&m, "di", "gdpr"), Some((ComplianceState::Missing, None)));
    }

    #[test]
    fn a_recertification_supersedes_the_older_record_and_a_later_fail_does_not() {
        let mut f = Fixture::new(vec![agent("ann", "agent", None, None)]);
        f.completions = vec![
            done("ann", "gdpr", "2024-01-10", Some(95)),
            done("ann", "gdpr", "2026-06-01", Some(85)),
            done("ann", "gdpr", "2026-10-01", Some(40)),
        ];
        assert_eq!(at(&f.on("2026-11-01"), "ann", "gdpr"), Some((ComplianceState::Compliant, Some("2027-06-01".into()))));
        // A fail alone is no completion: missing.
        f.completions = vec![done("ann", "gdpr", "2026-10-01", Some(40))];
        assert_eq!(state(&f.on("2026-11-01"), "ann", "gdpr"), ComplianceState::Missing);
    }

    #[test]
    fn a_course_that_never_expires_stays_compliant() {
        let mut f = Fixture::new(vec![agent("ann", "agent", None, None)]);
        f.courses[0].validity_months = None;
        f.completions.push(done("ann", "gdpr", "2010-01-01", Some(80)));
        assert_eq!(at(&f.on("2099-01-01"), "ann", "gdpr"), Some((ComplianceState::Compliant, None)));
    }

    #[test]
    fn an_exemption_wins_over_any_record_or_absence() {
        let mut f = Fixture::new(vec![agent("ann", "agent", None, None), agent("bo", "agent", None, None)]);
        f.completions.push(done("bo", "gdpr", "2020-01-01", Some(90)));
        for a in ["ann", "bo"] {
            f.exemptions.push(Exemption { agent_id: AgentId(a.into()), course_id: CourseId("gdpr".into()), reason: "x".into() });
        }
        let m = f.on("2026-11-01");
        assert_eq!(at(&m, "ann", "gdpr"), Some((ComplianceState::Exempt, None)));
        assert_eq!(state(&m, "bo", "gdpr"), ComplianceState::Exempt);
        assert!(needs(&m, 90).is_empty(), "exempt cells need nothing");
    }

    #[test]
    fn agents_who_left_are_not_in_the_matrix_from_their_leaving_day() {
        let f = Fixture::new(vec![agent("ann", "agent", None, Some("2026-11-01")), agent("bo", "agent", None, None)]);
        assert_eq!(f.on("2026-10-31").rows.len(), 2);
        let m = f.on("2026-11-01");
        assert_eq!(m.rows.iter().map(|r| r.agent_id.as_str()).collect::<Vec<_>>(), ["bo"]);
        assert_eq!(m.totals.missing, 1);
    }

    #[test]
    fn only_required_courses_of_the_agents_role_are_cells_and_columns_nobody_needs_are_left_out() {
        let mut f = Fixture::new(vec![agent("ann", "agent", None, None), agent("lee", "lead", None, None)]);
        f.courses.push(course("coaching", None, None));
        f.courses.push(course("crm", None, None));
        f.requirements.push(req("lead", "coaching", RequirementLevel::Required, 0));
        f.requirements.push(req("agent", "crm", RequirementLevel::Recommended, 0));
        let m = f.on("2026-11-01");
        assert_eq!(m.courses.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["gdpr", "coaching"]);
        assert_eq!(at(&m, "ann", "coaching"), None);
        assert_eq!(at(&m, "lee", "gdpr"), None);
        assert_eq!(state(&m, "lee", "coaching"), ComplianceState::Missing);
        // An agent who changes role is judged by the new role's requirements alone.
        f.agents[0].role_id = Some(RoleId("lead".into()));
        let m = f.on("2026-11-01");
        assert_eq!(m.courses.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["coaching"]);
    }

    #[test]
    fn counts_add_up_per_row_per_column_and_in_all() {
        let mut f = Fixture::new(vec![
            agent("ann", "agent", None, None),
            agent("bo", "agent", Some("2026-10-20"), None),
            agent("cy", "agent", None, None),
        ]);
        f.courses.push(course("crm", None, None));
        f.requirements.push(req("agent", "crm", RequirementLevel::Required, 0));
        f.completions.push(done("ann", "gdpr", "2026-10-01", Some(100)));
        f.completions.push(done("ann", "crm", "2026-10-01", None));
        f.completions.push(done("cy", "gdpr", "2025-10-01", Some(100)));
        let m = f.on("2026-11-01");
        let ann = &m.rows[0].counts;
        assert_eq!((ann.compliant, ann.missing), (2, 0));
        let bo = &m.rows[1].counts;
        assert_eq!((bo.due, bo.missing), (1, 1));
        let gdpr = &m.courses[0].counts;
        assert_eq!((gdpr.compliant, gdpr.due, gdpr.expired), (1, 1, 1));
        assert_eq!(
            m.totals,
            StateCounts { compliant: 2, expiring: 0, expired: 1, due: 1, missing: 2, exempt: 0 }
        );
    }

    #[test]
    fn needs_within_a_horizon_list_overdue_first_then_by_date() {
        let mut f = Fixture::new(vec![
            agent("ann", "agent", None, None),
            agent("bo", "agent", Some("2026-10-20"), None),
            agent("cy", "agent", None, None),
            agent("di", "agent", None, None),
        ]);
        f.completions.push(done("ann", "gdpr", "2026-01-20", Some(90))); // expires 2027-01-20
        f.completions.push(done("cy", "gdpr", "2025-10-01", Some(90))); // expired 2026-10-01
        f.completions.push(done("di", "gdpr", "2026-10-01", Some(90))); // expires 2027-10-01
        let m = f.on("2026-11-01");
        let who = |n: Vec<Need>| n.into_iter().map(|n| (n.agent_id.0, n.state)).collect::<Vec<_>>();
        assert_eq!(
            who(needs(&m, 30)),
            [("cy".to_owned(), ComplianceState::Expired), ("bo".to_owned(), ComplianceState::Due)]
        );
        // 2027-01-20 is 80 days away: within 90, not 60; still compliant today.
        assert_eq!(who(needs(&m, 60)).len(), 2);
        assert_eq!(
            who(needs(&m, 90)),
            [
                ("cy".to_owned(), ComplianceState::Expired),
                ("bo".to_owned(), ComplianceState::Due),
                ("ann".to_owned(), ComplianceState::Compliant)
            ]
        );
    }
}
