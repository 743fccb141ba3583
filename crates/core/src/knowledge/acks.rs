//! Read and acknowledge: publishing an article can ask roles to read it, and agents'
//! acknowledgements are recorded — entered by the supervisor for one agent, or for many at
//! once after a briefing.
//!
//! Both are append-only events (`article_read_requests`, `article_acks`) whose ids are
//! made from (version, role) and (version, agent): asking twice, or entering the same
//! briefing on two devices, writes one row, and two devices' entries merge by union.
//! Nothing about who is outstanding is stored: [`standing`] derives it on every device
//! from the requests, the acknowledgements and the roster as it is today, so it is right
//! again the moment an acknowledgement, a new version or a role change arrives by sync.
//!
//! The rule: an agent is asked to read an article when their role was asked for some
//! published version of it; what they must have acknowledged is the latest version their
//! role was asked for. An acknowledgement of that version or of a later one settles it; a
//! newer request for their role (a changed SOP published again) asks again. Agents who have
//! left are not asked, and an agent whose role changes is judged by their new role.
//! Archived articles ask no one.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles::{self, ArticleStatus};
use super::versions;
use crate::ids::{AgentId, ArticleId, ArticleVersionId, RoleId, TeamId};
use crate::input::{check_count, check_day_window, check_id, parse_day};
use crate::people::{RosterQuery, roles, roster};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Most agents one bulk acknowledgement records (a large briefing).
pub const MAX_AGENTS: usize = 500;
/// How far back an acknowledgement may be dated, in days (a year).
pub const ACK_DAYS_BACK: u32 = 366;

/// A role asked to read an article, for the article page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReadRequest {
    /// The role.
    pub role_id: RoleId,
    /// The latest version it was asked to read.
    pub version_id: ArticleVersionId,
    /// That version's number (1 for the first publication).
    pub version_number: u32,
    /// When it was asked (RFC 3339).
    pub at: String,
}

/// An agent who has still to acknowledge an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OutstandingAck {
    /// The article.
    pub article_id: ArticleId,
    /// Its title.
    pub article_title: String,
    /// The version to acknowledge (the latest their role was asked to read).
    pub version_id: ArticleVersionId,
    /// Its number.
    pub version_number: u32,
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub agent_name: String,
    /// Their role.
    pub role_id: RoleId,
    /// When their role was asked (RFC 3339).
    pub asked_at: String,
}

/// An agent whose acknowledgement is up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AckEntry {
    /// The agent.
    pub agent_id: AgentId,
    /// Their name.
    pub agent_name: String,
    /// The latest version they acknowledged.
    pub version_number: u32,
    /// The day they did (YYYY-MM-DD).
    pub acked_on: String,
}

/// Where an article's read requests stand: the article page's panel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReadStatus {
    /// The latest publication, which asking and acknowledging refer to; `None` when the
    /// article was never published.
    pub latest_version_id: Option<ArticleVersionId>,
    /// Its number (0 without one).
    pub latest_number: u32,
    /// The roles asked, each with the latest version it was asked to read, by role.
    pub requests: Vec<ReadRequest>,
    /// Agents asked who have not acknowledged, by name.
    pub outstanding: Vec<OutstandingAck>,
    /// Agents asked whose acknowledgement is up to date, by name.
    pub acknowledged: Vec<AckEntry>,
}

/// An agent as the rule needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentFacts {
    /// Id.
    pub id: AgentId,
    /// Name.
    pub name: String,
    /// Role today; `None`: never asked.
    pub role_id: Option<RoleId>,
    /// The day they left; from that day on they are not asked.
    pub left_on: Option<NaiveDate>,
}

/// A request, as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFact {
    /// The version asked about.
    pub version_id: ArticleVersionId,
    /// The role asked.
    pub role_id: RoleId,
    /// When (RFC 3339).
    pub at: String,
}

/// An acknowledgement, as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AckFact {
    /// The version acknowledged.
    pub version_id: ArticleVersionId,
    /// Who.
    pub agent_id: AgentId,
    /// The day.
    pub acked_on: String,
}

/// Where one agent stands on one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Must acknowledge `version` (an index into the publications).
    Outstanding {
        /// The version to acknowledge.
        version: usize,
        /// When their role was asked.
        asked_at: String,
    },
    /// Acknowledged `version` (the latest they did, at or after the one asked) on `on`.
    Acknowledged {
        /// The version.
        version: usize,
        /// The day.
        on: String,
    },
}

