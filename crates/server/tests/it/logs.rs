use frontline_sync::NodeId;
use frontline_sync::protocol::Value;

use crate::common::{Db, PASSWORD, Server, cell, now_ms};

#[test]
fn logs_hold_no_password_token_or_authorization_header_even_at_trace_level() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start_with(&db, &[], &[("RUST_LOG", "trace")]);
    let device = server.device("acme", &email);
    server.sign_in("acme", &email, "a wrong password 12345", NodeId::random());
    server.push(
        &device,
        device.outbox(vec![cell("cases", "c1", "title", Value::Text("x".into()), device.hlc(now_ms()), None)]),
    );
    server.pull(&device, 0, 10);
    server.request("DELETE", "/v1/devices/current", Some(&device.token), &[], None);
    server.pull(&device, 0, 10);
    let logs = server.logs();
    assert!(logs.lines().count() > 5, "the server logged: {logs}");
    for line in logs.lines() {
        assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "not a JSON line: {line}");
    }
    for secret in [PASSWORD, "a wrong password 12345", device.token.as_str()] {
        assert!(!logs.contains(secret), "a secret is in the logs");
    }
    assert!(!logs.to_lowercase().contains("bearer "), "an Authorization header is in the logs");
    assert!(logs.contains("\"route\":\"/v1/sync/push\""), "requests are logged by route");
}
