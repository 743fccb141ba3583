//! A plan's call tree and communication templates on a real database: rows of their own,
//! frozen by publishing, shown and filled by a run of their version; bad input leaves
//! everything as it was.

use super::tests::{published_plan, rule_of, snapshot, start};
use super::*;
use crate::ids::{CommsTemplateId, PlanContactId, PlanId};
use crate::store::Store;
use crate::store::test_support::temp_store;
use crate::{Error, ValidationRule};

fn contact(name: &str, backup: Option<&PlanContactId>) -> PlanContactInput {
    PlanContactInput {
        name: name.into(),
        role: "Duty manager".into(),
        phone: "+86 10 5555 0100".into(),
        mobile: "139 0000 0000".into(),
        email: format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        backup_id: backup.cloned(),
    }
}

fn add_contact(store: &mut Store, plan: &PlanId, name: &str, backup: Option<&PlanContactId>) -> PlanContactId {
    store.write(|tx| contacts::add(tx, plan, &contact(name, backup))).unwrap()
}

fn names(store: &Store, plan: &PlanId) -> Vec<String> {
    contacts::list(store.conn(), plan).unwrap().into_iter().map(|c| c.name).collect()
}

fn template(kind: TemplateKind, title: &str, body: &str) -> TemplateInput {
    TemplateInput { kind, title: title.into(), body: body.into() }
}

#[test]
fn contacts_are_kept_in_call_order_with_their_backup() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let ann = add_contact(&mut store, &plan, "Ann Lee", None);
    let bo = add_contact(&mut store, &plan, "Bo Wang", Some(&ann));
    let cy = add_contact(&mut store, &plan, "Cy Chen", None);
    assert_eq!(names(&store, &plan), ["Ann Lee", "Bo Wang", "Cy Chen"]);
    store.write(|tx| contacts::move_contact(tx, &cy, true)).unwrap();
    assert_eq!(names(&store, &plan), ["Ann Lee", "Cy Chen", "Bo Wang"]);
    let list = contacts::list(store.conn(), &plan).unwrap();
    let b = list.iter().find(|c| c.id == bo).unwrap();
    assert_eq!(
        (b.backup_id.as_ref(), b.email.as_str(), b.mobile.as_str()),
        (Some(&ann), "bo.wang@example.com", "139 0000 0000")
    );
    // Ann's backup is Cy; editing keeps her place.
    store.write(|tx| contacts::update(tx, &ann, &contact("Ann Lee-Chen", Some(&cy)))).unwrap();
    assert_eq!(names(&store, &plan), ["Ann Lee-Chen", "Cy Chen", "Bo Wang"]);
    // Removing Ann leaves Bo without a backup rather than pointing at no one.
    store.write(|tx| contacts::remove(tx, &ann)).unwrap();
    let list = contacts::list(store.conn(), &plan).unwrap();
    assert_eq!(
        list.iter().map(|c| (c.name.as_str(), c.backup_id.is_some())).collect::<Vec<_>>(),
        [("Cy Chen", false), ("Bo Wang", false)]
    );
    assert!(matches!(store.write(|tx| contacts::remove(tx, &ann)), Err(Error::NotFound { .. })));
}

#[test]
fn contacts_and_templates_make_a_draft_and_publishing_freezes_them_for_runs() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let run_before = start(&mut store, &plan, RunKind::Drill);
    let ann = add_contact(&mut store, &plan, "Ann Lee", None);
    let t = store
        .write(|tx| {
            templates::add(tx, &plan, &template(TemplateKind::Customer, "{incident_name}", "Since {start_time}."))
        })
        .unwrap();
    assert_eq!(overview::detail(store.conn(), &plan).unwrap().status, PlanStatus::Draft);
    let v2 = store.write(|tx| versions::publish(tx, &plan)).unwrap();
    assert_eq!(overview::detail(store.conn(), &plan).unwrap().status, PlanStatus::Published);
    let run_after = start(&mut store, &plan, RunKind::Incident);
    // Edits after publishing change the draft, not the version nor its run.
    store.write(|tx| contacts::update(tx, &ann, &contact("Ann Changed", None))).unwrap();
    store.write(|tx| templates::remove(tx, &t)).unwrap();
    let frozen = versions::content(store.conn(), &v2).unwrap();
    assert_eq!((frozen.contacts[0].name.as_str(), frozen.templates.len()), ("Ann Lee", 1));
    let view = runs::get(store.conn(), &run_after, store.now()).unwrap();
    assert_eq!((view.contacts[0].name.as_str(), view.templates[0].title.as_str()), ("Ann Lee", "{incident_name}"));
    // A run of the version before the contacts existed shows none.
    let old = runs::get(store.conn(), &run_before, store.now()).unwrap();
    assert_eq!((old.contacts.len(), old.templates.len()), (0, 0));
}

