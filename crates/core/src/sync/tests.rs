//! Devices syncing through an in-memory server with the real server's semantics
//! (`frontline_sync::memory`), on real SQLite files: what arrives, what merges, what is a
//! conflict, and that any order of syncs converges.

use std::ops::ControlFlow;
use std::sync::atomic::AtomicBool;

use chrono::Duration;
use frontline_sync::memory::{MemoryServer, MemoryTransport};
use frontline_sync::session::{self, Options, Report};

use frontline_sync::NodeId;

use super::*;
use crate::cases::{self, CaseChannel, CaseStatus, Contact, Direction, NewCase, Priority, Resolution};
use crate::ids::CaseId;
use crate::store::Table;
use crate::store::test_support::TestClock;
use crate::sync::conflicts::{self, ConflictResolution as Settle};

/// A device: its own database and wall clock.
struct Device {
    _dir: tempfile::TempDir,
    store: Store,
    clock: TestClock,
}

fn device(name: &str, clock: &TestClock) -> Device {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_clock(&dir.path().join(format!("{name}.db")), clock.now()).unwrap();
    enroll(&mut store, &sign_in_as(name)).unwrap();
    Device { _dir: dir, store, clock: clock.clone() }
}

/// A server and two devices, "a" and "b", on one clock at [`TestClock::new`]'s instant.
fn two_devices() -> (TestClock, MemoryServer, Device, Device) {
    let clock = TestClock::new();
    let server = MemoryServer::new(ms(&clock));
    let (a, b) = (device("a", &clock), device("b", &clock));
    (clock, server, a, b)
}

fn sync(d: &mut Device, server: &mut MemoryServer) -> Report {
    let own = d.clock.clone();
    sync_by(d, server, &own)
}

/// `d` syncs with a server whose clock reads `real` (a device whose own clock is off).
fn sync_by(d: &mut Device, server: &mut MemoryServer, real: &TestClock) -> Report {
    server.now_ms = ms(real);
    let mut t = MemoryTransport { local_ms: ms(&d.clock), server };
    run_session(d, &mut t, &mut |_| {})
}

/// `d` runs one sync over `t`, telling `progress` how it goes.
fn run_session(
    d: &mut Device,
    t: &mut (impl session::Transport + Send),
    progress: &mut dyn FnMut(session::Progress),
) -> Report {
    let mut r = LocalReplica::new(&mut d.store).unwrap();
    let cancel = AtomicBool::new(false);
    session::run(t, &mut r, Options { cancel: &cancel, progress, sleep: &|_| {} }).unwrap()
}

fn ms(c: &TestClock) -> u64 {
    c.get().timestamp_millis() as u64
}

fn export(d: &Device) -> String {
    crate::export::canonical_string(d.store.conn()).unwrap()
}

fn new_case(d: &mut Device, title: &str) -> CaseId {
    d.store
        .write(|tx| {
            cases::create(
                tx,
                &NewCase {
                    title: title.into(),
                    description: "客户反映".into(),
                    customer_id: None,
                    channel: CaseChannel::Phone,
                    category: "Billing".into(),
                    priority: Priority::P2,
                },
            )
        })
        .unwrap()
}

fn edit_title(d: &mut Device, id: &CaseId, title: &str) {
    let c = cases::get(d.store.conn(), id).unwrap();
    d.store
        .write(|tx| {
            cases::edit(
                tx,
                id,
                &cases::CaseEdit {
                    title: title.into(),
                    description: c.description.clone(),
                    customer_id: c.customer_id.clone(),
                    channel: c.channel,
                    category: c.category.clone(),
                    priority: c.priority,
                },
            )
        })
        .unwrap();
}

fn contact(secs: u32, direction: Direction) -> Contact {
    Contact { channel: CaseChannel::Email, direction, summary: "mail".into(), handle_seconds: secs }
}

#[test]
fn a_case_made_on_one_device_arrives_whole_on_another() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Refund not received");
    a.store.write(|tx| cases::set_tags(tx, &id, &["vip".into(), "退款".into()])).unwrap();
    a.store.write(|tx| cases::add_note(tx, &id, "called twice")).unwrap();
    a.store.write(|tx| cases::log_contact(tx, &id, &contact(90, Direction::Outbound))).unwrap();
    a.store.write(|tx| cases::transition(tx, &id, CaseStatus::PendingCustomer, None)).unwrap();
    sync(&mut a, &mut server);
    let report = sync(&mut b, &mut server);
    assert!(report.applied > 0);
    let (ca, cb) = (cases::get(a.store.conn(), &id).unwrap(), cases::get(b.store.conn(), &id).unwrap());
    assert_eq!(cb.title, "Refund not received");
    assert_eq!(cb.status, CaseStatus::PendingCustomer);
    assert_eq!(cb.tags, ["vip", "退款"]);
    assert_eq!(cb.handle_seconds, 90);
    assert_eq!(cb.first_response_at, ca.first_response_at);
    assert_eq!(cases::timeline(b.store.conn(), &id).unwrap(), cases::timeline(a.store.conn(), &id).unwrap());
    assert_eq!(cases::case_sla(&b.store, &id).unwrap(), cases::case_sla(&a.store, &id).unwrap());
    assert_eq!(export(&a), export(&b));
    // Pulled changes are not pushed back.
    assert_eq!(outbox::pending(b.store.conn()).unwrap(), 0);
    // Search finds it on the device it came to.
    let q = cases::CaseQuery { text: Some("called twice".into()), ..Default::default() };
    assert_eq!(cases::query::list(b.store.conn(), &q, clock.get()).unwrap().total, 1);
    // The pulled case is counted, locally, like one made here.
    crate::cases::counts::test_support::assert_counts_current(&b.store);
    assert_eq!(cases::counts::queue_counts(b.store.conn(), None, clock.get()).unwrap().all, 1);
    assert_eq!(cases::counts::tags(b.store.conn()).unwrap(), ["vip", "退款"]);
}

/// Every column of every case row, in id order.
fn case_rows(d: &Device) -> Vec<String> {
    let mut stmt = d.store.conn().prepare("SELECT * FROM cases ORDER BY id").unwrap();
    let n = stmt.column_count();
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    stmt.query_map([], |r| {
        (0..n).map(|i| Ok(format!("{}={:?}", names[i], r.get::<_, rusqlite::types::Value>(i)?))).collect()
    })
    .unwrap()
    .map(|r: rusqlite::Result<Vec<String>>| r.unwrap().join(" "))
    .collect()
}

