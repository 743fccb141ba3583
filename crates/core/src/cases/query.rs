//! The supervisor's queues: filtered, sorted, paged lists of cases and full-text search.
//!
//! One query shape serves every list view (and saved views, which store it as JSON).
//! SQL is assembled from fixed fragments chosen by enums; user values are always bound
//! parameters. Search uses the FTS5 trigram index for queries of three or more characters
//! (which covers Chinese, where there are no spaces to split words on) and the gram index
//! ([`crate::search::grams`]) for one- or two-character queries.

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::search;
use super::model::{CaseChannel, CaseStatus, Priority};
use crate::customers::Tier;
use crate::ids::{AgentId, CaseId, CustomerId, JourneyStageId, TeamId};
use crate::input::{TextRule, check_count, check_id};
use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// The built-in list views.
    pub enum Queue {
        /// Every case.
        All = "all",
        /// Assigned to the agent given as `me`.
        Mine = "mine",
        /// Active and assigned to nobody.
        Unassigned = "unassigned",
        /// Active with an SLA due within the hour or already overdue.
        Breaching = "breaching",
        /// Currently escalated.
        Escalated = "escalated",
        /// Customer is VIP.
        Vip = "vip",
        /// Call-back scheduled and not yet done.
        AwaitingCallback = "awaiting_callback",
    }
}

crate::text_enum::text_enum! {
    /// Columns a list can be sorted by.
    pub enum CaseSort {
        /// Creation time.
        Created = "created",
        /// Last change.
        Updated = "updated",
        /// Priority (P1 first when ascending).
        Priority = "priority",
        /// Resolution due time (soonest first when ascending).
        Due = "due",
        /// Status in workflow order.
        Status = "status",
        /// Reference.
        Reference = "reference",
    }
}

/// A list request: queue, filters, sort and page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseQuery {
    /// Which queue.
    pub queue: Queue,
    /// The agent "my cases" means.
    pub me: Option<AgentId>,
    /// Free text (title, description, notes, reference).
    pub text: Option<String>,
    /// Only these statuses (empty: any).
    pub statuses: Vec<CaseStatus>,
    /// Only these priorities.
    pub priorities: Vec<Priority>,
    /// Only these channels.
    pub channels: Vec<CaseChannel>,
    /// Only these categories.
    pub categories: Vec<String>,
    /// Only these assignees.
    pub assignees: Vec<AgentId>,
    /// Only these customers (the customer page).
    pub customer_ids: Vec<CustomerId>,
    /// Only cases with this tag.
    pub tag: Option<String>,
    /// Created at or after (RFC 3339).
    pub created_from: Option<String>,
    /// Created before (RFC 3339).
    pub created_to: Option<String>,
    /// Only cases of these teams. (This and the fields below came with the KPI
    /// dashboard's drill-downs; a view saved before them reads them as empty.)
    #[serde(default)]
    pub teams: Vec<TeamId>,
    /// Only cases whose customer is of these tiers (a case without a customer is
    /// standard).
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Resolved (and still resolved or closed) at or after (RFC 3339).
    #[serde(default)]
    pub resolved_from: Option<String>,
    /// Resolved (and still resolved or closed) before (RFC 3339).
    #[serde(default)]
    pub resolved_to: Option<String>,
    /// Call-back due at or after (RFC 3339), done or not.
    #[serde(default)]
    pub callback_due_from: Option<String>,
    /// Call-back due before (RFC 3339), done or not.
    #[serde(default)]
    pub callback_due_to: Option<String>,
    /// Only cases at these customer-journey stages (the pain-point view's drill-downs; a
    /// view saved before them reads this and the next as empty).
    #[serde(default)]
    pub journey_stages: Vec<JourneyStageId>,
    /// Only cases with one of these root causes (exactly as recorded at resolving).
    #[serde(default)]
    pub root_causes: Vec<String>,
    /// Sort column.
    pub sort: CaseSort,
    /// Descending.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most 500).
    pub limit: u32,
}

impl Default for CaseQuery {
    fn default() -> Self {
        CaseQuery {
            queue: Queue::All,
            me: None,
            text: None,
            statuses: Vec::new(),
            priorities: Vec::new(),
            channels: Vec::new(),
            categories: Vec::new(),
            assignees: Vec::new(),
            customer_ids: Vec::new(),
            tag: None,
            created_from: None,
            created_to: None,
            teams: Vec::new(),
            tiers: Vec::new(),
            resolved_from: None,
            resolved_to: None,
            callback_due_from: None,
            callback_due_to: None,
            journey_stages: Vec::new(),
            root_causes: Vec::new(),
            sort: CaseSort::Created,
            descending: true,
            offset: 0,
            limit: 100,
        }
    }
}

