//! New cases pulled from the server with their timelines, held until the transaction's
//! derivations run (store/held.rs): their facts, tags and due times worked out, and each
//! inserted whole.
//!
//! **Two threads.** Reading what a case's derived columns come from (the timeline entries
//! stored before it came, its tags, its customer's tier, its policy and calendar) and
//! inserting the case need the store's connection; folding its timeline and working out
//! its due times need nothing but what was read. A first sync of 100,000 cases holds them
//! all, and the folding took about a tenth of the thread that applies the pulled pages.
//! So the cases go in parts of 500: this thread reads each part's input and hands it to a
//! thread of their own, which folds the parts in turn; this thread inserts each part as it
//! comes back folded, between reading the next parts, then the rest. Parts come back in
//! order, so the cases are inserted in the order they came, as from one thread.

use std::collections::HashMap;
use std::sync::mpsc;

use rusqlite::types::Value;

use super::facts::{CHUNK, History, Tags, Timelines, fold_with_history, read_timelines, written_history};
use super::service_level::HeldDue;
use crate::ids::CaseId;
use crate::store::{HeldChild, HeldRow, InsertHeld, Table, WriteTx};
use crate::{Error, Result};

/// Sets the derived columns of new cases pulled from the server and held until now, and
/// hands them to `insert` (in parts, in order): their facts and tags from the timelines
/// and tag rows the transaction stored, their due times as of now — what
/// [`super::facts::refresh`] would write once they are stored. Keeps each case's history
/// for its KPI facts at commit, as a case written with its past does
/// ([`written_history`]).
pub(crate) fn derive_new(tx: &mut WriteTx<'_>, rows: Vec<HeldRow>, insert: InsertHeld<'_>) -> Result<()> {
    let gone = || Error::Internal("the thread deriving new cases stopped".into());
    std::thread::scope(|s| {
        let (to_fold, parts) = mpsc::channel::<Part>();
        let (to_insert, folded) = mpsc::channel::<Result<Folded>>();
        std::thread::Builder::new()
            .name("derive-new-cases".into())
            .spawn_scoped(s, move || {
                for part in parts {
                    if to_insert.send(part.fold()).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| Error::Internal(format!("cannot start a thread: {e}")))?;
        let mut sent = 0;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            to_fold.send(Part::read(tx, rows.by_ref().take(CHUNK).collect())?).map_err(|_| gone())?;
            sent += 1;
            // Whatever is folded meanwhile goes in between reads.
            while let Ok(part) = folded.try_recv() {
                sent -= 1;
                store(tx, part?, &mut *insert)?;
            }
        }
        for _ in 0..sent {
            store(tx, folded.recv().map_err(|_| gone())??, &mut *insert)?;
        }
        Ok(())
    })
}

/// Keeps the histories of a folded part and inserts its cases.
fn store(tx: &mut WriteTx<'_>, Folded { rows, histories }: Folded, insert: InsertHeld<'_>) -> Result<()> {
    for (id, history) in histories {
        written_history(tx, &id, history)?;
    }
    insert(tx, rows)
}

/// Held cases with what their derived columns come from besides their own columns.
struct Part {
    rows: Vec<HeldRow>,
    /// Whether each case's timeline was pulled whole with it ([`pulled_whole`]).
    whole: Vec<bool>,
    /// The timelines of the others, read from the table.
    stored: Timelines,
    tags: Tags,
    /// What each case's due times come from (`None`: deleted).
    dues: Vec<Option<HeldDue>>,
}

/// A part's cases with their derived columns set, and their histories.
struct Folded {
    rows: Vec<HeldRow>,
    histories: Vec<(CaseId, History)>,
}

impl Part {
    /// Reads what the derived columns of `rows` come from. A timeline pulled whole with
    /// its case is folded from the copies the store kept ([`HeldRow::children`]); one with
    /// entries stored before its case came, or an entry twice, from the table.
    fn read(tx: &mut WriteTx<'_>, rows: Vec<HeldRow>) -> Result<Part> {
        let ids: Vec<CaseId> = rows.iter().map(|r| CaseId(r.id.clone())).collect();
        let chunk: Vec<&CaseId> = ids.iter().collect();
        let marks = vec!["?"; chunk.len()].join(", ");
        let counts: HashMap<String, usize> = tx
            .conn()
            .prepare_cached(&format!(
                "SELECT case_id, count(*) FROM case_events WHERE case_id IN ({marks}) GROUP BY case_id"
            ))?
            .query_map(rusqlite::params_from_iter(chunk.iter()), |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<Result<_, _>>()?;
        let whole: Vec<bool> =
            rows.iter().map(|row| pulled_whole(row, counts.get(&row.id).copied().unwrap_or(0))).collect();
        let unread: Vec<&CaseId> = chunk.iter().zip(&whole).filter(|(_, whole)| !**whole).map(|(id, _)| *id).collect();
        let (stored, tags) = read_timelines(tx.conn(), &chunk, &marks, &unread)?;
        let dues = rows.iter().map(|row| HeldDue::of(tx, row)).collect::<Result<_>>()?;
        Ok(Part { rows, whole, stored, tags, dues })
    }

    /// Folds each case's timeline and sets its derived columns: needs no store.
    fn fold(self) -> Result<Folded> {
        let Part { mut rows, whole, mut stored, mut tags, dues } = self;
        let mut histories = Vec::with_capacity(rows.len());
        for ((row, whole), due) in rows.iter_mut().zip(whole).zip(dues) {
            let id = CaseId(row.id.clone());
            let (facts, history) = if whole {
                fold_with_history(pulled_timeline(row))
            } else {
                let timeline = stored.remove(&id).unwrap_or_default();
                fold_with_history(timeline.iter().map(|(at, data)| (at.as_str(), data.as_str())))
            };
            let tags = serde_json::to_string(&tags.remove(&id).unwrap_or_default())
                .map_err(|e| Error::Internal(e.to_string()))?;
            let (first_due, resolution_due) = due.map_or((Value::Null, Value::Null), |due| {
                due.due_cache(facts.first_response_at.as_deref(), &history.changes)
            });
            for (col, value) in facts.all_columns() {
                row.set(col, value);
            }
            row.set("tags", Value::Text(tags));
            row.set("first_response_due_at", first_due);
            row.set("resolution_due_at", resolution_due);
            histories.push((id, history));
        }
        Ok(Folded { rows, histories })
    }
}

/// The text of column `col` of a pulled timeline entry.
fn text<'a>(entry: &'a HeldChild, col: &str) -> Option<&'a str> {
    match entry.get(col) {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    }
}