#[test]
fn new_cases_pulled_are_stored_with_the_facts_tags_and_due_times_refolding_them_gives() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let vip = a
        .store
        .write(|tx| {
            crate::customers::create(
                tx,
                &crate::customers::CustomerInput {
                    name: "Li Na".into(),
                    company: String::new(),
                    email: "li.na@example.com".into(),
                    phone: String::new(),
                    tier: crate::customers::Tier::Vip,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let untouched = new_case(&mut a, "Nobody has looked yet");
    // A VIP's urgent case: its policy, and around the clock.
    let waiting = a
        .store
        .write(|tx| {
            cases::create(
                tx,
                &NewCase {
                    title: "Waiting for the receipt".into(),
                    description: "客户反映".into(),
                    customer_id: Some(vip.clone()),
                    channel: CaseChannel::Phone,
                    category: "Billing".into(),
                    priority: Priority::P1,
                },
            )
        })
        .unwrap();
    a.store.write(|tx| cases::set_tags(tx, &waiting, &["vip".into(), "退款".into()])).unwrap();
    a.store.write(|tx| cases::log_contact(tx, &waiting, &contact(90, Direction::Outbound))).unwrap();
    a.store.write(|tx| cases::transition(tx, &waiting, CaseStatus::PendingCustomer, None)).unwrap();
    let closed = new_case(&mut a, "Charged twice");
    clock.set(clock.get() + Duration::hours(3));
    let fix = Resolution { root_cause: "double capture".into(), resolution_summary: "refunded".into() };
    a.store.write(|tx| cases::transition(tx, &closed, CaseStatus::Resolved, Some(&fix))).unwrap();
    a.store.write(|tx| cases::transition(tx, &closed, CaseStatus::Closed, None)).unwrap();
    let gone = new_case(&mut a, "Opened by mistake");
    a.store.write(|tx| tx.delete(Table::Cases, gone.as_str())).unwrap();
    sync(&mut a, &mut server);
    clock.set(clock.get() + Duration::minutes(5));
    sync(&mut b, &mut server);

    let pulled = case_rows(&b);
    assert_eq!(pulled.len(), 4);
    for (id, expect) in [
        (&untouched, "status=Text(\"new\")"),
        (&waiting, "tags=Text(\"[\\\"vip\\\",\\\"退款\\\"]\")"),
        (&waiting, "status=Text(\"pending_customer\")"),
        (&closed, "root_cause=Text(\"double capture\")"),
    ] {
        let row = pulled.iter().find(|r| r.starts_with(&format!("id=Text(\"{id}\")"))).unwrap();
        assert!(row.contains(expect), "{expect} in {row}");
    }
    let due =
        |id: &CaseId| pulled.iter().find(|r| r.contains(id.as_str())).unwrap().contains("resolution_due_at=Text(");
    assert!(due(&untouched) && due(&waiting), "{pulled:#?}");
    // Folding every case afresh, with its due times as of now, changes nothing.
    b.store
        .write(|tx| {
            let ids: std::collections::BTreeSet<CaseId> =
                [&untouched, &waiting, &closed, &gone].into_iter().cloned().collect();
            cases::facts::refresh(tx, &ids).map(|_| ())
        })
        .unwrap();
    assert_eq!(case_rows(&b), pulled);
    crate::kpi::facts::test_support::assert_facts_current(&b.store);
    crate::cases::counts::test_support::assert_counts_current(&b.store);
}

/// A first sync brings more new cases than one part of their derivation (cases/pulled.rs
/// derives them 500 at a time, on a thread of its own): each is stored with what refolding
/// it gives, in the order the server sent them.
#[test]
fn a_first_sync_of_more_cases_than_one_part_stores_each_as_refolding_gives_in_order() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let mut e = demo_device("e", &clock, 1_200);
    enroll(&mut e.store, &sign_in_as("e")).unwrap();
    sync(&mut e, &mut server);
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);

    let pulled = case_rows(&b);
    assert_eq!(pulled.len(), 1_200);
    let mut sent: Vec<String> = Vec::new();
    let mut after = 0;
    loop {
        let page = server.pull(after, frontline_sync::protocol::MAX_PULL_LIMIT, b.store.node_id());
        for c in page.changes.iter().filter(|c| c.table == "cases") {
            if !sent.contains(&c.row) {
                sent.push(c.row.clone());
            }
        }
        after = page.next;
        if !page.more {
            break;
        }
    }
    let stored: Vec<String> = b
        .store
        .conn()
        .prepare("SELECT id FROM cases ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(stored, sent, "stored in the order they came");
    b.store
        .write(|tx| {
            let ids = stored.iter().map(|id| CaseId(id.clone())).collect();
            cases::facts::refresh(tx, &ids).map(|_| ())
        })
        .unwrap();
    assert_eq!(case_rows(&b), pulled, "refolding every case changes nothing");
    crate::kpi::facts::test_support::assert_facts_current(&b.store);
    crate::cases::counts::test_support::assert_counts_current(&b.store);
}

#[test]
fn two_offline_edits_of_one_title_converge_and_the_loser_can_keep_hers() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Parcel lost");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    edit_title(&mut a, &id, "Parcel lost in Shanghai");
    clock.set(clock.get() + Duration::minutes(1));
    edit_title(&mut b, &id, "Parcel lost — courier");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        assert_eq!(cases::get(d.store.conn(), &id).unwrap().title, "Parcel lost — courier");
    }
    assert_eq!(export(&a), export(&b));
    let lost = conflicts::list(a.store.conn()).unwrap();
    assert_eq!(lost.len(), 1, "the device whose edit lost sees it");
    assert_eq!(lost[0].field, "title");
    assert_eq!(lost[0].mine.as_deref(), Some("Parcel lost in Shanghai"));
    assert_eq!(lost[0].theirs.as_deref(), Some("Parcel lost — courier"));
    assert!(conflicts::list(b.store.conn()).unwrap().is_empty(), "the winner has nothing to review");

    clock.set(clock.get() + Duration::minutes(1));
    conflicts::resolve(&mut a.store, lost[0].id, Settle::KeepMine).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    for d in [&a, &b] {
        assert_eq!(cases::get(d.store.conn(), &id).unwrap().title, "Parcel lost in Shanghai");
        assert!(conflicts::list(d.store.conn()).unwrap().is_empty(), "keeping mine is no new conflict");
    }
    assert_eq!(export(&a), export(&b));
}

/// Evidence links and feedback themes are sets: what two devices link, unlink or tag
/// offline all survives the merge, on both, per element.
#[test]
fn insight_links_and_feedback_themes_made_offline_on_two_devices_both_survive() {
    use crate::voc::{Evidence, FeedbackInput, FeedbackSource, InsightInput, Sentiment, feedback, insights};
    let (_, mut server, mut a, mut b) = two_devices();
    let (c1, c2, c3) = (new_case(&mut a, "one"), new_case(&mut a, "two"), new_case(&mut a, "three"));
    let input = InsightInput {
        title: "Renewal letters arrive late".into(),
        finding: String::new(),
        department: crate::voc::Department::Billing,
        requested_change: String::new(),
        review_on: None,
    };
    let id = a.store.write(|tx| insights::create(tx, &input, &Evidence::default())).unwrap();
    let mut fb = FeedbackInput {
        received_on: "2026-03-01".into(),
        source: FeedbackSource::Survey,
        sentiment: Sentiment::Negative,
        customer_id: None,
        journey_stage_id: None,
        csat: None,
        themes: vec!["letters".into()],
        text: "Came late".into(),
    };
    let f = a.store.write(|tx| feedback::create(tx, &fb)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);

    let cases =
        |ids: &[&CaseId]| Evidence { case_ids: ids.iter().map(|c| (*c).clone()).collect(), ..Default::default() };
    // Offline: A links c1, B links c2; A adds a theme, B another.
    a.store.write(|tx| insights::link(tx, &id, &cases(&[&c1]))).unwrap();
    b.store.write(|tx| insights::link(tx, &id, &cases(&[&c2]))).unwrap();
    fb.themes = vec!["letters".into(), "timing".into()];
    a.store.write(|tx| feedback::update(tx, &f, &fb)).unwrap();
    fb.themes = vec!["letters".into(), "post".into()];
    b.store.write(|tx| feedback::update(tx, &f, &fb)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        assert_eq!(insights::cited(d.store.conn(), &id).unwrap().case_ids, [c2.clone(), c1.clone()]);
        assert_eq!(feedback::get(d.store.conn(), &f).unwrap().themes, ["letters", "post", "timing"]);
    }

    // Offline again: A unlinks c1 while B links c3: c1 goes, c3 comes, c2 stays.
    a.store.write(|tx| insights::unlink(tx, &id, &cases(&[&c1]))).unwrap();
    b.store.write(|tx| insights::link(tx, &id, &cases(&[&c3]))).unwrap();
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    for d in [&a, &b] {
        assert_eq!(insights::cited(d.store.conn(), &id).unwrap().case_ids, [c3.clone(), c2.clone()]);
    }
    assert_eq!(export(&a), export(&b));
    // Adding and removing set elements is no conflict to review.
    assert_eq!(conflicts::list(a.store.conn()).unwrap(), []);
    assert_eq!(conflicts::list(b.store.conn()).unwrap(), []);
}

/// The built-in journey stages are the same rows on every device: signing in raises no
/// conflict over them, and one device's rename and another's retiring both arrive.
#[test]
fn built_in_journey_stages_merge_per_column_without_conflicts() {
    use crate::voc::stages;
    let (_, mut server, mut a, mut b) = two_devices();
    let used = stages::built_in_id("use");
    a.store.write(|tx| stages::rename(tx, &used, "Everyday use")).unwrap();
    b.store.write(|tx| stages::set_retired(tx, &used, true)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let s = stages::list(d.store.conn()).unwrap().into_iter().find(|s| s.id == used).unwrap();
        assert_eq!((s.name.as_str(), s.retired, s.key.as_deref()), ("Everyday use", true, Some("use")));
        assert_eq!(conflicts::list(d.store.conn()).unwrap(), []);
    }
    assert_eq!(export(&a), export(&b));
}

/// Training records are events: two devices recording the same agent offline both keep
/// theirs, the history arrives whole with its agent, and the derived status agrees.
#[test]
fn training_records_made_offline_on_two_devices_both_survive() {
    use crate::people::{AgentInput, roster};
    use crate::training::{CourseInput, Mode, RecordInput, Topic, courses, records};
    let (_, mut server, mut a, mut b) = two_devices();
    let input = AgentInput {
        name: "Ann Lee".into(),
        employee_id: "E-1".into(),
        team_id: None,
        role_id: Some(crate::people::roles::built_in_id("agent")),
        hired_on: Some("2024-05-06".into()),
    };
    let ann = a.store.write(|tx| roster::create(tx, &input)).unwrap();
    let course = CourseInput {
        title: "Data protection".into(),
        topic: Topic::Compliance,
        mode: Mode::Online,
        duration_minutes: 90,
        validity_months: Some(12),
        pass_mark: Some(80),
    };
    let gdpr = a.store.write(|tx| courses::create(tx, &course)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    let record = |day: &str, score| RecordInput {
        agent_id: ann.clone(),
        course_id: gdpr.clone(),
        completed_on: day.into(),
        score: Some(score),
        issuer: String::new(),
        note: String::new(),
    };
    a.store.write(|tx| records::add(tx, &record("2025-03-20", 90))).unwrap();
    b.store.write(|tx| records::add(tx, &record("2026-02-01", 70))).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let today = crate::settings::today(d.store.conn(), d.store.now()).unwrap();
        let h = records::history(d.store.conn(), &ann, today).unwrap();
        let seen: Vec<(&str, crate::training::RecordStatus)> =
            h.records.iter().map(|r| (r.completed_on.as_str(), r.status)).collect();
        assert_eq!(
            seen,
            [
                ("2026-02-01", crate::training::RecordStatus::Failed),
                ("2025-03-20", crate::training::RecordStatus::Expiring)
            ]
        );
        assert_eq!(conflicts::list(d.store.conn()).unwrap(), []);
    }
    assert_eq!(export(&a), export(&b));
}

