//! How many cases each queue holds, and the categories and tags in use: what the Cases
//! page shows beside its list, cheap enough to ask for on every visit at 100,000 cases.
//!
//! Everything that does not depend on the time is maintained, not counted: the table
//! `case_counts` (migration 7) holds one row per (kind, key) — a queue, an assignee, a
//! category, a tag — and triggers on `cases` and on a customer's tier keep it current for
//! every writer (local actions, bulk actions and their undo, pulled sync pages, demo
//! data). It is derived, local data: outside the write path's tables, so never in the
//! outbox. A bulk load ([`super::search_index::deferred`]) counts the cases it created
//! once at its end, like their search rows.
//!
//! "Breaching" depends on `now`, so it cannot be maintained; it is counted from the
//! partial `cases_attention` index, which holds only active cases with a due time — a
//! range count over a few thousand index entries, not a scan of the table.

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::query::{self, Queue};
use crate::Result;
use crate::ids::AgentId;
use crate::time::to_db_text;

/// Cases per built-in queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QueueCounts {
    /// Every case.
    pub all: u32,
    /// Assigned to `me`; `None` when no `me` was given.
    pub mine: Option<u32>,
    /// Active and assigned to nobody.
    pub unassigned: u32,
    /// Active with an SLA due within the hour or overdue (as of `now`).
    pub breaching: u32,
    /// Escalated.
    pub escalated: u32,
    /// Of VIP customers.
    pub vip: u32,
    /// Call-back scheduled and not yet done.
    pub awaiting_callback: u32,
}

/// The maintained count of (kind, key); 0 when there is no row.
fn maintained(conn: &rusqlite::Connection, kind: &str, key: &str) -> Result<u32> {
    let n: Option<i64> = conn
        .prepare_cached("SELECT n FROM case_counts WHERE kind = ?1 AND key = ?2")?
        .query_row([kind, key], |r| r.get(0))
        .optional()?;
    Ok(u32::try_from(n.unwrap_or(0).max(0)).unwrap_or(u32::MAX))
}

/// How many cases `queue` holds, for `me` ("My cases") and as of `now` ("Breaching").
pub fn queue_count(conn: &rusqlite::Connection, queue: Queue, me: Option<&AgentId>, now: DateTime<Utc>) -> Result<u32> {
    match queue {
        Queue::All => maintained(conn, "all", ""),
        Queue::Mine => match me {
            Some(me) => maintained(conn, "assignee", me.as_str()),
            None => Ok(0),
        },
        Queue::Unassigned => maintained(conn, "unassigned", ""),
        Queue::Escalated => maintained(conn, "escalated", ""),
        Queue::Vip => maintained(conn, "vip", ""),
        Queue::AwaitingCallback => maintained(conn, "awaiting_callback", ""),
        Queue::Breaching => {
            // The list's filter (`attention_due_at` is only set on live, active cases, so
            // no row needs reading): a count within the small partial index.
            let until = to_db_text(now + Duration::minutes(query::BREACHING_WINDOW_MINUTES));
            let n: i64 = conn
                .prepare_cached("SELECT count(*) FROM cases WHERE attention_due_at <= ?1")?
                .query_row([until], |r| r.get(0))?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        }
    }
}

/// Every queue's count.
pub fn queue_counts(conn: &rusqlite::Connection, me: Option<&AgentId>, now: DateTime<Utc>) -> Result<QueueCounts> {
    let count = |q| queue_count(conn, q, me, now);
    Ok(QueueCounts {
        all: count(Queue::All)?,
        mine: me.map(|_| count(Queue::Mine)).transpose()?,
        unassigned: count(Queue::Unassigned)?,
        breaching: count(Queue::Breaching)?,
        escalated: count(Queue::Escalated)?,
        vip: count(Queue::Vip)?,
        awaiting_callback: count(Queue::AwaitingCallback)?,
    })
}

fn keys_in_use(conn: &rusqlite::Connection, kind: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM case_counts WHERE kind = ?1 AND n > 0 ORDER BY key")?;
    let rows = stmt.query_map([kind], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Categories in use, for the filter and the quick-create suggestions.
pub fn categories(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    keys_in_use(conn, "category")
}

/// Tags in use.
pub fn tags(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    keys_in_use(conn, "tag")
}

/// Adds the counts of the cases above `after_rowid`, which a bulk load created with the
/// triggers held back ([`super::search_index::deferred`]). The keys come from the view
/// (what a case counts in is defined there once); they are tallied here, as SQL would
/// sort all of them (five per case) to group a few dozen keys.
pub(crate) fn count_bulk_loaded(conn: &rusqlite::Connection, after_rowid: i64) -> Result<()> {
    use std::collections::HashMap;
    let mut tally: HashMap<String, HashMap<String, i64>> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT kind, key FROM case_count_keys WHERE rid > ?1")?;
        let mut rows = stmt.query([after_rowid])?;
        while let Some(r) = rows.next()? {
            let text =
                |i| r.get_ref(i)?.as_str().map_err(|e| crate::Error::Corrupt { detail: format!("a count key: {e}") });
            let (kind, key) = (text(0)?, text(1)?);
            let keys = match tally.get_mut(kind) {
                Some(keys) => keys,
                None => tally.entry(kind.to_owned()).or_default(),
            };
            match keys.get_mut(key) {
                Some(n) => *n += 1,
                None => drop(keys.insert(key.to_owned(), 1)),
            }
        }
    }
    let mut add = conn.prepare(
        "INSERT INTO case_counts (kind, key, n) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n",
    )?;
    for (kind, keys) in &tally {
        for (key, n) in keys {
            add.execute(rusqlite::params![kind, key, n])?;
        }
    }
    Ok(())
}

/// For tests: the maintained counts compared with a fresh count by scanning.
#[cfg(test)]
pub(crate) mod test_support {
    /// (kind, key, n) rows.
    type Counts = Vec<(String, String, i64)>;

    /// The maintained rows (zero rows dropped) and a fresh count of the same.
    fn maintained_and_recounted(conn: &rusqlite::Connection) -> (Counts, Counts) {
        let read = |sql: &str| -> Counts {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
        };
        (
            read("SELECT kind, key, n FROM case_counts WHERE n <> 0 ORDER BY kind, key"),
            read("SELECT kind, key, count(*) FROM case_count_keys GROUP BY kind, key ORDER BY kind, key"),
        )
    }

    /// Fails unless every maintained count equals a fresh count.
    #[track_caller]
    pub(crate) fn assert_counts_current(store: &crate::Store) {
        let (maintained, recounted) = maintained_and_recounted(store.conn());
        assert_eq!(maintained, recounted);
    }
}

#[cfg(test)]
mod tests;
