use std::collections::BTreeMap;

use frontline_sync::protocol::{Body, Change, MAX_CLOCK_AHEAD_MS, PullResponse, PushResponse, Value};

use crate::common::{Db, Server, cell, now_ms};

fn audit_lines(db: &Db, ws: &str) -> Vec<serde_json::Value> {
    db.admin(&["audit", "--workspace", ws, "--json", "--limit", "1000"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("audit JSON line"))
        .collect()
}

#[test]
fn pushed_changes_come_back_exactly_in_a_pull() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let laptop = server.device("acme", &email);
    let desktop = server.device("acme", &email);
    let t = now_ms();
    let event = Change {
        table: "case_events".into(),
        row: "e1".into(),
        hlc: laptop.hlc(t),
        base: None,
        body: Body::Row {
            values: BTreeMap::from([
                ("kind".to_owned(), Value::Text("note".into())),
                ("case_id".to_owned(), Value::Text("c1".into())),
                ("minutes".to_owned(), Value::Integer(-3)),
                ("score".to_owned(), Value::Real(2.5)),
                ("extra".to_owned(), Value::Null),
            ]),
        },
    };
    let changes = vec![
        cell("cases", "c1", "title", Value::Text("退款 refund".into()), laptop.hlc(t), None),
        cell("cases", "c1", "priority", Value::Integer(2), laptop.hlc(t), None),
        cell("cases", "c1", "score", Value::Real(0.1), laptop.hlc(t), None),
        cell("cases", "c1", "assignee", Value::Null, laptop.hlc(t), None),
        event,
    ];
    let reply = server.push(&laptop, laptop.outbox(changes.clone()));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let pushed: PushResponse = reply.json();
    assert_eq!((pushed.accepted, pushed.duplicates, pushed.seq), (5, 0, 5));
    assert!(reply.headers.get("frontline-server-time").is_some());

    let page: PullResponse = server.pull(&desktop, 0, 100).json();
    // The row's cells come in the order of their column names.
    let mut expected = changes.clone();
    expected[..4].sort_by(|a, b| a.column().cmp(b.column()));
    assert_eq!(page.changes, expected);
    assert_eq!((page.next, page.more), (5, false));
    let empty: PullResponse = server.pull(&desktop, page.next, 100).json();
    assert!(empty.changes.is_empty() && !empty.more);
}

#[test]
fn a_retried_push_is_stored_and_audited_once() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    let t = now_ms();
    let outbox = device.outbox(vec![
        cell("cases", "c1", "title", Value::Text("a".into()), device.hlc(t), None),
        cell("cases", "c2", "title", Value::Text("b".into()), device.hlc(t + 1), None),
    ]);
    let first: PushResponse = server.push(&device, outbox.clone()).json();
    let again: PushResponse = server.push(&device, outbox.clone()).json();
    assert_eq!((first.accepted, first.duplicates), (2, 0));
    assert_eq!((again.accepted, again.duplicates, again.seq), (0, 2, first.seq));
    // A retry that also carries one new change stores only that one.
    let mut longer = outbox;
    longer.extend(device.outbox(vec![cell("cases", "c3", "title", Value::Text("c".into()), device.hlc(t + 2), None)]));
    let third: PushResponse = server.push(&device, longer).json();
    assert_eq!((third.accepted, third.duplicates), (1, 2));
    let page: PullResponse = server.pull(&device, 0, 100).json();
    assert_eq!(page.changes.len(), 3);
    assert_eq!(audit_lines(&db, "acme").len(), 3);
    let metrics = server.get("/metrics", None).body;
    assert!(metrics.contains("frontline_changes_duplicate_total 4"), "{metrics}");
    assert!(metrics.contains("frontline_changes_accepted_total 3"), "{metrics}");
    assert!(metrics.contains("frontline_changes_pushed_total 7"), "{metrics}");
}