/// Two supervisors enrolling agents in the same session offline: enrolments are a set per
/// session, so once synced both devices hold both agents (and one row each), and a result
/// saved on one device shows on the other.
#[test]
fn enrolments_in_one_session_made_offline_on_two_devices_both_survive() {
    use crate::people::{AgentInput, roster};
    use crate::training::sessions::{self, AttendanceRow, SessionInput};
    use crate::training::{CourseInput, Mode, Topic, courses};
    let (_, mut server, mut a, mut b) = two_devices();
    let agent = |name: &str| AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: None,
        role_id: None,
        hired_on: None,
    };
    let ann = a.store.write(|tx| roster::create(tx, &agent("Ann Lee"))).unwrap();
    let bo = a.store.write(|tx| roster::create(tx, &agent("Bo Chen"))).unwrap();
    let course = CourseInput {
        title: "Data protection".into(),
        topic: Topic::Compliance,
        mode: Mode::Classroom,
        duration_minutes: 90,
        validity_months: Some(12),
        pass_mark: Some(80),
    };
    let gdpr = a.store.write(|tx| courses::create(tx, &course)).unwrap();
    let input = SessionInput {
        course_id: gdpr,
        held_on: "2026-02-20".into(),
        trainer: "Grace Wu".into(),
        place: String::new(),
        capacity: 10,
    };
    let s = a.store.write(|tx| sessions::create(tx, &input)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    a.store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&ann))).unwrap();
    b.store.write(|tx| sessions::enrol(tx, &s, &[bo.clone(), ann.clone()])).unwrap();
    b.store
        .write(|tx| {
            sessions::save_attendance(
                tx,
                &s,
                &[AttendanceRow { agent_id: bo.clone(), attended: true, score: Some(90) }],
            )
        })
        .unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let detail = sessions::detail(d.store.conn(), &s).unwrap();
        let names: Vec<&str> = detail.attendees.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Chen"]);
        assert_eq!((detail.session.enrolled, detail.session.attended, detail.session.passed), (2, 1, 1));
        assert_eq!(conflicts::list(d.store.conn()).unwrap(), []);
    }
    assert_eq!(export(&a), export(&b));
}

/// Two supervisors each filling the last place of a session offline: each enrolment was
/// within capacity where it was made, so after sync the session is over capacity — both
/// enrolments are kept (the session page warns of the overbooking) and nothing is lost.
#[test]
fn the_last_place_filled_offline_on_two_devices_overbooks_without_losing_anyone() {
    use crate::people::{AgentInput, roster};
    use crate::training::sessions::{self, SessionInput};
    use crate::training::{CourseInput, Mode, Topic, courses};
    let (_, mut server, mut a, mut b) = two_devices();
    let agent = |name: &str| AgentInput {
        name: name.into(),
        employee_id: String::new(),
        team_id: None,
        role_id: None,
        hired_on: None,
    };
    let ann = a.store.write(|tx| roster::create(tx, &agent("Ann Lee"))).unwrap();
    let bo = a.store.write(|tx| roster::create(tx, &agent("Bo Chen"))).unwrap();
    let course = CourseInput {
        title: "Crisis response".into(),
        topic: Topic::CrisisResponse,
        mode: Mode::Classroom,
        duration_minutes: 60,
        validity_months: None,
        pass_mark: None,
    };
    let course = a.store.write(|tx| courses::create(tx, &course)).unwrap();
    let input = SessionInput {
        course_id: course,
        held_on: "2026-03-20".into(),
        trainer: "Grace Wu".into(),
        place: String::new(),
        capacity: 1,
    };
    let s = a.store.write(|tx| sessions::create(tx, &input)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    a.store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&ann))).unwrap();
    b.store.write(|tx| sessions::enrol(tx, &s, std::slice::from_ref(&bo))).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let detail = sessions::detail(d.store.conn(), &s).unwrap();
        assert_eq!((detail.session.enrolled, detail.session.capacity), (2, 1), "over capacity, nobody dropped");
        let names: Vec<&str> = detail.attendees.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Chen"]);
        assert_eq!(conflicts::list(d.store.conn()).unwrap(), []);
    }
    assert_eq!(export(&a), export(&b));
    // A third enrolment is refused where it is made, now that the device sees the session full.
    let cy = a.store.write(|tx| roster::create(tx, &agent("Cy Park"))).unwrap();
    assert!(matches!(
        a.store.write(|tx| sessions::enrol(tx, &s, &[cy])),
        Err(crate::Error::Validation { rule: crate::ValidationRule::OverCapacity, .. })
    ));
}

/// The same KPI target set on two devices offline is one register: after sync both hold
/// the later value, and one row.
#[test]
fn a_target_set_offline_on_two_devices_merges_as_one() {
    use crate::kpi::KpiMetric;
    use crate::people::roles;
    use crate::targets::{self, TargetScope};
    let (clock, mut server, mut a, mut b) = two_devices();
    let scope = TargetScope::Role { role_id: roles::built_in_id("agent") };
    a.store.write(|tx| targets::set(tx, &scope, KpiMetric::Csat, Some(90.0))).unwrap();
    clock.set(clock.get() + Duration::seconds(5));
    b.store.write(|tx| targets::set(tx, &scope, KpiMetric::Csat, Some(85.0))).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let list = targets::list(d.store.conn()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].value, 85.0, "the later setting wins");
        let rows: i64 = d.store.conn().query_row("SELECT count(*) FROM kpi_targets", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1);
    }
    assert_eq!(export(&a), export(&b));
}

