//! Each case's KPI facts: everything the measures need of a case, worked out when the
//! case, its timeline or an SLA input changes, so a dashboard reads one small row per case
//! instead of every timeline and every SLA.
//!
//! **What is kept** (table `case_kpi_facts`, one row per live case): the case row's own
//! facts (priority, channel, category, status, resolution, call-back, satisfaction, handle
//! time, assignee, team, root cause, and its customer's tier: all the dashboard's filter
//! reads); what its timeline adds (the status changes, agent responses, whether it was
//! ever reopened); and its SLA as far as the timeline has settled it — the business time
//! to the first response, the resolution time worked (pending-customer time excluded),
//! and whether a resolved case met both targets.
//!
//! **What is not**: anything that depends on when the dashboard is asked. A case still
//! worked on keeps the resolution time worked up to the latest start of its clock and that
//! instant; the time since is added as the dashboard is read ([`Facts::record`]). The
//! backlog's ages and the call-backs' lateness come from the kept times and the period.
//!
//! **Settled.** The facts are the SLA rule's answer for any instant at or after the latest
//! SLA input of the case (creation, first response, status changes): after it, only the
//! running clock moves. A dashboard asked for an earlier instant (a timeline event dated
//! ahead of this computer's clock, from a device whose clock runs fast) works that case
//! out from its timeline instead, so the answer is always the rule's ([`super::source`]).
//!
//! **Derived and local.** Facts are refreshed in the one place derived data is
//! (`derivations.rs`): the cases a local action touched ([`crate::store::WriteTx::note_stale`],
//! once per transaction), the cases a sync batch touched, the cases of a customer whose
//! tier or a team whose calendar changed, and every case after a change to policies,
//! calendars, holidays or working hours. Not a table of the write path: never versioned,
//! never in the outbox, never synced; each device derives its own. Names (categories, root
//! causes, agent and team ids) are kept once each in `kpi_names` and referred to by number.

mod codec;

pub(crate) use codec::Dates;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::measures::CaseRecord;
use crate::cases::facts::History;
use crate::cases::workflow::{clock_mode, is_active};
use crate::cases::{CaseChannel, CaseStatus, EventData, Priority, SlaKey, SlaSetup, parse_time};
use crate::customers::Tier;
use crate::ids::{AgentId, CaseId, TeamId};
use crate::sla::{self, ClockChange, SlaState, TargetStatus};
use crate::store::get_meta;
use crate::{Error, Result};

/// Ids or rowids per statement.
const CHUNK: usize = 500;

/// `meta` key a migration sets to have every case's facts worked out ([`fill_if_asked`]).
pub(crate) const REFILL: &str = "kpi_facts_refill";

/// The KPI facts of one case, its names as text (`N = String`) or as `kpi_names` ids.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts<N = String> {
    pub created_at: DateTime<Utc>,
    pub priority: Priority,
    pub channel: CaseChannel,
    /// The status now.
    pub status: CaseStatus,
    pub category: N,
    /// The root cause on the row, if not blank (counted only while resolved).
    pub root_cause: Option<N>,
    pub assignee: Option<N>,
    pub team: Option<N>,
    /// The customer's tier, for the dashboard's filter (a case without a customer is
    /// standard).
    pub tier: Tier,
    /// The latest resolution on the row (whatever the status now).
    pub resolved_at: Option<DateTime<Utc>>,
    pub handle_seconds: u64,
    pub csat: Option<u8>,
    pub nps: Option<u8>,
    pub callback_due_at: Option<DateTime<Utc>>,
    pub callback_done_at: Option<DateTime<Utc>>,
    /// Contacts that were agent responses.
    pub responses: u32,
    /// Ever moved from resolved or closed back to work.
    pub reopened: bool,
    /// Status changes in timeline order: when, and to what.
    pub changes: Vec<(DateTime<Utc>, CaseStatus)>,
    /// Business time to the first response, once answered.
    pub first_response: Option<Duration>,
    /// Resolution time worked: all of it, or, while the clock runs, up to its start.
    pub resolution: Duration,
    /// When the running resolution clock started, and whether it counts business hours
    /// (in the team's calendar) or calendar hours.
    pub running: Option<(DateTime<Utc>, bool)>,
    /// Both SLA targets met, as far as decided (counted only while resolved).
    pub sla_met: Option<bool>,
    /// The facts hold for any instant from this one on.
    pub settled: DateTime<Utc>,
}

