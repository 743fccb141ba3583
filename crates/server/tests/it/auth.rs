use frontline_sync::NodeId;
use frontline_sync::protocol::{SignInResponse, Value};

use crate::common::{Db, PASSWORD, Server, cell, now_ms};

#[test]
fn sign_in_returns_a_token_a_device_id_and_the_next_device_code() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let first: SignInResponse = server.sign_in("acme", &email, PASSWORD, NodeId::random()).json();
    let second: SignInResponse = server.sign_in("acme", &email.to_uppercase(), PASSWORD, NodeId::random()).json();
    assert_eq!((first.device_code.as_str(), second.device_code.as_str()), ("0", "1"));
    assert_eq!(first.workspace, "acme");
    assert_ne!(first.token, second.token);
    assert!(first.server_time_ms > 0);
    let list = db.admin(&["device", "list", "--workspace", "acme"]);
    assert!(list.contains(&first.device_id) && list.contains(&second.device_id), "{list}");
}

#[test]
fn wrong_password_unknown_email_and_unknown_workspace_get_the_same_401() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let answers: Vec<(u16, String)> = [
        ("acme", email.as_str(), "wrong password"),
        ("acme", "nobody@acme.test", PASSWORD),
        ("nowhere", email.as_str(), PASSWORD),
    ]
    .iter()
    .map(|(ws, e, p)| {
        let r = server.sign_in(ws, e, p, NodeId::random());
        (r.status, r.value()["error"]["message"].as_str().unwrap_or_default().to_owned())
    })
    .collect();
    assert_eq!(answers[0].0, 401);
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    let metrics = server.get("/metrics", None).body;
    assert!(metrics.contains("frontline_sign_in_failures_total 3"), "{metrics}");
}

#[test]
fn the_eleventh_failed_sign_in_within_five_minutes_is_rate_limited() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    for i in 0..10 {
        assert_eq!(server.sign_in("acme", &email, "wrong password", NodeId::random()).status, 401, "attempt {i}");
    }
    let limited = server.sign_in("acme", &email, PASSWORD, NodeId::random());
    assert_eq!(limited.status, 429);
    assert_eq!(limited.code(), "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
    // Another e-mail from the same address is not affected.
    db.user("acme", "other@acme.test", "supervisor");
    assert_eq!(server.sign_in("acme", "other@acme.test", PASSWORD, NodeId::random()).status, 200);
}

#[test]
fn a_viewer_can_pull_but_not_push() {
    let db = Db::sqlite();
    db.workspace("acme");
    db.user("acme", "view@acme.test", "viewer");
    let server = Server::start(&db);
    let viewer = server.device("acme", "view@acme.test");
    assert_eq!(server.pull(&viewer, 0, 100).status, 200);
    let change = cell("cases", "r1", "title", Value::Text("x".into()), viewer.hlc(now_ms()), None);
    let reply = server.push(&viewer, viewer.outbox(vec![change]));
    assert_eq!(reply.status, 403);
    assert_eq!(reply.code(), "forbidden");
}

#[test]
fn a_disabled_user_is_refused_at_the_next_request_and_cannot_sign_in() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    assert_eq!(server.pull(&device, 0, 10).status, 200);
    db.admin(&["user", "disable", "--workspace", "acme", "--email", &email]);
    let reply = server.pull(&device, 0, 10);
    assert_eq!((reply.status, reply.code().as_str()), (403, "forbidden"));
    assert_eq!(server.sign_in("acme", &email, PASSWORD, NodeId::random()).status, 403);
    assert_eq!(server.sign_in("acme", &email, "wrong password", NodeId::random()).status, 401);
}

#[test]
fn a_revoked_device_is_refused_at_the_next_request() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    let other = server.device("acme", &email);
    db.admin(&["device", "revoke", "--workspace", "acme", &device.id]);
    let reply = server.pull(&device, 0, 10);
    assert_eq!((reply.status, reply.code().as_str()), (401, "unauthorized"));
    assert_eq!(server.pull(&other, 0, 10).status, 200, "only the revoked device is refused");
    let list = db.admin(&["device", "list", "--workspace", "acme"]);
    let line = list.lines().find(|l| l.contains(&device.id)).unwrap_or_default();
    assert!(!line.trim_end().ends_with('-'), "revocation time shown: {line}");
}

#[test]
fn signing_out_revokes_the_calling_device_only() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    let other = server.device("acme", &email);
    let reply = server.request("DELETE", "/v1/devices/current", Some(&device.token), &[], None);
    assert_eq!(reply.status, 204);
    assert!(reply.headers.get("frontline-server-time").is_some());
    assert_eq!(server.pull(&device, 0, 10).status, 401);
    assert_eq!(server.pull(&other, 0, 10).status, 200);
}

#[test]
fn user_add_refuses_short_and_empty_passwords() {
    let db = Db::sqlite();
    db.workspace("acme");
    for password in ["", "1234567"] {
        let out = db.admin_raw(
            &["user", "add", "--workspace", "acme", "--email", "a@acme.test", "--role", "admin"],
            Some(password),
        );
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8"), "{out:?}");
    }
}

#[test]
fn user_add_reads_the_password_from_standard_input() {
    use std::io::Write;
    let db = Db::sqlite();
    db.workspace("acme");
    let mut child = std::process::Command::new(crate::common::BIN)
        .args(["user", "add", "--workspace", "acme", "--email", "in@acme.test", "--role", "admin"])
        .args(db.args())
        .env_remove("FRONTLINE_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    let server = Server::start(&db);
    assert_eq!(server.sign_in("acme", "in@acme.test", PASSWORD, NodeId::random()).status, 200);
}
