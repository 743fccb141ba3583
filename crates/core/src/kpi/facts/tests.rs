//! The kept KPI facts on real databases: refreshed after every kind of change they depend
//! on, never synced, filled by the migration, and giving the dashboard exactly the
//! records it got from the timelines before (`oracle.rs`).

mod oracle;

use std::ops::ControlFlow;
use std::sync::atomic::AtomicBool;

use chrono::{Duration, TimeZone};
use frontline_sync::memory::{MemoryServer, MemoryTransport};
use frontline_sync::session::{self, Options};

use super::test_support::{assert_facts_current, stored};
use super::*;
use crate::calendars::days::{self as holidays, HolidayInput};
use crate::calendars::{self, CalendarInput};
use crate::cases::{self, CallbackResult, CaseEdit, Contact, Direction, NewCase, Resolution};
use crate::customers::{self, CustomerInput};
use crate::demo::{self, DemoOptions};
use crate::kpi::{KpiFilter, PeriodPreset, PeriodRequest, period, source};
use crate::settings::{self, Language};
use crate::sla_policies::{self, SlaPolicyInput};
use crate::store::test_support::{TestClock, temp_store};
use crate::store::{Store, Table};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A signed-in-like store (changes go to the outbox) whose team works Monday–Friday
/// 09:00–17:00 UTC; the clock stands at Monday 2 March 2026, 09:00 UTC.
fn store() -> (tempfile::TempDir, Store, TestClock) {
    let (dir, mut store, clock) = temp_store();
    let mut s = settings::Settings::defaults();
    s.time_zone = "UTC".into();
    settings::save(&mut store, s).unwrap();
    (dir, store, clock)
}

fn new_case(priority: Priority) -> NewCase {
    NewCase {
        title: "Refund not received".into(),
        description: String::new(),
        customer_id: None,
        channel: CaseChannel::Email,
        category: "Billing".into(),
        priority,
    }
}

fn create(store: &mut Store, priority: Priority) -> CaseId {
    store.write(|tx| cases::create(tx, &new_case(priority))).unwrap()
}

