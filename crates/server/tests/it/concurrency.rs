//! Many devices push at once while another pages through pulls: at the end, what the
//! puller assembled from its cursor-based pages is exactly the final state — no change
//! skipped by a cursor that ran ahead of an uncommitted push (sync pitfall 1).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use frontline_sync::protocol::{Change, PullResponse, PushResponse, Value};
use frontline_sync::{Clock, Hlc};

use crate::common::{Db, Server, cell, now_ms};

const PUSHERS: usize = 24;
const PUSHES: usize = 12;
const UNIQUE_PER_PUSH: usize = 8;
const SHARED_CELLS: usize = 5;

type CellId = (String, String, String);
type Versions = HashMap<CellId, (Hlc, Value)>;

fn id(c: &Change) -> CellId {
    (c.table.clone(), c.row.clone(), c.column().to_owned())
}

fn value(c: &Change) -> Value {
    match &c.body {
        frontline_sync::protocol::Body::Cell { value, .. } => value.clone(),
        frontline_sync::protocol::Body::Row { .. } => Value::Null,
    }
}

/// Keeps the newest version of each cell, as a device applying pages would.
fn apply(into: &mut Versions, changes: &[Change]) {
    for c in changes {
        let newer = into.get(&id(c)).is_none_or(|(held, _)| c.hlc > *held);
        if newer {
            into.insert(id(c), (c.hlc, value(c)));
        }
    }
}

fn run(db: &Db, servers: &[Server]) {
    let email = db.team("acme");
    let pushed: Arc<Mutex<Vec<Change>>> = Arc::default();
    let done = Arc::new(AtomicBool::new(false));
    let puller_device = servers[0].device("acme", &email);
    std::thread::scope(|scope| {
        let puller = scope.spawn(|| {
            let mut seen = Versions::new();
            let (mut after, mut round, mut pages) = (0u64, 0usize, 0usize);
            loop {
                let finishing = done.load(Ordering::SeqCst);
                loop {
                    let server = &servers[round % servers.len()];
                    round += 1;
                    let limit = 3 + (round % 40) as u32;
                    let reply = server.pull(&puller_device, after, limit);
                    assert_eq!(reply.status, 200, "{}", reply.body);
                    let page: PullResponse = reply.json();
                    assert!(page.next >= after, "the cursor never goes back");
                    apply(&mut seen, &page.changes);
                    after = page.next;
                    pages += 1;
                    if !page.more {
                        break;
                    }
                }
                if finishing {
                    return (seen, pages);
                }
            }
        });
        let pushers: Vec<_> = (0..PUSHERS)
            .map(|p| {
                let server = &servers[p % servers.len()];
                let device = server.device("acme", &email);
                let pushed = pushed.clone();
                scope.spawn(move || {
                    let mut clock = Clock::new(device.node, Hlc::zero(device.node));
                    for n in 0..PUSHES {
                        let mut changes: Vec<Change> = (0..UNIQUE_PER_PUSH)
                            .map(|i| {
                                let v = Value::Text(format!("{p}/{n}/{i}"));
                                cell("cases", &format!("p{p}-n{n}-{i}"), "title", v, clock.tick(now_ms()), None)
                            })
                            .collect();
                        let shared = (p + n) % SHARED_CELLS;
                        changes.push(cell(
                            "counters",
                            &format!("s{shared}"),
                            "last",
                            Value::Text(format!("{p}/{n}")),
                            clock.tick(now_ms()),
                            None,
                        ));
                        let reply = server.push(&device, device.outbox(changes.clone()));
                        assert_eq!(reply.status, 200, "{}", reply.body);
                        let answer: PushResponse = reply.json();
                        assert_eq!(answer.accepted as usize, changes.len());
                        pushed.lock().unwrap().extend(changes);
                    }
                })
            })
            .collect();
        for p in pushers {
            p.join().unwrap();
        }
        done.store(true, Ordering::SeqCst);
        let (seen, pages) = puller.join().unwrap();
        let mut expected = Versions::new();
        apply(&mut expected, &pushed.lock().unwrap());
        assert_eq!(expected.len(), PUSHERS * PUSHES * UNIQUE_PER_PUSH + SHARED_CELLS);
        let missing = expected.keys().filter(|k| !seen.contains_key(*k)).count();
        assert_eq!(missing, 0, "cells the paging puller never saw ({pages} pages)");
        assert_eq!(seen, expected, "the puller's view is the final state");
        // A fresh device's first sync gets the same.
        let fresh = servers[servers.len() - 1].device("acme", &email);
        let mut first_sync = Versions::new();
        let mut after = 0;
        loop {
            let page: PullResponse = servers[0].pull(&fresh, after, 500).json();
            apply(&mut first_sync, &page.changes);
            after = page.next;
            if !page.more {
                break;
            }
        }
        assert_eq!(first_sync, expected);
    });
    let audit = db.admin(&["audit", "--workspace", "acme", "--json", "--limit", "1000000"]);
    assert_eq!(audit.lines().count(), PUSHERS * PUSHES * (UNIQUE_PER_PUSH + 1), "every change audited once");
}

#[test]
fn concurrent_pushers_and_a_paging_puller_on_sqlite_lose_nothing() {
    let db = Db::sqlite();
    let server = Server::start(&db);
    run(&db, &[server]);
}

#[test]
fn concurrent_pushers_on_two_server_processes_over_one_postgresql_lose_nothing() {
    let Some(db) = Db::postgres() else { return };
    let servers = [Server::start(&db), Server::start(&db)];
    run(&db, &servers);
}
