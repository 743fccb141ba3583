//! Coaching on a real database: notes with their actions, follow-ups that stay due until
//! the next conversation, actions ticked and overdue, and bad input leaving everything as
//! it was.

use chrono::NaiveDate;

use super::*;
use crate::people::{AgentInput, roles, roster};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn add_agent(store: &mut Store, name: &str) -> AgentId {
    let input = AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: None,
        role_id: Some(roles::built_in_id("agent")),
        hired_on: None,
    };
    store.write(|tx| roster::create(tx, &input)).unwrap()
}

fn note(agent: &AgentId, held_on: &str, follow_up_on: Option<&str>, actions: &[(&str, &str)]) -> NoteInput {
    NoteInput {
        agent_id: agent.clone(),
        held_on: held_on.into(),
        kind: CoachingKind::OneToOne,
        strengths: "Calm with an angry caller.".into(),
        improvements: "Summarise the next step before closing.".into(),
        follow_up_on: follow_up_on.map(Into::into),
        author: "Grace Wu".into(),
        actions: actions
            .iter()
            .map(|(text, due)| ActionInput { text: (*text).into(), due_on: (*due).into() })
            .collect(),
    }
}

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn coaching_tables_are_registers() {
    for t in [Table::CoachingNotes, Table::CoachingActions] {
        assert!(t.is_synced() && !t.is_append_only(), "{}", t.name());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Register), "{}", t.name());
    }
}

#[test]
fn a_follow_up_stays_due_until_the_next_conversation() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let bo = add_agent(&mut store, "Bo Chen");
    let first = store
        .write(|tx| {
            create(tx, &note(&ann, "2026-02-01", Some("2026-02-15"), &[("Shadow a senior on refunds", "2026-02-10")]))
        })
        .unwrap();
    store.write(|tx| create(tx, &note(&bo, "2026-02-20", Some("2026-03-20"), &[]))).unwrap();

    // On 2026-02-14 nothing is due yet; from the 15th Ann's follow-up is.
    assert!(follow_ups_due(store.conn(), day("2026-02-14")).unwrap().is_empty());
    let due = follow_ups_due(store.conn(), day("2026-03-02")).unwrap();
    assert_eq!(
        due.iter().map(|n| (n.agent_name.as_str(), n.follow_up_on.as_deref())).collect::<Vec<_>>(),
        [("Ann Lee", Some("2026-02-15"))]
    );
    let notes = for_agent(store.conn(), &ann, day("2026-03-02")).unwrap();
    assert!(notes[0].follow_up_due);
    assert!(notes[0].actions[0].overdue);

    // The action is ticked, then the follow-up is held: nothing is due any more.
    let action = notes[0].actions[0].id.clone();
    store.write(|tx| set_action_done(tx, &action, Some("2026-02-09"))).unwrap();
    store.write(|tx| create(tx, &note(&ann, "2026-03-01", None, &[]))).unwrap();
    assert!(follow_ups_due(store.conn(), day("2026-03-02")).unwrap().is_empty());
    let notes = for_agent(store.conn(), &ann, day("2026-03-02")).unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].id, first);
    assert!(!notes[1].follow_up_due);
    assert_eq!((notes[1].actions[0].done_on.as_deref(), notes[1].actions[0].overdue), (Some("2026-02-09"), false));

    // Opened again, it is overdue again; an agent who left has no follow-ups listed.
    store.write(|tx| set_action_done(tx, &action, None)).unwrap();
    assert!(for_agent(store.conn(), &ann, day("2026-03-02")).unwrap()[1].actions[0].overdue);
    store.write(|tx| roster::set_left(tx, &bo, Some("2026-03-01"))).unwrap();
    assert!(follow_ups_due(store.conn(), day("2026-03-25")).unwrap().is_empty());
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let before = crate::export::canonical_string(store.conn()).unwrap();
    let mut empty = note(&ann, "2026-02-01", None, &[]);
    empty.strengths = " ".into();
    empty.improvements = String::new();
    let mut nobody = note(&ann, "2026-02-01", None, &[]);
    nobody.author = String::new();
    let cases = [
        (note(&AgentId::new(), "2026-02-01", None, &[]), ("agentId", ValidationRule::InvalidValue)),
        (note(&ann, "2026-03-03", None, &[]), ("heldOn", ValidationRule::TooLate)),
        (note(&ann, "1 Feb", None, &[]), ("heldOn", ValidationRule::InvalidValue)),
        (empty, ("improvements", ValidationRule::Required)),
        (nobody, ("author", ValidationRule::Required)),
        (note(&ann, "2026-02-01", Some("2026-01-31"), &[]), ("followUpOn", ValidationRule::BeforeConversation)),
        (note(&ann, "2026-02-01", Some("2027-06-01"), &[]), ("followUpOn", ValidationRule::TooLate)),
        // A good action is not kept when the next one is refused.
        (
            note(&ann, "2026-02-01", None, &[("Read the refund SOP", "2026-02-05"), ("", "2026-02-05")]),
            ("actions", ValidationRule::Required),
        ),
        (
            note(&ann, "2026-02-01", None, &[("Read the refund SOP", "2026-01-05")]),
            ("dueOn", ValidationRule::BeforeConversation),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(rule_of(store.write(|tx| create(tx, &input))), want, "{input:?}");
    }
    assert_eq!(crate::export::canonical_string(store.conn()).unwrap(), before);

    store.write(|tx| create(tx, &note(&ann, "2026-02-01", None, &[("Read the refund SOP", "2026-02-05")]))).unwrap();
    let action = for_agent(store.conn(), &ann, day("2026-03-02")).unwrap()[0].actions[0].id.clone();
    assert_eq!(
        rule_of(store.write(|tx| set_action_done(tx, &action, Some("2026-01-30")))),
        ("doneOn", ValidationRule::BeforeConversation)
    );
    assert_eq!(
        rule_of(store.write(|tx| set_action_done(tx, &action, Some("2026-03-05")))),
        ("doneOn", ValidationRule::TooLate)
    );
    assert!(matches!(
        store.write(|tx| set_action_done(tx, &CoachingActionId::new(), None)),
        Err(Error::NotFound { .. })
    ));
}