#[test]
fn a_template_is_filled_with_its_runs_values() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let t = store
        .write(|tx| {
            templates::add(
                tx,
                &plan,
                &template(
                    TemplateKind::Public,
                    "【{incident_name}】",
                    "自{start_time}起服务中断，预计{expected_recovery}恢复。指挥：{commander}",
                ),
            )
        })
        .unwrap();
    store.write(|tx| versions::publish(tx, &plan)).unwrap();
    let run = start(&mut store, &plan, RunKind::Incident);
    let started = clock.get();
    let fill = |recovery: &str| {
        templates::fill_for_run(
            store.conn(),
            &run,
            &t,
            &FillInput { expected_recovery: recovery.into(), time_zone: "Asia/Shanghai".into() },
        )
    };
    let filled = fill("18:00").unwrap();
    let local = templates::format_start(started, chrono_tz::Asia::Shanghai);
    assert_eq!(filled.title, "【Telephony outage】");
    assert_eq!(filled.body, format!("自{local}起服务中断，预计18:00恢复。指挥：Ann Lee"));
    assert!(filled.missing.is_empty());
    let unknown_yet = fill(" ").unwrap();
    assert!(unknown_yet.body.contains("预计{expected_recovery}恢复"));
    assert_eq!(unknown_yet.missing, ["expected_recovery"]);
    let bad_zone = templates::fill_for_run(
        store.conn(),
        &run,
        &t,
        &FillInput { expected_recovery: String::new(), time_zone: "Mars/Olympus".into() },
    );
    assert_eq!(rule_of(bad_zone), ("timeZone", ValidationRule::InvalidTimeZone));
    let stranger = templates::fill_for_run(
        store.conn(),
        &run,
        &CommsTemplateId::new(),
        &FillInput { expected_recovery: String::new(), time_zone: "UTC".into() },
    );
    assert!(matches!(stranger, Err(Error::NotFound { .. })));
}

#[test]
fn bad_contacts_and_templates_are_refused_and_nothing_is_written() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let (other, _) = published_plan(&mut store);
    let ann = add_contact(&mut store, &plan, "Ann Lee", None);
    let stranger = add_contact(&mut store, &other, "Someone Else", None);
    let t = store.write(|tx| templates::add(tx, &plan, &template(TemplateKind::Internal, "Heads up", "Ok"))).unwrap();
    let before = snapshot(&store);

    let nameless = PlanContactInput { name: "  ".into(), ..contact("x", None) };
    assert_eq!(rule_of(store.write(|tx| contacts::add(tx, &plan, &nameless))), ("name", ValidationRule::Required));
    let bad_mail = PlanContactInput { email: "ann.example.com".into(), ..contact("Bo", None) };
    assert_eq!(rule_of(store.write(|tx| contacts::add(tx, &plan, &bad_mail))), ("email", ValidationRule::InvalidEmail));
    assert_eq!(
        rule_of(store.write(|tx| contacts::add(tx, &plan, &contact("Bo", Some(&stranger))))),
        ("backupId", ValidationRule::InvalidBackup)
    );
    assert_eq!(
        rule_of(store.write(|tx| contacts::add(tx, &plan, &contact("Bo", Some(&PlanContactId::new()))))),
        ("backupId", ValidationRule::InvalidBackup)
    );
    assert_eq!(
        rule_of(store.write(|tx| contacts::update(tx, &ann, &contact("Ann Lee", Some(&ann))))),
        ("backupId", ValidationRule::InvalidBackup)
    );
    assert!(matches!(
        store.write(|tx| contacts::add(tx, &PlanId::new(), &contact("Bo", None))),
        Err(Error::NotFound { .. })
    ));
    let unknown = template(TemplateKind::Customer, "Outage", "Back by {eta}, {commander}");
    assert_eq!(
        rule_of(store.write(|tx| templates::add(tx, &plan, &unknown))),
        ("body", ValidationRule::UnknownPlaceholder)
    );
    assert_eq!(
        rule_of(store.write(|tx| templates::update(tx, &t, &unknown))),
        ("body", ValidationRule::UnknownPlaceholder)
    );
    let untitled = template(TemplateKind::Customer, "", "Body");
    assert_eq!(rule_of(store.write(|tx| templates::add(tx, &plan, &untitled))), ("title", ValidationRule::Required));

    assert_eq!(snapshot(&store), before);
}

#[test]
fn contacts_and_templates_round_trip_through_the_json_export() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let ann = add_contact(&mut store, &plan, "Ann Lee", None);
    let bo = add_contact(&mut store, &plan, "Bo Wang", Some(&ann));
    store.write(|tx| contacts::remove(tx, &bo)).unwrap();
    add_contact(&mut store, &plan, "王芳", Some(&ann));
    store
        .write(|tx| {
            templates::add(tx, &plan, &template(TemplateKind::Public, "声明", "{incident_name}：{expected_recovery}"))
        })
        .unwrap();
    let json = snapshot(&store);
    assert!(json.contains("\"plan_contacts\"") && json.contains("\"comms_templates\""));
    let target = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&target.path().join("target.db")).unwrap();
    crate::export::import_json(&mut fresh, json.as_bytes(), json.len() as u64, |_| std::ops::ControlFlow::Continue(()))
        .unwrap();
    assert_eq!(snapshot(&fresh), json);
    assert_eq!(plans::content(fresh.conn(), &plan).unwrap(), plans::content(store.conn(), &plan).unwrap());
}

