use frontline_sync::protocol::{PullResponse, PushResponse, Value};

use crate::common::{Db, PASSWORD, Server, cell, now_ms};

#[test]
fn a_workspace_never_sees_another_workspaces_changes_or_notices() {
    let db = Db::sqlite();
    let alice = db.team("alpha");
    let bob = db.team("beta");
    let server = Server::start(&db);
    let a = server.device("alpha", &alice);
    let b1 = server.device("beta", &bob);
    let b2 = server.device("beta", &bob);
    let t = now_ms();
    // The same table and row ids in both workspaces.
    let pa: PushResponse = server
        .push(&a, a.outbox(vec![cell("cases", "c1", "title", Value::Text("alpha's".into()), a.hlc(t), None)]))
        .json();
    server.push(&b1, b1.outbox(vec![cell("cases", "c1", "title", Value::Text("beta 1".into()), b1.hlc(t), None)]));
    let pb: PushResponse = server
        .push(&b2, b2.outbox(vec![cell("cases", "c1", "title", Value::Text("beta 2".into()), b2.hlc(t + 1), None)]))
        .json();
    assert_eq!((pa.seq, pb.seq), (1, 3), "each workspace counts its own sequence");

    let for_a: PullResponse = server.pull(&a, 0, 100).json();
    assert_eq!(for_a.changes.len(), 1);
    assert_eq!(for_a.changes[0].hlc, a.hlc(t));
    assert_eq!(for_a.next, 1);
    // Even asking for beta's losing node, alpha's token gets no beta notice.
    let probe: PullResponse =
        server.get(&format!("/v1/sync/pull?after=0&limit=100&node={}", b1.node), Some(&a.token)).json();
    assert!(probe.notices.is_empty());
    let for_b1: PullResponse = server.pull(&b1, 0, 100).json();
    assert_eq!(for_b1.notices.len(), 1, "beta's own loser hears of it");
    assert!(for_b1.changes.iter().all(|c| c.hlc != a.hlc(t)));
}

#[test]
fn a_password_of_one_workspace_does_not_open_another() {
    let db = Db::sqlite();
    let alice = db.team("alpha");
    db.team("beta");
    let server = Server::start(&db);
    let reply = server.sign_in("beta", &alice, PASSWORD, frontline_sync::NodeId::random());
    assert_eq!((reply.status, reply.code().as_str()), (401, "unauthorized"));
}

#[test]
fn an_admin_of_one_workspace_cannot_revoke_another_workspaces_device() {
    let db = Db::sqlite();
    db.team("alpha");
    let bob = db.team("beta");
    let server = Server::start(&db);
    let b = server.device("beta", &bob);
    let out = db.admin_raw(&["device", "revoke", "--workspace", "alpha", &b.id], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"), "{out:?}");
    assert_eq!(server.pull(&b, 0, 10).status, 200);
    let list = db.admin(&["device", "list", "--workspace", "alpha"]);
    assert!(!list.contains(&b.id));
}