fn at(store: &mut Store, clock: &TestClock, time: &str, f: impl FnOnce(&mut crate::store::WriteTx<'_>) -> Result<()>) {
    clock.set(utc(time));
    store.write(f).unwrap();
}

/// The stored facts of `id`, names as text.
fn facts(store: &Store, id: &CaseId) -> Facts {
    stored(store.conn()).remove(id).expect("the case has facts").2.expect("readable facts")
}

fn fix() -> Resolution {
    Resolution { root_cause: "Bank delay".into(), resolution_summary: "Refund re-sent".into() }
}

fn answer(direction: Direction) -> Contact {
    Contact { channel: CaseChannel::Email, direction, summary: "mail".into(), handle_seconds: 60 }
}

fn minutes(m: i64) -> Duration {
    Duration::minutes(m)
}

#[test]
fn facts_follow_an_edit_and_an_assignment() {
    let (_d, mut store, clock) = store();
    let id = create(&mut store, Priority::P2);
    let f = facts(&store, &id);
    assert_eq!((f.priority, f.status, f.category.as_str()), (Priority::P2, CaseStatus::New, "Billing"));
    assert_eq!(f.running, Some((utc("2026-03-02T09:00:00Z"), true)), "P2 counts business hours");
    assert_eq!(f.first_response, None);
    assert_facts_current(&store);

    let edit = CaseEdit {
        title: "Refund".into(),
        description: String::new(),
        customer_id: None,
        channel: CaseChannel::Phone,
        category: "Network".into(),
        priority: Priority::P1,
    };
    at(&mut store, &clock, "2026-03-02T09:10:00Z", |tx| cases::edit(tx, &id, &edit));
    let f = facts(&store, &id);
    assert_eq!((f.priority, f.channel, f.category.as_str()), (Priority::P1, CaseChannel::Phone, "Network"));
    assert_eq!(f.running, Some((utc("2026-03-02T09:00:00Z"), false)), "P1 counts around the clock");
    assert_facts_current(&store);

    let team = store.write(|tx| crate::people::create_team(tx, "Berlin")).unwrap();
    let agent = store.write(|tx| crate::people::create_agent(tx, "Anna", Some(&team))).unwrap();
    at(&mut store, &clock, "2026-03-02T09:20:00Z", |tx| cases::assign(tx, &id, Some(&agent), Some(&team)));
    let f = facts(&store, &id);
    assert_eq!((f.assignee.as_deref(), f.team.as_deref()), (Some(agent.as_str()), Some(team.as_str())));
    assert_facts_current(&store);
}

#[test]
fn facts_follow_each_timeline_event() {
    let (_d, mut store, clock) = store();
    let id = create(&mut store, Priority::P2);
    at(&mut store, &clock, "2026-03-02T09:30:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Outbound)));
    let f = facts(&store, &id);
    assert_eq!((f.first_response, f.responses, f.handle_seconds), (Some(minutes(30)), 1, 60));
    at(&mut store, &clock, "2026-03-02T10:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::PendingCustomer, None));
    let f = facts(&store, &id);
    assert_eq!((f.resolution, f.running), (minutes(60), None), "paused: an hour worked");
    at(&mut store, &clock, "2026-03-02T12:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Open, None));
    assert_eq!(facts(&store, &id).running, Some((utc("2026-03-02T12:00:00Z"), true)));
    at(&mut store, &clock, "2026-03-02T13:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    let f = facts(&store, &id);
    assert_eq!((f.resolution, f.running, f.sla_met), (minutes(120), None, Some(true)), "two of eight hours");
    assert_eq!(f.resolved_at, Some(utc("2026-03-02T13:00:00Z")));
    assert_eq!(f.root_cause.as_deref(), Some("Bank delay"));
    assert_eq!(f.relevant_until(), f.resolved_at);
    assert_facts_current(&store);

    at(&mut store, &clock, "2026-03-02T14:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Open, None));
    let f = facts(&store, &id);
    assert!(f.reopened);
    assert_eq!((f.resolution, f.running), (minutes(120), Some((utc("2026-03-02T14:00:00Z"), true))));
    assert_eq!(f.relevant_until(), None, "worked on again: any later period counts it");
    at(&mut store, &clock, "2026-03-02T15:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    at(&mut store, &clock, "2026-03-02T15:10:00Z", |tx| cases::schedule_callback(tx, &id, "2026-03-03T10:00:00Z"));
    assert_eq!(facts(&store, &id).relevant_until(), None, "awaiting its call-back");
    let result = CallbackResult { outcome: "Reached".into(), csat: Some(5), nps: Some(9), comment: None };
    at(&mut store, &clock, "2026-03-03T09:00:00Z", |tx| cases::record_callback(tx, &id, &result));
    let f = facts(&store, &id);
    assert_eq!(f.resolution, minutes(180));
    assert_eq!((f.csat, f.nps), (Some(5), Some(9)));
    assert_eq!(f.changes.len(), 5);
    assert_eq!(f.relevant_until(), Some(utc("2026-03-03T10:00:00Z")), "the call-back was due last");
    assert_facts_current(&store);
}

#[test]
fn facts_follow_policies_calendars_holidays_and_tiers() {
    let (_d, mut store, clock) = store();
    let team = store.write(|tx| crate::people::create_team(tx, "Berlin")).unwrap();
    let vip = CustomerInput {
        name: "Li Wei".into(),
        company: String::new(),
        email: String::new(),
        phone: String::new(),
        tier: customers::Tier::Standard,
        notes: String::new(),
    };
    let customer = store.write(|tx| customers::create(tx, &vip)).unwrap();
    let input = NewCase { customer_id: Some(customer.clone()), ..new_case(Priority::P2) };
    let id = store.write(|tx| cases::create(tx, &input)).unwrap();
    at(&mut store, &clock, "2026-03-02T09:00:00Z", |tx| cases::assign(tx, &id, None, Some(&team)));
    at(&mut store, &clock, "2026-03-02T09:50:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Outbound)));
    at(&mut store, &clock, "2026-03-02T11:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    assert_eq!((facts(&store, &id).first_response, facts(&store, &id).sla_met), (Some(minutes(50)), Some(true)));

    // A stricter policy: 30 minutes to answer a P2.
    let strict = SlaPolicyInput {
        name: "Strict".into(),
        priority: Priority::P2,
        tier: None,
        category: None,
        first_response_minutes: Some(30),
        resolution_minutes: Some(8 * 60),
        business_hours: true,
    };
    let policy = store.write(|tx| sla_policies::create(tx, &strict)).unwrap();
    assert_eq!(facts(&store, &id).sla_met, Some(false), "a resolved case's compliance follows the policy too");
    assert_facts_current(&store);

    // Only for VIPs: the customer is not one, until their tier changes.
    let vip_only =
        SlaPolicyInput { tier: Some(customers::Tier::Vip), first_response_minutes: Some(60), ..strict.clone() };
    store.write(|tx| sla_policies::update(tx, &policy, &vip_only)).unwrap();
    assert_eq!(facts(&store, &id).sla_met, Some(true));
    store.write(|tx| sla_policies::create(tx, &SlaPolicyInput { name: "Standard".into(), ..strict.clone() })).unwrap();
    assert_eq!(facts(&store, &id).sla_met, Some(false));
    store
        .write(|tx| customers::update(tx, &customer, &CustomerInput { tier: customers::Tier::Vip, ..vip.clone() }))
        .unwrap();
    assert_eq!(facts(&store, &id).sla_met, Some(true), "the VIP policy now");
    assert_facts_current(&store);

    // Monday is made a holiday: business time starts on Tuesday, so nothing elapsed.
    store.write(|tx| holidays::create(tx, &HolidayInput::holiday("2026-03-02", "Founders' Day"))).unwrap();
    assert_eq!(
        (facts(&store, &id).first_response, facts(&store, &id).resolution),
        (Some(Duration::zero()), Duration::zero())
    );
    assert_facts_current(&store);

    // The team counts in its own calendar, mornings only and without the holiday: 09:00–
    // 09:50 and 09:00–11:00 are business time there.
    let mornings: Vec<settings::WorkingDay> = settings::Weekday::ALL
        .iter()
        .map(|&weekday| settings::WorkingDay {
            weekday,
            open: true,
            intervals: vec![settings::OpeningInterval::new("08:00", "12:00")],
        })
        .collect();
    let own = CalendarInput { name: "Mornings".into(), time_zone: "UTC".into(), working_hours: mornings };
    let calendar = store.write(|tx| calendars::create(tx, &own)).unwrap();
    store.write(|tx| calendars::set_team_calendar(tx, &team, Some(&calendar))).unwrap();
    let f = facts(&store, &id);
    assert_eq!((f.first_response, f.resolution), (Some(minutes(50)), minutes(120)));
    assert_facts_current(&store);

    // The workspace's hours change: the team's own calendar is unaffected, a case without
    // a team follows.
    let other = create(&mut store, Priority::P2);
    at(&mut store, &clock, "2026-03-03T10:00:00Z", |tx| cases::log_contact(tx, &other, &answer(Direction::Outbound)));
    assert_eq!(facts(&store, &other).first_response, Some(minutes(60)), "from Tuesday 09:00");
    let mut s = settings::load(&store).unwrap();
    s.working_hours[1].intervals[0].start = "09:30".into();
    settings::save(&mut store, s).unwrap();
    assert_eq!(facts(&store, &other).first_response, Some(minutes(30)));
    assert_facts_current(&store);
}

#[test]
fn a_deleted_case_leaves_no_facts() {
    let (_d, mut store, _) = store();
    let (a, b) = (create(&mut store, Priority::P2), create(&mut store, Priority::P3));
    store.write(|tx| tx.delete(Table::Cases, a.as_str()).map(|_| ())).unwrap();
    let kept = stored(store.conn());
    assert!(!kept.contains_key(&a) && kept.contains_key(&b));
    assert_facts_current(&store);
}

#[test]
fn facts_never_enter_the_outbox_nor_get_versions() {
    let (_d, mut store, clock) = store();
    let id = create(&mut store, Priority::P2);
    at(&mut store, &clock, "2026-03-02T09:30:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Outbound)));
    at(&mut store, &clock, "2026-03-02T10:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    store.write(|tx| holidays::create(tx, &HolidayInput::holiday("2026-03-02", "")).map(|_| ())).unwrap();
    assert!(!stored(store.conn()).is_empty());
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(count("SELECT count(*) FROM outbox") > 0, "the case itself is in the outbox");
    let tables: Vec<String> = store
        .conn()
        .prepare("SELECT DISTINCT tbl FROM outbox UNION SELECT DISTINCT tbl FROM column_versions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.iter().all(|t| Table::from_name(t).is_some_and(Table::is_synced)), "{tables:?}");
    assert!(!tables.iter().any(|t| t.contains("kpi")), "{tables:?}");
}

/// A device signed in to an in-memory server, as in `sync/tests.rs`.
fn device(name: &str, clock: &TestClock) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_clock(&dir.path().join(format!("{name}.db")), clock.now()).unwrap();
    let e = crate::sync::Enrollment {
        server: "http://127.0.0.1:1".into(),
        workspace: "support".into(),
        user: format!("{name}@example.com"),
        device_id: format!("device-{name}"),
        device_code: String::new(),
        role: crate::sync::SyncRole::Supervisor,
    };
    crate::sync::enroll(&mut store, &e).unwrap();
    (dir, store)
}

fn sync(store: &mut Store, clock: &TestClock, server: &mut MemoryServer) {
    let ms = clock.get().timestamp_millis() as u64;
    server.now_ms = ms;
    let mut t = MemoryTransport { local_ms: ms, server };
    let mut r = crate::sync::LocalReplica::new(store).unwrap();
    let cancel = AtomicBool::new(false);
    session::run(&mut t, &mut r, Options { cancel: &cancel, progress: &mut |_| {}, sleep: &|_| {} }).unwrap();
}

#[test]
fn facts_follow_what_a_sync_brings() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(clock.get().timestamp_millis() as u64);
    let ((_da, mut a), (_db, mut b)) = (device("a", &clock), device("b", &clock));
    let id = create(&mut a, Priority::P2);
    sync(&mut a, &clock, &mut server);
    sync(&mut b, &clock, &mut server);
    assert_eq!(facts(&b, &id), facts(&a, &id));
    // Both devices work on the case offline; b also gets a stricter policy.
    at(&mut a, &clock, "2026-03-02T09:30:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Inbound)));
    at(&mut b, &clock, "2026-03-02T09:40:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Outbound)));
    at(&mut a, &clock, "2026-03-02T09:50:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    let strict = SlaPolicyInput {
        name: "Strict".into(),
        priority: Priority::P2,
        tier: None,
        category: None,
        first_response_minutes: Some(30),
        resolution_minutes: None,
        business_hours: true,
    };
    b.write(|tx| sla_policies::create(tx, &strict)).unwrap();
    sync(&mut a, &clock, &mut server);
    sync(&mut b, &clock, &mut server);
    sync(&mut a, &clock, &mut server);
    let (fa, fb) = (facts(&a, &id), facts(&b, &id));
    assert_eq!(fa, fb, "the same facts on both devices");
    assert_eq!(
        (fa.first_response, fa.responses, fa.sla_met),
        (Some(minutes(40)), 1, Some(false)),
        "b's answer, b's policy"
    );
    assert_eq!(fa.handle_seconds, 120, "both devices' contacts");
    assert_facts_current(&a);
    assert_facts_current(&b);
}

#[test]
fn the_migration_fills_the_facts_of_an_older_database() {
    let (dir, mut store, clock) = store();
    let id = create(&mut store, Priority::P2);
    at(&mut store, &clock, "2026-03-02T09:30:00Z", |tx| cases::log_contact(tx, &id, &answer(Direction::Outbound)));
    at(&mut store, &clock, "2026-03-02T10:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    let before = stored(store.conn());
    let path = store.path().to_path_buf();
    drop(store);
    // The database as version 9 left it: no facts table (nor what later versions added).
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER case_kpi_facts_tombstone; DROP TRIGGER case_kpi_facts_delete;
         DROP TABLE case_kpi_facts; DROP TABLE kpi_names;
         DROP INDEX agents_employee_id; ALTER TABLE agents DROP COLUMN employee_id;
         ALTER TABLE agents DROP COLUMN hired_on; ALTER TABLE agents DROP COLUMN left_on;
         DROP TABLE roles; DROP TABLE courses; DROP TABLE training_records;
         DROP TABLE training_requirements; DROP TABLE training_exemptions;
         DROP TABLE training_sessions; DROP TABLE training_enrolments;
         DROP TABLE plans; DROP TABLE plan_steps; DROP TABLE plan_versions; DROP TABLE plan_runs;
         DROP TABLE run_events;
         DROP TABLE kb_categories; DROP TABLE articles; DROP TABLE article_tags; DROP TABLE article_cases;
         DROP TABLE article_versions; DROP TABLE articles_fts; DROP TABLE articles_grams;
         DROP TABLE article_read_requests; DROP TABLE article_acks;
         DROP TABLE qa_scorecards; DROP TABLE qa_scorecard_versions; DROP TABLE qa_evaluations;
         DROP TABLE coaching_notes; DROP TABLE coaching_actions; DROP TABLE kpi_targets; DROP TABLE training_record_files;
         DROP TABLE plan_contacts; DROP TABLE comms_templates; DROP TABLE run_cases;
         DROP TABLE article_plan_steps; DROP TABLE article_courses; DROP TABLE article_images;
         DROP TABLE run_reviews; DROP TABLE run_action_items;
         DROP TABLE search_stale; DROP TRIGGER cases_search_update_deferred; DROP TRIGGER cases_search_note_deferred;
         DELETE FROM column_versions WHERE tbl = 'roles';
         PRAGMA user_version = 9;",
    )
    .unwrap();
    drop(conn);
    let store = Store::open_with_clock(&path, clock.now()).unwrap();
    assert_eq!(stored(store.conn()), before);
    assert_facts_current(&store);
    assert_eq!(get_meta(store.conn(), REFILL).unwrap(), None, "asked once, done once");
    drop(dir);
}

#[test]
fn a_case_this_version_cannot_read_is_reported_by_the_dashboard() {
    let (_d, mut store, clock) = store();
    let id = create(&mut store, Priority::P2);
    at(&mut store, &clock, "2026-03-02T10:00:00Z", |tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix())));
    store.conn().execute("UPDATE cases SET created_at = 'yesterday' WHERE id = ?1", [&id]).unwrap();
    store.write(|tx| holidays::create(tx, &HolidayInput::holiday("2026-03-10", "")).map(|_| ())).unwrap();
    let request = crate::kpi::DashboardRequest {
        period: PeriodRequest::preset(PeriodPreset::Days7),
        filter: KpiFilter::default(),
    };
    match crate::kpi::dashboard(store.conn(), &request, clock.get()) {
        Err(Error::Internal(message)) => assert!(message.contains(id.as_str()), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn facts_round_trip_through_their_stored_form() {
    let base = Facts {
        created_at: utc("2026-03-02T09:00:00.123Z"),
        priority: Priority::P4,
        channel: CaseChannel::WalkIn,
        status: CaseStatus::Closed,
        category: 1,
        root_cause: Some(300),
        assignee: None,
        team: Some(7),
        tier: customers::Tier::Vip,
        resolved_at: Some(utc("2026-03-01T09:00:00Z")),
        handle_seconds: 86_400 * 40,
        csat: Some(0),
        nps: Some(10),
        callback_due_at: None,
        callback_done_at: Some(utc("2027-01-01T00:00:00Z")),
        responses: 70_000,
        reopened: true,
        changes: vec![
            (utc("2026-03-02T09:00:00Z"), CaseStatus::Resolved),
            (utc("2026-02-01T00:00:00Z"), CaseStatus::Closed),
        ],
        first_response: Some(Duration::milliseconds(-5)),
        resolution: Duration::days(400),
        running: Some((utc("2026-03-02T09:00:00Z"), true)),
        sla_met: Some(false),
        settled: utc("2026-03-02T09:00:00.123Z"),
    };
    let round_trip =
        |f: &Facts<i64>| codec::decode(&codec::encode(f), codec::created_column(f), &mut Dates::default()).unwrap();
    assert_eq!(round_trip(&base), base);
    // Finer than milliseconds, as a timestamp from elsewhere may be.
    let fine = Facts {
        created_at: utc("2026-03-02T09:00:00.123456789Z"),
        first_response: Some(Duration::nanoseconds(1_500)),
        running: None,
        sla_met: None,
        ..base.clone()
    };
    assert_eq!(round_trip(&fine), fine);
    // Times the status changes imply are not written out; others are.
    let implied = Facts {
        changes: vec![
            (utc("2026-03-02T10:00:00Z"), CaseStatus::Resolved),
            (utc("2026-03-02T11:00:00Z"), CaseStatus::Open),
            (utc("2026-03-02T12:00:00Z"), CaseStatus::Resolved),
            (utc("2026-03-02T13:00:00Z"), CaseStatus::Closed),
        ],
        resolved_at: Some(utc("2026-03-02T12:00:00Z")),
        settled: utc("2026-03-02T13:00:00Z"),
        running: None,
        ..base.clone()
    };
    assert_eq!(round_trip(&implied), implied);
    let written = Facts {
        resolved_at: Some(utc("2026-03-02T12:00:01Z")),
        settled: utc("2026-03-02T14:00:00Z"),
        ..implied.clone()
    };
    assert_eq!(round_trip(&written), written);
    assert!(codec::encode(&written).len() > codec::encode(&implied).len());
    let open = Facts { running: Some((utc("2026-03-02T13:00:00Z"), false)), ..implied.clone() };
    assert_eq!(round_trip(&open), open);
    let bytes = codec::encode(&base);
    let created = codec::created_column(&base);
    assert!(codec::decode(&bytes[..bytes.len() - 1], created, &mut Dates::default()).is_err());
    assert!(codec::decode(&[bytes.clone(), vec![0]].concat(), created, &mut Dates::default()).is_err());
    // Dates far apart, before the epoch and at the ends of what chrono holds.
    let mut dates = Dates::default();
    for t in ["2026-03-02T09:00:00.001Z", "1969-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z", "1901-01-01T00:00:00Z"] {
        let t = utc(t);
        assert_eq!(dates.at_ms(t.timestamp_millis()), Some(t));
    }
    assert_eq!(dates.at_ms(i64::MAX), None);
}

/// Demo data: a few hundred cases with their whole history over 90 days.
fn demo_store(cases: u32, end: DateTime<Utc>) -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = temp_store();
    let opts = DemoOptions { cases, language: Language::En, seed: 7, end, force: false };
    demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    (dir, store)
}

/// Records in a fixed order, to compare as sets.
fn sorted(mut records: Vec<CaseRecord>) -> Vec<CaseRecord> {
    records.sort_by_cached_key(|r| format!("{r:?}"));
    records
}

#[test]
fn the_dashboard_reads_exactly_the_records_the_timelines_gave() {
    let end = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let (_d, mut store) = demo_store(400, end);
    // And cases without a customer (standard, for the tier filter), the day after.
    for priority in [Priority::P1, Priority::P3] {
        let id = create(&mut store, priority);
        store.write(|tx| cases::transition(tx, &id, CaseStatus::Resolved, Some(&fix()))).unwrap();
    }
    create(&mut store, Priority::P2);
    assert_facts_current(&store);
    let conn = store.conn();
    let setup = SlaSetup::load(conn).unwrap();
    let teams = crate::people::teams(conn).unwrap();
    let agents = crate::people::agents(conn).unwrap();
    let category: String = conn.query_row("SELECT category FROM cases LIMIT 1", [], |r| r.get(0)).unwrap();
    let filters = [
        KpiFilter::default(),
        KpiFilter { teams: vec![teams[0].id.clone(), teams[1].id.clone()], ..KpiFilter::default() },
        KpiFilter {
            assignees: vec![agents[0].id.clone()],
            categories: vec![category.clone(), "None such".into()],
            ..KpiFilter::default()
        },
        KpiFilter {
            priorities: vec![Priority::P1, Priority::P3],
            channels: vec![CaseChannel::Phone],
            ..KpiFilter::default()
        },
        KpiFilter { tiers: vec![customers::Tier::Vip], ..KpiFilter::default() },
        KpiFilter { tiers: vec![customers::Tier::Standard], categories: vec![category], ..KpiFilter::default() },
    ];
    let presets = [PeriodPreset::Today, PeriodPreset::Days7, PeriodPreset::Days30, PeriodPreset::Days90];
    // After the demo (every fact settled), at its end, and weeks into it: then many cases
    // have events ahead of `now` and are worked out from their timelines.
    let (mut unsettled, mut compared) = (0, 0);
    for now in [end + Duration::days(3), end, end - Duration::days(20), end - Duration::days(75)] {
        for filter in &filters {
            for preset in presets {
                let (current, previous) = period::resolve(&PeriodRequest::preset(preset), chrono_tz::UTC, now).unwrap();
                let window = (previous.start, current.end);
                let mut kept = Vec::new();
                source::each(conn, &setup, filter, window, now, |r| kept.push(r.clone())).unwrap();
                let kept = sorted(kept);
                let timelines = sorted(oracle::read(conn, &setup, filter, window, now).unwrap());
                compared += timelines.len();
                assert_eq!(kept, timelines, "{now} {filter:?} {preset:?}");
            }
        }
        unsettled += stored(conn).values().filter(|(_, _, f)| f.as_ref().is_ok_and(|f| f.settled > now)).count();
    }
    assert!(unsettled > 100, "the fallback was exercised: {unsettled}");
    assert!(compared > 4_000, "{compared} records compared");
}

#[test]
fn a_demo_run_leaves_every_case_with_current_facts() {
    let (_d, store) = demo_store(120, Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap());
    assert_eq!(stored(store.conn()).len(), 120);
    assert_facts_current(&store);
    let mut store = store;
    demo::clear(&mut store).unwrap();
    assert!(stored(store.conn()).is_empty(), "clearing demo data clears its facts");
}