/// One row of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    /// Id.
    pub id: CaseId,
    /// Reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Customer's name.
    pub customer_name: Option<String>,
    /// VIP customer.
    pub vip: bool,
    /// Priority.
    pub priority: Priority,
    /// Status.
    pub status: CaseStatus,
    /// CaseChannel.
    pub channel: CaseChannel,
    /// Category.
    pub category: String,
    /// Assignee's name.
    pub assignee_name: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Escalated.
    pub escalated: bool,
    /// Created.
    pub created_at: String,
    /// First response due (while not yet responded).
    pub first_response_due_at: Option<String>,
    /// Resolution due (while active).
    pub resolution_due_at: Option<String>,
    /// Call-back due (while not done).
    pub callback_due_at: Option<String>,
    /// An open SLA target (first response or resolution) is at risk as of the query's
    /// `now`: its clock is running and at most the last fifth of it is left — the rule of
    /// [`crate::sla::is_at_risk`], decided here so every screen shows the same.
    pub at_risk: bool,
}

/// A page of a list and the number of rows the whole list has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    /// The rows.
    pub rows: Vec<CaseSummary>,
    /// Rows in the whole list.
    pub total: u32,
}

/// Largest page.
pub const MAX_LIMIT: u32 = 500;
/// Longest search text, in characters.
pub const TEXT_MAX: u32 = 200;
/// Most values one filter list (statuses, priorities, channels, categories, assignees,
/// customers) may hold. The UI offers far fewer: every status, priority and channel once,
/// the categories in use, the agents.
pub const LIST_MAX: usize = 100;

/// A category or tag in a filter: the same limits as on a case, so any stored value can
/// be asked for (see `store.rs`).
const CATEGORY: TextRule = TextRule::line("categories", 80, false);
const TAG: TextRule = TextRule::line("tag", 40, false);
/// A root cause in a filter: as long as one recorded at resolving may be.
const ROOT_CAUSE: TextRule = TextRule::block("rootCauses", 4_000, false);
/// "Breaching" includes cases due within this long.
pub(crate) const BREACHING_WINDOW_MINUTES: i64 = 60;

/// Checks every part of `q`: the one rule for a list request and for a saved view
/// ([`crate::views::save`]), so a view can always be listed. Paging is checked here too;
/// "My cases" without `me` is not (a view does not store who is asking).
pub fn validate(q: &CaseQuery) -> Result<()> {
    if q.limit == 0 || q.limit > MAX_LIMIT {
        return Err(Error::Validation { field: "limit", rule: ValidationRule::InvalidValue, limit: Some(MAX_LIMIT) });
    }
    if let Some(text) = &q.text
        && text.trim().chars().count() > TEXT_MAX as usize
    {
        return Err(Error::Validation { field: "text", rule: ValidationRule::TooLong, limit: Some(TEXT_MAX) });
    }
    check_count("statuses", q.statuses.len(), LIST_MAX)?;
    check_count("priorities", q.priorities.len(), LIST_MAX)?;
    check_count("channels", q.channels.len(), LIST_MAX)?;
    check_count("categories", q.categories.len(), LIST_MAX)?;
    check_count("assignees", q.assignees.len(), LIST_MAX)?;
    check_count("customerIds", q.customer_ids.len(), LIST_MAX)?;
    check_count("teams", q.teams.len(), LIST_MAX)?;
    check_count("tiers", q.tiers.len(), LIST_MAX)?;
    check_count("journeyStages", q.journey_stages.len(), LIST_MAX)?;
    check_count("rootCauses", q.root_causes.len(), LIST_MAX)?;
    for s in &q.journey_stages {
        check_id("journeyStages", s.as_str())?;
    }
    for r in &q.root_causes {
        ROOT_CAUSE.check(r)?;
    }
    for c in &q.categories {
        CATEGORY.check(c)?;
    }
    if let Some(me) = &q.me {
        check_id("me", me.as_str())?;
    }
    for a in &q.assignees {
        check_id("assignees", a.as_str())?;
    }
    for c in &q.customer_ids {
        check_id("customerIds", c.as_str())?;
    }
    for t in &q.teams {
        check_id("teams", t.as_str())?;
    }
    if let Some(tag) = &q.tag {
        TAG.check(tag)?;
    }
    for (bound, field) in time_bounds(q) {
        if let Some(b) = bound {
            parse_bound(b, field)?;
        }
    }
    Ok(())
}