impl<N> Facts<N> {
    /// Every time kept (for the codec).
    fn times(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        [Some(self.created_at), self.resolved_at, self.callback_due_at, self.callback_done_at, Some(self.settled)]
            .into_iter()
            .flatten()
            .chain(self.running.map(|(since, _)| since))
            .chain(self.changes.iter().map(|(at, _)| *at))
    }

    /// Every duration kept (for the codec).
    fn durations(&self) -> impl Iterator<Item = Duration> + '_ {
        self.first_response.into_iter().chain([self.resolution])
    }

    fn map_names<M>(self, mut f: impl FnMut(N) -> Result<M>) -> Result<Facts<M>> {
        Ok(Facts {
            category: f(self.category)?,
            root_cause: self.root_cause.map(&mut f).transpose()?,
            assignee: self.assignee.map(&mut f).transpose()?,
            team: self.team.map(&mut f).transpose()?,
            tier: self.tier,
            created_at: self.created_at,
            priority: self.priority,
            channel: self.channel,
            status: self.status,
            resolved_at: self.resolved_at,
            handle_seconds: self.handle_seconds,
            csat: self.csat,
            nps: self.nps,
            callback_due_at: self.callback_due_at,
            callback_done_at: self.callback_done_at,
            responses: self.responses,
            reopened: self.reopened,
            changes: self.changes,
            first_response: self.first_response,
            resolution: self.resolution,
            running: self.running,
            sla_met: self.sla_met,
            settled: self.settled,
        })
    }

    /// The case as the measures see it as of `now` (at or after [`Facts::settled`]), its
    /// names given by `names`.
    pub(crate) fn record(
        self,
        conn: &rusqlite::Connection,
        setup: &SlaSetup,
        now: DateTime<Utc>,
        names: &mut impl Names<N>,
    ) -> Result<CaseRecord> {
        let team = self.team.map(|t| names.team(t)).transpose()?;
        let resolution = match self.running {
            Some((since, business_hours)) => {
                self.resolution + setup.clock_time_between(conn, business_hours, team.as_deref(), since, now)?
            }
            None => self.resolution,
        };
        let resolved_at = self.resolved_at.filter(|_| !is_active(self.status));
        Ok(CaseRecord {
            created_at: self.created_at,
            priority: self.priority,
            first_response: self.first_response,
            resolved_at,
            resolution,
            sla_met: resolved_at.and(self.sla_met),
            responses: self.responses,
            reopened: self.reopened,
            handle_seconds: self.handle_seconds,
            csat: self.csat,
            nps: self.nps,
            callback_due_at: self.callback_due_at,
            callback_done_at: self.callback_done_at,
            // The same layout: collected in place, without a new allocation.
            activity: self.changes.into_iter().map(|(at, to)| (at, is_active(to))).collect(),
            channel: self.channel,
            category: names.text(self.category)?,
            root_cause: self.root_cause.filter(|_| resolved_at.is_some()).map(|c| names.text(c)).transpose()?,
            assignee: self.assignee.map(|a| names.agent(a)).transpose()?,
            team,
        })
    }

    /// The latest instant a period must reach for the case to count in it: its creation,
    /// resolution or call-back, whichever is latest; `None` while it is worked on or
    /// awaits its call-back (any later period's backlog or call-backs may count it).
    fn relevant_until(&self) -> Option<DateTime<Utc>> {
        if is_active(self.status) || (self.callback_due_at.is_some() && self.callback_done_at.is_none()) {
            return None;
        }
        [self.resolved_at, self.callback_due_at, self.callback_done_at].into_iter().flatten().chain([self.created_at]).max()
    }
}