/// The rule, for one article: each active agent whose role was asked, and where they
/// stand. `published` lists the article's publications in order (oldest first);
/// requests and acknowledgements of versions not in it are ignored. Agents keep the
/// order given.
pub fn standing(
    published: &[ArticleVersionId],
    requests: &[RequestFact],
    acks: &[AckFact],
    agents: &[AgentFacts],
    today: NaiveDate,
) -> Vec<(AgentId, Standing)> {
    let index: HashMap<&ArticleVersionId, usize> = published.iter().enumerate().map(|(i, v)| (v, i)).collect();
    // The latest version each role was asked to read.
    let mut asked: HashMap<&RoleId, (usize, &str)> = HashMap::new();
    for r in requests {
        let Some(&i) = index.get(&r.version_id) else {
            continue;
        };
        let e = asked.entry(&r.role_id).or_insert((i, &r.at));
        if i > e.0 || (i == e.0 && r.at.as_str() < e.1) {
            *e = (i, &r.at);
        }
    }
    // Each agent's latest acknowledged version.
    let mut acked: HashMap<&AgentId, (usize, &str)> = HashMap::new();
    for a in acks {
        let Some(&i) = index.get(&a.version_id) else {
            continue;
        };
        let e = acked.entry(&a.agent_id).or_insert((i, &a.acked_on));
        if i > e.0 || (i == e.0 && a.acked_on.as_str() > e.1) {
            *e = (i, &a.acked_on);
        }
    }
    agents
        .iter()
        .filter(|a| a.left_on.is_none_or(|left| left > today))
        .filter_map(|a| {
            let &(needed, asked_at) = asked.get(a.role_id.as_ref()?)?;
            let standing = match acked.get(&a.id) {
                Some(&(done, on)) if done >= needed => Standing::Acknowledged { version: done, on: on.to_owned() },
                _ => Standing::Outstanding { version: needed, asked_at: asked_at.to_owned() },
            };
            Some((a.id.clone(), standing))
        })
        .collect()
}

fn author(conn: &rusqlite::Connection) -> Result<String> {
    Ok(crate::sync::enrollment(conn)?.map(|e| e.user).unwrap_or_default())
}

