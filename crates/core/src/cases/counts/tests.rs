//! The maintained counts stay equal to a fresh count after every kind of write.

use std::ops::ControlFlow;

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::cases::{CaseQuery, CaseSort};
use crate::cases::bulk::{self, BulkAction};
use crate::cases::{
    self, CaseChannel, CaseEdit, CaseStatus, Escalation, NewCase, Priority, Resolution,
};
use crate::customers::{self, CustomerInput, Tier};
use crate::demo::{self, DemoOptions};
use crate::ids::{CaseId, CustomerId};
use crate::people;
use crate::settings::Language;
use crate::store::Store;
use crate::store::test_support::{outbox, temp_store};

use super::test_support::assert_counts_current;

fn new_case(title: &str, category: &str, customer: Option<&CustomerId>) -> NewCase {
    NewCase {
        title: title.into(),
        description: String::new(),
        customer_id: customer.cloned(),
        channel: CaseChannel::Email,
        category: category.into(),
        priority: Priority::P3,
    }
}

fn customer(store: &mut Store, name: &str, tier: Tier) -> CustomerId {
    store
        .write(|tx| customers::create(tx, &input(name, tier)))
        .unwrap()
}

fn input(name: &str, tier: Tier) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        company: String::new(),
        email: String::new(),
        phone: String::new(),
        tier,
        notes: String::new(),
    }
}

fn resolution() -> Resolution {
    Resolution {
        root_cause: "cause".into(),
        resolution_summary: "summary".into(),
    }
}

#[test]
fn counts_follow_every_local_action() {
    let (_d, mut store, clock) = temp_store();
    let now = clock.get();
    assert_eq!(
        queue_counts(store.conn(), None, now).unwrap(),
        QueueCounts::default()
    );
    let vip = customer(&mut store, "VIP Ltd", Tier::Vip);
    let agent = store
        .write(|tx| people::create_agent(tx, "Li Na", None))
        .unwrap();
    let a = store
        .write(|tx| cases::create(tx, &new_case("a", "Billing", Some(&vip))))
        .unwrap();
    let b = store
        .write(|tx| cases::create(tx, &new_case("b", "Network", None)))
        .unwrap();
    let c = store
        .write(|tx| cases::create(tx, &new_case("c", "", None)))
        .unwrap();
    assert_counts_current(&store);
    store
        .write(|tx| cases::assign(tx, &a, Some(&agent), None))
        .unwrap();
    store
        .write(|tx| {
            cases::escalate(
                tx,
                &b,
                &Escalation {
                    department: "Eng".into(),
                    level: 2,
                    reason: "down".into(),
                },
            )
        })
        .unwrap();
    store
        .write(|tx| cases::set_tags(tx, &b, &["outage".into(), "vip-watch".into()]))
        .unwrap();
    store
        .write(|tx| cases::set_tags(tx, &c, &["outage".into()]))
        .unwrap();
    // A call-back follows a resolution; resolving takes the case out of "Unassigned".
    store
        .write(|tx| cases::transition(tx, &c, CaseStatus::Resolved, Some(&resolution())))
        .unwrap();
    let due = (now + Duration::hours(2)).to_rfc3339();
    store
        .write(|tx| cases::schedule_callback(tx, &c, &due))
        .unwrap();
    assert_counts_current(&store);

    let counts = queue_counts(store.conn(), Some(&agent), now).unwrap();
    assert_eq!(
        (
            counts.all,
            counts.mine,
            counts.unassigned,
            counts.escalated,
            counts.vip,
            counts.awaiting_callback
        ),
        (3, Some(1), 1, 1, 1, 1)
    );
    assert_eq!(categories(store.conn()).unwrap(), ["Billing", "Network"]);
    assert_eq!(tags(store.conn()).unwrap(), ["outage", "vip-watch"]);

    store.write(|tx| cases::set_tags(tx, &b, &[])).unwrap();
    store
        .write(|tx| cases::de_escalate(tx, &b, "fixed"))
        .unwrap();
    store
        .write(|tx| cases::transition(tx, &b, CaseStatus::Resolved, Some(&resolution())))
        .unwrap();
    let edit = CaseEdit {
        title: "a".into(),
        description: String::new(),
        customer_id: Some(vip.clone()),
        channel: CaseChannel::Email,
        category: "Network".into(),
        priority: Priority::P3,
    };
    store.write(|tx| cases::edit(tx, &a, &edit)).unwrap();
    assert_counts_current(&store);
    let counts = queue_counts(store.conn(), Some(&agent), now).unwrap();
    assert_eq!((counts.all, counts.unassigned, counts.escalated), (3, 0, 0));
    assert_eq!(categories(store.conn()).unwrap(), ["Network"]);
    assert_eq!(tags(store.conn()).unwrap(), ["outage"]);
}

