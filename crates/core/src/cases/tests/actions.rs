//! What each status allows, enforced by the store (the rule is `workflow::allows`), and
//! the first response that resolving records.

use chrono::Duration;

use super::super::bulk::{self, BulkAction};
use super::super::workflow::{self, CaseAction};
use super::{count_rows, create, new_case, resolution};
use crate::Error;
use crate::cases::*;
use crate::ids::CaseId;
use crate::people;
use crate::store::Store;
use crate::store::test_support::temp_store;

fn contact(direction: Direction) -> Contact {
    Contact { channel: CaseChannel::Email, direction, summary: "Wrote back".into(), handle_seconds: 60 }
}

fn callback() -> CallbackResult {
    CallbackResult { outcome: "Customer happy".into(), csat: Some(5), nps: Some(9), comment: None }
}

fn edit_of(title: &str) -> CaseEdit {
    let n = new_case(title);
    CaseEdit {
        title: n.title,
        description: n.description,
        customer_id: None,
        channel: n.channel,
        category: n.category,
        priority: Priority::P3,
    }
}

fn resolved(store: &mut Store, title: &str) -> CaseId {
    let id = create(store, title);
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    id
}

/// One write tried on a case, named as the refusal names it.
type Attempt<'a> = (&'static str, Box<dyn Fn(&mut Store) -> crate::Result<()> + 'a>);

/// Every action but a note, tried on `id`: the ones refused, by name.
fn refused(store: &mut Store, id: &CaseId) -> Vec<&'static str> {
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    let due = (store.now() + Duration::days(1)).to_rfc3339();
    let esc = Escalation { department: "Billing".into(), level: 1, reason: "Refund above limit".into() };
    let attempts: Vec<Attempt<'_>> = vec![
        ("edit", Box::new(|s: &mut Store| s.write(|tx| edit(tx, id, &edit_of("Corrected title"))))),
        ("assign", Box::new(|s: &mut Store| s.write(|tx| assign(tx, id, Some(&agent), None)))),
        ("escalate", Box::new(|s: &mut Store| s.write(|tx| escalate(tx, id, &esc)))),
        ("set_tags", Box::new(|s: &mut Store| s.write(|tx| set_tags(tx, id, &["refund".into()])))),
        ("log_contact", Box::new(|s: &mut Store| s.write(|tx| log_contact(tx, id, &contact(Direction::Inbound))))),
        ("schedule_callback", Box::new(|s: &mut Store| s.write(|tx| schedule_callback(tx, id, &due)))),
        ("record_callback", Box::new(|s: &mut Store| s.write(|tx| record_callback(tx, id, &callback())))),
    ];
    let mut out = Vec::new();
    for (name, attempt) in attempts {
        let before = count_rows(store, "outbox");
        match attempt(store) {
            Ok(()) => {}
            Err(Error::InvalidTransition { to, .. }) => {
                assert_eq!(to, name, "the refusal names the action");
                assert_eq!(count_rows(store, "outbox"), before, "{name} refused but wrote");
                out.push(name);
            }
            Err(e) => panic!("{name}: {e:?}"),
        }
    }
    out
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

#[test]
fn closed_case_takes_only_notes_and_the_outcome_of_its_call_back() {
    let (_d, mut store, _) = temp_store();
    let id = resolved(&mut store, "Done");
    let due = (store.now() + Duration::days(2)).to_rfc3339();
    store.write(|tx| schedule_callback(tx, &id, &due)).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Closed, None)).unwrap();

    assert_eq!(
        refused(&mut store, &id),
        ["edit", "assign", "escalate", "set_tags", "log_contact", "schedule_callback"]
    );
    store.write(|tx| add_note(tx, &id, "Customer wrote again; reopen if it recurs")).unwrap();
    assert_eq!(detail(&store, &id).unwrap().allowed_actions, [CaseAction::AddNote, CaseAction::RecordCallback]);
    let c = get(store.conn(), &id).unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert!(c.follow_up.done_at.is_some(), "the call-back due when the case closed was recorded");
}

#[test]
fn resolved_case_takes_the_call_back_and_corrections_but_no_new_work() {
    let (_d, mut store, _) = temp_store();
    let id = resolved(&mut store, "Resolved");

    assert_eq!(refused(&mut store, &id), ["assign", "escalate"]);
    let c = get(store.conn(), &id).unwrap();
    assert_eq!(c.title, "Corrected title");
    assert_eq!(c.tags, ["refund"]);
    assert_eq!(c.follow_up.outcome.as_deref(), Some("Customer happy"));
    assert_eq!(detail(&store, &id).unwrap().allowed_actions, workflow::allowed_actions(CaseStatus::Resolved));
}

#[test]
fn escalation_cannot_be_withdrawn_once_resolved() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "Escalated");
    let esc = Escalation { department: "Billing".into(), level: 2, reason: "Refund above limit".into() };
    store.write(|tx| escalate(tx, &id, &esc)).unwrap();
    store.write(|tx| transition(tx, &id, CaseStatus::Resolved, Some(&resolution()))).unwrap();
    let err = store.write(|tx| de_escalate(tx, &id, "No longer needed")).unwrap_err();
    assert!(matches!(err, Error::InvalidTransition { from: "resolved", to: "de_escalate" }), "{err:?}");
}

#[test]
fn active_case_has_no_call_back_yet() {
    let (_d, mut store, _) = temp_store();
    let id = create(&mut store, "Open");
    assert_eq!(refused(&mut store, &id), ["schedule_callback", "record_callback"]);
}

#[test]
fn bulk_actions_skip_cases_whose_status_refuses_them() {
    let (_d, mut store, _) = temp_store();
    let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
    let open = create(&mut store, "open");
    let closed = resolved(&mut store, "closed");
    store.write(|tx| transition(tx, &closed, CaseStatus::Closed, None)).unwrap();
    let ids = vec![open.clone(), closed.clone()];

    for action in [BulkAction::Assign { assignee: Some(agent.clone()) }, BulkAction::AddTag { tag: "outage".into() }] {
        let out = store.write(|tx| bulk::apply(tx, &ids, &action)).unwrap();
        assert_eq!(out.changed.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), vec![open.clone()], "{action:?}");
        assert_eq!(out.skipped, vec![closed.clone()], "{action:?}");
    }
    let c = get(store.conn(), &closed).unwrap();
    assert!(c.assignee_id.is_none() && c.tags.is_empty(), "{c:?}");
}
