use std::collections::{BTreeMap, BTreeSet};

use frontline_sync::protocol::{Body, Change, Value};
use serde_json::json;

use crate::common::{Db, Server, cell, now_ms};

/// Every route the router serves, with its methods.
const ROUTES: &[(&str, &str)] = &[
    ("/healthz", "get"),
    ("/metrics", "get"),
    ("/openapi.json", "get"),
    ("/v1/devices", "post"),
    ("/v1/devices/current", "delete"),
    ("/v1/hello", "get"),
    ("/v1/sync/pull", "get"),
    ("/v1/sync/push", "post"),
];

/// Checks `instance` against the document's schema `name`.
fn assert_schema(doc: &serde_json::Value, name: &str, instance: &serde_json::Value) {
    let mut schema = doc.clone();
    schema["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema {name}: {e}"));
    let errors: Vec<String> = validator.iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{name} does not describe {instance}: {errors:?}");
}

#[test]
fn the_document_lists_exactly_the_routes_the_router_serves() {
    let db = Db::sqlite();
    let server = Server::start(&db);
    let reply = server.get("/openapi.json", None);
    assert_eq!(reply.status, 200);
    let doc = reply.value();
    assert!(doc["openapi"].as_str().unwrap_or_default().starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().into_iter().flat_map(move |ops| ops.keys().map(move |m| (path.clone(), m.clone())))
        })
        .collect();
    let expected: BTreeSet<(String, String)> = ROUTES.iter().map(|(p, m)| (p.to_string(), m.to_string())).collect();
    assert_eq!(documented, expected);
    // Each documented operation is served: the router does not answer "no such route"
    // or "method not allowed" for it.
    for (path, method) in ROUTES {
        let reply = server.request(&method.to_uppercase(), path, None, &[], None);
        let unknown = reply.status == 405 || (reply.status == 404 && reply.body.contains("no such route"));
        assert!(!unknown, "{method} {path} is documented but not served: {} {}", reply.status, reply.body);
    }
    // And an undocumented path is not.
    assert_eq!(server.get("/v1/sync/everything", None).status, 404);
}

#[test]
fn real_answers_match_their_documented_schemas() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let server = Server::start(&db);
    let doc = server.get("/openapi.json", None).value();
    assert_schema(&doc, "Hello", &server.get("/v1/hello", None).value());
    assert_schema(&doc, "Health", &server.get("/healthz", None).value());

    let a = server.device("acme", &email);
    let b = server.device("acme", &email);
    let signed_in = server.sign_in("acme", &email, crate::common::PASSWORD, frontline_sync::NodeId::random()).value();
    assert_schema(&doc, "SignInResponse", &signed_in);

    let t = now_ms();
    let row = Change {
        table: "case_events".into(),
        row: "e1".into(),
        hlc: a.hlc(t),
        base: None,
        body: Body::Row {
            values: BTreeMap::from([
                ("kind".to_owned(), Value::Text("note".into())),
                ("n".to_owned(), Value::Real(1.5)),
            ]),
        },
    };
    let push_a =
        server.push(&a, a.outbox(vec![cell("cases", "c1", "title", Value::Text("a".into()), a.hlc(t), None), row]));
    assert_schema(&doc, "PushResponse", &push_a.value());
    let push_b = server.push(&b, b.outbox(vec![cell("cases", "c1", "title", Value::Integer(7), b.hlc(t + 1), None)]));
    assert_schema(
        &doc,
        "PushRequest",
        &json!({"node": b.node, "changes": b.outbox(vec![cell("cases", "c1", "title", Value::Null, b.hlc(t + 2), Some(a.hlc(t)))])}),
    );
    assert_eq!(push_b.status, 200);
    let pull = server.pull(&a, 0, 100).value();
    assert_eq!(pull["notices"].as_array().map(Vec::len), Some(1), "{pull}");
    assert_eq!(pull["changes"].as_array().map(Vec::len), Some(2), "{pull}");
    assert_schema(&doc, "PullResponse", &pull);

    assert_schema(&doc, "ErrorBody", &server.get("/nowhere", None).value());
    assert_schema(&doc, "ErrorBody", &server.get("/v1/sync/pull?after=0&limit=1&node=00", Some(&a.token)).value());
}