#[test]
fn a_customer_turning_vip_moves_their_cases_into_the_vip_count() {
    let (_d, mut store, clock) = temp_store();
    let cu = customer(&mut store, "Acme", Tier::Standard);
    for t in ["a", "b", "c"] {
        store
            .write(|tx| cases::create(tx, &new_case(t, "Billing", Some(&cu))))
            .unwrap();
    }
    assert_eq!(
        queue_counts(store.conn(), None, clock.get()).unwrap().vip,
        0
    );
    store
        .write(|tx| customers::update(tx, &cu, &input("Acme", Tier::Vip)))
        .unwrap();
    assert_eq!(
        queue_counts(store.conn(), None, clock.get()).unwrap().vip,
        3
    );
    assert_counts_current(&store);
    store
        .write(|tx| customers::update(tx, &cu, &input("Acme", Tier::Standard)))
        .unwrap();
    assert_eq!(
        queue_counts(store.conn(), None, clock.get()).unwrap().vip,
        0
    );
    assert_counts_current(&store);
}

#[test]
fn bulk_actions_and_their_undo_keep_counts_current() {
    let (_d, mut store, clock) = temp_store();
    let agent = store
        .write(|tx| people::create_agent(tx, "Wang Fang", None))
        .unwrap();
    let ids: Vec<CaseId> = (0..5)
        .map(|i| {
            store
                .write(|tx| cases::create(tx, &new_case(&format!("case {i}"), "Billing", None)))
                .unwrap()
        })
        .collect();
    let assigned = store
        .write(|tx| {
            bulk::apply(
                tx,
                &ids,
                &BulkAction::Assign {
                    assignee: Some(agent.clone()),
                },
            )
        })
        .unwrap();
    assert_eq!(
        queue_counts(store.conn(), Some(&agent), clock.get())
            .unwrap()
            .mine,
        Some(5)
    );
    assert_counts_current(&store);
    let tagged = store
        .write(|tx| {
            bulk::apply(
                tx,
                &ids,
                &BulkAction::AddTag {
                    tag: "storm".into(),
                },
            )
        })
        .unwrap();
    let closed = store
        .write(|tx| {
            bulk::apply(
                tx,
                &ids,
                &BulkAction::Close {
                    resolution: Some(resolution()),
                },
            )
        })
        .unwrap();
    assert_counts_current(&store);
    assert_eq!(tags(store.conn()).unwrap(), ["storm"]);
    store.write(|tx| bulk::undo(tx, &closed.changed)).unwrap();
    store.write(|tx| bulk::undo(tx, &tagged.changed)).unwrap();
    store.write(|tx| bulk::undo(tx, &assigned.changed)).unwrap();
    assert_counts_current(&store);
    let counts = queue_counts(store.conn(), Some(&agent), clock.get()).unwrap();
    assert_eq!((counts.mine, counts.unassigned), (Some(0), 5));
    assert!(tags(store.conn()).unwrap().is_empty());
}

#[test]
fn demo_data_is_counted_at_the_end_of_its_load_and_uncounted_when_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let opts = DemoOptions {
        cases: 300,
        language: Language::En,
        seed: 7,
        end: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        force: false,
    };
    demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    assert_counts_current(&store);
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let counts = queue_counts(store.conn(), None, now).unwrap();
    assert_eq!(counts.all, 300);
    assert!(
        counts.vip > 0 && counts.unassigned > 0 && counts.escalated > 0,
        "{counts:?}"
    );
    assert!(
        !categories(store.conn()).unwrap().is_empty() && !tags(store.conn()).unwrap().is_empty()
    );
    demo::clear(&mut store).unwrap();
    assert_counts_current(&store);
    assert_eq!(queue_counts(store.conn(), None, now).unwrap().all, 0);
    assert!(categories(store.conn()).unwrap().is_empty());
}