/// Two supervisors ticking the same run offline: ticks, skips and log entries are events,
/// so once synced both devices hold both ticks and derive the same checklist and log.
#[test]
fn ticks_of_one_run_made_offline_on_two_devices_both_survive() {
    use crate::plans::{ItemState, Phase, PlanInput, RunAction, RunInput, RunKind, Scenario, Severity, StepInput};
    use crate::plans::{plans, runs, versions};
    let (clock, mut server, mut a, mut b) = two_devices();
    let input = PlanInput {
        title: "Telephony outage".into(),
        scenario: Scenario::SystemOutage,
        severity: Severity::High,
        owner: String::new(),
        review_days: 365,
        drill_days: 90,
        triggers: String::new(),
        thresholds: String::new(),
    };
    let plan = a.store.write(|tx| plans::create(tx, &input)).unwrap();
    let step = |text: &str| StepInput {
        phase: Phase::Response,
        text: text.into(),
        owner_role: String::new(),
        offset_minutes: 30,
        required: true,
    };
    let steps: Vec<_> = ["Switch lines", "Post a notice", "Brief the team"]
        .iter()
        .map(|t| a.store.write(|tx| plans::add_step(tx, &plan, &step(t))).unwrap())
        .collect();
    a.store.write(|tx| versions::publish(tx, &plan)).unwrap();
    let start = RunInput { plan_id: plan.clone(), kind: RunKind::Drill, commander: "Ann Lee".into() };
    let run = a.store.write(|tx| runs::start(tx, &start)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    clock.set(clock.get() + Duration::minutes(5));
    a.store.write(|tx| runs::record(tx, &run, &RunAction::Tick { step: steps[0].clone() })).unwrap();
    a.store.write(|tx| runs::record(tx, &run, &RunAction::Log { text: "Carrier called".into() })).unwrap();
    b.store.write(|tx| runs::record(tx, &run, &RunAction::Tick { step: steps[1].clone() })).unwrap();
    b.store
        .write(|tx| runs::record(tx, &run, &RunAction::Skip { step: steps[2].clone(), reason: "Team on site".into() }))
        .unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let views: Vec<_> = [&a, &b].map(|d| runs::get(d.store.conn(), &run, clock.get()).unwrap()).into();
    for (d, view) in [&a, &b].iter().zip(&views) {
        let states: Vec<ItemState> = view.items.iter().map(|i| i.state).collect();
        assert_eq!(states, [ItemState::Done, ItemState::Done, ItemState::Skipped]);
        assert_eq!(view.log.len(), 4);
        assert_eq!(conflicts::list(d.store.conn()).unwrap(), []);
    }
    assert_eq!(views[0], views[1]);
    assert_eq!(export(&a), export(&b));
}

/// Two supervisors rewriting one article offline: the body is a register, so the later
/// edit wins — and the other text is kept as a conflict version, on both devices, whether
/// the loser hears of it from a pulled change or from the server's notice.
#[test]
fn bodies_of_one_article_edited_offline_on_two_devices_both_survive() {
    use crate::knowledge::{ArticleInput, ArticleKind, VersionKind, articles, versions};
    for loser_pushes_first in [true, false] {
        let clock = TestClock::new();
        let mut server = MemoryServer::new(ms(&clock));
        let (mut a, mut b) = (device("a", &clock), device("b", &clock));
        let input = ArticleInput {
            title: "退款流程".into(),
            body: "Refund in 3 days".into(),
            kind: ArticleKind::Sop,
            category_id: None,
            tags: vec![],
            owner: String::new(),
            review_on: None,
        };
        let id = a.store.write(|tx| articles::create(tx, &input)).unwrap();
        a.store.write(|tx| versions::publish(tx, &id)).unwrap();
        sync(&mut a, &mut server);
        sync(&mut b, &mut server);
        let edit = |d: &mut Device, body: &str| {
            let fields = ArticleInput { body: body.into(), ..articles::fields(d.store.conn(), &id).unwrap() };
            d.store.write(|tx| articles::update(tx, &id, &fields)).unwrap();
        };
        clock.set(clock.get() + Duration::minutes(5));
        edit(&mut a, "Refund in 5 days, after the return arrives");
        clock.set(clock.get() + Duration::minutes(1));
        edit(&mut b, "退款三日内到账");
        if loser_pushes_first {
            sync(&mut a, &mut server);
            sync(&mut b, &mut server);
        } else {
            sync(&mut b, &mut server);
        }
        sync(&mut a, &mut server);
        sync(&mut b, &mut server);
        for d in [&a, &b] {
            let article = articles::get(d.store.conn(), &id).unwrap();
            assert_eq!(article.fields.body, "退款三日内到账", "the later edit wins");
            assert_eq!(article.conflicts, 1);
            let history = versions::list(d.store.conn(), &id).unwrap();
            let kinds: Vec<VersionKind> = history.iter().map(|v| v.kind).collect();
            assert_eq!(kinds, [VersionKind::Published, VersionKind::Conflict]);
            assert_eq!(history[1].author, "a@example.com");
            let (_, _, kept) = versions::text(d.store.conn(), &history[1].id).unwrap();
            assert_eq!(kept, "Refund in 5 days, after the return arrives", "the losing text survives");
        }
        assert_eq!(export(&a), export(&b));
    }
}

#[test]
fn the_device_that_pushed_first_and_lost_is_told_by_the_server() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Invoice wrong");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    edit_title(&mut a, &id, "Invoice wrong (VAT)");
    sync(&mut a, &mut server);
    clock.set(clock.get() + Duration::minutes(1));
    edit_title(&mut b, &id, "Invoice wrong (address)");
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let lost = conflicts::list(a.store.conn()).unwrap();
    assert_eq!(lost.len(), 1, "A pushed first, lost later, and learns of it: {lost:?}");
    assert_eq!(lost[0].mine.as_deref(), Some("Invoice wrong (VAT)"));
    assert!(conflicts::list(b.store.conn()).unwrap().is_empty());
}

#[test]
fn timeline_facts_merge_from_both_devices() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Broken router");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    clock.set(clock.get() + Duration::minutes(5));
    a.store.write(|tx| cases::log_contact(tx, &id, &contact(100, Direction::Inbound))).unwrap();
    a.store.write(|tx| cases::set_tags(tx, &id, &["router".into()])).unwrap();
    clock.set(clock.get() + Duration::minutes(5));
    b.store.write(|tx| cases::log_contact(tx, &id, &contact(200, Direction::Outbound))).unwrap();
    b.store.write(|tx| cases::set_tags(tx, &id, &["vip".into()])).unwrap();
    b.store.write(|tx| cases::transition(tx, &id, CaseStatus::Open, None)).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    for d in [&a, &b] {
        let c = cases::get(d.store.conn(), &id).unwrap();
        assert_eq!(c.handle_seconds, 300, "both devices' calls count");
        assert_eq!(c.tags, ["router", "vip"], "both devices' tags stay");
        assert_eq!(c.status, CaseStatus::Open);
        assert!(c.first_response_at.is_some());
        // Pulled pages that changed a known case keep its counts current too.
        crate::cases::counts::test_support::assert_counts_current(&d.store);
        assert_eq!(cases::counts::tags(d.store.conn()).unwrap(), ["router", "vip"]);
    }
    assert_eq!(cases::case_sla(&a.store, &id).unwrap(), cases::case_sla(&b.store, &id).unwrap());
    assert!(conflicts::list(a.store.conn()).unwrap().is_empty() && conflicts::list(b.store.conn()).unwrap().is_empty());
    assert_eq!(export(&a), export(&b));
}

#[test]
fn a_page_that_fails_applies_nothing_and_keeps_the_cursor() {
    let (_, mut server, mut a, mut b) = two_devices();
    new_case(&mut a, "First");
    sync(&mut a, &mut server);
    // A page stamped a day ahead of b's clock: b refuses all of it.
    let mut page = server.pull(0, 100, b.store.node_id());
    for c in &mut page.changes {
        c.hlc.wall_ms += 86_400_000;
    }
    let before = export(&b);
    let mut r = LocalReplica::new(&mut b.store).unwrap();
    let err = frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&page)).unwrap_err();
    assert!(matches!(err, Error::ClockAhead { .. }), "{err:?}");
    assert_eq!(frontline_sync::session::Replica::cursor(&mut r).unwrap(), 0);
    drop(r);
    assert_eq!(export(&b), before);
}

#[test]
fn a_page_delivered_twice_stores_nothing_twice() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let busy = new_case(&mut a, "Many notes");
    new_case(&mut a, "Quiet");
    // More timeline rows than one multi-row INSERT takes, and a partial last statement.
    a.store
        .write(|tx| (0..250).try_for_each(|i| cases::add_note(tx, &busy, &format!("note {i}")).map(|_| ())))
        .unwrap();
    sync(&mut a, &mut server);
    let page = server.pull(0, 100_000, b.store.node_id());
    let mut r = LocalReplica::new(&mut b.store).unwrap();
    let first = frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&page)).unwrap();
    let again = frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&page)).unwrap();
    drop(r);
    // The built-in journey stages' cells, seeded the same on every device, are not sent.
    assert!(page.changes.iter().all(|c| c.table != "journey_stages"));
    assert_eq!(first.applied as usize, page.changes.len(), "every cell and row is new the first time");
    assert_eq!(again.applied, 0);
    assert_eq!(export(&b), export(&a));
    assert_eq!(cases::timeline(b.store.conn(), &busy).unwrap(), cases::timeline(a.store.conn(), &busy).unwrap());
    let q = cases::CaseQuery { text: Some("note 249".into()), ..Default::default() };
    assert_eq!(cases::query::list(b.store.conn(), &q, clock.get()).unwrap().total, 1);
}

#[test]
fn a_row_whose_cells_lie_apart_in_a_page_is_stored_whole() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let first = new_case(&mut a, "Apart");
    new_case(&mut a, "Between");
    clock.set(clock.get() + Duration::minutes(5));
    edit_title(&mut a, &first, "Apart, renamed");
    sync(&mut a, &mut server);
    let mut page = server.pull(0, 100_000, b.store.node_id());
    // As an older server sent it, in sequence order: the later title sits past the other
    // case and the timelines, apart from the rest of its row, and is applied to the row
    // its first cells made.
    let at = page.changes.iter().position(|c| c.row == first.as_str() && c.column() == "title").unwrap();
    let title = page.changes.remove(at);
    let created = page.changes.iter().find(|c| c.row == first.as_str() && c.column() == "created_at").unwrap();
    assert!(title.hlc > created.hlc, "a later write");
    page.changes.push(title);
    let mut r = LocalReplica::new(&mut b.store).unwrap();
    let applied = frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&page)).unwrap();
    drop(r);
    assert_eq!(applied.applied as usize, page.changes.len());
    assert_eq!(export(&b), export(&a));
    assert_eq!(cases::timeline(b.store.conn(), &first).unwrap(), cases::timeline(a.store.conn(), &first).unwrap());
}

/// A device's connection that asks for pages of at most `cap` cells, so a small sync
/// comes in many pages (and the session applies those waiting together).
struct SmallPages<'s> {
    inner: MemoryTransport<'s>,
    cap: u32,
    /// Pull requests made.
    pulls: u32,
}