fn new_case(title: &str) -> crate::cases::NewCase {
    crate::cases::NewCase {
        title: title.into(),
        description: String::new(),
        customer_id: None,
        channel: crate::cases::CaseChannel::Phone,
        category: "Outage".into(),
        priority: crate::cases::Priority::P2,
    }
}

#[test]
fn run_cases_are_a_set_of_links_per_run_and_case() {
    use crate::store::schema::{Merge, Table};
    assert_eq!(Table::RunCases.parent(), Some((Table::PlanRuns, "run_id")));
    assert_eq!(Table::RunCases.column("present").map(|c| c.merge), Some(Merge::Set));
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Incident);
    let drill = start(&mut store, &plan, RunKind::Drill);
    let a = store.write(|tx| crate::cases::create(tx, &new_case("Calls dropped"))).unwrap();
    let b = store.write(|tx| crate::cases::create(tx, &new_case("No dial tone"))).unwrap();
    store.write(|tx| run_cases::link(tx, &run, &a)).unwrap();
    store.write(|tx| run_cases::link(tx, &run, &a)).unwrap();
    store.write(|tx| run_cases::link(tx, &run, &b)).unwrap();
    store.write(|tx| run_cases::link(tx, &drill, &a)).unwrap();
    let linked = |store: &Store| -> Vec<String> {
        run_cases::for_run(store.conn(), &run).unwrap().into_iter().map(|c| c.title).collect()
    };
    assert_eq!(linked(&store), ["No dial tone", "Calls dropped"]);
    let rows: i64 = store.conn().query_row("SELECT count(*) FROM run_cases", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 3, "linking twice writes one row");
    let runs_of_a: Vec<_> = run_cases::runs_of_case(store.conn(), &a).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(runs_of_a, [drill.clone(), run.clone()]);
    store.write(|tx| run_cases::unlink(tx, &run, &a)).unwrap();
    assert_eq!(linked(&store), ["No dial tone"]);
    assert_eq!(run_cases::runs_of_case(store.conn(), &a).unwrap().len(), 1);
}

#[test]
fn a_case_created_from_a_run_is_linked_in_the_same_write() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Incident);
    let case = store.write(|tx| run_cases::create_case(tx, &run, &new_case("Complaint: line dead"))).unwrap();
    let linked = run_cases::for_run(store.conn(), &run).unwrap();
    assert_eq!((linked.len(), &linked[0].id, linked[0].title.as_str()), (1, &case, "Complaint: line dead"));
    assert_eq!(crate::cases::get(store.conn(), &case).unwrap().title, "Complaint: line dead");
}

#[test]
fn linking_a_missing_case_or_run_is_refused_and_nothing_is_written() {
    let (_dir, mut store, _) = temp_store();
    let (plan, _) = published_plan(&mut store);
    let run = start(&mut store, &plan, RunKind::Incident);
    let case = store.write(|tx| crate::cases::create(tx, &new_case("Calls dropped"))).unwrap();
    let before = snapshot(&store);
    let stranger_run = crate::ids::PlanRunId::new();
    let stranger_case = crate::ids::CaseId::new();
    assert!(matches!(store.write(|tx| run_cases::link(tx, &run, &stranger_case)), Err(Error::NotFound { .. })));
    assert!(matches!(store.write(|tx| run_cases::link(tx, &stranger_run, &case)), Err(Error::NotFound { .. })));
    assert!(matches!(
        store.write(|tx| run_cases::create_case(tx, &stranger_run, &new_case("Orphan"))),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        rule_of(store.write(|tx| run_cases::create_case(tx, &run, &new_case(" ")))),
        ("title", ValidationRule::Required)
    );
    assert!(matches!(run_cases::runs_of_case(store.conn(), &stranger_case), Err(Error::NotFound { .. })));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn two_published_versions_compare_and_versions_of_two_plans_do_not() {
    let (_dir, mut store, _) = temp_store();
    let (plan, steps) = published_plan(&mut store);
    let (other, _) = published_plan(&mut store);
    let v1 = overview::detail(store.conn(), &plan).unwrap().versions[0].id.clone();
    store.write(|tx| plans::remove_step(tx, &steps[1])).unwrap();
    add_contact(&mut store, &plan, "Ann Lee", None);
    let v2 = store.write(|tx| versions::publish(tx, &plan)).unwrap();
    let d = diff::between(store.conn(), &v1, &v2).unwrap();
    assert_eq!(
        d.steps.iter().map(|s| (s.change, s.label.as_str())).collect::<Vec<_>>(),
        [(diff::Change::Removed, "Warn the team leads")]
    );
    assert_eq!(
        d.contacts.iter().map(|s| (s.change, s.label.as_str())).collect::<Vec<_>>(),
        [(diff::Change::Added, "Ann Lee")]
    );
    let foreign = overview::detail(store.conn(), &other).unwrap().versions[0].id.clone();
    assert_eq!(rule_of(diff::between(store.conn(), &v1, &foreign)), ("versionId", ValidationRule::InvalidValue));
    assert!(matches!(diff::between(store.conn(), &v1, &crate::ids::PlanVersionId::new()), Err(Error::NotFound { .. })));
}