#[test]
fn whole_queue_totals_come_from_the_counts_and_agree_with_the_list() {
    let (_d, mut store, clock) = temp_store();
    let agent = store
        .write(|tx| people::create_agent(tx, "Li Na", None))
        .unwrap();
    for i in 0..4 {
        let id = store
            .write(|tx| cases::create(tx, &new_case(&format!("c{i}"), "Billing", None)))
            .unwrap();
        if i % 2 == 0 {
            store
                .write(|tx| cases::assign(tx, &id, Some(&agent), None))
                .unwrap();
        }
    }
    // A P3 case's first response is due within a day; hours later everything is breaching.
    let later = clock.get() + Duration::days(10);
    for queue in Queue::ALL {
        let q = CaseQuery {
            queue: *queue,
            me: Some(agent.clone()),
            limit: 500,
            ..CaseQuery::default()
        };
        let page = query::list(store.conn(), &q, later).unwrap();
        assert_eq!(page.total as usize, page.rows.len(), "{queue:?}");
        assert_eq!(
            page.total,
            query::count(store.conn(), &q, later).unwrap(),
            "{queue:?}"
        );
    }
    assert_eq!(
        queue_counts(store.conn(), Some(&agent), later)
            .unwrap()
            .breaching,
        4
    );
    assert_eq!(
        queue_counts(store.conn(), Some(&agent), clock.get())
            .unwrap()
            .breaching,
        0
    );
}

#[test]
fn counts_are_local_and_never_in_the_outbox() {
    let (_d, mut store, _) = temp_store();
    store
        .write(|tx| cases::create(tx, &new_case("a", "Billing", None)))
        .unwrap();
    assert!(crate::store::Table::from_name("case_counts").is_none());
    assert!(
        outbox(&store)
            .iter()
            .all(|(_, tbl, _, _, _)| tbl != "case_counts"),
        "{:?}",
        outbox(&store)
    );
    assert!(!outbox(&store).is_empty());
}

#[test]
fn pages_in_the_far_half_read_from_the_other_end_match_the_straight_order() {
    let (_d, mut store, clock) = temp_store();
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    // Many cases at one instant (ties on every time column) and some later ones.
    for i in 0..130 {
        if i % 40 == 0 {
            clock.set(clock.get() + Duration::minutes(7));
        }
        let priority = [Priority::P1, Priority::P2, Priority::P3, Priority::P4][i % 4];
        let id = store
            .write(|tx| cases::create(tx, &NewCase { priority, ..new_case(&format!("c{i}"), "Billing", None) }))
            .unwrap();
        if i % 3 == 0 {
            store.write(|tx| cases::assign(tx, &id, Some(&agent), None)).unwrap();
        }
    }
    let now = clock.get();
    for sort in CaseSort::ALL {
        for descending in [true, false] {
            for queue in [Queue::All, Queue::Unassigned] {
                let whole = CaseQuery { queue, sort: *sort, descending, limit: 500, ..CaseQuery::default() };
                let expected: Vec<CaseId> =
                    query::list(store.conn(), &whole, now).unwrap().rows.into_iter().map(|r| r.id).collect();
                let mut paged = Vec::new();
                for offset in (0..expected.len() as u32 + 30).step_by(30) {
                    let q = CaseQuery { offset, limit: 30, ..whole.clone() };
                    let page = query::list(store.conn(), &q, now).unwrap();
                    assert_eq!(page.total as usize, expected.len());
                    paged.extend(page.rows.into_iter().map(|r| r.id));
                }
                assert_eq!(paged, expected, "{sort:?} descending={descending} {queue:?}");
            }
        }
    }
}

#[test]
fn a_search_counts_each_live_match_once_with_or_without_other_filters() {
    let (_d, mut store, clock) = temp_store();
    let ids: Vec<CaseId> = (0..6)
        .map(|i| store.write(|tx| cases::create(tx, &new_case(&format!("refund {i}"), "Billing", None))).unwrap())
        .collect();
    store.write(|tx| cases::create(tx, &new_case("delivery", "Billing", None))).unwrap();
    store.write(|tx| tx.delete(crate::store::Table::Cases, ids[0].as_str()).map(|_| ())).unwrap();
    let reference = cases::get(store.conn(), &ids[1]).unwrap().reference;
    let now = clock.get();
    let total = |text: &str, statuses: Vec<CaseStatus>| {
        let q = CaseQuery { text: Some(text.into()), statuses, limit: 500, ..CaseQuery::default() };
        let page = query::list(store.conn(), &q, now).unwrap();
        assert_eq!(page.total as usize, page.rows.len(), "{text}");
        page.total
    };
    // Five live matches (the tombstoned one is not counted); one-, two- and many-character
    // searches take different indexes.
    for text in ["refund", "re", "d", "und "] {
        let with_filter = total(text, vec![CaseStatus::New]);
        assert_eq!(total(text, vec![]), with_filter, "{text}");
    }
    assert_eq!(total("refund", vec![]), 5);
    // The reference finds its case, once.
    assert_eq!(total(&reference, vec![]), 1);
    assert_eq!(total(&reference.to_lowercase(), vec![CaseStatus::New]), 1);
}
