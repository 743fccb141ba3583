use frontline_sync::protocol::{MAX_BODY_BYTES, MAX_PULL_LIMIT, MAX_PUSH_CHANGES, Value};
use serde_json::json;

use crate::common::{Db, Device, Reply, Server, cell, now_ms};

/// The answer is a 4xx with a complete ErrorBody and the server-time header.
fn assert_error(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    let body = reply.value();
    assert_eq!(body["error"]["code"], code, "{}", reply.body);
    assert!(!body["error"]["message"].as_str().unwrap_or_default().is_empty());
    assert!(body["error"]["server_time_ms"].as_u64().unwrap_or(0) > 0);
    assert!(reply.headers.get("frontline-server-time").is_some());
    assert!(
        reply.headers.get("content-type").is_some_and(|v| v.to_str().unwrap_or("").starts_with("application/json"))
    );
}

fn setup() -> (Db, Server, Device) {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let device = server.device("acme", &email);
    (db, server, device)
}

fn raw_push(server: &Server, device: &Device, body: &str) -> Reply {
    server.request(
        "POST",
        "/v1/sync/push",
        Some(&device.token),
        &[],
        Some(("application/json", body.as_bytes().to_vec())),
    )
}

#[test]
fn malformed_push_bodies_are_bad_requests() {
    let (_db, server, device) = setup();
    let node = device.node.to_string();
    let t = now_ms();
    let good_change = json!({"seq": 1, "table": "cases", "row": "r", "hlc": device.hlc(t), "kind": "cell", "column": "title", "value": "x"});
    let cases: Vec<(&str, String)> = vec![
        ("not JSON", "{".into()),
        ("not an object", "[1,2]".into()),
        ("wrong type", json!({"node": 5, "changes": []}).to_string()),
        ("missing field", json!({"changes": []}).to_string()),
        ("bad node text", json!({"node": "xyz", "changes": []}).to_string()),
        ("bad hlc text", json!({"node": node, "changes": [{"seq": 1, "table": "cases", "row": "r", "hlc": "yesterday", "kind": "cell", "column": "c", "value": 1}]}).to_string()),
        ("unknown kind", json!({"node": node, "changes": [{"seq": 1, "table": "cases", "row": "r", "hlc": device.hlc(t), "kind": "blob", "column": "c", "value": 1}]}).to_string()),
        ("value of an unknown type", json!({"node": node, "changes": [{"seq": 1, "table": "cases", "row": "r", "hlc": device.hlc(t), "kind": "cell", "column": "c", "value": [1]}]}).to_string()),
        ("bad table name", json!({"node": node, "changes": [{"seq": 1, "table": "Cases; DROP", "row": "r", "hlc": device.hlc(t), "kind": "cell", "column": "c", "value": 1}]}).to_string()),
        ("empty row id", json!({"node": node, "changes": [{"seq": 1, "table": "cases", "row": "", "hlc": device.hlc(t), "kind": "cell", "column": "c", "value": 1}]}).to_string()),
        ("empty row body", json!({"node": node, "changes": [{"seq": 1, "table": "cases", "row": "r", "hlc": device.hlc(t), "kind": "row", "values": {}}]}).to_string()),
        ("negative seq", json!({"node": node, "changes": [{"seq": -1, "table": "cases", "row": "r", "hlc": device.hlc(t), "kind": "cell", "column": "c", "value": 1}]}).to_string()),
        ("seqs not increasing", json!({"node": node, "changes": [good_change, good_change]}).to_string()),
    ];
    for (what, body) in cases {
        let reply = raw_push(&server, &device, &body);
        assert!(reply.status == 400, "{what}: {} {}", reply.status, reply.body);
        assert_error(&reply, 400, "bad_request");
    }
    let page = server.pull(&device, 0, 10).value();
    assert_eq!(page["changes"], json!([]), "nothing was stored");
}

#[test]
fn a_push_of_more_than_the_maximum_changes_is_a_bad_request() {
    let (_db, server, device) = setup();
    let t = now_ms();
    let changes = (0..=MAX_PUSH_CHANGES)
        .map(|i| cell("cases", &format!("r{i}"), "title", Value::Integer(i as i64), device.hlc(t), None))
        .collect();
    let reply = server.push(&device, device.outbox(changes));
    assert_error(&reply, 400, "bad_request");
    assert!(reply.body.contains("at most"), "{}", reply.body);
}

