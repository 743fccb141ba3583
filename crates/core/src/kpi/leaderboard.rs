//! Agent and team leaderboards: the tiles' KPIs per agent or per team for one period.
//!
//! Each row is a [`measures::Tally`] of that agent's (or team's) cases, so a row and the
//! dashboard filtered on that agent show the same numbers; every value carries its case
//! count, so a 100% over two cases is not read as a trend.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::filter::{self, KpiDrills, KpiFilter};
use super::measures::{self, CaseRecord, as_of};
use super::period::{Period, PeriodRequest, Span};
use super::values::Kpis;
use crate::Result;
use crate::ids::{AgentId, TeamId};

crate::text_enum::text_enum! {
    /// Who the rows are.
    pub enum LeaderboardBy {
        /// One row per agent (the cases' assignee).
        Agent = "agent",
        /// One row per team.
        Team = "team",
    }
}

/// What a leaderboard asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeaderboardRequest {
    /// The period.
    pub period: PeriodRequest,
    /// Which cases count.
    pub filter: KpiFilter,
    /// Agents or teams.
    pub by: LeaderboardBy,
}

/// One agent's or team's KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeaderboardRow {
    /// The agent's or team's id; `None` for the cases without one (unassigned, no team).
    pub id: Option<String>,
    /// Its name; `None` with `id`.
    pub name: Option<String>,
    /// Its KPIs in the period.
    pub kpis: Kpis,
    /// The case lists behind its numbers; `None` for the row without an agent or team,
    /// which no case-list filter selects.
    pub drills: Option<KpiDrills>,
}

/// The leaderboard of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Leaderboard {
    /// The time zone the period's days are counted in.
    pub time_zone: String,
    /// The period.
    pub period: Period,
    /// Agents or teams.
    pub by: LeaderboardBy,
    /// One row per agent or team with cases in the period (created, resolved or open at
    /// its end), by name; the row without one last.
    pub rows: Vec<LeaderboardRow>,
}

/// The KPIs of each agent or team, counted a case at a time (as [`measures::Tally`]).
pub(crate) struct Groups {
    by: LeaderboardBy,
    span: Span,
    now: DateTime<Utc>,
    tallies: BTreeMap<Option<String>, measures::Tally>,
}

impl Groups {
    /// No case counted yet, grouped `by` agent or team, for `span` as of `now`.
    pub(crate) fn new(by: LeaderboardBy, span: &Span, now: DateTime<Utc>) -> Self {
        Groups { by, span: *span, now, tallies: BTreeMap::new() }
    }

    /// Counts `r` for its agent or team.
    pub(crate) fn add(&mut self, r: &CaseRecord) {
        let key = match self.by {
            LeaderboardBy::Agent => r.assignee.as_ref().map(ToString::to_string),
            LeaderboardBy::Team => r.team.as_ref().map(ToString::to_string),
        };
        self.tallies.entry(key).or_insert_with(|| measures::Tally::new(&self.span, self.now)).add(r);
    }

    /// The rows, `names` mapping ids to names; each row's drill-downs narrow `base`.
    pub(crate) fn rows(self, names: &BTreeMap<String, String>, base: &KpiFilter) -> Vec<LeaderboardRow> {
        let (by, span) = (self.by, self.span);
        let as_of = as_of(&span, self.now);
        let mut rows: Vec<LeaderboardRow> = self
            .tallies
            .into_iter()
            .map(|(id, tally)| {
                let kpis = tally.done();
                let drills = id.as_ref().map(|id| {
                    let narrowed = match by {
                        LeaderboardBy::Agent => KpiFilter { assignees: vec![AgentId(id.clone())], ..base.clone() },
                        LeaderboardBy::Team => KpiFilter { teams: vec![TeamId(id.clone())], ..base.clone() },
                    };
                    filter::drills(&narrowed, &span, as_of)
                });
                LeaderboardRow { name: id.as_ref().and_then(|id| names.get(id).cloned()), id, kpis, drills }
            })
            .filter(|row| row.kpis.created > 0 || row.kpis.resolved > 0 || row.kpis.backlog.total > 0)
            .collect();
        // By name (case-insensitively), the row without an agent or team last.
        rows.sort_by_key(|row| (row.id.is_none(), row.name.as_deref().map(str::to_lowercase), row.id.clone()));
        rows
    }
}

