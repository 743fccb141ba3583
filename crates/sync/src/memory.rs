//! A server that keeps its workspace in memory, with the real server's storage semantics
//! (per-cell merge, one sequence, pull pages that keep rows whole, notices per node,
//! retried pushes recognised by outbox position) — so device-side tests can run many
//! replicas through thousands of syncs in a second. The real server (`crates/server`)
//! is tested against the same behaviour over HTTP.

use std::collections::{BTreeMap, HashMap};

use crate::hlc::NodeId;
use crate::merge::{Decision, merge};
use crate::protocol::{
    Body, Change, ConflictNotice, Hello, MAX_CLOCK_AHEAD_MS, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse,
};
use crate::session::{Transport, TransportError};

/// One workspace's state.
#[derive(Debug, Default, Clone)]
pub struct MemoryServer {
    /// (table, row, column) → newest change and its sequence number.
    cells: BTreeMap<(String, String, String), (Change, u64)>,
    notices: Vec<(u64, ConflictNotice)>,
    seq: u64,
    acks: HashMap<NodeId, u64>,
    /// The server's clock, Unix ms.
    pub now_ms: u64,
}

impl MemoryServer {
    /// An empty workspace whose clock reads `now_ms`.
    pub fn new(now_ms: u64) -> Self {
        MemoryServer { now_ms, ..Default::default() }
    }

    /// Number of cells held.
    pub fn cells(&self) -> usize {
        self.cells.len()
    }

    /// Applies a push, as `POST /v1/sync/push` does.
    pub fn push(&mut self, req: &PushRequest) -> Result<PushResponse, TransportError> {
        if let Some(c) = req.changes.iter().find(|c| c.change.hlc.wall_ms > self.now_ms + MAX_CLOCK_AHEAD_MS) {
            return Err(TransportError::Server {
                code: crate::protocol::ErrorCode::ClockAhead,
                message: format!("stamp {} is ahead of the server's clock", c.change.hlc),
                server_time_ms: Some(self.now_ms),
            });
        }
        let ack = self.acks.get(&req.node).copied().unwrap_or(0);
        let (mut accepted, mut duplicates) = (0, 0);
        for out in &req.changes {
            if out.seq <= ack {
                duplicates += 1;
                continue;
            }
            accepted += 1;
            let c = &out.change;
            let key = (c.table.clone(), c.row.clone(), c.column().to_owned());
            let held = self.cells.get(&key).map(|(h, _)| h.clone());
            let decision = merge(held.as_ref().map(Change::version).as_ref(), &c.version());
            if let Some(loser) = decision.loser() {
                let lost = if decision.takes() { held.clone() } else { Some(c.clone()) };
                if let Some(Change { body: Body::Cell { value, .. }, .. }) = lost {
                    self.seq += 1;
                    self.notices.push((
                        self.seq,
                        ConflictNotice {
                            table: c.table.clone(),
                            row: c.row.clone(),
                            column: c.column().to_owned(),
                            value,
                            hlc: loser.hlc,
                            winner: if decision.takes() { c.hlc } else { held.map_or(c.hlc, |h| h.hlc) },
                        },
                    ));
                }
            }
            if let Decision::Take { .. } = decision {
                self.seq += 1;
                self.cells.insert(key, (c.clone(), self.seq));
            }
        }
        if let Some(max) = req.changes.iter().map(|c| c.seq).max() {
            self.acks.insert(req.node, max.max(ack));
        }
        Ok(PushResponse { accepted, duplicates, seq: self.seq, server_time_ms: self.now_ms })
    }

    /// Answers a pull, as `GET /v1/sync/pull` does.
    pub fn pull(&self, after: u64, limit: u32, node: NodeId) -> PullResponse {
        let mut seqs: Vec<u64> = self.cells.values().map(|(_, s)| *s).filter(|s| *s > after).collect();
        seqs.sort_unstable();
        let upto = seqs.get(limit.max(1) as usize - 1).copied().unwrap_or(self.seq);
        // Each page row with its first change in the page; the rows in that order, a row's
        // cells by column, as the real server sends them.
        let mut rows: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for ((t, r, _), (_, s)) in &self.cells {
            if *s > after && *s <= upto {
                let first = rows.entry((t.as_str(), r.as_str())).or_insert(*s);
                *first = (*first).min(*s);
            }
        }
        let mut changes: Vec<(u64, &str, Change)> = self
            .cells
            .iter()
            .filter(|(_, (_, s))| *s > after)
            .filter_map(|((t, r, col), (c, _))| Some((*rows.get(&(t.as_str(), r.as_str()))?, col.as_str(), c.clone())))
            .collect();
        changes.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        let notices =
            self.notices.iter().filter(|(s, n)| *s > after && *s <= upto && n.hlc.node == node).map(|(_, n)| n.clone());
        PullResponse {
            changes: changes.into_iter().map(|(_, _, c)| c).collect(),
            notices: notices.collect(),
            next: upto,
            more: upto < self.seq,
            server_time_ms: self.now_ms,
        }
    }
}

/// A device's connection to a [`MemoryServer`], with the device's own wall clock.
pub struct MemoryTransport<'s> {
    /// The server.
    pub server: &'s mut MemoryServer,
    /// The device's clock, Unix ms.
    pub local_ms: u64,
}

impl Transport for MemoryTransport<'_> {
    fn hello(&mut self) -> Result<Hello, TransportError> {
        Ok(Hello {
            protocol: PROTOCOL_VERSION,
            min_protocol: PROTOCOL_VERSION,
            server_version: "memory".into(),
            server_time_ms: self.server.now_ms,
        })
    }

    fn pull(&mut self, after: u64, limit: u32, node: NodeId) -> Result<PullResponse, TransportError> {
        Ok(self.server.pull(after, limit, node))
    }

    fn push(&mut self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.server.push(request)
    }

    fn local_time_ms(&self) -> u64 {
        self.local_ms
    }
}