/// Every time bound of `q` with its field name.
fn time_bounds(q: &CaseQuery) -> [(&Option<String>, &'static str); 6] {
    [
        (&q.created_from, "createdFrom"),
        (&q.created_to, "createdTo"),
        (&q.resolved_from, "resolvedFrom"),
        (&q.resolved_to, "resolvedTo"),
        (&q.callback_due_from, "callbackDueFrom"),
        (&q.callback_due_to, "callbackDueTo"),
    ]
}

fn parse_bound(b: &str, field: &'static str) -> Result<DateTime<Utc>> {
    let t = DateTime::parse_from_rfc3339(b).map_err(|_| Error::invalid(field, ValidationRule::InvalidValue))?;
    Ok(t.with_timezone(&Utc))
}

/// Where-clause and parameters for a query (already [`validate`]d), on the cases table
/// as `c`. The KPIs filter with it too, so a tile and its drill-down count the same cases.
pub(crate) fn filters(q: &CaseQuery, now: DateTime<Utc>) -> Result<(String, Vec<Value>)> {
    let mut sql = String::from("c.deleted_at IS NULL");
    let mut args: Vec<Value> = Vec::new();
    let mut bind = |sql: &mut String, frag: &str, v: Value| {
        args.push(v);
        sql.push_str(&frag.replace('?', &format!("?{}", args.len())));
    };
    const ACTIVE: &str = " AND c.status NOT IN ('resolved', 'closed')";
    match q.queue {
        Queue::All => {}
        Queue::Mine => {
            let me = q.me.as_ref().ok_or(Error::invalid("me", ValidationRule::Required))?;
            bind(&mut sql, " AND c.assignee_id = ?", Value::Text(me.to_string()));
        }
        Queue::Unassigned => sql.push_str(&format!("{ACTIVE} AND c.assignee_id IS NULL")),
        Queue::Breaching => bind(
            &mut sql,
            " AND c.attention_due_at <= ?",
            Value::Text(to_db_text(now + Duration::minutes(BREACHING_WINDOW_MINUTES))),
        ),
        Queue::Escalated => sql.push_str(" AND c.escalation_department IS NOT NULL"),
        Queue::Vip => sql.push_str(" AND c.customer_id IN (SELECT id FROM customers WHERE tier = 'vip')"),
        Queue::AwaitingCallback => sql.push_str(" AND c.callback_due_at IS NOT NULL AND c.callback_done_at IS NULL"),
    }
    let mut any_of = |sql: &mut String, col: &str, vals: Vec<Value>| {
        if vals.is_empty() {
            return;
        }
        let start = args.len();
        let marks: Vec<String> = (0..vals.len()).map(|i| format!("?{}", start + i + 1)).collect();
        args.extend(vals);
        sql.push_str(&format!(" AND {col} IN ({})", marks.join(", ")));
    };
    any_of(&mut sql, "c.status", q.statuses.iter().map(|s| Value::from(*s)).collect());
    any_of(&mut sql, "c.priority", q.priorities.iter().map(|s| Value::from(*s)).collect());
    any_of(&mut sql, "c.channel", q.channels.iter().map(|s| Value::from(*s)).collect());
    any_of(&mut sql, "c.category", q.categories.iter().map(|s| Value::Text(s.clone())).collect());
    any_of(&mut sql, "c.assignee_id", q.assignees.iter().map(|s| Value::Text(s.to_string())).collect());
    any_of(&mut sql, "c.customer_id", q.customer_ids.iter().map(|s| Value::Text(s.to_string())).collect());
    any_of(&mut sql, "c.team_id", q.teams.iter().map(|s| Value::Text(s.to_string())).collect());
    any_of(&mut sql, "c.journey_stage_id", q.journey_stages.iter().map(|s| Value::Text(s.to_string())).collect());
    any_of(&mut sql, "c.root_cause", q.root_causes.iter().map(|s| Value::Text(s.clone())).collect());
    any_of(
        &mut sql,
        "(SELECT coalesce(min(cu.tier), 'standard') FROM customers cu WHERE cu.id = c.customer_id)",
        q.tiers.iter().map(|s| Value::from(*s)).collect(),
    );
    let mut bind = |sql: &mut String, frag: &str, v: Value| {
        args.push(v);
        sql.push_str(&frag.replace('?', &format!("?{}", args.len())));
    };
    if let Some(tag) = q.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        bind(&mut sql, " AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE json_each.value = ?)", Value::Text(tag.into()));
    }
    if q.resolved_from.is_some() || q.resolved_to.is_some() {
        // A reopened case is no longer resolved, whenever it was.
        sql.push_str(" AND c.status IN ('resolved', 'closed')");
    }
    let columns = ["c.created_at", "c.created_at", "c.resolved_at", "c.resolved_at", "c.callback_due_at", "c.callback_due_at"];
    for (i, ((bound, field), col)) in time_bounds(q).into_iter().zip(columns).enumerate() {
        if let Some(b) = bound {
            let op = if i % 2 == 0 { ">=" } else { "<" };
            bind(&mut sql, &format!(" AND {col} {op} ?"), Value::Text(to_db_text(parse_bound(b, field)?)));
        }
    }
    if let Some(text) = search_text(q) {
        let (set, values) = text_matches(text, args.len() + 1);
        args.extend(values);
        sql.push_str(&format!("{TEXT_IN}{set})"));
    }
    Ok((sql, args))
}