impl session::Transport for SmallPages<'_> {
    fn hello(&mut self) -> std::result::Result<frontline_sync::protocol::Hello, session::TransportError> {
        self.inner.hello()
    }
    fn pull(
        &mut self,
        after: u64,
        limit: u32,
        node: NodeId,
    ) -> std::result::Result<frontline_sync::protocol::PullResponse, session::TransportError> {
        self.pulls += 1;
        self.inner.pull(after, limit.min(self.cap), node)
    }
    fn push(
        &mut self,
        request: &frontline_sync::protocol::PushRequest,
    ) -> std::result::Result<frontline_sync::protocol::PushResponse, session::TransportError> {
        self.inner.push(request)
    }
    fn local_time_ms(&self) -> u64 {
        self.inner.local_time_ms()
    }
}

#[test]
fn many_small_pages_arrive_whole_however_they_are_grouped() {
    let (clock, mut server, mut a, mut b) = two_devices();
    for i in 0..12 {
        let id = new_case(&mut a, &format!("Case {i}"));
        a.store.write(|tx| cases::add_note(tx, &id, &format!("注释 {i}")).map(|_| ())).unwrap();
    }
    sync(&mut a, &mut server);
    let cap = 7;
    let mut pages = Vec::new();
    let report = {
        server.now_ms = ms(&b.clock);
        let mut t =
            SmallPages { inner: MemoryTransport { local_ms: ms(&b.clock), server: &mut server }, cap, pulls: 0 };
        let mut progress = |p: session::Progress| {
            if let session::Progress::Pulling { pages: n, cursor, .. } = p {
                pages.push((n, cursor));
            }
        };
        run_session(&mut b, &mut t, &mut progress)
    };
    assert!(report.received > 10 * u64::from(cap), "many pages: {report:?}");
    // Progress counts the pages of each pull as they are applied (the pull after the push
    // counts afresh), and the cursor only moves forward.
    assert!(pages.iter().any(|(n, _)| *n > 1), "{pages:?}");
    assert!(pages.windows(2).all(|w| w[1].0 == 1 || w[0].0 < w[1].0), "{pages:?}");
    assert!(pages.windows(2).all(|w| w[0].1 <= w[1].1), "{pages:?}");
    assert_eq!(export(&b), export(&a));
    let q = cases::CaseQuery { text: Some("注释 11".into()), ..Default::default() };
    assert_eq!(cases::query::list(b.store.conn(), &q, clock.get()).unwrap().total, 1);
}

#[test]
fn a_sync_pulls_again_only_after_it_pushed() {
    let (_, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Router keeps rebooting");
    sync(&mut a, &mut server);
    let mut sync_counting = |d: &mut Device| -> (Report, u32) {
        server.now_ms = ms(&d.clock);
        let mut t =
            SmallPages { inner: MemoryTransport { local_ms: ms(&d.clock), server: &mut server }, cap: 1000, pulls: 0 };
        let report = run_session(d, &mut t, &mut |_| {});
        (report, t.pulls)
    };
    let (report, pulls) = sync_counting(&mut b);
    assert!(report.applied > 0 && report.pushed == 0, "{report:?}");
    assert_eq!(pulls, 1, "nothing pushed, nothing to learn of it");
    edit_title(&mut b, &id, "Router replaced");
    let (report, pulls) = sync_counting(&mut b);
    assert!(report.pushed > 0, "{report:?}");
    assert_eq!(pulls, 2, "the pull after the push");
    assert_eq!(cases::get(b.store.conn(), &id).unwrap().title, "Router replaced");
}

#[test]
fn pages_applied_together_are_all_or_nothing() {
    let (_, mut server, mut a, mut b) = two_devices();
    new_case(&mut a, "First");
    new_case(&mut a, "Second");
    sync(&mut a, &mut server);
    let node = b.store.node_id();
    let first = server.pull(0, 5, node);
    let mut second = server.pull(first.next, 100, node);
    assert!(first.more && !first.changes.is_empty() && !second.changes.is_empty());
    // The later page is stamped a day ahead of b's clock: the whole group is refused.
    for c in &mut second.changes {
        c.hlc.wall_ms += 86_400_000;
    }
    let before = export(&b);
    let mut r = LocalReplica::new(&mut b.store).unwrap();
    let err = frontline_sync::session::Replica::apply(&mut r, &[first.clone(), second]).unwrap_err();
    assert!(matches!(err, Error::ClockAhead { .. }), "{err:?}");
    assert_eq!(frontline_sync::session::Replica::cursor(&mut r).unwrap(), 0);
    // Good pages together move the cursor to the last one's end.
    let second = server.pull(first.next, 100, node);
    frontline_sync::session::Replica::apply(&mut r, &[first, second.clone()]).unwrap();
    assert_eq!(frontline_sync::session::Replica::cursor(&mut r).unwrap(), second.next);
    drop(r);
    assert_ne!(export(&b), before);
    assert_eq!(export(&b), export(&a));
}

#[test]
fn what_this_version_cannot_store_is_kept_and_reported_not_dropped() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let mut a = device("a", &clock);
    let id = new_case(&mut a, "From the future");
    let stamp = |n: u64| frontline_sync::Hlc { wall_ms: ms(&clock) - 1000 + n, counter: 0, node: NodeId::from_u64(7) };
    let newer = |table: &str, column: &str, n| frontline_sync::protocol::Change {
        table: table.into(),
        row: id.to_string(),
        hlc: stamp(n),
        base: None,
        body: frontline_sync::protocol::Body::Cell {
            column: column.into(),
            value: frontline_sync::protocol::Value::Text("x".into()),
        },
    };
    server
        .push(&frontline_sync::protocol::PushRequest {
            node: NodeId::from_u64(7),
            changes: vec![
                frontline_sync::protocol::Outgoing { seq: 1, change: newer("cases", "sentiment", 1) },
                frontline_sync::protocol::Outgoing { seq: 2, change: newer("knowledge_articles", "title", 2) },
            ],
        })
        .unwrap();
    let report = sync(&mut a, &mut server);
    assert_eq!(report.parked, 2);
    let s = status(a.store.conn()).unwrap();
    assert_eq!(s.parked, 2, "the device says an update is needed");
    assert_eq!(cases::get(a.store.conn(), &id).unwrap().title, "From the future", "known columns untouched");
}

#[test]
fn demo_data_cannot_sign_in_until_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let opts = crate::demo::DemoOptions {
        cases: 20,
        language: crate::settings::Language::En,
        seed: 3,
        end: store.now(),
        force: false,
    };
    crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    assert!(status(store.conn()).unwrap().holds_demo_data);
    assert!(matches!(check_sign_in(store.conn(), "support"), Err(Error::DemoData)));
    let cleared = crate::demo::clear(&mut store).unwrap();
    assert_eq!(cleared.cases, 20);
    check_sign_in(store.conn(), "support").unwrap();
    let left: i64 = store.conn().query_row("SELECT count(*) FROM case_events", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    let fts: i64 = store.conn().query_row("SELECT count(*) FROM cases_fts", [], |r| r.get(0)).unwrap();
    assert_eq!(fts, 0, "search entries of demo cases go too");
}

#[test]
fn a_signed_in_database_takes_no_demo_data_and_no_other_workspace() {
    let clock = TestClock::new();
    let mut a = device("a", &clock);
    let opts = crate::demo::DemoOptions {
        cases: 5,
        language: crate::settings::Language::En,
        seed: 3,
        end: a.store.now(),
        force: false,
    };
    assert!(matches!(
        crate::demo::generate(&mut a.store, &opts, |_| ControlFlow::Continue(())),
        Err(Error::DemoWhileSignedIn)
    ));
    sign_out(&mut a.store).unwrap();
    assert!(matches!(check_sign_in(a.store.conn(), "other"), Err(Error::OtherWorkspace { .. })));
    check_sign_in(a.store.conn(), "support").unwrap();
}

#[test]
fn signing_in_publishes_what_the_device_made_before() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&dir.path().join("early.db"), clock.now()).unwrap();
    let mut early = Device { _dir: dir, store, clock: clock.clone() };
    let id = new_case(&mut early, "Made before signing in");
    early.store.write(|tx| cases::add_note(tx, &id, "offline note")).unwrap();
    assert_eq!(outbox::pending(early.store.conn()).unwrap(), 0, "nothing recorded before signing in");
    let published = enroll(
        &mut early.store,
        &Enrollment {
            server: "http://127.0.0.1:1".into(),
            workspace: "support".into(),
            user: "e@example.com".into(),
            device_id: "d-e".into(),
            device_code: "7".into(),
            role: SyncRole::Admin,
        },
    )
    .unwrap();
    assert!(published > 0);
    sync(&mut early, &mut server);
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);
    assert_eq!(export(&early), export(&b));
    assert_eq!(cases::timeline(b.store.conn(), &id).unwrap().len(), 2);
    // The server's short code now makes the references.
    let next = new_case(&mut early, "After");
    assert_eq!(cases::get(early.store.conn(), &next).unwrap().reference, "7-2");
}