/// A case row as read for its facts.
struct Row {
    rowid: i64,
    id: CaseId,
    deleted: bool,
    created_at: Option<DateTime<Utc>>,
    priority: Option<Priority>,
    status: Option<CaseStatus>,
    channel: Option<CaseChannel>,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    handle_seconds: u64,
    csat: Option<u8>,
    nps: Option<u8>,
    callback_due_at: Option<DateTime<Utc>>,
    callback_done_at: Option<DateTime<Utc>>,
    /// The customer's tier; `Err` holds a tier this version cannot read.
    tier: std::result::Result<Option<Tier>, String>,
    category: String,
    team: Option<TeamId>,
    assignee: Option<String>,
    root_cause: Option<String>,
}

/// Which cases to read: by id or by rowid.
pub(super) enum Keys<'a> {
    Ids(&'a [&'a CaseId]),
    Rowids(&'a [i64]),
}

fn read_rows(conn: &rusqlite::Connection, keys: &Keys<'_>) -> Result<Vec<Row>> {
    let (column, values): (&str, Vec<Value>) = match keys {
        Keys::Ids(ids) => ("c.id", ids.iter().map(|id| Value::Text(id.to_string())).collect()),
        Keys::Rowids(rowids) => ("c.rowid", rowids.iter().map(|r| Value::Integer(*r)).collect()),
    };
    let marks = vec!["?"; values.len()].join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.rowid, c.id, c.deleted_at IS NOT NULL, c.created_at, c.priority, c.status, c.channel,
                c.first_response_at, c.resolved_at, c.handle_seconds, c.csat, c.nps, c.callback_due_at,
                c.callback_done_at, cu.tier, c.category, c.team_id, c.assignee_id, c.root_cause
         FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE {column} IN ({marks})"
    ))?;
    let time = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(parse_time))
    };
    let small = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<u8>> {
        Ok(r.get::<_, Option<i64>>(i)?.and_then(|v| u8::try_from(v).ok()))
    };
    let text = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        let tier = match text(r, 14)? {
            None => Ok(None),
            Some(t) => Tier::parse(&t).map(Some).ok_or(t),
        };
        Ok(Row {
            rowid: r.get(0)?,
            id: r.get(1)?,
            deleted: r.get(2)?,
            created_at: time(r, 3)?,
            priority: text(r, 4)?.as_deref().and_then(Priority::parse),
            status: text(r, 5)?.as_deref().and_then(CaseStatus::parse),
            channel: text(r, 6)?.as_deref().and_then(CaseChannel::parse),
            first_response_at: time(r, 7)?,
            resolved_at: time(r, 8)?,
            handle_seconds: u64::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
            csat: small(r, 10)?,
            nps: small(r, 11)?,
            callback_due_at: time(r, 12)?,
            callback_done_at: time(r, 13)?,
            tier,
            category: r.get(15)?,
            team: r.get(16)?,
            assignee: text(r, 17)?,
            root_cause: text(r, 18)?.filter(|c| !c.trim().is_empty()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The [`History`] of the timelines of `rows` (those of them not in `known`).
fn read_timelines(
    conn: &rusqlite::Connection,
    rows: &[Row],
    known: &HashMap<CaseId, History>,
) -> Result<HashMap<CaseId, History>> {
    let ids: Vec<&CaseId> = rows.iter().map(|r| &r.id).filter(|id| !known.contains_key(*id)).collect();
    let mut out: HashMap<CaseId, History> = HashMap::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(out);
    }
    let marks = vec!["?"; ids.len()].join(", ");
    // Only the kinds a history reads (`kind` is written from the data).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT case_id, at, data FROM case_events
         WHERE case_id IN ({marks}) AND kind IN ('status_changed', 'customer_contact') AND deleted_at IS NULL
         ORDER BY case_id, at, id"
    ))?;
    let events = stmt.query_map(rusqlite::params_from_iter(ids), |r| {
        Ok((r.get::<_, CaseId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    for event in events {
        let (id, at, data) = event?;
        // An event a newer version wrote in a form this one cannot read is skipped, as the
        // timeline view and the SLA skip it.
        if let Ok(data) = serde_json::from_str::<EventData>(&data) {
            out.entry(id).or_default().apply(&at, &data);
        }
    }
    Ok(out)
}

/// The facts of one case, with its SLA as of `as_of` (`None`: as far as its timeline has
/// settled it). `Err` with what cannot be read: a row this version cannot make sense of,
/// which the dashboard reports rather than miscounts.
fn compute(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    row: Row,
    t: History,
    as_of: Option<DateTime<Utc>>,
) -> Result<std::result::Result<Facts, String>> {
    let damaged = |what: &str| Ok(Err(format!("case {} has a bad {what}", row.id)));
    let Some(created_at) = row.created_at else { return damaged("created_at") };
    let (Some(priority), Some(status), Some(channel)) = (row.priority, row.status, row.channel) else {
        return damaged("priority, status or channel");
    };
    let tier = match &row.tier {
        Ok(tier) => *tier,
        Err(t) => return damaged(&format!("customer tier {t:?}")),
    };
    let clock: Vec<ClockChange> = t.changes.iter().map(|&(at, to)| ClockChange { at, mode: clock_mode(to) }).collect();
    let settled = clock.iter().map(|c| c.at).chain(row.first_response_at).chain([created_at]).max().unwrap_or(created_at);
    let now = as_of.unwrap_or(settled);
    let key = SlaKey { priority, tier, category: &row.category, team: row.team.as_ref() };
    let sla = setup.state_of(conn, &key, created_at, row.first_response_at, &clock, now)?;
    let since = sla::resolution_running_since(created_at, &clock, now);
    let resolution = match since {
        Some(since) => setup.state_of(conn, &key, created_at, row.first_response_at, &clock, since)?.resolution.elapsed,
        None => sla.resolution.elapsed,
    };
    let business_hours = setup.business_hours(&key);
    Ok(Ok(Facts {
        created_at,
        priority,
        channel,
        status,
        category: row.category,
        root_cause: row.root_cause,
        assignee: row.assignee,
        team: row.team.map(|t| t.0),
        tier: tier.unwrap_or(Tier::Standard),
        resolved_at: row.resolved_at,
        handle_seconds: row.handle_seconds,
        csat: row.csat,
        nps: row.nps,
        callback_due_at: row.callback_due_at,
        callback_done_at: row.callback_done_at,
        responses: t.responses,
        reopened: t.reopened,
        changes: t.changes,
        first_response: sla.first_response.completed_at.map(|_| sla.first_response.elapsed),
        resolution,
        running: since.map(|s| (s, business_hours)),
        sla_met: both_met(&sla),
        settled,
    }))
}

/// Whether a case met both its targets: `None` when the policy sets neither, or a target
/// is still undecided; a target the policy does not set counts as met.
fn both_met(sla: &SlaState) -> Option<bool> {
    use TargetStatus::*;
    match (sla.first_response.status, sla.resolution.status) {
        (NotApplicable, NotApplicable) => None,
        (Breached, _) | (_, Breached) => Some(false),
        (Met | NotApplicable, Met | NotApplicable) => Some(true),
        _ => None,
    }
}

/// The records of the cases `keys`, with their SLA as of `now`, worked out from their
/// rows and timelines: for the cases whose kept facts do not yet hold at `now`.
pub(super) fn records_as_of(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    keys: &Keys<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<CaseRecord>> {
    let rows = read_rows(conn, keys)?;
    let mut timelines = read_timelines(conn, &rows, &HashMap::new())?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.into_iter().filter(|r| !r.deleted) {
        let t = timelines.remove(&row.id).unwrap_or_default();
        match compute(conn, setup, row, t, Some(now))? {
            Ok(facts) => out.push(facts.record(conn, setup, now, &mut Texts)?),
            Err(damaged) => return Err(Error::Internal(damaged)),
        }
    }
    Ok(out)
}

/// The names of a [`CaseRecord`], from the names of a case's [`Facts`].
pub(crate) trait Names<N> {
    fn text(&mut self, name: N) -> Result<Rc<str>>;
    fn agent(&mut self, name: N) -> Result<Rc<AgentId>>;
    fn team(&mut self, name: N) -> Result<Rc<TeamId>>;
}

/// Names given as text (facts just worked out).
pub(crate) struct Texts;

impl Names<String> for Texts {
    fn text(&mut self, name: String) -> Result<Rc<str>> {
        Ok(name.into())
    }
    fn agent(&mut self, name: String) -> Result<Rc<AgentId>> {
        Ok(Rc::new(AgentId(name)))
    }
    fn team(&mut self, name: String) -> Result<Rc<TeamId>> {
        Ok(Rc::new(TeamId(name)))
    }
}

/// Names given as `kpi_names` ids (stored facts): each looked up once, then shared by
/// every record that has it. Ids are small and dense (one per distinct name), so they
/// index vectors.
pub(crate) struct Dictionary<'c> {
    conn: &'c rusqlite::Connection,
    texts: Vec<Option<Rc<str>>>,
    agents: Vec<Option<Rc<AgentId>>>,
    teams: Vec<Option<Rc<TeamId>>>,
}

impl<'c> Dictionary<'c> {
    pub(crate) fn new(conn: &'c rusqlite::Connection) -> Self {
        Dictionary { conn, texts: Vec::new(), agents: Vec::new(), teams: Vec::new() }
    }

    /// The entry of `id` in `cache`, made by `make` on first use.
    fn cached<T: Clone>(
        cache: &mut Vec<Option<T>>,
        id: i64,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let i = usize::try_from(id).map_err(|_| Error::Corrupt { detail: format!("KPI name {id} is invalid") })?;
        if let Some(Some(v)) = cache.get(i) {
            return Ok(v.clone());
        }
        let v = make()?;
        if cache.len() <= i {
            cache.resize(i + 1, None);
        }
        cache[i] = Some(v.clone());
        Ok(v)
    }
}

impl Names<i64> for Dictionary<'_> {
    fn text(&mut self, id: i64) -> Result<Rc<str>> {
        let conn = self.conn;
        Self::cached(&mut self.texts, id, || {
            Ok(conn
                .prepare_cached("SELECT name FROM kpi_names WHERE id = ?1")?
                .query_row([id], |r| r.get::<_, String>(0))
                .optional()?
                .ok_or_else(|| Error::Corrupt { detail: format!("KPI name {id} is missing") })?
                .into())
        })
    }
    fn agent(&mut self, id: i64) -> Result<Rc<AgentId>> {
        if let Some(Some(agent)) = usize::try_from(id).ok().and_then(|i| self.agents.get(i)) {
            return Ok(agent.clone());
        }
        let text = self.text(id)?;
        Self::cached(&mut self.agents, id, || Ok(Rc::new(AgentId(text.to_string()))))
    }
    fn team(&mut self, id: i64) -> Result<Rc<TeamId>> {
        if let Some(Some(team)) = usize::try_from(id).ok().and_then(|i| self.teams.get(i)) {
            return Ok(team.clone());
        }
        let text = self.text(id)?;
        Self::cached(&mut self.teams, id, || Ok(Rc::new(TeamId(text.to_string()))))
    }
}

/// The `kpi_names` number of `name`, if any case has it.
pub(crate) fn name_id(conn: &rusqlite::Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM kpi_names WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()?)
}

/// The `kpi_names` ids of names, made as needed and remembered for one refresh.
#[derive(Default)]
struct NameIds {
    ids: HashMap<String, i64>,
}

impl NameIds {
    fn id(&mut self, conn: &rusqlite::Connection, name: String) -> Result<i64> {
        if let Some(id) = self.ids.get(&name) {
            return Ok(*id);
        }
        let id = match name_id(conn, &name)? {
            Some(id) => id,
            None => {
                conn.prepare_cached("INSERT INTO kpi_names (name) VALUES (?1)")?.execute([&name])?;
                conn.last_insert_rowid()
            }
        };
        self.ids.insert(name, id);
        Ok(id)
    }
}

/// What the stored row of one case holds.
pub(super) enum Stored {
    Facts(Facts<i64>),
    /// A case this version cannot read: the dashboard says so.
    Damaged(String),
}

/// Format byte of a damaged case's row (the message follows); facts begin with 1.
const DAMAGED: u8 = 0;

/// Decodes a stored row: its `created` column and `record`.
pub(super) fn decode(bytes: &[u8], created: i64, dates: &mut Dates) -> Result<Stored> {
    match bytes.split_first() {
        Some((&DAMAGED, message)) => Ok(Stored::Damaged(String::from_utf8_lossy(message).into_owned())),
        _ => codec::decode(bytes, created, dates).map(Stored::Facts),
    }
}

/// Writes the facts of one case.
fn write(
    conn: &rusqlite::Connection,
    names: &mut NameIds,
    rowid: i64,
    facts: std::result::Result<Facts, String>,
) -> Result<()> {
    let (created, relevant_until, record) = match facts {
        Ok(f) => {
            let f = f.map_names(|n| names.id(conn, n))?;
            let relevant_until = f.relevant_until().map(|t| t.timestamp_millis());
            (codec::created_column(&f), relevant_until, codec::encode(&f))
        }
        // Always read, so the dashboard reports it.
        Err(message) => (i64::MIN, None, [&[DAMAGED], message.as_bytes()].concat()),
    };
    conn.prepare_cached(
        "INSERT INTO case_kpi_facts (case_rowid, created, relevant_until, record) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (case_rowid) DO UPDATE SET
             created = excluded.created, relevant_until = excluded.relevant_until, record = excluded.record
         WHERE created IS NOT excluded.created OR relevant_until IS NOT excluded.relevant_until
             OR record IS NOT excluded.record",
    )?
    .execute(rusqlite::params![rowid, created, relevant_until, record])?;
    Ok(())
}

/// Works out and stores the facts of `cases` (a case deleted meanwhile loses its row).
/// `known` holds the histories of some of them, already read (a sync's refold): their
/// timelines are not read again.
pub(crate) fn refresh<'a>(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    cases: impl IntoIterator<Item = &'a CaseId>,
    mut known: HashMap<CaseId, History>,
) -> Result<()> {
    let ids: Vec<&CaseId> = cases.into_iter().collect();
    let mut names = NameIds::default();
    for chunk in ids.chunks(CHUNK) {
        refresh_rows(conn, setup, &mut names, read_rows(conn, &Keys::Ids(chunk))?, &mut known)?;
    }
    Ok(())
}

fn refresh_rows(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    names: &mut NameIds,
    rows: Vec<Row>,
    known: &mut HashMap<CaseId, History>,
) -> Result<()> {
    let mut timelines = read_timelines(conn, &rows, known)?;
    for row in rows {
        if row.deleted {
            conn.prepare_cached("DELETE FROM case_kpi_facts WHERE case_rowid = ?1")?.execute([row.rowid])?;
            continue;
        }
        let t = known.remove(&row.id).or_else(|| timelines.remove(&row.id)).unwrap_or_default();
        let rowid = row.rowid;
        let facts = compute(conn, setup, row, t, None)?;
        write(conn, names, rowid, facts)?;
    }
    Ok(())
}

/// Works out and stores the facts of every case: after a change to what every case's
/// SLA depends on (policies, calendars, holidays, working hours), and to fill the table.
/// `known` as for [`refresh`]. Names no case uses any more are dropped.
pub(crate) fn refresh_all(conn: &rusqlite::Connection, setup: &SlaSetup, mut known: HashMap<CaseId, History>) -> Result<()> {
    let rowids: Vec<i64> = conn
        .prepare("SELECT rowid FROM cases WHERE deleted_at IS NULL ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute("DELETE FROM case_kpi_facts WHERE case_rowid NOT IN (SELECT rowid FROM cases WHERE deleted_at IS NULL)", [])?;
    let mut names = NameIds::default();
    for chunk in rowids.chunks(CHUNK) {
        refresh_rows(conn, setup, &mut names, read_rows(conn, &Keys::Rowids(chunk))?, &mut known)?;
    }
    // Every name in use was looked up by this pass.
    let used: Vec<i64> = names.ids.into_values().collect();
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS kpi_names_used (id INTEGER PRIMARY KEY)", [])?;
    conn.execute("DELETE FROM temp.kpi_names_used", [])?;
    for id in used {
        conn.prepare_cached("INSERT INTO temp.kpi_names_used (id) VALUES (?1)")?.execute([id])?;
    }
    conn.execute("DELETE FROM kpi_names WHERE id NOT IN (SELECT id FROM temp.kpi_names_used)", [])?;
    conn.execute("DELETE FROM temp.kpi_names_used", [])?;
    Ok(())
}

/// The cases of these customers or teams (their tier or calendar picks the SLA).
pub(crate) fn cases_of(
    conn: &rusqlite::Connection,
    column: CaseOwner,
    owners: &BTreeSet<String>,
) -> Result<BTreeSet<CaseId>> {
    let column = match column {
        CaseOwner::Customer => "customer_id",
        CaseOwner::Team => "team_id",
    };
    let mut out = BTreeSet::new();
    let owners: Vec<&String> = owners.iter().collect();
    for chunk in owners.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id FROM cases WHERE {column} IN ({marks}) AND deleted_at IS NULL"
        ))?;
        for id in stmt.query_map(rusqlite::params_from_iter(chunk), |r| r.get::<_, CaseId>(0))? {
            out.insert(id?);
        }
    }
    Ok(out)
}

