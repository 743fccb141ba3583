use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use frontline_sync::protocol::{Outgoing, PullResponse, PushResponse, Value};

use crate::common::{Db, Device, Server, cell, now_ms};

/// Pushes batches of 20 new cells until one fails; returns the batches acknowledged and
/// the one in flight when the server died.
fn push_until_failure(server: &Server, device: &Device, first: usize, max: usize) -> (usize, Option<Vec<Outgoing>>) {
    for n in first..first + max {
        let t = now_ms();
        let batch = device.outbox(
            (0..20)
                .map(|i| cell("cases", &format!("b{n}-r{i}"), "title", Value::Integer(i), device.hlc(t), None))
                .collect(),
        );
        match server.try_push(device, &batch) {
            Ok(reply) if reply.status == 200 => {}
            Ok(reply) => panic!("push {n} answered {}: {}", reply.status, reply.body),
            Err(_) => return (n - first, Some(batch)),
        }
    }
    (max, None)
}

#[test]
fn a_server_killed_mid_push_loses_and_duplicates_nothing() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let mut server = Server::start(&db);
    let device = server.device("acme", &email);
    let pid = server.pid();
    let killed = Arc::new(AtomicBool::new(false));
    let flag = killed.clone();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        let status = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        flag.store(status.is_ok_and(|s| s.success()), Ordering::SeqCst);
    });
    let (acked, in_flight) = push_until_failure(&server, &device, 0, 100_000);
    killer.join().unwrap();
    assert!(killed.load(Ordering::SeqCst) && in_flight.is_some(), "the server was killed while pushing");
    assert!(acked > 0, "some pushes were answered before the kill");
    server.kill();

    // Restarted on the same data, the device retries what was in flight, then goes on.
    let server = Server::start(&db);
    let retry: PushResponse = server.try_push(&device, &in_flight.unwrap_or_default()).unwrap().json();
    assert_eq!(retry.accepted + retry.duplicates, 20);
    let (more, failed) = push_until_failure(&server, &device, acked + 1, 5);
    assert_eq!((more, failed.is_none()), (5, true));

    let expected = (acked + 1 + 5) * 20;
    let mut cells = std::collections::HashSet::new();
    let mut after = 0;
    loop {
        let page: PullResponse = server.pull(&device, after, 997).json();
        for c in &page.changes {
            cells.insert(c.row.clone());
        }
        after = page.next;
        if !page.more {
            break;
        }
    }
    assert_eq!(cells.len(), expected, "every acknowledged change is there, once");
    let audit = db.admin(&["audit", "--workspace", "acme", "--json", "--limit", "1000000"]);
    assert_eq!(audit.lines().count(), expected, "each change audited once");
}
