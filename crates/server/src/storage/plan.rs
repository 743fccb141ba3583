//! What a push writes, decided without touching the database.
//!
//! Both backends run a batch of pushes the same way: lock the workspace, read its
//! sequence, the pushing nodes' acks and the cells the changes touch, call
//! [`plan_batch`] (which plans each push with [`plan_push`], in order), write what it
//! returns, commit. Keeping the decisions here — duplicates by outbox seq, the
//! winner of every cell by [`frontline_sync::merge()`], who hears of each loss, which
//! sequence numbers are taken — means SQLite and PostgreSQL cannot drift apart, and the
//! rules are unit-tested without a database.
//!
//! Values are stored as JSON text, exactly as `serde_json` writes the protocol's
//! [`Value`] (a cell) or the row's values map (a whole row, column `""`), so they come
//! back exactly as they were sent: a pull copies that text into its answer unparsed
//! ([`super::page`]).

use std::collections::HashMap;

use frontline_sync::merge::{Version, merge};
use frontline_sync::protocol::{Body, Change, ConflictNotice, Outgoing, Value};
use frontline_sync::{Hlc, NodeId};

use super::{Outcome, StorageError, StorageResult};

/// One cell: (table, row, column), column `""` for a whole append-only row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    /// The table.
    pub table: String,
    /// The row id.
    pub row: String,
    /// The column, or `""`.
    pub column: String,
}

impl CellKey {
    /// The cell a change writes.
    pub fn of(change: &Change) -> Self {
        CellKey { table: change.table.clone(), row: change.row.clone(), column: change.column().to_owned() }
    }
}

/// A cell as stored: its version and its value's JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCell {
    /// Stamp and base.
    pub version: Version,
    /// The stored JSON text.
    pub value: String,
}

/// A cell to upsert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellWrite {
    /// Which cell.
    pub key: CellKey,
    /// Its new JSON text.
    pub value: String,
    /// Its new stamp.
    pub hlc: Hlc,
    /// Its new base.
    pub base: Option<Hlc>,
    /// The workspace sequence number it takes.
    pub seq: u64,
}

/// A conflict notice to insert: a loss to tell `node` about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeWrite {
    /// The sequence number it takes.
    pub seq: u64,
    /// The node whose value lost.
    pub node: NodeId,
    /// Which cell.
    pub key: CellKey,
    /// The losing value's JSON text.
    pub value: String,
    /// The losing stamp.
    pub hlc: Hlc,
    /// The winning stamp.
    pub winner: Hlc,
}

/// An audit record to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditWrite {
    /// Which cell.
    pub key: CellKey,
    /// The change's stamp.
    pub hlc: Hlc,
    /// Applied or lost.
    pub outcome: Outcome,
}

/// Everything one push writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPlan {
    /// Cells to upsert, one per cell (the last value a push gives it), by sequence.
    pub cells: Vec<CellWrite>,
    /// Notices to insert.
    pub notices: Vec<NoticeWrite>,
    /// Audit records, one per new change, in outbox order.
    pub audit: Vec<AuditWrite>,
    /// The workspace's sequence after the push.
    pub seq: u64,
    /// The node's new ack (the push's highest outbox seq), if the push held new changes.
    pub ack: Option<u64>,
    /// New changes.
    pub accepted: u32,
    /// Changes seen before.
    pub duplicates: u32,
}

/// The changes of a push not yet received: outbox seqs increase within a push, so they
/// are the ones after the node's `ack`.
pub fn new_changes(changes: &[Outgoing], ack: Option<u64>) -> &[Outgoing] {
    match ack {
        None => changes,
        Some(ack) => &changes[changes.partition_point(|c| c.seq <= ack)..],
    }
}