/// Whose cases [`cases_of`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseOwner {
    Customer,
    Team,
}

/// Works out every case's facts if a migration asked for it (it sets [`REFILL`]), in the
/// migration's transaction.
pub(crate) fn fill_if_asked(conn: &rusqlite::Connection) -> Result<()> {
    if get_meta(conn, REFILL)?.is_none() {
        return Ok(());
    }
    refresh_all(conn, &SlaSetup::load(conn)?, HashMap::new())?;
    conn.execute("DELETE FROM meta WHERE key = ?1", [REFILL])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::collections::BTreeMap;

    use super::*;

    /// A case's stored row as text: its `created` and `relevant_until` columns and its
    /// facts with their names (or the message of a damaged case).
    pub(crate) type Kept = (i64, Option<i64>, std::result::Result<Facts, String>);

    /// Every stored row, by case id.
    pub(crate) fn stored(conn: &rusqlite::Connection) -> BTreeMap<CaseId, Kept> {
        let mut stmt = conn
            .prepare(
                "SELECT c.id, f.created, f.relevant_until, f.record FROM case_kpi_facts f
                 LEFT JOIN cases c ON c.rowid = f.case_rowid",
            )
            .unwrap();
        type StoredRow = (Option<CaseId>, i64, Option<i64>, Vec<u8>);
        let rows: Vec<StoredRow> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let names: HashMap<i64, String> = conn
            .prepare("SELECT id, name FROM kpi_names")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.into_iter()
            .map(|(id, created, until, record)| {
                let id = id.expect("facts of a case that is gone");
                let facts = match decode(&record, created, &mut Dates::default()).unwrap() {
                    Stored::Facts(f) => Ok(f.map_names(|n| Ok(names[&n].clone())).unwrap()),
                    Stored::Damaged(message) => Err(message),
                };
                (id, (created, until, facts))
            })
            .collect()
    }

    /// What the rows of every live case should hold, worked out afresh.
    pub(crate) fn fresh(conn: &rusqlite::Connection) -> BTreeMap<CaseId, Kept> {
        let setup = SlaSetup::load(conn).unwrap();
        let rowids: Vec<i64> = conn
            .prepare("SELECT rowid FROM cases WHERE deleted_at IS NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut out = BTreeMap::new();
        for chunk in rowids.chunks(CHUNK) {
            let rows = read_rows(conn, &Keys::Rowids(chunk)).unwrap();
            let mut timelines = read_timelines(conn, &rows, &HashMap::new()).unwrap();
            for row in rows {
                let (id, t) = (row.id.clone(), timelines.remove(&row.id).unwrap_or_default());
                let kept = match compute(conn, &setup, row, t, None).unwrap() {
                    Ok(f) => (f.created_at.timestamp_millis(), f.relevant_until().map(|t| t.timestamp_millis()), Ok(f)),
                    Err(message) => (i64::MIN, None, Err(message)),
                };
                out.insert(id, kept);
            }
        }
        out
    }

    /// Fails unless every live case, and no other, has facts, and they are what its row,
    /// timeline and SLA give now.
    #[track_caller]
    pub(crate) fn assert_facts_current(store: &crate::Store) {
        assert_eq!(stored(store.conn()), fresh(store.conn()));
    }
}

#[cfg(test)]
mod tests;