#[test]
fn a_clock_a_day_ahead_cannot_win_against_later_real_edits() {
    let (clock, mut server, mut a, mut b) = two_devices();
    let id = new_case(&mut a, "Outage");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    // b's computer runs a day fast; it edits offline.
    let fast = TestClock::new();
    fast.set(clock.get() + Duration::days(1));
    b.clock = fast.clone();
    let path = b.store.path().to_path_buf();
    b.store = Store::open_with_clock(&path, fast.now()).unwrap();
    edit_title(&mut b, &id, "Outage (from the fast clock)");
    // It syncs (the server's clock is the real one): its stamps are brought back.
    sync_by(&mut b, &mut server, &clock);
    assert!(b.store.clock_last().wall_ms <= ms(&clock) + frontline_sync::protocol::MAX_CLOCK_AHEAD_MS);
    // A colleague edits ten minutes later in real time: the later edit wins.
    clock.set(clock.get() + Duration::minutes(10));
    edit_title(&mut a, &id, "Outage — fixed");
    sync(&mut a, &mut server);
    sync_by(&mut b, &mut server, &clock);
    for d in [&a, &b] {
        assert_eq!(cases::get(d.store.conn(), &id).unwrap().title, "Outage — fixed");
    }
}

#[test]
fn references_that_clash_are_relabelled_alike_on_every_device() {
    let (_, mut server, mut a, mut b) = two_devices();
    let x = new_case(&mut a, "On A");
    let y = new_case(&mut b, "On B");
    // Minted before signing in, two devices can share a code: give y x's reference.
    let clash = cases::get(a.store.conn(), &x).unwrap().reference;
    b.store
        .write(|tx| tx.upsert(Table::Cases, y.as_str(), &[("ref", rusqlite::types::Value::Text(clash.clone()))]))
        .unwrap();
    for _ in 0..2 {
        sync(&mut a, &mut server);
        sync(&mut b, &mut server);
    }
    assert_eq!(export(&a), export(&b));
    let (later, earlier) = if x > y { (&x, &y) } else { (&y, &x) };
    for d in [&a, &b] {
        assert_eq!(cases::get(d.store.conn(), earlier).unwrap().reference, clash);
        let relabelled = cases::get(d.store.conn(), later).unwrap().reference;
        assert!(relabelled.starts_with(&clash) && relabelled != clash, "{relabelled}");
        assert!(
            cases::timeline(d.store.conn(), later)
                .unwrap()
                .iter()
                .any(|e| matches!(e.data, cases::EventData::ReferenceChanged { .. })),
            "the change is visible on the timeline"
        );
    }
}

#[test]
fn two_policies_for_one_scope_from_two_devices_are_a_conflict() {
    use crate::sla_policies::{self, SlaPolicyInput};
    let (_, mut server, mut a, mut b) = two_devices();
    let input = |name: &str| SlaPolicyInput {
        name: name.into(),
        priority: Priority::P2,
        tier: None,
        category: Some("Billing".into()),
        first_response_minutes: Some(30),
        resolution_minutes: Some(240),
        business_hours: true,
    };
    a.store.write(|tx| sla_policies::create(tx, &input("A's"))).unwrap();
    b.store.write(|tx| sla_policies::create(tx, &input("B's"))).unwrap();
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let seen = conflicts::list(a.store.conn()).unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].kind, conflicts::ConflictKind::Duplicate);
    assert_eq!(conflicts::list(b.store.conn()).unwrap().len(), 1);
    conflicts::resolve(&mut a.store, seen[0].id, Settle::KeepMine).unwrap();
    for d in [&mut a, &mut b] {
        sync(d, &mut server);
    }
    for d in [&a, &b] {
        assert_eq!(sla_policies::load(d.store.conn()).unwrap().rows().len(), 1);
        assert!(conflicts::list(d.store.conn()).unwrap().is_empty(), "settled on both: one policy is left");
    }
}

#[test]
fn pushed_records_are_compacted_and_a_retried_push_stores_nothing_twice() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let mut a = device("a", &clock);
    let id = new_case(&mut a, "One");
    for i in 0..5 {
        edit_title(&mut a, &id, &format!("Title {i}"));
    }
    let batch = outbox::next_batch(a.store.conn(), 1000).unwrap().unwrap();
    let titles = batch.changes.iter().filter(|c| c.change.column() == "title").count();
    assert_eq!(titles, 1, "five edits of one cell push once, with the last value");
    let req = frontline_sync::protocol::PushRequest { node: a.store.node_id(), changes: batch.changes.clone() };
    server.push(&req).unwrap();
    let cells = server.cells();
    let again = server.push(&req).unwrap();
    assert_eq!((again.accepted, server.cells()), (0, cells), "a retry is recognised");
    outbox::acknowledge(a.store.conn(), batch.through).unwrap();
    assert_eq!(outbox::pending(a.store.conn()).unwrap(), 0);
}

mod convergence {
    //! Five replicas doing random work and syncing in random orders converge.

    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Op {
        Create(usize),
        Title(usize, usize, u8),
        Priority(usize, usize, u8),
        Note(usize, usize),
        Contact(usize, usize, u16),
        Tag(usize, usize, u8, bool),
        Move(usize, usize, u8),
        Delete(usize, usize),
        Sync(usize),
        Tick(u16),
    }

    fn op() -> impl Strategy<Value = Op> {
        let d = 0..5usize;
        let c = 0..12usize;
        prop_oneof![
            d.clone().prop_map(Op::Create),
            (d.clone(), c.clone(), any::<u8>()).prop_map(|(d, c, v)| Op::Title(d, c, v)),
            (d.clone(), c.clone(), any::<u8>()).prop_map(|(d, c, v)| Op::Priority(d, c, v)),
            (d.clone(), c.clone()).prop_map(|(d, c)| Op::Note(d, c)),
            (d.clone(), c.clone(), 0..3600u16).prop_map(|(d, c, s)| Op::Contact(d, c, s)),
            (d.clone(), c.clone(), 0..4u8, any::<bool>()).prop_map(|(d, c, t, on)| Op::Tag(d, c, t, on)),
            (d.clone(), c.clone(), any::<u8>()).prop_map(|(d, c, m)| Op::Move(d, c, m)),
            (d.clone(), c.clone()).prop_map(|(d, c)| Op::Delete(d, c)),
            d.prop_map(Op::Sync),
            (1..600u16).prop_map(Op::Tick),
        ]
    }

