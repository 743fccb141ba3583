//! Links from articles to plan steps and courses on a real database: shown from both
//! sides, kept across published versions and in runs, and bad links writing nothing.

use super::tests::input;
use super::*;
use crate::ids::{ArticleId, CourseId, PlanId, PlanStepId};
use crate::plans::{self, Phase, PlanInput, RunInput, RunKind, Scenario, Severity, StepInput};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::temp_store;
use crate::training::{CourseInput, Mode, Topic, courses};
use crate::{Error, ValidationRule};

fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

fn article(store: &mut Store, title: &str) -> ArticleId {
    store.write(|tx| articles::create(tx, &input(title, "1. Check the queue", ArticleKind::Sop))).unwrap()
}

fn plan_with_steps(store: &mut Store) -> (PlanId, PlanStepId, PlanStepId) {
    let plan = store
        .write(|tx| {
            plans::plans::create(
                tx,
                &PlanInput {
                    title: "Telephony outage".into(),
                    scenario: Scenario::SystemOutage,
                    severity: Severity::High,
                    owner: "Mei Chen".into(),
                    review_days: 365,
                    drill_days: 90,
                    triggers: String::new(),
                    thresholds: String::new(),
                },
            )
        })
        .unwrap();
    let step = |store: &mut Store, phase, text: &str| {
        store
            .write(|tx| {
                plans::plans::add_step(
                    tx,
                    &plan,
                    &StepInput {
                        phase,
                        text: text.into(),
                        owner_role: String::new(),
                        offset_minutes: 0,
                        required: true,
                    },
                )
            })
            .unwrap()
    };
    let watch = step(store, Phase::Monitoring, "Watch the queue");
    let switch = step(store, Phase::Response, "Switch to the backup line");
    (plan, watch, switch)
}

fn course(store: &mut Store, title: &str) -> CourseId {
    store
        .write(|tx| {
            courses::create(
                tx,
                &CourseInput {
                    title: title.into(),
                    topic: Topic::Compliance,
                    mode: Mode::Online,
                    duration_minutes: 60,
                    validity_months: None,
                    pass_mark: None,
                },
            )
        })
        .unwrap()
}

#[test]
fn link_tables_are_sets_that_travel_with_their_article() {
    for t in [Table::ArticlePlanSteps, Table::ArticleCourses] {
        assert!(t.is_synced() && !t.is_append_only(), "{}", t.name());
        assert_eq!(t.column("present").unwrap().merge, Merge::Set, "{}", t.name());
        assert_eq!(t.parent(), Some((Table::Articles, "article_id")));
    }
}

