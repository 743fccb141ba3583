//! Case workflow on a real database: intake, assignment, escalation, pause, resolution,
//! call-back, search, queues and bulk actions.

use chrono::Duration;

use super::bulk::{self, BulkAction};
use super::*;
use crate::customers::{self, CustomerInput, Tier};
use crate::ids::CaseId;
use crate::people;
use crate::store::Store;
use crate::store::test_support::{TestClock, temp_store};
use crate::{Error, ValidationRule};

mod actions;
mod at_risk;
mod bounds;
mod history;

fn new_case(title: &str) -> NewCase {
    NewCase {
        title: title.into(),
        description: "客户反映账单金额有误".into(),
        customer_id: None,
        channel: CaseChannel::Phone,
        category: "Billing".into(),
        priority: Priority::P2,
    }
}

fn create(store: &mut Store, title: &str) -> CaseId {
    store.write(|tx| super::create(tx, &new_case(title))).unwrap()
}

fn kinds(store: &Store, id: &CaseId) -> Vec<String> {
    timeline(store.conn(), id)
        .unwrap()
        .into_iter()
        .map(|e| serde_json::to_value(&e.data).unwrap()["kind"].as_str().unwrap().to_owned())
        .collect()
}

fn resolution() -> Resolution {
    Resolution { root_cause: "Tariff table out of date".into(), resolution_summary: "Refunded the difference".into() }
}

fn count_rows(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn created_case_has_reference_status_and_timeline() {
    let (_d, mut store, _) = temp_store();
    let a = create(&mut store, "Wrong bill");
    let b = create(&mut store, "Late delivery");
    let (ca, cb) = (get(store.conn(), &a).unwrap(), get(store.conn(), &b).unwrap());
    assert_eq!(ca.status, CaseStatus::New);
    assert!(ca.reference.ends_with("-1") && cb.reference.ends_with("-2"), "{} {}", ca.reference, cb.reference);
    assert_eq!(kinds(&store, &a), ["created"]);
    assert_eq!(find_by_reference(store.conn(), &cb.reference.to_lowercase()).unwrap(), Some(b));
}

#[test]
fn full_life_of_a_case() {
    let (_d, mut store, clock) = temp_store();
    let cust = store
        .write(|tx| {
            customers::create(
                tx,
                &CustomerInput {
                    name: "王小明".into(),
                    company: String::new(),
                    email: String::new(),
                    phone: "13800000000".into(),
                    tier: Tier::Vip,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let team = store.write(|tx| people::create_team(tx, "Tier 2")).unwrap();
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", Some(&team))).unwrap();
    let id = store
        .write(|tx| super::create(tx, &NewCase { customer_id: Some(cust.clone()), ..new_case("账单错误") }))
        .unwrap();

    store.write(|tx| assign(tx, &id, Some(&agent), Some(&team))).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Open, None)).unwrap();
    let esc = Escalation { department: "Billing".into(), level: 2, reason: "Refund above limit".into() };
    store.write(|tx| escalate(tx, &id, &esc)).unwrap();
    store
        .write(|tx| {
            log_contact(
                tx,
                &id,
                &Contact {
                    channel: CaseChannel::Phone,
                    direction: Direction::Outbound,
                    summary: "Called back".into(),
                    handle_seconds: 300,
                },
            )
        })
        .unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::PendingCustomer, None)).unwrap();
    assert_eq!(case_sla(&store, &id).unwrap().resolution.status, SlaStatus::Paused);
    clock.set(clock.get() + Duration::hours(1));
    store.write(|tx| transition(tx, &id, CaseStatus::Open, None)).unwrap();
    store.write(|tx| de_escalate(tx, &id, "Billing approved")).unwrap();
    store.write(|tx| add_note(tx, &id, "客户同意退款方案")).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let due = (clock.get() + Duration::days(2)).to_rfc3339();
    store.write(|tx| schedule_callback(tx, &id, &due)).unwrap();
    let cb = CallbackResult { outcome: "Happy".into(), csat: Some(5), nps: Some(9), comment: Some("很满意".into()) };
    store.write(|tx| record_callback(tx, &id, &cb)).unwrap();

    let c = get(store.conn(), &id).unwrap();
    assert_eq!(c.status, CaseStatus::Resolved);
    assert_eq!(c.assignee_name.as_deref(), Some("Li Na"));
    assert_eq!(c.team_name.as_deref(), Some("Tier 2"));
    assert!(c.customer_vip);
    assert!(c.escalation.is_none());
    assert_eq!(c.handle_seconds, 300);
    assert!(c.first_response_at.is_some());
    assert_eq!(c.root_cause.as_deref(), Some("Tariff table out of date"));
    assert_eq!(c.satisfaction.csat, Some(5));
    assert_eq!(c.follow_up.outcome.as_deref(), Some("Happy"));
    assert_eq!(
        kinds(&store, &id),
        [
            "created",
            "assigned",
            "status_changed",
            "escalated",
            "customer_contact",
            "status_changed",
            "status_changed",
            "de_escalated",
            "note",
            "status_changed",
            "resolved",
            "callback_scheduled",
            "callback_recorded"
        ]
    );
    let sla = case_sla(&store, &id).unwrap();
    assert_eq!(sla.first_response.status, SlaStatus::Met);
    assert_eq!(customers::get(store.conn(), &cust).unwrap().case_count, 1);
    create(&mut store, "someone else's");
    let theirs = CaseQuery { customer_ids: vec![cust.clone()], ..CaseQuery::default() };
    let page = query::list(store.conn(), &theirs, clock.get()).unwrap();
    assert_eq!(page.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![id.clone()]);
}

#[test]
fn invalid_transition_is_refused_without_writing() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "x");
    let log_before = count_rows(&store, "outbox");
    let err = store.write(|tx| transition(tx, &id, CaseStatus::Closed, None)).unwrap_err();
    assert!(matches!(err, Error::InvalidTransition { from: "new", to: "closed" }), "{err:?}");
    assert_eq!(count_rows(&store, "outbox"), log_before);
    assert_eq!(get(store.conn(), &id).unwrap().status, CaseStatus::New);
}