/// How [`filters`] adds a search's matches (see the ordered walk in [`list`]).
const TEXT_IN: &str = " AND c.rowid IN (";

/// The search text of `q`, trimmed; `None` without one.
fn search_text(q: &CaseQuery) -> Option<&str> {
    q.text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The rowids of the cases `text` finds, as one SELECT whose parameters are numbered from
/// `first`: the search index's matches and the case with that reference, as one set, so
/// counting a search visits its matches, not every case (an OR beside an IN would make
/// SQLite test all 100,000 rows). Tombstoned cases stay in the indexes: callers exclude
/// them.
fn text_matches(text: &str, first: usize) -> (String, Vec<Value>) {
    let (sql, mut values) = search::matches(INDEX, text, first);
    let by_ref = first + values.len();
    values.push(Value::Text(text.to_uppercase()));
    (format!("{sql} UNION SELECT rowid FROM cases WHERE ref = ?{by_ref}"), values)
}

/// The search indexes of cases (migration 4).
const INDEX: search::Index = search::Index { fts: "cases_fts", grams: "cases_grams" };

/// Whether `q` is a search of every case with nothing else to filter by.
fn is_plain_search(q: &CaseQuery) -> bool {
    let no_text = CaseQuery { text: None, ..q.clone() };
    search_text(q).is_some() && q.queue == Queue::All && is_whole_queue(&no_text)
}

fn order_by(sort: CaseSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    let col = match sort {
        CaseSort::Created => "c.created_at",
        CaseSort::Updated => "c.updated_at",
        CaseSort::Priority => "c.priority",
        CaseSort::Due => "coalesce(c.resolution_due_at, '9999')",
        CaseSort::Status => {
            "CASE c.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending_customer' THEN 2
             WHEN 'pending_internal' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END"
        }
        CaseSort::Reference => "c.ref",
    };
    format!("{col} {dir}, c.id {dir}")
}

/// One page of cases for `q`.
///
/// Count and page are read in one snapshot (a savepoint), so the total and the rows agree
/// even while another connection writes.
pub fn list(conn: &rusqlite::Connection, q: &CaseQuery, now: DateTime<Utc>) -> Result<CasePage> {
    validate(q)?;
    conn.execute_batch("SAVEPOINT case_list")?;
    let page = list_in_snapshot(conn, q, now);
    conn.execute_batch("RELEASE case_list")?;
    page
}

fn list_in_snapshot(conn: &rusqlite::Connection, q: &CaseQuery, now: DateTime<Utc>) -> Result<CasePage> {
    let total = total(conn, q, now)?;
    let (filter, mut args) = filters(q, now)?;
    let n = args.len();
    // A page in the far half of the list is read from its other end: SQLite skips an
    // OFFSET entry by entry, so offset 90,000 of 100,000 becomes offset 9,900 the other
    // way. The outer ORDER BY puts the page's rows back in the list's order.
    let end = q.offset.saturating_add(q.limit).min(total);
    let (inner_descending, limit, offset) = if q.offset < total && u64::from(q.offset) * 2 > u64::from(total) {
        (!q.descending, end - q.offset, total - end)
    } else {
        (q.descending, q.limit, q.offset)
    };
    args.push(Value::Integer(i64::from(limit)));
    args.push(Value::Integer(i64::from(offset)));
    // A plain search by creation time with many matches: walking the creation-time index
    // and testing each case against the matches reaches the page after a few thousand
    // entries, where reading and sorting every match would read them all. With few
    // matches (a scan would pass most of the index before the page), sorting them wins.
    let filter = if q.sort == CaseSort::Created && is_plain_search(q) && total > 0 {
        let all = u64::from(super::counts::queue_count(conn, Queue::All, None, now)?);
        let walked = (u64::from(offset) + u64::from(limit)) * all / u64::from(total);
        // `+` keeps SQLite from driving the query by the matches' rowids.
        if walked < 10 * u64::from(total) { filter.replace(TEXT_IN, " AND +c.rowid IN (") } else { filter }
    } else {
        filter
    };
    // Page over bare rowids first, then join only the rows shown: a deep offset then skips
    // index entries instead of joined rows.
    let order = order_by(q.sort, q.descending);
    let inner_order = order_by(q.sort, inner_descending);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM (SELECT c.rowid AS rid FROM cases c WHERE {filter} ORDER BY {inner_order} LIMIT ?{} OFFSET ?{}) page
         JOIN cases c ON c.rowid = page.rid
         {SUMMARY_JOINS}
         ORDER BY {order}",
        n + 1,
        n + 2
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), summary_row)?;
    let (mut rows, policy_keys): (Vec<CaseSummary>, Vec<PolicyKey>) =
        rows.collect::<Result<Vec<_>, _>>()?.into_iter().unzip();
    super::service_level::mark_at_risk(conn, &mut rows, &policy_keys, now)?;
    Ok(CasePage { rows, total })
}

