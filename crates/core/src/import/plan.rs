//! From valid rows to what an import creates, against what the database already holds:
//! which cases were imported before (by external id: skipped), which customers exist
//! (matched by e-mail, else — for a row without an e-mail — by name, ignoring case) and
//! which agents and teams (by name, ignoring case). What is missing is created once, at
//! the time of the earliest case that names it.
//!
//! Reads only: the dry run plans on any connection, the import plans again inside its
//! transaction, so what it writes matches the database it writes to.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::problems::{RowError, RowErrorCode};
use super::validate::{CustomerDraft, Draft};
use crate::Result;
use crate::ids::{AgentId, CustomerId, TeamId};

/// Something a case refers to: already in the database, or the n-th to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Who<T> {
    Existing(T),
    New(usize),
}

/// A case to create.
#[derive(Debug)]
pub(crate) struct PlannedCase {
    pub draft: Draft,
    pub customer: Option<Who<CustomerId>>,
    pub assignee: Option<Who<AgentId>>,
    pub team: Option<Who<TeamId>>,
}

/// A new row of another table, and the earliest case that needs it.
#[derive(Debug)]
pub(crate) struct New<T> {
    pub value: T,
    pub first_needed: DateTime<Utc>,
}

/// What an import creates.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// In order of creation time.
    pub cases: Vec<PlannedCase>,
    pub customers: Vec<New<CustomerDraft>>,
    /// Existing customers the cases refer to.
    pub customers_matched: u32,
    pub agents: Vec<New<String>>,
    pub teams: Vec<New<String>>,
    /// Rows imported before.
    pub skipped: u32,
    /// Rows whose external id an earlier row of the file has.
    pub errors: Vec<RowError>,
}

/// Plans `drafts` against the database on `conn`.
pub(crate) fn plan(conn: &rusqlite::Connection, drafts: Vec<Draft>) -> Result<Plan> {
    let known = Known::read(conn)?;
    let mut plan = Plan::default();
    // Room for every case at once: a planned case is large, and 100,000 of them were
    // copied again at each doubling of the list.
    plan.cases.reserve_exact(drafts.len());
    let mut seen: HashSet<String> = HashSet::new();
    let mut customers: HashMap<String, usize> = HashMap::new();
    let mut matched: HashSet<CustomerId> = HashSet::new();
    let mut agents: HashMap<String, usize> = HashMap::new();
    let mut teams: HashMap<String, usize> = HashMap::new();
    for draft in drafts {
        if !seen.insert(draft.external_id.clone()) {
            plan.errors.push(RowError::row(
                draft.row,
                draft.line,
                RowErrorCode::DuplicateId,
                super::problems::explain(RowErrorCode::DuplicateId),
            ));
            continue;
        }
        if known.external_ids.contains(&draft.external_id) {
            plan.skipped += 1;
            continue;
        }
        let at = draft.created;
        let customer = draft.customer.as_ref().map(|c| {
            let key = customer_key(c);
            let existing =
                if c.email.is_empty() { known.customer_names.get(&key) } else { known.customer_emails.get(&key) };
            match existing {
                Some(id) => {
                    matched.insert(id.clone());
                    Who::Existing(id.clone())
                }
                None => Who::New(index_of(&mut plan.customers, &mut customers, key, at, || c.clone())),
            }
        });
        let assignee = draft.assignee.as_ref().map(|name| match known.agents.get(&name.to_lowercase()) {
            Some(id) => Who::Existing(id.clone()),
            None => Who::New(index_of(&mut plan.agents, &mut agents, name.to_lowercase(), at, || name.clone())),
        });
        let team = draft.team.as_ref().map(|name| match known.teams.get(&name.to_lowercase()) {
            Some(id) => Who::Existing(id.clone()),
            None => Who::New(index_of(&mut plan.teams, &mut teams, name.to_lowercase(), at, || name.clone())),
        });
        plan.cases.push(PlannedCase { draft, customer, assignee, team });
    }
    plan.customers_matched = matched.len() as u32;
    plan.cases.sort_by_key(|c| c.draft.created);
    Ok(plan)
}

/// How a customer is looked up: by e-mail when the row has one, else by name.
fn customer_key(c: &CustomerDraft) -> String {
    if c.email.is_empty() { c.name.to_lowercase() } else { c.email.to_lowercase() }
}

/// The index of `key` among the new rows, adding it (needed first at `at`) if new.
fn index_of<T>(
    list: &mut Vec<New<T>>,
    index: &mut HashMap<String, usize>,
    key: String,
    at: DateTime<Utc>,
    make: impl FnOnce() -> T,
) -> usize {
    let i = *index.entry(key).or_insert_with(|| {
        list.push(New { value: make(), first_needed: at });
        list.len() - 1
    });
    if at < list[i].first_needed {
        list[i].first_needed = at;
    }
    i
}

/// What the database holds that an import matches against.
struct Known {
    /// External ids of every case ever imported (deleted ones too: a case the team
    /// deleted stays deleted).
    external_ids: HashSet<String>,
    /// Live customers by lower-case e-mail, and by lower-case name (the oldest of a name).
    customer_emails: HashMap<String, CustomerId>,
    customer_names: HashMap<String, CustomerId>,
    agents: HashMap<String, AgentId>,
    teams: HashMap<String, TeamId>,
}

impl Known {
    fn read(conn: &rusqlite::Connection) -> Result<Known> {
        let mut external_ids = HashSet::new();
        let mut stmt = conn.prepare("SELECT external_id FROM cases WHERE external_id IS NOT NULL")?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            external_ids.insert(id?);
        }
        let mut customer_emails = HashMap::new();
        let mut customer_names = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, name, email FROM customers WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC",
        )?;
        for row in
            stmt.query_map([], |r| Ok((r.get::<_, CustomerId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        {
            let (id, name, email) = row?;
            if !email.is_empty() {
                customer_emails.insert(email.to_lowercase(), id.clone());
            }
            customer_names.insert(name.to_lowercase(), id);
        }
        Ok(Known {
            external_ids,
            customer_emails,
            customer_names,
            agents: names(
                conn,
                "SELECT id, name FROM agents WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC",
            )?,
            teams: names(
                conn,
                "SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC",
            )?,
        })
    }
}

/// Rows of (id, name) by lower-case name; the oldest wins (rows come newest first).
fn names<T: rusqlite::types::FromSql>(conn: &rusqlite::Connection, sql: &str) -> Result<HashMap<String, T>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare(sql)?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, T>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        out.insert(name.to_lowercase(), id);
    }
    Ok(out)
}