#[test]
fn resolving_requires_root_cause_and_summary() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "x");
    let err = store.write(|tx| transition(tx, &id, CaseStatus::Resolved, None)).unwrap_err();
    assert!(matches!(err, Error::Validation { field: "rootCause", rule: ValidationRule::Required, .. }));
    let blank = Resolution { root_cause: "cause".into(), resolution_summary: "  ".into() };
    let err = store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&blank))).unwrap_err();
    assert!(matches!(err, Error::Validation { field: "resolutionSummary", .. }));
    assert_eq!(get(store.conn(), &id).unwrap().status, CaseStatus::New);
}

#[test]
fn reopen_after_close_is_allowed() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "x");
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Closed, None)).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Open, None)).unwrap();
    assert_eq!(get(store.conn(), &id).unwrap().status, CaseStatus::Open);
}

#[test]
fn bad_input_gives_field_errors_and_no_partial_writes() {
    let (_d, mut store, _) = temp_store();
    let cases_before = count_rows(&store, "cases");
    for (input, field) in [
        (new_case(""), "title"),
        (new_case(&"x".repeat(201)), "title"),
        (NewCase { category: "c".repeat(81), ..new_case("ok") }, "category"),
    ] {
        match store.write(|tx| super::create(tx, &input)) {
            Err(Error::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    let unknown = NewCase { customer_id: Some(crate::ids::CustomerId::new()), ..new_case("ok") };
    assert!(matches!(store.write(|tx| super::create(tx, &unknown)), Err(Error::NotFound { entity: "customer", .. })));
    assert_eq!(count_rows(&store, "cases"), cases_before);
    let missing = CaseId::new();
    assert!(matches!(store.write(|tx| add_note(tx, &missing, "x")), Err(Error::NotFound { entity: "case", .. })));
    let id = create(&mut store, "ok");
    let bad_esc = Escalation { department: "Billing".into(), level: 7, reason: "r".into() };
    assert!(matches!(store.write(|tx| escalate(tx, &id, &bad_esc)), Err(Error::Validation { field: "level", .. })));
    assert!(matches!(
        store.write(|tx| schedule_callback(tx, &id, "2026-01-01T00:00:00Z")),
        Err(Error::InvalidTransition { .. })
    ));
}

#[test]
fn callback_validates_scores() {
    let (_d, mut store, clock) = temp_store();
    let id = create(&mut store, "x");
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    store.write(|tx| schedule_callback(tx, &id, &(clock.get() + Duration::days(1)).to_rfc3339())).unwrap();
    for (csat, nps, field) in [(Some(0), None, "csat"), (Some(6), None, "csat"), (None, Some(11), "nps")] {
        let r = CallbackResult { outcome: "ok".into(), csat, nps, comment: None };
        match store.write(|tx| record_callback(tx, &id, &r)) {
            Err(Error::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    assert!(get(store.conn(), &id).unwrap().follow_up.done_at.is_none());
}

#[test]
fn search_finds_chinese_and_english_words_in_titles_descriptions_and_notes() {
    let (_d, mut store, clock) = temp_store();
    let a = create(&mut store, "Router keeps rebooting");
    let b = create(&mut store, "退款没有到账");
    store.write(|tx| add_note(tx, &a, "客户说晚上信号很差")).unwrap();
    let find = |text: &str| -> Vec<CaseId> {
        let q = CaseQuery { text: Some(text.into()), ..CaseQuery::default() };
        query::list(store.conn(), &q, clock.get()).unwrap().rows.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(find("reboot"), vec![a.clone()]);
    assert_eq!(find("REBOOT"), vec![a.clone()]);
    assert_eq!(find("退款"), vec![b.clone()], "two-character Chinese query");
    assert_eq!(find("没有到账"), vec![b.clone()]);
    assert_eq!(find("信号"), vec![a.clone()], "found in a note");
    assert_eq!(find("账单金额").len(), 2, "found in both descriptions");
    assert!(find("\"; DROP TABLE cases; --").is_empty());
    assert!(find("%").is_empty());
    let reference = get(store.conn(), &b).unwrap().reference;
    assert_eq!(find(&reference), vec![b]);
}

#[test]
fn short_queries_come_from_the_gram_index_and_follow_edits_and_notes() {
    let (_d, mut store, clock) = temp_store();
    let a = create(&mut store, "Wi-Fi drops");
    let b = create(&mut store, "发票开错");
    let find = |store: &Store, text: &str| -> Vec<CaseId> {
        let q = CaseQuery { text: Some(text.into()), ..CaseQuery::default() };
        let mut ids: Vec<CaseId> =
            query::list(store.conn(), &q, clock.get()).unwrap().rows.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(find(&store, "票"), vec![b.clone()], "one Chinese character");
    assert_eq!(find(&store, "WI"), vec![a.clone()], "ASCII case folds like LIKE");
    assert_eq!(find(&store, "i-"), vec![a.clone()], "punctuation inside: the scan fallback");
    assert!(find(&store, "错发").is_empty(), "grams keep their order");

    let edit = CaseEdit {
        title: "收据开错".into(),
        description: "客户要求重开".into(),
        customer_id: None,
        channel: CaseChannel::Phone,
        category: "Billing".into(),
        priority: Priority::P2,
    };
    store.write(|tx| super::edit(tx, &b, &edit)).unwrap();
    assert!(find(&store, "发票").is_empty(), "grams of the old title are gone");
    assert_eq!(find(&store, "收据"), vec![b.clone()]);
    store.write(|tx| add_note(tx, &a, "换了路由器")).unwrap();
    assert_eq!(find(&store, "路由"), vec![a.clone()], "a note is searchable at once");
    assert_eq!(find(&store, "重开"), vec![b.clone()]);
    // The index holds exactly one row per case: edits and notes replace, never add.
    assert_eq!(count_rows(&store, "cases_grams"), 2);
}

#[test]
fn queues_filter_and_sort() {
    let (_d, mut store, clock) = temp_store();
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    let p1 = store.write(|tx| super::create(tx, &NewCase { priority: Priority::P1, ..new_case("p1") })).unwrap();
    let p3 = store.write(|tx| super::create(tx, &NewCase { priority: Priority::P3, ..new_case("p3") })).unwrap();
    store.write(|tx| assign(tx, &p3, Some(&agent), None)).unwrap();
    store.write(|tx| set_tags(tx, &p3, &["refund".into(), "vip-watch".into()])).unwrap();
    let list = |q: CaseQuery| -> Vec<CaseId> {
        query::list(store.conn(), &q, clock.get()).unwrap().rows.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(list(CaseQuery { queue: Queue::Unassigned, ..CaseQuery::default() }), vec![p1.clone()]);
    assert_eq!(
        list(CaseQuery { queue: Queue::Mine, me: Some(agent.clone()), ..CaseQuery::default() }),
        vec![p3.clone()]
    );
    assert_eq!(list(CaseQuery { tag: Some("refund".into()), ..CaseQuery::default() }), vec![p3.clone()]);
    assert_eq!(
        list(CaseQuery { sort: CaseSort::Priority, descending: false, ..CaseQuery::default() }),
        vec![p1.clone(), p3.clone()]
    );
    assert_eq!(list(CaseQuery { priorities: vec![Priority::P3], ..CaseQuery::default() }), vec![p3.clone()]);
    // P1 has a 30-minute first-response target around the clock: breaching within the hour.
    assert_eq!(list(CaseQuery { queue: Queue::Breaching, ..CaseQuery::default() }), vec![p1.clone()]);
    let page =
        query::list(store.conn(), &CaseQuery { limit: 1, offset: 1, ..CaseQuery::default() }, clock.get()).unwrap();
    assert_eq!((page.rows.len(), page.total), (1, 2));
    assert!(matches!(
        query::list(store.conn(), &CaseQuery { limit: 0, ..CaseQuery::default() }, clock.get()),
        Err(Error::Validation { field: "limit", .. })
    ));
    assert!(matches!(
        query::list(store.conn(), &CaseQuery { queue: Queue::Mine, ..CaseQuery::default() }, clock.get()),
        Err(Error::Validation { field: "me", .. })
    ));
}

#[test]
fn bulk_close_assign_tag_and_undo() {
    let (_d, mut store, _) = temp_store();
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    let a = create(&mut store, "a");
    let b = create(&mut store, "b");
    store.write(|tx| transition(tx, &b, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let ids = vec![a.clone(), b.clone()];

    let out = store.write(|tx| bulk::apply(tx, &ids, &BulkAction::Close { resolution: None })).unwrap();
    assert_eq!(out.skipped, vec![a.clone()], "an active case needs a resolution");
    assert_eq!(get(store.conn(), &b).unwrap().status, CaseStatus::Closed);
    store.write(|tx| bulk::undo(tx, &out.changed)).unwrap();
    assert_eq!(get(store.conn(), &b).unwrap().status, CaseStatus::Resolved);

    let out = store.write(|tx| bulk::apply(tx, &ids, &BulkAction::Assign { assignee: Some(agent.clone()) })).unwrap();
    assert_eq!(out.changed.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), vec![a.clone()]);
    assert_eq!(out.skipped, vec![b.clone()], "a resolved case takes no new assignment");
    let tagged = store.write(|tx| bulk::apply(tx, &ids, &BulkAction::AddTag { tag: "outage".into() })).unwrap();
    store.write(|tx| bulk::undo(tx, &tagged.changed)).unwrap();
    store.write(|tx| bulk::undo(tx, &out.changed)).unwrap();
    for id in &ids {
        let c = get(store.conn(), id).unwrap();
        assert!(c.assignee_id.is_none() && c.tags.is_empty(), "{c:?}");
    }
}

/// An agent who has left is not given new cases (one at a time or in bulk), while the
/// cases already theirs keep them, with their name, and saving those unchanged works.
#[test]
fn an_agent_who_left_gets_no_new_case_and_keeps_their_own() {
    let (_d, mut store, _) = temp_store();
    let gone = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    let stays = store.write(|tx| people::create_agent(tx, "Wang Fang", None)).unwrap();
    let a = create(&mut store, "a");
    let b = create(&mut store, "b");
    store.write(|tx| assign(tx, &a, Some(&gone), None)).unwrap();
    store.write(|tx| people::roster::set_left(tx, &gone, Some("2026-03-01"))).unwrap();

    let left = |r: crate::Result<()>| {
        matches!(r, Err(Error::Validation { field: "assigneeId", rule: ValidationRule::AgentLeft, .. }))
    };
    assert!(left(store.write(|tx| assign(tx, &b, Some(&gone), None))));
    let outbox = count_rows(&store, "outbox");
    let bulk = store
        .write(|tx| bulk::apply(tx, std::slice::from_ref(&b), &BulkAction::Assign { assignee: Some(gone.clone()) }));
    assert!(matches!(bulk, Err(Error::Validation { rule: ValidationRule::AgentLeft, .. })), "{bulk:?}");
    assert_eq!(count_rows(&store, "outbox"), outbox);
    assert!(get(store.conn(), &b).unwrap().assignee_id.is_none());

    // Their own case keeps them and their name; reassigning it to them again is harmless.
    store.write(|tx| assign(tx, &a, Some(&gone), None)).unwrap();
    let case = get(store.conn(), &a).unwrap();
    assert_eq!((case.assignee_id.as_ref(), case.assignee_name.as_deref()), (Some(&gone), Some("Li Na")));
    // Undoing a bulk reassignment puts them back.
    let out = store
        .write(|tx| bulk::apply(tx, std::slice::from_ref(&a), &BulkAction::Assign { assignee: Some(stays.clone()) }))
        .unwrap();
    store.write(|tx| bulk::undo(tx, &out.changed)).unwrap();
    assert_eq!(get(store.conn(), &a).unwrap().assignee_id.as_ref(), Some(&gone));
    // The pickers' list says who left.
    let listed = people::agents(store.conn()).unwrap();
    assert_eq!(listed.iter().find(|x| x.id == gone).unwrap().left_on.as_deref(), Some("2026-03-01"));
    assert_eq!(listed.iter().find(|x| x.id == stays).unwrap().left_on, None);
}

#[test]
fn failed_bulk_action_changes_nothing() {
    let (_d, mut store, _) = temp_store();
    let a = create(&mut store, "a");
    let ids = vec![a.clone(), CaseId::new()];
    let before = count_rows(&store, "outbox");
    let err = store.write(|tx| bulk::apply(tx, &ids, &BulkAction::AddTag { tag: "x".into() })).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert_eq!(count_rows(&store, "outbox"), before);
    assert!(get(store.conn(), &a).unwrap().tags.is_empty());
}

#[test]
fn every_case_write_reaches_the_outbox() {
    let (_d, mut store, _) = temp_store();
    let before = count_rows(&store, "outbox");
    let id = create(&mut store, "x");
    let after_create = count_rows(&store, "outbox");
    assert!(after_create > before);
    store.write(|tx| add_note(tx, &id, "n")).unwrap();
    let tables: Vec<String> = store
        .conn()
        .prepare("SELECT DISTINCT tbl FROM outbox ORDER BY tbl")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["case_events", "cases"]);
}

#[test]
fn two_devices_never_mint_the_same_reference() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let mut one = Store::open_with_clock(&dir.path().join("one.db"), clock.now()).unwrap();
    let mut two = Store::open_with_clock(&dir.path().join("two.db"), clock.now()).unwrap();
    let a = create(&mut one, "x");
    let b = create(&mut two, "x");
    assert_ne!(get(one.conn(), &a).unwrap().reference, get(two.conn(), &b).unwrap().reference);
}

#[test]
fn breaches_are_reported_once_as_their_due_time_passes() {
    let (_d, mut store, clock) = temp_store();
    let t0 = clock.get();
    let id = store.write(|tx| super::create(tx, &NewCase { priority: Priority::P1, ..new_case("p1") })).unwrap();
    // P1: first response due 30 minutes after creation, around the clock.
    assert!(query::breached_between(store.conn(), t0, t0 + Duration::minutes(29)).unwrap().is_empty());
    let hit = query::breached_between(store.conn(), t0 + Duration::minutes(29), t0 + Duration::minutes(31)).unwrap();
    assert_eq!(hit.iter().map(|b| b.id.clone()).collect::<Vec<_>>(), vec![id]);
    assert!(
        query::breached_between(store.conn(), t0 + Duration::minutes(31), t0 + Duration::minutes(60))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn event_kind_column_matches_the_serde_tag() {
    let esc = Escalation { department: "Billing".into(), level: 1, reason: "why".into() };
    let all = [
        EventData::Created { priority: Priority::P1, channel: CaseChannel::Phone },
        EventData::Note { text: "n".into() },
        EventData::StatusChanged { from: CaseStatus::New, to: CaseStatus::Open },
        EventData::Assigned { assignee: None, team: None },
        EventData::Escalated { escalation: esc },
        EventData::DeEscalated { reason: "r".into() },
        EventData::TagsChanged { added: vec![], removed: vec![] },
        EventData::Edited { fields: vec![] },
        EventData::CustomerContact {
            channel: CaseChannel::Email,
            direction: Direction::Inbound,
            summary: String::new(),
            handle_seconds: 0,
        },
        EventData::Resolved { root_cause: "c".into(), resolution_summary: "s".into() },
        EventData::CallbackScheduled { due_at: "2026-03-02T09:00:00.000Z".into() },
        EventData::CallbackRecorded { outcome: "o".into(), csat: None, nps: None, comment: None },
    ];
    for data in all {
        let tag = serde_json::to_value(&data).unwrap()["kind"].as_str().unwrap().to_owned();
        assert_eq!(super::store::kind_of(&data), tag);
    }
}

#[test]
fn upgrading_a_version_3_database_indexes_its_cases_for_short_queries_and_the_breaching_queue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    // Two cases as version 3 wrote them (raw rows: today's code writes today's schema).
    let (a, b) = (CaseId::new(), CaseId::new());
    {
        let store = crate::store::test_support::store_at_version(&path, 3);
        let insert = "INSERT INTO cases (id, ref, title, description, channel, priority, status, tags,
            first_response_due_at, resolution_due_at, created_at, updated_at)
            VALUES (?1, ?2, ?3, '', 'phone', ?4, 'new', ?5, ?6, ?6, ?7, ?7)";
        let conn = store.conn();
        conn.execute(
            insert,
            rusqlite::params![
                a,
                "AAAAAA-1",
                "退款没有到账",
                "p3",
                r#"["vip","退款"]"#,
                "2999-01-01T00:00:00.000Z",
                "2026-03-02T09:00:00.000Z"
            ],
        )
        .unwrap();
        conn.execute(
            insert,
            rusqlite::params![
                b,
                "AAAAAA-2",
                "Outage",
                "p1",
                "[]",
                "2026-03-02T09:30:00.000Z",
                "2026-03-02T09:00:00.000Z"
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO case_events (id, case_id, at, kind, data, created_at, updated_at)
             VALUES ('e1', ?1, '2026-03-02T09:00:00.000Z', 'created', '{\"kind\":\"created\",\"priority\":\"p3\",\"channel\":\"phone\"}', 't', 't')",
            [&a],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let now = crate::system_now()();
    let list = |q: CaseQuery| -> Vec<CaseId> {
        query::list(store.conn(), &q, now).unwrap().rows.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(list(CaseQuery { text: Some("到账".into()), ..CaseQuery::default() }), vec![a.clone()]);
    assert_eq!(list(CaseQuery { queue: Queue::Breaching, ..CaseQuery::default() }), vec![b]);
    // Version 5: tags became a set of rows, the case knows its latest event.
    let tags: Vec<(String, i64)> = store
        .conn()
        .prepare("SELECT tag, present FROM case_tags WHERE case_id = ?1 ORDER BY tag")
        .unwrap()
        .query_map([&a], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tags, [("vip".to_owned(), 1), ("退款".to_owned(), 1)]);
    assert_eq!(get(store.conn(), &a).unwrap().tags, ["vip", "退款"]);
    let last: Option<String> =
        store.conn().query_row("SELECT last_event_at FROM cases WHERE id = ?1", [&a], |r| r.get(0)).unwrap();
    assert_eq!(last.as_deref(), Some("2026-03-02T09:00:00.000Z"));
    let old_log: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'change_log'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old_log, 0);
}

#[test]
fn a_deferred_bulk_load_indexes_its_cases_like_the_triggers_would() {
    let (_d, mut store, clock) = temp_store();
    let before = create(&mut store, "Router keeps rebooting");
    let renamed = create(&mut store, "Invoice wrong");
    let (bulk, live) = store
        .write(|tx| {
            search_index::deferred(tx, |tx| {
                let bulk = super::create(tx, &new_case("发票开错"))?;
                add_note(tx, &bulk, "客户要求重开")?;
                let live = super::create(tx, &new_case("Parcel lost"))?;
                add_note(tx, &before, "换了路由器")?;
                let edit = CaseEdit {
                    title: "Receipt missing".into(),
                    description: String::new(),
                    customer_id: None,
                    channel: CaseChannel::Email,
                    category: String::new(),
                    priority: Priority::P3,
                };
                super::edit(tx, &renamed, &edit)?;
                add_note(tx, &renamed, "sent again")?;
                let held: i64 = tx.conn().query_row("SELECT count(*) FROM search_stale", [], |r| r.get(0))?;
                assert_eq!(held, 2, "the older cases wait for the end of the load");
                Ok((bulk, live))
            })
        })
        .unwrap();
    let find = |store: &Store, text: &str| -> Vec<CaseId> {
        let q = CaseQuery { text: Some(text.into()), ..CaseQuery::default() };
        query::list(store.conn(), &q, clock.get()).unwrap().rows.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(find(&store, "开错"), vec![bulk.clone()], "title, from the gram index");
    assert_eq!(find(&store, "要求重开"), vec![bulk.clone()], "note, from the trigram index");
    assert_eq!(find(&store, "parcel"), vec![live]);
    assert_eq!(find(&store, "路由"), vec![before], "an older case's new note is indexed at the end");
    assert_eq!(find(&store, "receipt"), vec![renamed.clone()], "and an older case's new title");
    assert!(find(&store, "invoice").is_empty(), "without its old one");
    assert_eq!(find(&store, "again"), vec![renamed]);
    let same: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM cases_fts f JOIN case_search_text t ON t.rid = f.rowid
             WHERE f.title = t.title AND f.body = t.body",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(same, 4, "every indexed row holds what search reads of its case");
    assert_eq!(count_rows(&store, "cases_grams"), 4);
    assert_eq!(count_rows(&store, "search_deferred"), 0);
    assert_eq!(count_rows(&store, "search_stale"), 0);

    // A failed load keeps nothing, its deferral included.
    let failed = store.write(|tx| {
        search_index::deferred(tx, |tx| {
            super::create(tx, &new_case("doomed"))?;
            Err::<(), _>(Error::Cancelled)
        })
    });
    assert!(matches!(failed, Err(Error::Cancelled)));
    assert_eq!(count_rows(&store, "search_deferred"), 0);
    assert!(find(&store, "doomed").is_empty());
    create(&mut store, "After the failed load");
    assert_eq!(find(&store, "after the failed").len(), 1, "triggers index again");
}

#[test]
fn refreshing_due_times_in_bulk_clears_those_a_finished_case_still_holds() {
    let (_dir, mut store, _clock) = temp_store();
    let open = create(&mut store, "Still open");
    let done = create(&mut store, "Finished");
    store.write(|tx| transition(tx, &done, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let due = |store: &Store, id: &CaseId| -> (Option<String>, Option<String>) {
        store
            .conn()
            .query_row("SELECT first_response_due_at, resolution_due_at FROM cases WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    let open_due = due(&store, &open);
    assert!(open_due.0.is_some() && open_due.1.is_some());
    assert_eq!(due(&store, &done), (None, None));
    // Due times cached while the case was still being worked, and left behind by a refresh
    // of active cases only (a first sync whose later events came in a later transaction).
    store
        .write(|tx| {
            tx.set_derived(
                crate::store::Table::Cases,
                done.as_str(),
                &[
                    ("first_response_due_at", open_due.0.clone().into()),
                    ("resolution_due_at", open_due.1.clone().into()),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(due(&store, &done), open_due);
    store.write(super::refresh_active_due_caches).unwrap();
    assert_eq!(due(&store, &done), (None, None));
    assert_eq!(due(&store, &open), open_due);
}

#[test]
fn a_held_case_derives_alike_from_the_entries_pulled_with_it_or_from_the_table() {
    use crate::store::{HeldChild, HeldRow, Table};
    use rusqlite::types::Value;
    let (_dir, mut store, clock) = temp_store();
    let id = create(&mut store, "Charged twice");
    store.write(|tx| add_note(tx, &id, "customer called")).unwrap();
    clock.set(clock.get() + chrono::Duration::minutes(10));
    store.write(|tx| transition(tx, &id, CaseStatus::Open, None)).unwrap();
    clock.set(clock.get() + chrono::Duration::minutes(10));
    store.write(|tx| transition(tx, &id, CaseStatus::PendingCustomer, None)).unwrap();
    store.write(|tx| set_tags(tx, &id, &["refund".into()])).unwrap();
    // The case's data columns and its stored timeline entries, as they came.
    let cols: Vec<(&'static str, Value)> = ["created_at", "priority", "category", "customer_id", "team_id"]
        .into_iter()
        .map(|c| {
            (c, store.conn().query_row(&format!("SELECT {c} FROM cases WHERE id = ?1"), [&id], |r| r.get(0)).unwrap())
        })
        .collect();
    let entries: Vec<HeldChild> = {
        let mut stmt =
            store.conn().prepare("SELECT id, case_id, at, kind, data FROM case_events WHERE case_id = ?1").unwrap();
        stmt.query_map([&id], |r| {
            let cols = ["case_id", "at", "kind", "data"].iter().enumerate();
            Ok(HeldChild {
                table: Table::CaseEvents,
                id: r.get(0)?,
                cols: cols.map(|(i, c)| Ok((*c, r.get(i + 1)?))).collect::<rusqlite::Result<_>>()?,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    assert_eq!(entries.len(), 5, "created, note, two status changes, tags");
    let derived = |store: &mut Store, children: Vec<HeldChild>| -> Vec<(&'static str, Value)> {
        store
            .write(|tx| {
                let mut derived = Vec::new();
                let rows = vec![HeldRow::new(id.as_str(), cols.clone(), children)];
                super::pulled::derive_new(tx, rows, &mut |_, rows| {
                    derived.extend(rows);
                    Ok(())
                })?;
                let [row] = <[HeldRow; 1]>::try_from(derived).expect("one row handed on");
                Ok(row.cols.into_iter().filter(|(c, _)| !cols.iter().any(|(d, _)| d == c)).collect())
            })
            .unwrap()
    };
    let stored: Vec<(&'static str, Value)> = derived(&mut store, Vec::new())
        .into_iter()
        .map(|(c, _)| {
            (c, store.conn().query_row(&format!("SELECT {c} FROM cases WHERE id = ?1"), [&id], |r| r.get(0)).unwrap())
        })
        .collect();
    assert!(stored.iter().any(|(c, v)| *c == "status" && *v == Value::Text("pending_customer".into())));
    // None pulled with it (all stored before it came), all in any order, all but one, one twice.
    let copy = |e: &HeldChild| HeldChild { table: e.table, id: e.id.clone(), cols: e.cols.clone() };
    let reversed: Vec<HeldChild> = entries.iter().rev().map(copy).collect();
    let all_but_one: Vec<HeldChild> = entries.iter().skip(1).map(copy).collect();
    let one_twice: Vec<HeldChild> = entries.iter().chain(entries.first()).skip(1).map(copy).collect();
    for (what, children) in
        [("none", Vec::new()), ("reversed", reversed), ("all but one", all_but_one), ("one twice", one_twice)]
    {
        assert_eq!(derived(&mut store, children), stored, "{what}");
    }
}
