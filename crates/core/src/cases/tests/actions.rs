//! The first response that resolving records.

use chrono::Duration;

use super::{create, resolution};
use crate::cases::*;
use crate::store::test_support::temp_store;

fn contact(direction: Direction) -> Contact {
    Contact { channel: CaseChannel::Email, direction, summary: "Wrote back".into(), handle_seconds: 60 }
}

#[test]
fn resolving_an_unanswered_case_records_it_as_the_first_response() {
    let (_d, mut store, clock) = temp_store();
    let id = create(&mut store, "No reply yet");
    // Within the P2 first-response target (1 business hour), so the target is met.
    clock.set(clock.get() + Duration::minutes(30));
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();

    let c = get(store.conn(), &id).unwrap();
    assert!(c.first_response_at.is_some());
    assert_eq!(c.first_response_at, c.resolved_at, "the facts show when resolving answered the case");
    assert_eq!(case_sla(&store, &id).unwrap().first_response.status, SlaStatus::Met);
}

#[test]
fn resolving_keeps_an_earlier_first_response() {
    let (_d, mut store, clock) = temp_store();
    let id = create(&mut store, "Answered");
    clock.set(clock.get() + Duration::minutes(30));
    store.write(|tx| log_contact(tx, &id, &contact(Direction::Outbound))).unwrap();
    let answered = get(store.conn(), &id).unwrap().first_response_at;
    clock.set(clock.get() + Duration::hours(3));
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();

    let c = get(store.conn(), &id).unwrap();
    assert!(answered.is_some());
    assert_eq!(c.first_response_at, answered);
    assert_ne!(c.first_response_at, c.resolved_at);
}