    /// The cases a device can see, in a stable order (so `c` picks the same one if it is
    /// there).
    fn case_ids(d: &Device) -> Vec<CaseId> {
        let mut stmt = d.store.conn().prepare("SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    fn run(d: &mut Device, op: &Op) {
        let pick = |d: &Device, c: usize| case_ids(d).get(c % case_ids(d).len().max(1)).cloned();
        // Refusals (a move the workflow forbids, work on a closed case) are part of the
        // game: they must change nothing, which the final comparison checks too.
        match *op {
            Op::Create(_) => {
                new_case(d, "case");
            }
            Op::Title(_, c, v) => {
                if let Some(id) = pick(d, c) {
                    let case = cases::get(d.store.conn(), &id).unwrap();
                    let _ = d.store.write(|tx| {
                        cases::edit(
                            tx,
                            &id,
                            &cases::CaseEdit {
                                title: format!("title {v}"),
                                description: case.description.clone(),
                                customer_id: None,
                                channel: case.channel,
                                category: case.category.clone(),
                                priority: case.priority,
                            },
                        )
                    });
                }
            }
            Op::Priority(_, c, v) => {
                if let Some(id) = pick(d, c) {
                    let case = cases::get(d.store.conn(), &id).unwrap();
                    let priority = Priority::ALL[v as usize % Priority::ALL.len()];
                    let _ = d.store.write(|tx| {
                        cases::edit(
                            tx,
                            &id,
                            &cases::CaseEdit {
                                title: case.title.clone(),
                                description: case.description.clone(),
                                customer_id: None,
                                channel: case.channel,
                                category: case.category.clone(),
                                priority,
                            },
                        )
                    });
                }
            }
            Op::Note(_, c) => {
                if let Some(id) = pick(d, c) {
                    let _ = d.store.write(|tx| cases::add_note(tx, &id, "note"));
                }
            }
            Op::Contact(_, c, s) => {
                if let Some(id) = pick(d, c) {
                    let _ =
                        d.store.write(|tx| cases::log_contact(tx, &id, &contact(u32::from(s), Direction::Outbound)));
                }
            }
            Op::Tag(_, c, t, on) => {
                if let Some(id) = pick(d, c) {
                    let mut tags = cases::get(d.store.conn(), &id).unwrap().tags;
                    let tag = format!("t{t}");
                    tags.retain(|x| *x != tag);
                    if on {
                        tags.push(tag);
                    }
                    let _ = d.store.write(|tx| cases::set_tags(tx, &id, &tags));
                }
            }
            Op::Move(_, c, m) => {
                if let Some(id) = pick(d, c) {
                    let to = CaseStatus::ALL[m as usize % CaseStatus::ALL.len()];
                    let fix = Resolution { root_cause: "cause".into(), resolution_summary: "fixed".into() };
                    let _ = d.store.write(|tx| cases::transition(tx, &id, to, Some(&fix)));
                }
            }
            Op::Delete(_, c) => {
                if let Some(id) = pick(d, c) {
                    let _ = d.store.write(|tx| tx.delete(Table::Cases, id.as_str()));
                }
            }
            Op::Sync(_) | Op::Tick(_) => {}
        }
    }

    /// Synced state plus every case's derived facts (but not the due-time caches, which
    /// depend on when they were computed while a case waits).
    fn state(d: &Device) -> String {
        let mut facts = String::new();
        let mut stmt = d
            .store
            .conn()
            .prepare(
                "SELECT id, status, tags, handle_seconds, first_response_at, resolved_at, root_cause, escalation_department
                 FROM cases ORDER BY id",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}\n",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })
            .unwrap();
        for row in rows {
            facts.push_str(&row.unwrap());
        }
        // The KPI facts too: derived alike on every device, and current on each.
        crate::kpi::facts::test_support::assert_facts_current(&d.store);
        let kpi = crate::kpi::facts::test_support::stored(d.store.conn());
        format!("{}\n{facts}\n{kpi:?}", export(d))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

        #[test]
        fn five_replicas_converge_whatever_they_do_and_whenever_they_sync(ops in prop::collection::vec(op(), 1..60)) {
            let clock = TestClock::new();
            let mut server = MemoryServer::new(ms(&clock));
            let mut devices: Vec<Device> = (0..5).map(|i| device(&format!("d{i}"), &clock)).collect();
            for op in &ops {
                match op {
                    Op::Tick(s) => clock.set(clock.get() + Duration::seconds(i64::from(*s))),
                    Op::Sync(i) => {
                        sync(&mut devices[*i], &mut server);
                    }
                    Op::Create(i) | Op::Title(i, ..) | Op::Priority(i, ..) | Op::Note(i, _) | Op::Contact(i, ..)
                    | Op::Tag(i, ..) | Op::Move(i, ..) | Op::Delete(i, _) => run(&mut devices[*i], op),
                }
            }
            // Everyone syncs twice round: all have seen everything.
            for _ in 0..2 {
                for d in devices.iter_mut() {
                    sync(d, &mut server);
                }
            }
            let first = state(&devices[0]);
            for d in &devices[1..] {
                prop_assert_eq!(&state(d), &first);
            }
        }
    }
}

/// The enrollment `name` signs in with.
fn sign_in_as(name: &str) -> Enrollment {
    Enrollment {
        server: "http://127.0.0.1:1".into(),
        workspace: "support".into(),
        user: format!("{name}@example.com"),
        device_id: format!("device-{name}"),
        device_code: String::new(),
        role: SyncRole::Supervisor,
    }
}

/// A device holding `cases` demo cases made as the benchmark makes its real-looking data:
/// demo rows (written without versions) whose demo marker is removed, not signed in yet.
fn demo_device(name: &str, clock: &TestClock, cases: u32) -> Device {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_clock(&dir.path().join(format!("{name}.db")), clock.now()).unwrap();
    let opts = crate::demo::DemoOptions {
        cases,
        language: crate::settings::Language::En,
        seed: 3,
        end: store.now(),
        force: false,
    };
    crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    store.conn().execute("DELETE FROM demo_rows", []).unwrap();
    Device { _dir: dir, store, clock: clock.clone() }
}