/// What a list row is read from (the cases table as `c`, joined by [`SUMMARY_JOINS`]), in
/// the order [`summary_row`] reads it.
const SUMMARY_COLUMNS: &str = "c.id, c.ref, c.title, cu.name, cu.tier = 'vip', c.priority, c.status, c.channel,
    c.category, a.name, c.tags, c.escalation_department IS NOT NULL, c.created_at,
    CASE WHEN c.first_response_at IS NULL THEN c.first_response_due_at END,
    c.resolution_due_at,
    CASE WHEN c.callback_done_at IS NULL THEN c.callback_due_at END, cu.tier, c.team_id";
const SUMMARY_JOINS: &str =
    "LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN agents a ON a.id = c.assignee_id";

/// What picks a row's SLA policy and calendar besides the case's own columns: its
/// customer's tier and its team (see `service_level::mark_at_risk`).
type PolicyKey = (Option<Tier>, Option<TeamId>);

/// A list row from [`SUMMARY_COLUMNS`], its at-risk flag still to be marked.
fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(CaseSummary, PolicyKey)> {
    let tags: String = r.get(10)?;
    let summary = CaseSummary {
        id: r.get(0)?,
        reference: r.get(1)?,
        title: r.get(2)?,
        customer_name: r.get(3)?,
        vip: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
        priority: r.get(5)?,
        status: r.get(6)?,
        channel: r.get(7)?,
        category: r.get(8)?,
        assignee_name: r.get(9)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        escalated: r.get(11)?,
        created_at: r.get(12)?,
        first_response_due_at: r.get(13)?,
        resolution_due_at: r.get(14)?,
        callback_due_at: r.get(15)?,
        at_risk: false,
    };
    Ok((summary, (r.get(16)?, r.get(17)?)))
}

/// Rows [`walk`] hands over at a time.
pub const WALK_BATCH: usize = 500;