/// The cells the new changes touch, each once (what a backend must read before planning).
pub fn touched(changes: &[Outgoing]) -> Vec<CellKey> {
    let mut keys: Vec<CellKey> = changes.iter().map(|c| CellKey::of(&c.change)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Plans a push. `seq` is the workspace's sequence and `ack` the node's ack, both read
/// under the workspace lock; `held` holds the stored cells of [`touched`] (absent: new).
pub fn plan_push(
    seq: u64,
    ack: Option<u64>,
    changes: &[Outgoing],
    mut held: HashMap<CellKey, HeldCell>,
) -> StorageResult<PushPlan> {
    let fresh = new_changes(changes, ack);
    let mut seq = seq;
    let mut written: HashMap<CellKey, u64> = HashMap::new();
    let mut notices = Vec::new();
    let mut audit = Vec::with_capacity(fresh.len());
    for out in fresh {
        let key = CellKey::of(&out.change);
        let incoming = out.change.version();
        let value = encode_body(&out.change.body)?;
        let current = held.get(&key);
        let decision = merge(current.map(|h| &h.version), &incoming);
        if let (Some(loser), Some(current)) = (decision.loser(), current) {
            let (value, winner) = if decision.takes() {
                (current.value.clone(), incoming.hlc)
            } else {
                (value.clone(), current.version.hlc)
            };
            seq += 1;
            notices.push(NoticeWrite { seq, node: loser.hlc.node, key: key.clone(), value, hlc: loser.hlc, winner });
        }
        let outcome = if decision.takes() {
            seq += 1;
            held.insert(key.clone(), HeldCell { version: incoming, value });
            written.insert(key.clone(), seq);
            Outcome::Applied
        } else {
            Outcome::Lost
        };
        audit.push(AuditWrite { key, hlc: incoming.hlc, outcome });
    }
    let mut cells: Vec<CellWrite> = written
        .into_iter()
        .filter_map(|(key, seq)| {
            held.remove(&key).map(|h| CellWrite { value: h.value, hlc: h.version.hlc, base: h.version.base, seq, key })
        })
        .collect();
    cells.sort_by_key(|c| c.seq);
    Ok(PushPlan {
        cells,
        notices,
        audit,
        seq,
        ack: fresh.last().map(|c| c.seq),
        accepted: count(fresh.len())?,
        duplicates: count(changes.len() - fresh.len())?,
    })
}

fn count(n: usize) -> StorageResult<u32> {
    u32::try_from(n).map_err(|_| StorageError::Other(format!("{n} changes in one push")))
}

/// Several pushes to one workspace, planned for one transaction (see `storage::combine`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPlan {
    /// Cells to upsert, one per cell (its last value in the batch), by sequence.
    pub cells: Vec<CellWrite>,
    /// Notices to insert.
    pub notices: Vec<NoticeWrite>,
    /// Audit records with the index of the push they belong to, in order.
    pub audit: Vec<(usize, AuditWrite)>,
    /// Each node's new ack.
    pub acks: Vec<(NodeId, u64)>,
    /// The workspace's sequence after the batch.
    pub seq: u64,
    /// Per push: (accepted, duplicates, the workspace's sequence after it).
    pub outcomes: Vec<(u32, u32, u64)>,
}

/// Plans pushes one after the other, exactly as separate transactions in this order
/// would: each sees the cells, acks and sequence the ones before it left. `acks` and
/// `held` are read under the workspace lock for every node and cell of the batch.
pub fn plan_batch(
    seq: u64,
    mut acks: HashMap<NodeId, u64>,
    mut held: HashMap<CellKey, HeldCell>,
    pushes: &[(NodeId, &[Outgoing])],
) -> StorageResult<BatchPlan> {
    let mut seq = seq;
    let mut cells: HashMap<CellKey, CellWrite> = HashMap::new();
    let (mut notices, mut audit, mut outcomes) = (Vec::new(), Vec::new(), Vec::with_capacity(pushes.len()));
    for (i, (node, changes)) in pushes.iter().enumerate() {
        let ack = acks.get(node).copied();
        let mine: HashMap<CellKey, HeldCell> = touched(new_changes(changes, ack))
            .into_iter()
            .filter_map(|k| held.get(&k).cloned().map(|h| (k, h)))
            .collect();
        let plan = plan_push(seq, ack, changes, mine)?;
        seq = plan.seq;
        for c in plan.cells {
            held.insert(
                c.key.clone(),
                HeldCell { version: Version { hlc: c.hlc, base: c.base }, value: c.value.clone() },
            );
            cells.insert(c.key.clone(), c);
        }
        notices.extend(plan.notices);
        audit.extend(plan.audit.into_iter().map(|a| (i, a)));
        if let Some(a) = plan.ack {
            acks.insert(*node, a);
        }
        outcomes.push((plan.accepted, plan.duplicates, plan.seq));
    }
    let mut cells: Vec<CellWrite> = cells.into_values().collect();
    cells.sort_by_key(|c| c.seq);
    let mut acks: Vec<(NodeId, u64)> = acks.into_iter().collect();
    acks.sort();
    Ok(BatchPlan { cells, notices, audit, acks, seq, outcomes })
}

/// The last sequence number of a pull page: the `limit`-th cell after the cursor
/// (`nth`, if there are that many), else the workspace's sequence `workspace_seq`.
///
/// A cursor beyond the workspace's sequence (a server restored from an older backup) is
/// answered with the workspace's sequence, so the device follows the server from there.
pub fn page_end(nth: Option<u64>, workspace_seq: u64) -> u64 {
    nth.unwrap_or(workspace_seq)
}

/// The stored JSON text of a change's value(s).
pub fn encode_body(body: &Body) -> StorageResult<String> {
    let text = match body {
        Body::Cell { value, .. } => serde_json::to_string(value),
        Body::Row { values } => serde_json::to_string(values),
    };
    text.map_err(|e| StorageError::Other(format!("cannot encode a value: {e}")))
}

/// Rebuilds a notice from its stored columns. A whole row's losing values come as one
/// JSON text (notices carry a single value).
pub fn decode_notice(
    table: String,
    row: String,
    column: String,
    value: &str,
    hlc: &str,
    winner: &str,
) -> StorageResult<ConflictNotice> {
    let value = if column.is_empty() {
        Value::Text(value.to_owned())
    } else {
        serde_json::from_str::<Value>(value)
            .map_err(|e| StorageError::Other(format!("corrupt notice value in {table}.{column}: {e}")))?
    };
    Ok(ConflictNotice { table, row, column, value, hlc: super::parse_hlc(hlc)?, winner: super::parse_hlc(winner)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: NodeId = NodeId::from_u64(0xa);
    const B: NodeId = NodeId::from_u64(0xb);

    fn h(ms: u64, node: NodeId) -> Hlc {
        Hlc { wall_ms: ms, counter: 0, node }
    }

    fn out(seq: u64, column: &str, value: i64, hlc: Hlc, base: Option<Hlc>) -> Outgoing {
        Outgoing {
            seq,
            change: Change {
                table: "cases".into(),
                row: "r1".into(),
                hlc,
                base,
                body: Body::Cell { column: column.into(), value: Value::Integer(value) },
            },
        }
    }

    fn key(column: &str) -> CellKey {
        CellKey { table: "cases".into(), row: "r1".into(), column: column.into() }
    }

    fn held(value: i64, hlc: Hlc, base: Option<Hlc>) -> HeldCell {
        HeldCell { version: Version { hlc, base }, value: value.to_string() }
    }

    #[test]
    fn changes_up_to_the_ack_are_duplicates_and_write_nothing() {
        let changes = [out(1, "a", 1, h(10, A), None), out(2, "b", 2, h(11, A), None)];
        let plan = plan_push(7, Some(2), &changes, HashMap::new()).unwrap();
        assert_eq!((plan.accepted, plan.duplicates, plan.seq, plan.ack), (0, 2, 7, None));
        assert!(plan.cells.is_empty() && plan.audit.is_empty() && plan.notices.is_empty());
    }

    #[test]
    fn a_partly_retried_push_stores_only_the_new_tail() {
        let changes = [out(4, "a", 1, h(10, A), None), out(6, "b", 2, h(11, A), None)];
        let plan = plan_push(0, Some(4), &changes, HashMap::new()).unwrap();
        assert_eq!((plan.accepted, plan.duplicates, plan.ack), (1, 1, Some(6)));
        assert_eq!(plan.cells.len(), 1);
        assert_eq!(plan.cells[0].key, key("b"));
        assert_eq!(plan.cells[0].seq, 1);
    }

    #[test]
    fn new_cells_take_fresh_sequence_numbers_in_outbox_order() {
        let changes = [out(1, "a", 1, h(10, A), None), out(2, "b", 2, h(11, A), None)];
        let plan = plan_push(40, None, &changes, HashMap::new()).unwrap();
        let seqs: Vec<u64> = plan.cells.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [41, 42]);
        assert_eq!(plan.seq, 42);
        assert!(plan.audit.iter().all(|a| a.outcome == Outcome::Applied));
    }

    #[test]
    fn a_cell_written_twice_in_one_push_is_stored_once_with_its_last_value() {
        let changes = [out(1, "a", 1, h(10, A), None), out(2, "a", 2, h(11, A), None)];
        let plan = plan_push(0, None, &changes, HashMap::new()).unwrap();
        assert_eq!(plan.cells.len(), 1);
        assert_eq!((plan.cells[0].value.as_str(), plan.cells[0].seq), ("2", 2));
        assert_eq!(plan.audit.len(), 2);
    }

    #[test]
    fn a_concurrent_overwrite_tells_the_held_values_node_with_its_value() {
        let theirs = held(5, h(10, B), None);
        let changes = [out(1, "a", 6, h(20, A), None)];
        let plan = plan_push(3, None, &changes, HashMap::from([(key("a"), theirs)])).unwrap();
        assert_eq!(plan.notices.len(), 1);
        let n = &plan.notices[0];
        assert_eq!((n.node, n.value.as_str(), n.hlc, n.winner), (B, "5", h(10, B), h(20, A)));
        assert_eq!(plan.cells[0].value, "6");
        assert_ne!(n.seq, plan.cells[0].seq);
    }

    #[test]
    fn a_stale_concurrent_change_loses_and_its_own_node_hears_of_it() {
        let theirs = held(5, h(30, B), None);
        let changes = [out(1, "a", 6, h(20, A), None)];
        let plan = plan_push(3, None, &changes, HashMap::from([(key("a"), theirs)])).unwrap();
        assert!(plan.cells.is_empty());
        assert_eq!(plan.audit[0].outcome, Outcome::Lost);
        let n = &plan.notices[0];
        assert_eq!((n.node, n.value.as_str(), n.winner), (A, "6", h(30, B)));
        assert_eq!(plan.seq, 4, "the notice takes a sequence number");
    }

    #[test]
    fn an_edit_made_after_seeing_the_held_value_tells_nobody() {
        let theirs = held(5, h(10, B), None);
        let changes = [out(1, "a", 6, h(20, A), Some(h(10, B)))];
        let plan = plan_push(0, None, &changes, HashMap::from([(key("a"), theirs)])).unwrap();
        assert!(plan.notices.is_empty());
        assert_eq!(plan.cells.len(), 1);
    }

    #[test]
    fn the_same_stamp_again_is_kept_without_a_notice() {
        let same = held(5, h(10, A), None);
        let changes = [out(9, "a", 5, h(10, A), None)];
        let plan = plan_push(0, None, &changes, HashMap::from([(key("a"), same)])).unwrap();
        assert!(plan.cells.is_empty() && plan.notices.is_empty());
        assert_eq!(plan.accepted, 1);
    }

    #[test]
    fn a_batch_plans_each_push_as_if_it_came_alone_in_order() {
        let first = [out(1, "a", 1, h(10, A), None)];
        let second = [out(1, "a", 2, h(20, B), None), out(2, "b", 3, h(21, B), None)];
        let retry = [out(1, "a", 1, h(10, A), None)];
        let pushes: [(NodeId, &[Outgoing]); 3] = [(A, &first), (B, &second), (A, &retry)];
        let batch = plan_batch(5, HashMap::new(), HashMap::new(), &pushes).unwrap();
        // Alone: A's push takes seq 6; B's overwrites it concurrently (notice 7, cell 8)
        // and adds b (9); A's retry is a duplicate.
        assert_eq!(batch.outcomes, [(1, 0, 6), (2, 0, 9), (0, 1, 9)]);
        assert_eq!(batch.seq, 9);
        let cells: Vec<(&str, &str, u64)> =
            batch.cells.iter().map(|c| (c.key.column.as_str(), c.value.as_str(), c.seq)).collect();
        assert_eq!(cells, [("a", "2", 8), ("b", "3", 9)], "one write per cell, its last");
        assert_eq!(batch.notices.len(), 1);
        assert_eq!((batch.notices[0].node, batch.notices[0].seq, batch.notices[0].value.as_str()), (A, 7, "1"));
        assert_eq!(batch.acks, [(A, 1), (B, 2)]);
        let audited: Vec<usize> = batch.audit.iter().map(|(i, _)| *i).collect();
        assert_eq!(audited, [0, 1, 1]);
    }

    #[test]
    fn a_batch_starts_from_the_stored_acks_and_cells() {
        let stored = HashMap::from([(key("a"), held(9, h(50, B), None))]);
        let changes = [out(3, "a", 1, h(10, A), None), out(4, "a", 2, h(60, A), Some(h(50, B)))];
        let pushes: [(NodeId, &[Outgoing]); 1] = [(A, &changes)];
        let batch = plan_batch(0, HashMap::from([(A, 3)]), stored, &pushes).unwrap();
        assert_eq!(batch.outcomes, [(1, 1, 1)]);
        assert!(batch.notices.is_empty());
        assert_eq!(batch.cells[0].value, "2");
    }
}