#[test]
fn a_body_without_json_content_type_is_refused_with_json() {
    let (_db, server, device) = setup();
    let body = json!({"node": device.node, "changes": []}).to_string().into_bytes();
    let reply = server.request("POST", "/v1/sync/push", Some(&device.token), &[], Some(("", body.clone())));
    assert_error(&reply, 400, "bad_request");
    let reply = server.request("POST", "/v1/sync/push", Some(&device.token), &[], Some(("text/plain", body)));
    assert_error(&reply, 400, "bad_request");
}

#[test]
fn malformed_pull_parameters_are_bad_requests() {
    let (_db, server, device) = setup();
    let node = device.node;
    for query in [
        format!("after=0&limit={}&node={node}", MAX_PULL_LIMIT + 1),
        format!("after=0&limit=0&node={node}"),
        format!("after=abc&limit=10&node={node}"),
        format!("after=-1&limit=10&node={node}"),
        format!("limit=10&node={node}"),
        "after=0&limit=10".to_owned(),
        "after=0&limit=10&node=nothex".to_owned(),
        format!("after=99999999999999999999&limit=10&node={node}"),
    ] {
        let reply = server.get(&format!("/v1/sync/pull?{query}"), Some(&device.token));
        assert!(reply.status == 400, "{query}: {} {}", reply.status, reply.body);
        assert_error(&reply, 400, "bad_request");
    }
}

#[test]
fn unknown_routes_and_wrong_methods_answer_json() {
    let (_db, server, device) = setup();
    assert_error(&server.get("/v2/sync/pull", Some(&device.token)), 404, "not_found");
    assert_error(&server.get("/", None), 404, "not_found");
    assert_error(&server.request("PUT", "/v1/sync/push", Some(&device.token), &[], None), 405, "bad_request");
    assert_error(&server.request("DELETE", "/v1/hello", None, &[], None), 405, "bad_request");
    assert_error(&server.get("/v1/sync/push", Some(&device.token)), 405, "bad_request");
}

#[test]
fn missing_or_bad_bearer_tokens_are_unauthorized() {
    let (_db, server, device) = setup();
    let path = format!("/v1/sync/pull?after=0&limit=10&node={}", device.node);
    assert_error(&server.get(&path, None), 401, "unauthorized");
    assert_error(&server.get(&path, Some("not-a-token")), 401, "unauthorized");
    assert_error(&server.get(&path, Some("")), 401, "unauthorized");
    let basic = server.request("GET", &path, None, &[("authorization", "Basic dXNlcjpwYXNz")], None);
    assert_error(&basic, 401, "unauthorized");
    let lower = server.request("GET", &path, None, &[("authorization", &format!("bearer {}", device.token))], None);
    assert_eq!(lower.status, 200, "the scheme is case-insensitive");
    assert_error(&server.request("DELETE", "/v1/devices/current", Some("nope"), &[], None), 401, "unauthorized");
}

#[test]
fn malformed_sign_ins_are_bad_requests() {
    let (_db, server, device) = setup();
    for body in [
        json!({"workspace": "acme"}),
        json!({"workspace": "acme", "email": "a", "password": "p", "device_name": "d", "node": "zz", "app_version": "1"}),
        json!({"workspace": "acme", "email": "a", "password": "p", "device_name": "", "node": device.node, "app_version": "1"}),
        json!({"workspace": "acme", "email": "a", "password": "p", "device_name": "x".repeat(200), "node": device.node, "app_version": "1"}),
    ] {
        let reply = server.post("/v1/devices", None, &body);
        assert_error(&reply, 400, "bad_request");
    }
}

#[test]
fn a_non_numeric_protocol_header_is_a_bad_request() {
    let (_db, server, _device) = setup();
    let reply = server.request("GET", "/v1/hello", None, &[("frontline-protocol", "one")], None);
    assert_error(&reply, 400, "bad_request");
}

#[test]
fn a_body_over_the_limit_is_payload_too_large() {
    let (_db, server, device) = setup();
    let mut body = br#"{"node":""#.to_vec();
    body.resize(MAX_BODY_BYTES + 1, b'a');
    let reply = server.request("POST", "/v1/sync/push", Some(&device.token), &[], Some(("application/json", body)));
    assert_error(&reply, 413, "payload_too_large");
}