/// Whether the timeline entries pulled with `row` are its whole timeline: the table holds
/// `stored` entries of it (every pulled copy is stored too), and they are as many, each
/// once, and each came with its time and data (one that did not was stored with
/// placeholders, which the table has filled in).
fn pulled_whole(row: &HeldRow, stored: usize) -> bool {
    let mut ids: Vec<&str> = entries(row).map(|c| c.id.as_str()).collect();
    let pulled = ids.len();
    ids.sort_unstable();
    ids.dedup();
    ids.len() == pulled
        && pulled == stored
        && entries(row)
            .filter(|c| text(c, "deleted_at").is_none())
            .all(|c| text(c, "at").is_some() && text(c, "data").is_some())
}

/// The timeline pulled whole with `row` ([`pulled_whole`]), as (time, data) in timeline
/// order; deleted entries left out.
fn pulled_timeline(row: &HeldRow) -> impl Iterator<Item = (&str, &str)> {
    let mut timeline: Vec<(&str, &str, &str)> = entries(row)
        .filter(|c| text(c, "deleted_at").is_none())
        .filter_map(|c| Some((text(c, "at")?, c.id.as_str(), text(c, "data")?)))
        .collect();
    timeline.sort_unstable();
    timeline.into_iter().map(|(at, _, data)| (at, data))
}

/// The timeline entries pulled with `row`.
fn entries(row: &HeldRow) -> impl Iterator<Item = &HeldChild> {
    row.children.iter().filter(|c| c.table == Table::CaseEvents)
}