#[test]
fn a_step_link_shows_on_the_article_and_on_the_plan() {
    let (_dir, mut store, _) = temp_store();
    let (plan, watch, switch) = plan_with_steps(&mut store);
    let sop = article(&mut store, "Backup line SOP");
    let faq = article(&mut store, "Answering during an outage");
    store.write(|tx| work_links::link_step(tx, &sop, &switch)).unwrap();
    store.write(|tx| work_links::link_step(tx, &faq, &switch)).unwrap();
    store.write(|tx| work_links::link_step(tx, &faq, &watch)).unwrap();
    // Linking twice writes nothing more.
    let before = snapshot(&store);
    store.write(|tx| work_links::link_step(tx, &sop, &switch)).unwrap();
    assert_eq!(snapshot(&store), before);

    let on_plan = work_links::for_plan(store.conn(), &plan).unwrap();
    let mut pairs: Vec<(PlanStepId, String)> =
        on_plan.iter().map(|l| (l.step_id.clone(), l.article.title.clone())).collect();
    pairs.sort();
    let mut expected = vec![
        (switch.clone(), "Answering during an outage".to_string()),
        (switch.clone(), "Backup line SOP".to_string()),
        (watch.clone(), "Answering during an outage".to_string()),
    ];
    expected.sort();
    assert_eq!(pairs, expected);

    let steps = work_links::steps_of(store.conn(), &faq).unwrap();
    assert_eq!(
        steps.iter().map(|s| (s.phase, s.text.as_str())).collect::<Vec<_>>(),
        [(Phase::Monitoring, "Watch the queue"), (Phase::Response, "Switch to the backup line"),]
    );
    assert!(steps.iter().all(|s| s.plan_id == plan && s.plan_title == "Telephony outage"));

    store.write(|tx| work_links::unlink_step(tx, &faq, &watch)).unwrap();
    assert_eq!(work_links::steps_of(store.conn(), &faq).unwrap().len(), 1);
    // Unlinking what is not linked is harmless and writes nothing.
    let before = snapshot(&store);
    store.write(|tx| work_links::unlink_step(tx, &faq, &watch)).unwrap();
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_run_of_an_older_version_still_shows_the_articles_of_a_removed_step() {
    let (_dir, mut store, clock) = temp_store();
    let (plan, _watch, switch) = plan_with_steps(&mut store);
    store.write(|tx| plans::versions::publish(tx, &plan)).unwrap();
    let run = store
        .write(|tx| {
            plans::runs::start(
                tx,
                &RunInput { plan_id: plan.clone(), kind: RunKind::Drill, commander: "Ann Lee".into() },
            )
        })
        .unwrap();
    let sop = article(&mut store, "Backup line SOP");
    store.write(|tx| work_links::link_step(tx, &sop, &switch)).unwrap();
    // The step leaves the draft and a new version is published: the run keeps its version.
    store.write(|tx| plans::plans::remove_step(tx, &switch)).unwrap();
    store.write(|tx| plans::versions::publish(tx, &plan)).unwrap();
    let view = plans::runs::get(store.conn(), &run, clock.get()).unwrap();
    assert!(view.items.iter().any(|i| i.step.id == switch));
    let linked = work_links::for_plan(store.conn(), &plan).unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!((&linked[0].step_id, linked[0].article.title.as_str()), (&switch, "Backup line SOP"));
    // The article page lists only steps of the draft.
    assert!(work_links::steps_of(store.conn(), &sop).unwrap().is_empty());
}

#[test]
fn a_link_to_a_missing_step_or_article_writes_nothing() {
    let (_dir, mut store, _) = temp_store();
    let (_plan, watch, switch) = plan_with_steps(&mut store);
    let sop = article(&mut store, "Backup line SOP");
    store.write(|tx| plans::plans::remove_step(tx, &switch)).unwrap();
    let before = snapshot(&store);
    let missing_step = PlanStepId::new();
    for step in [&missing_step, &switch] {
        match store.write(|tx| work_links::link_step(tx, &sop, step)) {
            Err(Error::NotFound { entity: "step", .. }) => {}
            other => panic!("expected a missing step, got {other:?}"),
        }
    }
    match store.write(|tx| work_links::link_step(tx, &ArticleId::new(), &watch)) {
        Err(Error::NotFound { entity: "article", .. }) => {}
        other => panic!("expected a missing article, got {other:?}"),
    }
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_step_takes_at_most_its_limit_of_articles() {
    let (_dir, mut store, _) = temp_store();
    let (_plan, watch, _) = plan_with_steps(&mut store);
    for i in 0..work_links::MAX_PER_STEP {
        let a = article(&mut store, &format!("SOP {i}"));
        store.write(|tx| work_links::link_step(tx, &a, &watch)).unwrap();
    }
    let one_more = article(&mut store, "One more");
    let before = snapshot(&store);
    match store.write(|tx| work_links::link_step(tx, &one_more, &watch)) {
        Err(Error::Validation { field: "articleIds", rule: ValidationRule::TooMany, .. }) => {}
        other => panic!("expected too many, got {other:?}"),
    }
    assert_eq!(snapshot(&store), before);
}

#[test]
fn course_materials_show_on_the_course_and_on_the_article() {
    let (_dir, mut store, _) = temp_store();
    let basics = course(&mut store, "Refund basics");
    let privacy = course(&mut store, "Privacy");
    let sop = article(&mut store, "Refund SOP");
    let script = article(&mut store, "Refund call script");
    store.write(|tx| work_links::link_course(tx, &sop, &basics)).unwrap();
    store.write(|tx| work_links::link_course(tx, &script, &basics)).unwrap();
    store.write(|tx| work_links::link_course(tx, &sop, &privacy)).unwrap();

    let materials = work_links::course_materials(store.conn()).unwrap();
    let of = |c: &CourseId| -> Vec<String> {
        materials.iter().filter(|m| &m.course_id == c).map(|m| m.article.title.clone()).collect()
    };
    assert_eq!(of(&basics), ["Refund call script", "Refund SOP"]);
    assert_eq!(of(&privacy), ["Refund SOP"]);
    let titles: Vec<String> =
        work_links::courses_of(store.conn(), &sop).unwrap().into_iter().map(|c| c.title).collect();
    assert_eq!(titles, ["Privacy", "Refund basics"]);

    store.write(|tx| work_links::unlink_course(tx, &sop, &basics)).unwrap();
    assert_eq!(work_links::courses_of(store.conn(), &sop).unwrap().len(), 1);
    assert_eq!(work_links::course_materials(store.conn()).unwrap().len(), 2);
}

#[test]
fn a_link_to_a_missing_course_or_article_writes_nothing() {
    let (_dir, mut store, _) = temp_store();
    let basics = course(&mut store, "Refund basics");
    let sop = article(&mut store, "Refund SOP");
    let before = snapshot(&store);
    match store.write(|tx| work_links::link_course(tx, &sop, &CourseId::new())) {
        Err(Error::NotFound { entity: "course", .. }) => {}
        other => panic!("expected a missing course, got {other:?}"),
    }
    match store.write(|tx| work_links::link_course(tx, &ArticleId::new(), &basics)) {
        Err(Error::NotFound { entity: "article", .. }) => {}
        other => panic!("expected a missing article, got {other:?}"),
    }
    assert_eq!(snapshot(&store), before);
}

#[test]
fn links_round_trip_through_the_json_export() {
    let (_dir, mut store, _) = temp_store();
    let (_plan, watch, _) = plan_with_steps(&mut store);
    let basics = course(&mut store, "Refund basics");
    let sop = article(&mut store, "Refund SOP");
    store.write(|tx| work_links::link_step(tx, &sop, &watch)).unwrap();
    store.write(|tx| work_links::link_course(tx, &sop, &basics)).unwrap();
    let image = store.write(|tx| images::add(tx, &sop, "R0lGODlhAQABAAAAACw=")).unwrap();
    let exported = snapshot(&store);
    assert!(exported.contains("article_plan_steps") && exported.contains("article_courses"));
    assert!(exported.contains("article_images"));
    let dir = tempfile::tempdir().unwrap();
    let mut other = Store::open(&dir.path().join("copy.db")).unwrap();
    crate::export::import_json(&mut other, exported.as_bytes(), 0, |_| std::ops::ControlFlow::Continue(())).unwrap();
    assert_eq!(snapshot(&other), exported);
    assert_eq!(work_links::steps_of(other.conn(), &sop).unwrap().len(), 1);
    assert_eq!(work_links::courses_of(other.conn(), &sop).unwrap().len(), 1);
    assert_eq!(images::get(other.conn(), &image).unwrap().mime, "image/gif");
}