fn edit_of(n: &NoteInput) -> NoteEdit {
    NoteEdit {
        held_on: n.held_on.clone(),
        kind: n.kind,
        strengths: n.strengths.clone(),
        improvements: n.improvements.clone(),
        follow_up_on: n.follow_up_on.clone(),
        author: n.author.clone(),
    }
}

#[test]
fn a_note_is_corrected_field_by_field_and_keeps_its_actions() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let input = note(&ann, "2026-02-01", Some("2026-02-15"), &[("Shadow a senior on refunds", "2026-02-10")]);
    let id = store.write(|tx| create(tx, &input)).unwrap();
    let stamps = |store: &Store| -> Vec<(String, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT col, hlc FROM column_versions WHERE tbl = 'coaching_notes' AND row_id = ?1 ORDER BY col")
            .unwrap();
        stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = stamps(&store);
    let mut edit = edit_of(&input);
    edit.improvements = "Confirm the refund amount aloud.".into();
    edit.kind = CoachingKind::Feedback;
    edit.follow_up_on = None;
    store.write(|tx| update(tx, &id, &edit)).unwrap();
    let notes = for_agent(store.conn(), &ann, day("2026-03-02")).unwrap();
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!(
        (n.improvements.as_str(), n.kind, n.follow_up_on.as_deref()),
        ("Confirm the refund amount aloud.", CoachingKind::Feedback, None)
    );
    assert_eq!(n.strengths, input.strengths, "untouched fields stay");
    assert_eq!(n.actions.len(), 1);
    // Only the changed columns get new stamps, so another device's edit of another field
    // (say the strengths) still wins its own column in the merge.
    let after = stamps(&store);
    let restamped: Vec<&str> =
        after.iter().zip(&before).filter(|(a, b)| a.1 != b.1).map(|(a, _)| a.0.as_str()).collect();
    assert_eq!(restamped, ["follow_up_on", "improvements", "kind"]);
}

#[test]
fn a_bad_edit_is_refused_and_nothing_is_written() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let input = note(&ann, "2026-02-01", None, &[("Read the refund SOP", "2026-02-05")]);
    let id = store.write(|tx| create(tx, &input)).unwrap();
    let before = crate::export::canonical_string(store.conn()).unwrap();
    let mut late = edit_of(&input);
    late.held_on = "2026-02-06".into();
    assert_eq!(rule_of(store.write(|tx| update(tx, &id, &late))), ("heldOn", ValidationRule::BeforeConversation));
    let mut empty = edit_of(&input);
    empty.strengths = String::new();
    empty.improvements = String::new();
    assert_eq!(rule_of(store.write(|tx| update(tx, &id, &empty))), ("improvements", ValidationRule::Required));
    assert!(matches!(
        store.write(|tx| update(tx, &CoachingNoteId::new(), &edit_of(&input))),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(crate::export::canonical_string(store.conn()).unwrap(), before);
}

#[test]
fn a_deleted_note_leaves_tombstones_and_its_follow_up_is_no_longer_due() {
    let (_d, mut store, _) = temp_store();
    let ann = add_agent(&mut store, "Ann Lee");
    let first = store.write(|tx| create(tx, &note(&ann, "2026-02-01", Some("2026-02-10"), &[]))).unwrap();
    let second = store
        .write(|tx| create(tx, &note(&ann, "2026-02-05", Some("2026-02-20"), &[("Read the refund SOP", "2026-02-06")])))
        .unwrap();
    store.write(|tx| delete(tx, &second)).unwrap();
    let notes = for_agent(store.conn(), &ann, day("2026-03-02")).unwrap();
    assert_eq!(notes.iter().map(|n| n.id.clone()).collect::<Vec<_>>(), [first.clone()]);
    assert!(notes[0].follow_up_due, "the earlier note is the latest again");
    let tombstones: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM coaching_notes WHERE deleted_at IS NOT NULL)
                  + (SELECT count(*) FROM coaching_actions WHERE deleted_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tombstones, 2, "the note and its action, kept as tombstones so the deletion syncs");
    let logged: i64 =
        store.conn().query_row("SELECT count(*) FROM outbox WHERE col = 'deleted_at'", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 2);
    assert!(matches!(store.write(|tx| delete(tx, &second)), Err(Error::NotFound { .. })));
}
