//! A case written with its past at once ([`history::create_with_past`], the bulk import's
//! writer) is the case the actions one by one ([`history::create_at`] and [`history::play`])
//! make: the same row, timeline, tags, versioned cells, due times and KPI facts.

use chrono::{DateTime, Datelike, Duration, Utc};
use rusqlite::types::Value;

use super::*;
use crate::cases::Intake;
use crate::cases::history::{self, Load, Step};
use crate::ids::{AgentId, CustomerId, TeamId};

/// A past that takes every kind of step: assigned, tagged, answered, escalated, paused,
/// re-tagged, resolved, called back and closed.
fn past(t0: DateTime<Utc>, agent: &AgentId, team: &TeamId) -> Vec<(DateTime<Utc>, Step)> {
    let at = |minutes: i64| t0 + Duration::minutes(minutes);
    let contact = Contact {
        channel: CaseChannel::Email,
        direction: Direction::Outbound,
        summary: "replied".into(),
        handle_seconds: 90,
    };
    let escalation = Escalation { department: "Finance".into(), level: 2, reason: "refund over limit".into() };
    let resolution = Resolution { root_cause: "card issuer delay".into(), resolution_summary: "refunded again".into() };
    let callback = CallbackResult { outcome: "happy".into(), csat: Some(5), nps: Some(9), comment: None };
    vec![
        (at(0), Step::Assign { agent: Some(agent.clone()), team: Some(team.clone()) }),
        (at(0), Step::Tags(vec!["vip".into(), "refund".into()])),
        (at(20), Step::Contact(contact)),
        (at(20), Step::Move(CaseStatus::Open, None)),
        (at(30), Step::Note("customer sent the receipt".into())),
        (at(40), Step::Escalate(escalation)),
        (at(60), Step::Move(CaseStatus::PendingCustomer, None)),
        (at(90), Step::Tags(vec!["refund".into(), "card".into()])),
        (at(120), Step::Move(CaseStatus::Open, None)),
        (at(600), Step::Move(CaseStatus::Resolved, Some(resolution))),
        (at(700), Step::ScheduleCallback(at(2000))),
        (at(2000), Step::RecordCallback(callback)),
        (at(2100), Step::Move(CaseStatus::Closed, None)),
    ]
}

/// Every column of a case row but its id and reference.
fn row(store: &Store, id: &CaseId) -> Vec<(String, Value)> {
    let mut stmt = store.conn().prepare("SELECT * FROM cases WHERE id = ?1").unwrap();
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let values: Vec<Value> =
        stmt.query_row([id], |r| (0..names.len()).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()).unwrap();
    names.into_iter().zip(values).filter(|(n, _)| n != "id" && n != "ref").collect()
}