#[test]
fn concurrent_edits_send_a_notice_to_the_losing_node_only() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let (a, b, c) = (server.device("acme", &email), server.device("acme", &email), server.device("acme", &email));
    let t = now_ms();
    // A and B both edit the title offline, neither having seen the other's value.
    server.push(&a, a.outbox(vec![cell("cases", "c1", "title", Value::Text("from A".into()), a.hlc(t), None)]));
    server.push(&b, b.outbox(vec![cell("cases", "c1", "title", Value::Text("from B".into()), b.hlc(t + 10), None)]));
    let for_a: PullResponse = server.pull(&a, 0, 100).json();
    let for_b: PullResponse = server.pull(&b, 0, 100).json();
    let for_c: PullResponse = server.pull(&c, 0, 100).json();
    assert_eq!(for_a.notices.len(), 1, "{for_a:?}");
    let notice = &for_a.notices[0];
    assert_eq!(
        (notice.value.clone(), notice.hlc, notice.winner),
        (Value::Text("from A".into()), a.hlc(t), b.hlc(t + 10))
    );
    assert!(for_b.notices.is_empty() && for_c.notices.is_empty());
    assert_eq!(for_c.changes.len(), 1);
    assert_eq!(for_c.changes[0].body, Body::Cell { column: "title".into(), value: Value::Text("from B".into()) });
    // A late, stale edit from C loses on arrival: C hears of it, the cell keeps B's value.
    server.push(&c, c.outbox(vec![cell("cases", "c1", "title", Value::Text("from C".into()), c.hlc(t + 5), None)]));
    let for_c: PullResponse = server.pull(&c, for_c.next, 100).json();
    assert_eq!(for_c.notices.len(), 1);
    assert_eq!(for_c.notices[0].winner, b.hlc(t + 10));
    let outcomes: Vec<String> =
        audit_lines(&db, "acme").iter().map(|l| l["outcome"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(outcomes, ["lost", "applied", "applied"], "newest first");
}

#[test]
fn a_push_with_a_stamp_beyond_the_clock_bound_stores_nothing() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    let t = now_ms();
    let outbox = device.outbox(vec![
        cell("cases", "c1", "title", Value::Text("fine".into()), device.hlc(t), None),
        cell(
            "cases",
            "c2",
            "title",
            Value::Text("from the future".into()),
            device.hlc(t + MAX_CLOCK_AHEAD_MS + 3_600_000),
            None,
        ),
    ]);
    let reply = server.push(&device, outbox);
    assert_eq!((reply.status, reply.code().as_str()), (422, "clock_ahead"));
    assert!(reply.value()["error"]["server_time_ms"].as_u64().unwrap_or(0) >= t);
    let page: PullResponse = server.pull(&device, 0, 100).json();
    assert!(page.changes.is_empty() && page.next == 0);
    assert!(audit_lines(&db, "acme").is_empty());
    // Re-stamped, the same outbox entries are accepted: the refusal did not ack them.
    let fixed = vec![
        frontline_sync::protocol::Outgoing {
            seq: 1,
            change: cell("cases", "c1", "title", Value::Text("fine".into()), device.hlc(t), None),
        },
        frontline_sync::protocol::Outgoing {
            seq: 2,
            change: cell("cases", "c2", "title", Value::Text("now".into()), device.hlc(t + 1), None),
        },
    ];
    let pushed: PushResponse = server.push(&device, fixed).json();
    assert_eq!((pushed.accepted, pushed.duplicates), (2, 0));
}

#[test]
fn hello_tells_the_protocol_and_the_clock_and_old_clients_must_update() {
    let db = Db::sqlite();
    let server = Server::start(&db);
    let hello = server.get("/v1/hello", None).value();
    assert_eq!(hello["protocol"], 1);
    assert_eq!(hello["min_protocol"], 1);
    let old = server.request("GET", "/v1/hello", None, &[("frontline-protocol", "0")], None);
    assert_eq!((old.status, old.code().as_str()), (426, "update_required"));
    assert!(old.headers.get("frontline-server-time").is_some());
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let db = Db::sqlite();
    let mut server = Server::start(&db);
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    assert!(server.logs().contains("shutting down"));
}