/// Every row of the list `q` describes (its paging ignored), in its order, in batches of
/// [`WALK_BATCH`]: what an export of a list or saved view writes, however long. `f` gets
/// each batch and the list's total; `Break` stops the walk ([`Error::Cancelled`]). One
/// snapshot (a savepoint), so the rows and the total agree while others write.
pub fn walk(
    conn: &rusqlite::Connection,
    q: &CaseQuery,
    now: DateTime<Utc>,
    mut f: impl FnMut(&[CaseSummary], u32) -> Result<std::ops::ControlFlow<()>>,
) -> Result<u32> {
    validate(&CaseQuery { offset: 0, limit: 1, ..q.clone() })?;
    conn.execute_batch("SAVEPOINT case_walk")?;
    let out = (|| {
        let total = total(conn, q, now)?;
        let (filter, args) = filters(q, now)?;
        let order = order_by(q.sort, q.descending);
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM cases c {SUMMARY_JOINS} WHERE {filter} ORDER BY {order}");
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), summary_row)?;
        loop {
            let (mut batch, keys): (Vec<CaseSummary>, Vec<PolicyKey>) =
                rows.by_ref().take(WALK_BATCH).collect::<Result<Vec<_>, _>>()?.into_iter().unzip();
            if batch.is_empty() {
                return Ok(total);
            }
            super::service_level::mark_at_risk(conn, &mut batch, &keys, now)?;
            if f(&batch, total)?.is_break() {
                return Err(Error::Cancelled);
            }
        }
    })();
    conn.execute_batch("RELEASE case_walk")?;
    out
}

/// The number of rows of the whole list `q` (its paging ignored): maintained for a whole
/// queue, counted otherwise.
fn total(conn: &rusqlite::Connection, q: &CaseQuery, now: DateTime<Utc>) -> Result<u32> {
    if is_whole_queue(q) { super::counts::queue_count(conn, q.queue, q.me.as_ref(), now) } else { count(conn, q, now) }
}

/// Whether `q` is a whole built-in queue (no search, no filter): its size is then
/// maintained ([`super::counts`]) instead of counted.
fn is_whole_queue(q: &CaseQuery) -> bool {
    // Every field named, so a filter added later cannot be forgotten here.
    let CaseQuery {
        queue,
        me,
        text,
        statuses,
        priorities,
        channels,
        categories,
        assignees,
        customer_ids,
        tag,
        created_from: _,
        created_to: _,
        teams,
        tiers,
        resolved_from: _,
        resolved_to: _,
        callback_due_from: _,
        callback_due_to: _,
        journey_stages,
        root_causes,
        sort: _,
        descending: _,
        offset: _,
        limit: _,
    } = q;
    text.as_deref().is_none_or(|t| t.trim().is_empty())
        && statuses.is_empty()
        && priorities.is_empty()
        && channels.is_empty()
        && categories.is_empty()
        && assignees.is_empty()
        && customer_ids.is_empty()
        && tag.as_deref().is_none_or(|t| t.trim().is_empty())
        && teams.is_empty()
        && tiers.is_empty()
        && journey_stages.is_empty()
        && root_causes.is_empty()
        && time_bounds(q).iter().all(|(b, _)| b.is_none())
        && (*queue != Queue::Mine || me.is_some())
}

/// How many cases `q` matches (its paging ignored), counted.
pub(crate) fn count(conn: &rusqlite::Connection, q: &CaseQuery, now: DateTime<Utc>) -> Result<u32> {
    if let Some(text) = search_text(q).filter(|_| is_plain_search(q)) {
        // The matches alone, less the few tombstoned cases (a small partial index): no
        // case row is read.
        let (set, args) = text_matches(text, 1);
        let total: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM ({set}) m WHERE m.rowid NOT IN (SELECT rowid FROM cases WHERE deleted_at IS NOT NULL)"
            ))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        return Ok(u32::try_from(total).unwrap_or(u32::MAX));
    }
    let (filter, args) = filters(q, now)?;
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM cases c WHERE {filter}"))?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(u32::try_from(total).unwrap_or(u32::MAX))
}

pub use super::counts::{categories, tags};

/// A case whose SLA target fell due in a time window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Breach {
    /// The case.
    pub id: CaseId,
    /// Its reference.
    pub reference: String,
    /// Its title.
    pub title: String,
}

/// Active cases whose first-response or resolution target fell due in `(after, until]`
/// (paused cases excluded): what a breach notification reports, once, as time passes.
pub fn breached_between(conn: &rusqlite::Connection, after: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Breach>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ref, title FROM cases c WHERE c.deleted_at IS NULL AND c.status NOT IN ('resolved', 'closed')
         AND ((c.first_response_at IS NULL AND c.first_response_due_at > ?1 AND c.first_response_due_at <= ?2)
           OR (c.status <> 'pending_customer' AND c.resolution_due_at > ?1 AND c.resolution_due_at <= ?2))
         ORDER BY c.ref LIMIT 200",
    )?;
    let rows = stmt.query_map([to_db_text(after), to_db_text(until)], |r| {
        Ok(Breach { id: r.get(0)?, reference: r.get(1)?, title: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