/// Rows of `sql` about case `id` (its only parameter), as text.
fn rows(store: &Store, sql: &str, id: &CaseId) -> Vec<Vec<String>> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([id], |r| (0..n).map(|i| Ok(format!("{:?}", r.get::<_, Value>(i)?))).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Everything that must agree between the two writers, about case `id`.
fn written(store: &Store, id: &CaseId) -> Vec<Vec<Vec<String>>> {
    vec![
        vec![row(store, id).into_iter().map(|(n, v)| format!("{n}={v:?}")).collect()],
        rows(store, "SELECT at, kind, data, created_at FROM case_events WHERE case_id = ?1 ORDER BY at, rowid", id),
        rows(store, "SELECT tag, present, created_at, updated_at FROM case_tags WHERE case_id = ?1 ORDER BY tag", id),
        rows(store, "SELECT tbl, col FROM column_versions WHERE row_id = ?1 ORDER BY tbl, col", id),
        rows(
            store,
            "SELECT v.col FROM column_versions v JOIN case_tags t ON t.id = v.row_id
             WHERE v.tbl = 'case_tags' AND t.case_id = ?1 ORDER BY t.tag, v.col",
            id,
        ),
        rows(
            store,
            "SELECT k.created, k.relevant_until, k.record FROM case_kpi_facts k JOIN cases c ON c.rowid = k.case_rowid WHERE c.id = ?1",
            id,
        ),
    ]
}

/// A VIP customer, and an agent of a team.
fn customer_agent_team(store: &mut Store) -> (CustomerId, AgentId, TeamId) {
    store
        .write(|tx| {
            let team = people::create_team(tx, "Billing")?;
            let agent = people::create_agent(tx, "Wang Fang", Some(&team))?;
            let customer = customers::create(
                tx,
                &CustomerInput {
                    name: "Li Na".into(),
                    company: String::new(),
                    email: "li.na@example.com".into(),
                    phone: String::new(),
                    tier: Tier::Vip,
                    notes: String::new(),
                },
            )?;
            Ok((customer, agent, team))
        })
        .unwrap()
}

#[test]
fn a_case_written_with_its_past_at_once_is_the_case_its_actions_make() {
    let (_dir, mut store, clock) = temp_store();
    let t0 = clock.get() - Duration::days(3);
    let (customer, agent, team) = customer_agent_team(&mut store);
    let input = NewCase { customer_id: Some(customer), ..new_case("Refund not received") };
    // The whole past (closed: no due times), and its first hours (waiting for the
    // customer, with the resolution clock paused).
    for (steps, entries, status) in [(13, 15, "closed"), (7, 8, "pending_customer")] {
        let one_by_one = store
            .write(|tx| {
                let id = history::create_at(tx, t0, &input, Intake::default())?;
                history::play(tx, &id, past(t0, &agent, &team).into_iter().take(steps))?;
                Ok(id)
            })
            .unwrap();
        let at_once = store
            .write(|tx| {
                history::create_with_past(
                    tx,
                    t0,
                    &input,
                    Intake::default(),
                    past(t0, &agent, &team).into_iter().take(steps),
                )
            })
            .unwrap();
        let (a, b) = (written(&store, &one_by_one), written(&store, &at_once));
        assert!(a[0][0].contains(&format!("status=Text(\"{status}\")")), "{:#?}", a[0][0]);
        assert_eq!(a[1].len(), entries, "the timeline has every step: {:#?}", a[1]);
        for i in [0, 1, 2, 5] {
            let what = ["case row", "timeline", "tags", "", "", "KPI facts"][i];
            assert_eq!(a[i], b[i], "{what}, {steps} steps");
        }
        assert!(!a[5].is_empty(), "KPI facts were written");
        // Written whole, the case and each of its tags hold one version for all their
        // cells (store/versions.rs); every cell versioned step by step is versioned so.
        assert_eq!(b[3], [["Text(\"cases\")", "Text(\"*\")"]], "{steps} steps");
        assert!(!a[2].is_empty() && b[4].len() == a[2].len(), "{:?} {:?}", a[2], b[4]);
        assert!(b[4].iter().all(|r| r == &["Text(\"*\")"]), "{:?}", b[4]);
        let cols: Vec<String> = {
            let mut stmt = store.conn().prepare("SELECT col FROM column_versions WHERE row_id = ?1").unwrap();
            stmt.query_map([one_by_one.as_str()], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert!(cols.len() > 10, "{cols:?}");
        for col in cols {
            let v =
                crate::store::versions::get(store.conn(), crate::store::Table::Cases, at_once.as_str(), &col).unwrap();
            assert!(v.is_some(), "{col} is versioned");
        }
    }
}

#[test]
fn the_cases_of_one_load_are_the_cases_written_alone() {
    let (_dir, mut store, clock) = temp_store();
    let t0 = clock.get() - Duration::days(3);
    let (customer, agent, team) = customer_agent_team(&mut store);
    let input = NewCase { customer_id: Some(customer), ..new_case("Refund not received") };
    // Waiting for the customer: due times, from the customer's tier, are cached.
    let steps = || past(t0, &agent, &team).into_iter().take(7);
    let alone = store.write(|tx| history::create_with_past(tx, t0, &input, Intake::default(), steps())).unwrap();
    let together = store
        .write(|tx| {
            let mut load = Load::default();
            let ids = (0..2)
                .map(|_| history::create_with_past_but_tags(tx, t0, &input, Intake::default(), steps(), &mut load))
                .collect::<crate::Result<Vec<_>>>()?;
            // An agent the load has not looked up yet is looked up, and refused when missing.
            let nobody = [(t0, Step::Assign { agent: Some(AgentId::new()), team: Some(team.clone()) })];
            let refused = history::create_with_past_but_tags(tx, t0, &input, Intake::default(), nobody, &mut load);
            assert!(matches!(refused, Err(Error::NotFound { entity: "agent", .. })), "{refused:?}");
            history::write_tags(tx, load)?;
            Ok(ids)
        })
        .unwrap();
    let expected = written(&store, &alone);
    assert!(expected[0][0].iter().any(|c| c.starts_with("resolution_due_at=Text(")), "{:#?}", expected[0][0]);
    for id in &together {
        let got = written(&store, id);
        for (i, what) in ["case row", "timeline", "tags", "versioned case cells", "versioned tag cells", "KPI facts"]
            .iter()
            .enumerate()
        {
            assert_eq!(got[i], expected[i], "{what}");
        }
    }
}

#[test]
fn a_past_the_workflow_refuses_is_refused_and_writes_nothing() {
    let (_dir, mut store, clock) = temp_store();
    let t0 = clock.get() - Duration::days(1);
    let input = new_case("Closed before it was resolved");
    let result = store.write(|tx| {
        history::create_with_past(tx, t0, &input, Intake::default(), [(t0, Step::Move(CaseStatus::Closed, None))])
    });
    assert!(matches!(result, Err(Error::InvalidTransition { from: "new", to: "closed" })), "{result:?}");
    let cases: i64 = store.conn().query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(cases, 0);
}

#[test]
fn the_due_times_a_case_starts_with_are_those_its_creation_caches() {
    let (_dir, mut store, clock) = temp_store();
    let (customer, _, _) = customer_agent_team(&mut store);
    // A Saturday evening and a weekday morning; around the clock and in business hours; a
    // VIP customer's policy and the default one.
    let two_weeks_ago = (clock.get() - Duration::days(14)).date_naive();
    let saturday = two_weeks_ago + Duration::days(i64::from((12 - two_weeks_ago.weekday().num_days_from_monday()) % 7));
    let saturday = saturday.and_hms_opt(19, 30, 0).unwrap().and_utc();
    let monday = saturday + Duration::hours(38);
    for at in [saturday, monday] {
        for priority in [Priority::P1, Priority::P3] {
            for customer_id in [None, Some(customer.clone())] {
                let input =
                    NewCase { customer_id, priority, category: "  Billing ".into(), ..new_case("Charged twice") };
                let (planned, created) = store
                    .write(|tx| {
                        let planned = history::due_at_creation(tx, &mut Load::default(), &input, at)?;
                        Ok((planned, history::create_at(tx, at, &input, Intake::default())?))
                    })
                    .unwrap();
                let cached: (Option<String>, Option<String>) = store
                    .conn()
                    .query_row(
                        "SELECT first_response_due_at, resolution_due_at FROM cases WHERE id = ?1",
                        [&created],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert!(cached.0.is_some() && cached.1.is_some(), "{cached:?}");
                let text = |t: Option<DateTime<Utc>>| t.map(crate::time::to_db_text);
                assert_eq!((text(planned.0), text(planned.1)), cached, "{at} {priority:?} {:?}", input.customer_id);
            }
        }
    }
}