/// The article's publications in order, oldest first.
fn publications(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<ArticleVersionId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM article_versions WHERE article_id = ?1 AND kind = 'published' AND deleted_at IS NULL
         ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([article], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest publication of a published (not archived) article; `ArticleNotPublished` on
/// `articleId` otherwise, `NotFound` without the article.
fn latest_publication(conn: &rusqlite::Connection, article: &ArticleId) -> Result<ArticleVersionId> {
    let a = articles::get(conn, article)?;
    let latest = publications(conn, article)?.pop();
    match latest {
        Some(v) if a.status == ArticleStatus::Published => Ok(v),
        _ => Err(Error::invalid("articleId", ValidationRule::ArticleNotPublished)),
    }
}

/// Asks `roles` to read the article's latest publication; with `publish`, publishes the
/// article as it is first (in the same transaction), so a changed SOP is published and
/// asked for at once. Returns the version asked about. Asking a role again for the same
/// version writes nothing. Errors (nothing written): `NotFound`; an article that is not
/// published (`ArticleNotPublished` on `articleId`, without `publish`), or one whose body
/// is empty (with it); no roles (`Required` on `roleIds`), too many, or an unknown or
/// retired role (`InvalidValue` on `roleIds`).
pub fn ask(tx: &mut WriteTx<'_>, article: &ArticleId, roles: &[RoleId], publish: bool) -> Result<ArticleVersionId> {
    check_id("articleId", article.as_str())?;
    let wanted: BTreeSet<&RoleId> = roles.iter().collect();
    if wanted.is_empty() {
        return Err(Error::invalid("roleIds", ValidationRule::Required));
    }
    check_count("roleIds", wanted.len(), roles::MAX_ROLES)?;
    let live = roles::list(tx.conn())?;
    for r in &wanted {
        check_id("roleIds", r.as_str())?;
        if !live.iter().any(|l| &l.id == *r && !l.retired) {
            return Err(Error::invalid("roleIds", ValidationRule::InvalidValue));
        }
    }
    if publish {
        versions::publish(tx, article)?;
    }
    let version = latest_publication(tx.conn(), article)?;
    let author = author(tx.conn())?;
    for role in wanted {
        let id = crate::ids::member_id(version.as_str(), &format!("role:{role}"));
        if known(tx.conn(), "article_read_requests", &id)? {
            continue;
        }
        tx.insert(
            Table::ArticleReadRequests,
            &id,
            &[
                ("article_id", Value::Text(article.to_string())),
                ("version_id", Value::Text(version.to_string())),
                ("role_id", Value::Text(role.to_string())),
                ("author", Value::Text(author.clone())),
            ],
        )?;
    }
    Ok(version)
}

fn known(conn: &rusqlite::Connection, table: &'static str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Records that `agents` read the article's latest publication on `acked_on`
/// (YYYY-MM-DD): one agent, or everyone at a briefing. Returns how many acknowledgements
/// were new (one already recorded for that version and agent stays as it was). Errors
/// (nothing written): `NotFound` (the article or an agent); an article not published
/// (`ArticleNotPublished` on `articleId`); no agents (`Required` on `agentIds`) or more
/// than [`MAX_AGENTS`]; a malformed day (`InvalidValue` on `ackedOn`), one after today or
/// more than [`ACK_DAYS_BACK`] days before it.
pub fn acknowledge(tx: &mut WriteTx<'_>, article: &ArticleId, agents: &[AgentId], acked_on: &str) -> Result<u32> {
    check_id("articleId", article.as_str())?;
    let wanted: BTreeSet<&AgentId> = agents.iter().collect();
    if wanted.is_empty() {
        return Err(Error::invalid("agentIds", ValidationRule::Required));
    }
    check_count("agentIds", wanted.len(), MAX_AGENTS)?;
    let day = parse_day(acked_on, "ackedOn")?;
    check_day_window(day, crate::settings::today(tx.conn(), tx.now())?, "ackedOn", ACK_DAYS_BACK, 0)?;
    for a in &wanted {
        check_id("agentIds", a.as_str())?;
        roster::get(tx.conn(), a)?;
    }
    let version = latest_publication(tx.conn(), article)?;
    let author = author(tx.conn())?;
    let mut added = 0;
    for agent in wanted {
        let id = crate::ids::member_id(version.as_str(), &format!("agent:{agent}"));
        if known(tx.conn(), "article_acks", &id)? {
            continue;
        }
        tx.insert(
            Table::ArticleAcks,
            &id,
            &[
                ("article_id", Value::Text(article.to_string())),
                ("version_id", Value::Text(version.to_string())),
                ("agent_id", Value::Text(agent.to_string())),
                ("acked_on", Value::Text(day.to_string())),
                ("author", Value::Text(author.clone())),
            ],
        )?;
        added += 1;
    }
    Ok(added)
}

fn agent_facts(conn: &rusqlite::Connection, team: Option<&TeamId>) -> Result<Vec<(AgentFacts, String)>> {
    let day = |s: Option<&str>| s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    Ok(roster::roster(conn, &RosterQuery { team_id: team.cloned(), role_id: None, activity: None })?
        .into_iter()
        .map(|a| {
            let left_on = day(a.left_on.as_deref());
            (AgentFacts { id: a.id, name: a.name.clone(), role_id: a.role_id, left_on }, a.name)
        })
        .collect())
}

fn requests_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<RequestFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version_id, role_id, created_at FROM article_read_requests WHERE article_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows =
        stmt.query_map([article], |r| Ok(RequestFact { version_id: r.get(0)?, role_id: r.get(1)?, at: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn acks_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<AckFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version_id, agent_id, acked_on FROM article_acks WHERE article_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows =
        stmt.query_map([article], |r| Ok(AckFact { version_id: r.get(0)?, agent_id: r.get(1)?, acked_on: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Where the article's read requests stand on `today`. `NotFound` without the article.
pub fn status(conn: &rusqlite::Connection, article: &ArticleId, today: NaiveDate) -> Result<ReadStatus> {
    let a = articles::get(conn, article)?;
    let published = publications(conn, article)?;
    let requests = requests_of(conn, article)?;
    let mut latest: HashMap<RoleId, (usize, String)> = HashMap::new();
    let index: HashMap<&ArticleVersionId, usize> = published.iter().enumerate().map(|(i, v)| (v, i)).collect();
    for r in &requests {
        let Some(&i) = index.get(&r.version_id) else {
            continue;
        };
        let e = latest.entry(r.role_id.clone()).or_insert((i, r.at.clone()));
        if i > e.0 {
            *e = (i, r.at.clone());
        }
    }
    let mut out = ReadStatus {
        latest_version_id: published.last().cloned(),
        latest_number: published.len() as u32,
        requests: latest
            .into_iter()
            .map(|(role_id, (i, at))| ReadRequest {
                role_id,
                version_id: published[i].clone(),
                version_number: i as u32 + 1,
                at,
            })
            .collect(),
        ..ReadStatus::default()
    };
    out.requests.sort_by(|x, y| x.role_id.cmp(&y.role_id));
    if a.status == ArticleStatus::Archived {
        return Ok(out);
    }
    let agents = agent_facts(conn, None)?;
    let facts: Vec<AgentFacts> = agents.iter().map(|(a, _)| a.clone()).collect();
    let names: HashMap<&AgentId, (&str, Option<&RoleId>)> =
        agents.iter().map(|(a, n)| (&a.id, (n.as_str(), a.role_id.as_ref()))).collect();
    for (agent, s) in standing(&published, &requests, &acks_of(conn, article)?, &facts, today) {
        let (name, role) = names[&agent];
        match s {
            Standing::Outstanding { version, asked_at } => out.outstanding.push(OutstandingAck {
                article_id: article.clone(),
                article_title: a.fields.title.clone(),
                version_id: published[version].clone(),
                version_number: version as u32 + 1,
                agent_name: name.to_owned(),
                agent_id: agent,
                role_id: role.map_or_else(|| RoleId(String::new()), Clone::clone),
                asked_at,
            }),
            Standing::Acknowledged { version, on } => out.acknowledged.push(AckEntry {
                agent_name: name.to_owned(),
                agent_id: agent,
                version_number: version as u32 + 1,
                acked_on: on,
            }),
        }
    }
    Ok(out)
}

/// Every outstanding acknowledgement of a team's agents (`None`: everyone) on `today`, over
/// the published articles that asked anyone, by article title then agent name: the
/// compliance view's list. Errors: a malformed team id.
pub fn outstanding(
    conn: &rusqlite::Connection,
    team: Option<&TeamId>,
    today: NaiveDate,
) -> Result<Vec<OutstandingAck>> {
    if let Some(t) = team {
        check_id("teamId", t.as_str())?;
    }
    let asked: Vec<(ArticleId, String)> = conn
        .prepare_cached(
            "SELECT a.id, a.title FROM articles a WHERE a.deleted_at IS NULL AND a.status = 'published'
             AND EXISTS (SELECT 1 FROM article_read_requests r WHERE r.article_id = a.id AND r.deleted_at IS NULL)
             ORDER BY a.title COLLATE NOCASE, a.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let agents = agent_facts(conn, team)?;
    let facts: Vec<AgentFacts> = agents.iter().map(|(a, _)| a.clone()).collect();
    let names: HashMap<&AgentId, (&str, Option<&RoleId>)> =
        agents.iter().map(|(a, n)| (&a.id, (n.as_str(), a.role_id.as_ref()))).collect();
    let mut out = Vec::new();
    for (article, title) in asked {
        let published = publications(conn, &article)?;
        let requests = requests_of(conn, &article)?;
        for (agent, s) in standing(&published, &requests, &acks_of(conn, &article)?, &facts, today) {
            if let Standing::Outstanding { version, asked_at } = s {
                let (name, role) = names[&agent];
                out.push(OutstandingAck {
                    article_id: article.clone(),
                    article_title: title.clone(),
                    version_id: published[version].clone(),
                    version_number: version as u32 + 1,
                    agent_name: name.to_owned(),
                    agent_id: agent,
                    role_id: role.map_or_else(|| RoleId(String::new()), Clone::clone),
                    asked_at,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(n: u32) -> ArticleVersionId {
        ArticleVersionId(format!("v{n}"))
    }
    fn agent(id: &str, role: Option<&str>, left: Option<&str>) -> AgentFacts {
        AgentFacts {
            id: AgentId(id.into()),
            name: id.into(),
            role_id: role.map(|r| RoleId(r.into())),
            left_on: left.map(|d| d.parse().unwrap()),
        }
    }
    fn req(version: u32, role: &str) -> RequestFact {
        RequestFact {
            version_id: v(version),
            role_id: RoleId(role.into()),
            at: format!("2026-03-0{version}T09:00:00Z"),
        }
    }
    fn ack(version: u32, who: &str) -> AckFact {
        AckFact { version_id: v(version), agent_id: AgentId(who.into()), acked_on: format!("2026-03-0{version}") }
    }
    fn today() -> NaiveDate {
        "2026-03-10".parse().unwrap()
    }
    fn outstanding_of(s: &[(AgentId, Standing)]) -> Vec<(&str, usize)> {
        s.iter()
            .filter_map(|(a, s)| match s {
                Standing::Outstanding { version, .. } => Some((a.as_str(), *version)),
                Standing::Acknowledged { .. } => None,
            })
            .collect()
    }

    #[test]
    fn only_agents_of_asked_roles_are_asked_and_an_ack_settles_it() {
        let agents = [agent("ann", Some("agent"), None), agent("bo", Some("qa"), None), agent("cy", None, None)];
        let s = standing(&[v(1)], &[req(1, "agent")], &[], &agents, today());
        assert_eq!(outstanding_of(&s), [("ann", 0)]);
        let s = standing(&[v(1)], &[req(1, "agent")], &[ack(1, "ann")], &agents, today());
        assert_eq!(s, [(AgentId("ann".into()), Standing::Acknowledged { version: 0, on: "2026-03-01".into() })]);
    }

    #[test]
    fn a_new_requested_version_needs_a_new_ack_but_an_unrequested_one_does_not() {
        let agents = [agent("ann", Some("agent"), None)];
        let published = [v(1), v(2), v(3)];
        // v2 published without asking: the ack of v1 still stands.
        let s = standing(&published[..2], &[req(1, "agent")], &[ack(1, "ann")], &agents, today());
        assert!(outstanding_of(&s).is_empty());
        // v3 asked again: the ack of v1 no longer does.
        let s = standing(&published, &[req(1, "agent"), req(3, "agent")], &[ack(1, "ann")], &agents, today());
        assert_eq!(outstanding_of(&s), [("ann", 2)]);
        // An ack of a version after the one asked settles it too.
        let s = standing(&published, &[req(2, "agent")], &[ack(3, "ann")], &agents, today());
        assert!(outstanding_of(&s).is_empty());
        // Requests or acks of versions that are not publications are ignored.
        let s = standing(&published[..1], &[req(1, "agent")], &[ack(9, "ann")], &agents, today());
        assert_eq!(outstanding_of(&s), [("ann", 0)]);
    }

    #[test]
    fn agents_who_left_are_not_asked_from_the_day_they_left() {
        let agents = [
            agent("ann", Some("agent"), Some("2026-03-10")),
            agent("bo", Some("agent"), Some("2026-03-11")),
            agent("cy", Some("agent"), Some("2026-03-01")),
        ];
        let s = standing(&[v(1)], &[req(1, "agent")], &[], &agents, today());
        assert_eq!(outstanding_of(&s), [("bo", 0)]);
    }

    #[test]
    fn a_role_change_moves_the_agent_in_or_out_of_the_request() {
        let requests = [req(1, "agent"), req(2, "qa")];
        let published = [v(1), v(2)];
        // As an agent, they owe v1 (the latest asked of agents).
        let s = standing(&published, &requests, &[], &[agent("ann", Some("agent"), None)], today());
        assert_eq!(outstanding_of(&s), [("ann", 0)]);
        // Promoted to QA, they owe v2, and their ack of v1 no longer covers it.
        let s = standing(&published, &requests, &[ack(1, "ann")], &[agent("ann", Some("qa"), None)], today());
        assert_eq!(outstanding_of(&s), [("ann", 1)]);
        // Moved to a role never asked, they owe nothing.
        let s = standing(&published, &requests, &[], &[agent("ann", Some("team_lead"), None)], today());
        assert!(s.is_empty());
    }
}