fn stage_of(d: &Device, id: &str) -> Option<String> {
    d.store.conn().query_row("SELECT journey_stage_id FROM cases WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

fn set_stage(d: &mut Device, id: &str, stage: Option<&str>) {
    let stage = stage.map(crate::voc::stages::built_in_id);
    d.store.write(|tx| cases::set_journey_stage(tx, &CaseId(id.into()), stage.as_ref())).unwrap();
}

/// A NULL cell never set (no version: demo rows, a column a migration added) is not
/// published at sign-in — the other side holds the same NULL without it — while a cell set
/// and then cleared is, and both devices end with the same state.
#[test]
fn signing_in_sends_no_never_set_null_cell_but_a_cleared_one() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let mut e = demo_device("e", &clock, 20);
    let cleared: String =
        e.store.conn().query_row("SELECT id FROM cases ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    set_stage(&mut e, &cleared, Some("billing"));
    set_stage(&mut e, &cleared, None);
    enroll(&mut e.store, &sign_in_as("e")).unwrap();
    let count = |sql: &str| -> i64 { e.store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM cases WHERE external_id IS NULL"), 20, "demo cases have no external id");
    assert_eq!(count("SELECT count(*) FROM outbox WHERE col = 'external_id'"), 0, "never set: not sent");
    assert_eq!(
        count("SELECT count(*) FROM column_versions WHERE col = 'external_id'"),
        0,
        "and not versioned by publishing either"
    );
    let sent: Vec<(String, Option<String>)> = e
        .store
        .conn()
        .prepare("SELECT row_id, value FROM outbox WHERE tbl = 'cases' AND col = 'journey_stage_id' AND value IS NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sent, [(cleared.clone(), None)], "only the stage that was set and cleared is sent as NULL");
    // The cells of a case without versions go out at one stamp, so the receiving device
    // keeps one entry for it; the case with a cell of its own version keeps one per cell.
    let other: String = e
        .store
        .conn()
        .query_row("SELECT id FROM cases WHERE id <> ?1 ORDER BY id LIMIT 1", [&cleared], |r| r.get(0))
        .unwrap();
    let stamps: Vec<String> = e
        .store
        .conn()
        .prepare("SELECT DISTINCT hlc FROM outbox WHERE tbl = 'cases' AND row_id = ?1")
        .unwrap()
        .query_map([&other], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stamps.len(), 1, "{stamps:?}");
    sync(&mut e, &mut server);
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);
    assert_eq!(export(&e), export(&b));
    assert_eq!(stage_of(&b, &cleared), None);
    assert_eq!(version_entries(&b.store, "cases", &other), [("*".to_owned(), stamps[0].clone())]);
    assert!(version_entries(&b.store, "cases", &cleared).len() > 1);
}

/// After a sign-out, signing in again publishes everything again: a cell cleared while
/// signed out still travels and clears a colleague's copy, and a never-set NULL does not
/// undo the value a colleague set meanwhile (the device learns it on its next pull).
#[test]
fn publishing_again_sends_a_cleared_cell_and_keeps_a_colleagues_value_over_a_never_set_null() {
    let clock = TestClock::new();
    let mut server = MemoryServer::new(ms(&clock));
    let mut e = demo_device("e", &clock, 20);
    let first = |d: &Device, cond: &str| -> String {
        d.store
            .conn()
            .query_row(&format!("SELECT id FROM cases WHERE {cond} ORDER BY id LIMIT 1"), [], |r| r.get(0))
            .unwrap()
    };
    // Open cases (a closed one takes no edits).
    let staged = first(&e, "journey_stage_id IS NOT NULL AND status <> 'closed'");
    // A demo case without a stage (the demo leaves about one in twelve without one, written
    // as demo rows are: no version).
    let unstaged = first(&e, &format!("id <> '{staged}' AND status <> 'closed'"));
    e.store.conn().execute("UPDATE cases SET journey_stage_id = NULL WHERE id = ?1", [&unstaged]).unwrap();
    enroll(&mut e.store, &sign_in_as("e")).unwrap();
    sync(&mut e, &mut server);
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);
    assert!(stage_of(&b, &staged).is_some());
    assert_eq!(stage_of(&b, &unstaged), None);
    clock.set(clock.get() + Duration::minutes(1));
    set_stage(&mut b, &unstaged, Some("renewal"));
    sync(&mut b, &mut server);
    sign_out(&mut e.store).unwrap();
    clock.set(clock.get() + Duration::minutes(1));
    set_stage(&mut e, &staged, None);
    enroll(&mut e.store, &sign_in_as("e")).unwrap();
    sync(&mut e, &mut server);
    sync(&mut b, &mut server);
    assert_eq!(stage_of(&b, &staged), None, "the clear made while signed out arrived");
    let renewal = Some(crate::voc::stages::built_in_id("renewal").to_string());
    assert_eq!(stage_of(&e, &unstaged), renewal, "the colleague's stage arrived");
    assert_eq!(stage_of(&b, &unstaged), renewal, "and was not undone by a NULL never set");
    assert_eq!(export(&e), export(&b));
}

/// Imports the Zendesk fixture (seven tickets, dated October and November 2026).
fn import_zendesk(store: &mut Store) -> Vec<CaseId> {
    let bytes = include_bytes!("../../tests/fixtures/import/zendesk.csv");
    let info = crate::import::inspect(store.conn(), bytes, None).unwrap();
    let opts = crate::import::ImportOptions { encoding: None, mapping: info.mapping, skip_invalid_rows: false };
    crate::import::import(store, bytes, &opts, |_| ControlFlow::Continue(())).unwrap();
    let mut stmt =
        store.conn().prepare("SELECT id FROM cases WHERE external_id IS NOT NULL ORDER BY external_id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// The version entries of one row: (column, stamp), by column.
fn version_entries(store: &Store, table: &str, id: &str) -> Vec<(String, String)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT col, hlc FROM column_versions WHERE tbl = ?1 AND row_id = ?2 ORDER BY col")
        .unwrap();
    stmt.query_map([table, id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn imported_cases_hold_one_version_each_and_merge_cell_by_cell_as_any_case() {
    let clock = TestClock::new();
    clock.set(clock.get() + Duration::days(300)); // after the fixture's tickets
    let mut server = MemoryServer::new(ms(&clock));
    let (mut a, mut b) = (device("a", &clock), device("b", &clock));
    let ids = import_zendesk(&mut a.store);
    assert_eq!(ids.len(), 7);
    // One entry per case (and per tag), standing for all its cells; every cell is still
    // in the outbox, with that stamp.
    let entries = version_entries(&a.store, "cases", ids[0].as_str());
    assert_eq!(entries.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["*"]);
    let sent: Vec<(String, String)> = {
        let mut stmt = a.store.conn().prepare("SELECT col, hlc FROM outbox WHERE row_id = ?1").unwrap();
        stmt.query_map([ids[0].as_str()], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert!(sent.len() > 10 && sent.iter().all(|(_, h)| *h == entries[0].1), "{sent:?}");
    assert!(sent.iter().any(|(c, _)| c == "title") && sent.iter().any(|(c, _)| c == "external_id"));

    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    assert_eq!(export(&a), export(&b));
    assert_eq!(cases::get(b.store.conn(), &ids[2]).unwrap().title, r#"Charged twice for "Premium" plan"#);
    // The device receiving them keeps the one entry as well.
    assert_eq!(version_entries(&b.store, "cases", ids[0].as_str()), entries);

    // Edited on both devices offline, different cells: both edits stay, on both.
    clock.set(clock.get() + Duration::minutes(5));
    edit_title(&mut b, &ids[2], "Charged twice — refund approved");
    edit_title(&mut a, &ids[3], "App crashes on login (iOS 18)");
    let own = version_entries(&a.store, "cases", ids[3].as_str());
    assert_eq!(own.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["*", "title"], "an edit gets its own entry");
    assert!(own[1].1 > own[0].1);
    for _ in 0..2 {
        sync(&mut a, &mut server);
        sync(&mut b, &mut server);
    }
    assert_eq!(export(&a), export(&b));
    assert_eq!(
        version_entries(&a.store, "cases", ids[3].as_str()),
        version_entries(&b.store, "cases", ids[3].as_str()),
        "the edit's entry beside the row's, on both"
    );
    assert_eq!(cases::get(a.store.conn(), &ids[2]).unwrap().title, "Charged twice — refund approved");
    assert_eq!(cases::get(b.store.conn(), &ids[3]).unwrap().title, "App crashes on login (iOS 18)");
    // The same cell edited on both: the later edit wins on both, as for any case.
    clock.set(clock.get() + Duration::minutes(5));
    edit_title(&mut a, &ids[0], "Refund (a)");
    clock.set(clock.get() + Duration::minutes(1));
    edit_title(&mut b, &ids[0], "Refund (b, later)");
    for _ in 0..2 {
        sync(&mut a, &mut server);
        sync(&mut b, &mut server);
    }
    assert_eq!(export(&a), export(&b));
    assert_eq!(cases::get(a.store.conn(), &ids[0]).unwrap().title, "Refund (b, later)");
}

#[test]
fn imported_cases_arrive_with_one_entry_each_over_small_pages_and_twice_over() {
    let clock = TestClock::new();
    clock.set(clock.get() + Duration::days(300));
    let mut server = MemoryServer::new(ms(&clock));
    let (mut a, mut b, mut c) = (device("a", &clock), device("b", &clock), device("c", &clock));
    let ids = import_zendesk(&mut a.store);
    sync(&mut a, &mut server);
    // Pages of 5 cells, each applied on its own: a page brings every cell of the rows it
    // touches, so the next one brings some of them again.
    let mut after = 0;
    let mut pages = 0;
    loop {
        let page = server.pull(after, 5, b.store.node_id());
        let mut r = LocalReplica::new(&mut b.store).unwrap();
        frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&page)).unwrap();
        if !page.more {
            break;
        }
        (after, pages) = (page.next, pages + 1);
    }
    assert!(pages > 10, "{pages} pages");
    assert_eq!(export(&b), export(&a));
    for id in &ids {
        let entries = version_entries(&b.store, "cases", id.as_str());
        assert_eq!(entries.len(), 1);
        assert_eq!(entries, version_entries(&a.store, "cases", id.as_str()));
    }
    // Everything delivered again, at once, changes nothing.
    let all = server.pull(0, 100_000, b.store.node_id());
    let mut r = LocalReplica::new(&mut b.store).unwrap();
    let again = frontline_sync::session::Replica::apply(&mut r, std::slice::from_ref(&all)).unwrap();
    drop(r);
    assert_eq!(again.applied, 0);
    assert_eq!(export(&b), export(&a));

    // A colleague's edit of one cell wins over the row's entry, on the device that made
    // the row and on a third receiving everything in one go.
    clock.set(clock.get() + Duration::minutes(5));
    edit_title(&mut b, &ids[2], "Edited on the receiving device");
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    sync(&mut c, &mut server);
    assert_eq!(export(&a), export(&b));
    assert_eq!(export(&c), export(&b));
    assert_eq!(cases::get(c.store.conn(), &ids[2]).unwrap().title, "Edited on the receiving device");
    let edited = version_entries(&c.store, "cases", ids[2].as_str());
    assert_eq!(edited.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["*", "title"]);
    assert_eq!(edited, version_entries(&b.store, "cases", ids[2].as_str()));
}

#[test]
fn cases_imported_before_signing_in_are_published_whole() {
    let clock = TestClock::new();
    clock.set(clock.get() + Duration::days(300));
    let mut server = MemoryServer::new(ms(&clock));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_clock(&dir.path().join("early.db"), clock.now()).unwrap();
    let ids = import_zendesk(&mut store);
    assert_eq!(crate::store::outbox::pending(store.conn()).unwrap(), 0, "not signed in: nothing recorded");
    enroll(&mut store, &sign_in_as("early")).unwrap();
    let mut early = Device { _dir: dir, store, clock: clock.clone() };
    sync(&mut early, &mut server);
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);
    assert_eq!(export(&early), export(&b));
    assert_eq!(cases::get(b.store.conn(), &ids[5]).unwrap().title, "无法登录账户，提示密码错误");
}

#[test]
fn cases_imported_on_a_fast_clock_are_restamped_together_and_all_sent() {
    // Really 1 November; a's computer thinks it is 31 December, so the tickets of later
    // in November look past to it, and their stamps are ahead of the real time.
    let clock = TestClock::new();
    clock.set(clock.get() + Duration::days(244));
    let mut server = MemoryServer::new(ms(&clock));
    let fast = TestClock::new();
    fast.set(clock.get() + Duration::days(60));
    let mut a = device("a", &fast);
    let ids = import_zendesk(&mut a.store);
    let before = version_entries(&a.store, "cases", ids[3].as_str());
    assert!(
        before[0].1 > frontline_sync::Hlc { wall_ms: ms(&clock), counter: 0, node: NodeId::from_u64(0) }.to_string()
    );
    // It syncs, the server's clock being the real one: its stamps are brought back.
    sync_by(&mut a, &mut server, &clock);
    let after = version_entries(&a.store, "cases", ids[3].as_str());
    assert_eq!(after.len(), 1);
    assert!(after[0].1 < before[0].1, "{after:?} after {before:?}");
    let mut b = device("b", &clock);
    sync(&mut b, &mut server);
    assert_eq!(export(&a), export(&b), "no cell of a restamped row was left behind");
    // A colleague's later real-time edit wins.
    clock.set(clock.get() + Duration::minutes(10));
    edit_title(&mut b, &ids[3], "App crashes on login — fixed in 2.4.1");
    sync(&mut b, &mut server);
    sync_by(&mut a, &mut server, &clock);
    assert_eq!(cases::get(a.store.conn(), &ids[3]).unwrap().title, "App crashes on login — fixed in 2.4.1");
}
