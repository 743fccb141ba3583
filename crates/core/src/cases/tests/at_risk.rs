//! "At risk" in the list is the detail's rule: the last fifth of a running SLA target,
//! in the policy's business hours, decided by core for the query's `now`.

use chrono::Duration;

use super::*;
use crate::sla_policies::{self, SlaPolicyInput};

fn list_at_risk(store: &Store, now: chrono::DateTime<chrono::Utc>) -> Vec<(CaseId, bool)> {
    let q = CaseQuery {
        limit: 500,
        ..CaseQuery::default()
    };
    query::list(store.conn(), &q, now)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.id, r.at_risk))
        .collect()
}

fn detail_at_risk(store: &Store, id: &CaseId) -> bool {
    let sla = case_sla(store, id).unwrap();
    sla.first_response.at_risk || sla.resolution.at_risk
}

#[test]
fn list_rows_are_at_risk_exactly_when_the_detail_says_so() {
    let (_d, mut store, clock) = temp_store();
    let vip = store
        .write(|tx| {
            customers::create(
                tx,
                &CustomerInput {
                    name: "VIP".into(),
                    company: String::new(),
                    email: String::new(),
                    phone: String::new(),
                    tier: Tier::Vip,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    // A tier-specific policy only the VIP case falls under.
    store
        .write(|tx| {
            sla_policies::create(
                tx,
                &SlaPolicyInput {
                    name: "VIP P3".into(),
                    priority: Priority::P3,
                    tier: Some(Tier::Vip),
                    category: None,
                    first_response_minutes: Some(45),
                    resolution_minutes: Some(300),
                    business_hours: false,
                },
            )
        })
        .unwrap();
    let mut ids = Vec::new();
    for (title, priority, customer) in [
        ("P1 calendar hours", Priority::P1, None),
        ("P2 business hours", Priority::P2, None),
        ("VIP", Priority::P3, Some(vip)),
    ] {
        let input = NewCase {
            priority,
            customer_id: customer,
            ..new_case(title)
        };
        ids.push(store.write(|tx| crate::cases::create(tx, &input)).unwrap());
    }
    // Waiting on the customer pauses the P2 case's resolution clock for a while.
    let start = clock.get();
    let mut seen_at_risk = 0;
    for step in 0..(3 * 24 * 60 / 7) {
        clock.set(start + Duration::minutes(7 * step));
        if step == 30 {
            store
                .write(|tx| {
                    log_contact(
                        tx,
                        &ids[1],
                        &Contact {
                            channel: CaseChannel::Phone,
                            direction: Direction::Outbound,
                            summary: "asked for the invoice".into(),
                            handle_seconds: 60,
                        },
                    )
                })
                .unwrap();
            store
                .write(|tx| transition(tx, &ids[1], CaseStatus::PendingCustomer, None))
                .unwrap();
        }
        if step == 200 {
            store
                .write(|tx| transition(tx, &ids[1], CaseStatus::Open, None))
                .unwrap();
        }
        for (id, at_risk) in list_at_risk(&store, clock.get()) {
            assert_eq!(
                at_risk,
                detail_at_risk(&store, &id),
                "{id} at {}",
                clock.get()
            );
            seen_at_risk += usize::from(at_risk);
        }
    }
    assert!(
        seen_at_risk > 10,
        "the walk passed through at-risk times ({seen_at_risk})"
    );
}

#[test]
fn a_first_response_due_in_under_an_hour_is_not_at_risk_before_its_last_fifth() {
    let (_d, mut store, clock) = temp_store();
    // P1: 30 minutes to first response around the clock, so its last fifth is 6 minutes.
    let input = NewCase {
        priority: Priority::P1,
        ..new_case("Outage")
    };
    store.write(|tx| crate::cases::create(tx, &input)).unwrap();
    let start = clock.get();
    assert!(
        !list_at_risk(&store, start + Duration::minutes(20))[0].1,
        "10 minutes left of 30"
    );
    assert!(
        list_at_risk(&store, start + Duration::minutes(24))[0].1,
        "6 minutes left of 30"
    );
    assert!(
        !list_at_risk(&store, start + Duration::minutes(31))[0].1,
        "breached is not at risk"
    );
}