/// Ids to names of the agents or teams.
pub(crate) fn names(conn: &rusqlite::Connection, by: LeaderboardBy) -> Result<BTreeMap<String, String>> {
    Ok(match by {
        LeaderboardBy::Agent => crate::people::agents(conn)?.into_iter().map(|a| (a.id.to_string(), a.name)).collect(),
        LeaderboardBy::Team => crate::people::teams(conn)?.into_iter().map(|t| (t.id.to_string(), t.name)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::measures::tests::{record, resolved, utc, week};

    fn rows(
        records: &[CaseRecord],
        by: LeaderboardBy,
        names: &BTreeMap<String, String>,
        base: &KpiFilter,
        span: &Span,
        now: DateTime<Utc>,
    ) -> Vec<LeaderboardRow> {
        let mut groups = Groups::new(by, span, now);
        records.iter().for_each(|r| groups.add(r));
        groups.rows(names, base)
    }

    #[test]
    fn each_agent_gets_the_kpis_of_their_own_cases_with_the_counts() {
        let ann = AgentId("agent-ann".into());
        let bo = AgentId("agent-bo".into());
        let by = |who: Option<&AgentId>, r: CaseRecord| CaseRecord { assignee: who.cloned().map(Into::into), ..r };
        let records = [
            by(Some(&ann), CaseRecord { csat: Some(5), ..resolved("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z") }),
            by(Some(&ann), CaseRecord { csat: Some(2), ..resolved("2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z") }),
            by(Some(&bo), CaseRecord { csat: Some(4), ..resolved("2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z") }),
            by(None, record("2026-03-05T09:00:00Z")),
            // Cy's only case was closed before the period: Cy has no row.
            by(Some(&AgentId("agent-cy".into())), resolved("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z")),
        ];
        let names = BTreeMap::from([
            ("agent-ann".to_string(), "Ann".to_string()),
            ("agent-bo".to_string(), "bo".to_string()),
            ("agent-cy".to_string(), "Cy".to_string()),
        ]);
        let rows =
            rows(&records, LeaderboardBy::Agent, &names, &KpiFilter::default(), &week(), utc("2026-03-20T00:00:00Z"));
        let who: Vec<Option<&str>> = rows.iter().map(|r| r.name.as_deref()).collect();
        assert_eq!(
            who,
            [Some("Ann"), Some("bo"), None],
            "by name whatever the case, unassigned last, idle agents left out"
        );
        assert_eq!((rows[0].kpis.resolved, rows[0].kpis.csat.hits, rows[0].kpis.csat.cases), (2, 1, 2));
        assert_eq!(rows[0].kpis.csat.percent, Some(50.0));
        assert_eq!(rows[1].kpis.csat.percent, Some(100.0));
        assert_eq!(rows[2].kpis.backlog.total, 1);
        let drill = rows[0].drills.as_ref().unwrap();
        assert_eq!(drill.resolved.assignees, [ann]);
        assert!(drill.resolved.resolved_from.is_some());
        assert!(rows[2].drills.is_none(), "no list selects the unassigned cases of a period");
    }

    #[test]
    fn teams_group_by_the_cases_team() {
        let north = TeamId("team-north".into());
        let records = [
            CaseRecord { team: Some(north.clone().into()), ..record("2026-03-02T09:00:00Z") },
            CaseRecord { team: Some(north.clone().into()), ..record("2026-03-03T09:00:00Z") },
        ];
        let names = BTreeMap::from([("team-north".to_string(), "North".to_string())]);
        let rows =
            rows(&records, LeaderboardBy::Team, &names, &KpiFilter::default(), &week(), utc("2026-03-20T00:00:00Z"));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].kpis.created, 2);
        assert_eq!(rows[0].drills.as_ref().unwrap().created.teams, [north]);
    }
}
