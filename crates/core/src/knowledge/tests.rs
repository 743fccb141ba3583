//! The knowledge base on a real database: writing, publishing, history, restoring,
//! search and links, with bad input leaving everything as it was.

use chrono::Duration;

use super::*;
use crate::cases::{self, CaseChannel, NewCase, Priority};
use crate::ids::{ArticleId, CaseId, KbCategoryId};
use crate::store::Store;
use crate::store::schema::{Merge, Table};
use crate::store::test_support::{TestClock, temp_store};
use crate::{Error, ValidationRule};

fn rule_of<T: std::fmt::Debug>(r: crate::Result<T>) -> (&'static str, ValidationRule) {
    match r {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn snapshot(store: &Store) -> String {
    crate::export::canonical_string(store.conn()).unwrap()
}

pub(crate) fn input(title: &str, body: &str, kind: ArticleKind) -> ArticleInput {
    ArticleInput {
        title: title.into(),
        body: body.into(),
        kind,
        category_id: None,
        tags: vec!["billing".into()],
        owner: "Mei Chen".into(),
        review_on: Some("2027-01-31".into()),
    }
}

fn create(store: &mut Store, title: &str, body: &str) -> ArticleId {
    store.write(|tx| articles::create(tx, &input(title, body, ArticleKind::Sop))).unwrap()
}

fn edit_body(store: &mut Store, id: &ArticleId, body: &str) {
    let mut fields = articles::fields(store.conn(), id).unwrap();
    fields.body = body.into();
    store.write(|tx| articles::update(tx, id, &fields)).unwrap();
}

fn later(clock: &TestClock) {
    clock.set(clock.get() + Duration::minutes(1));
}

fn new_case(store: &mut Store) -> CaseId {
    store
        .write(|tx| {
            cases::create(
                tx,
                &NewCase {
                    title: "Refund not received".into(),
                    description: String::new(),
                    customer_id: None,
                    channel: CaseChannel::Phone,
                    category: "Billing".into(),
                    priority: Priority::P2,
                },
            )
        })
        .unwrap()
}

#[test]
fn knowledge_tables_declare_their_merge_kinds() {
    for t in [Table::KbCategories, Table::Articles] {
        assert!(t.is_synced() && !t.is_append_only());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Register), "{}", t.name());
    }
    for t in [Table::ArticleTags, Table::ArticleCases] {
        assert_eq!(t.column("present").unwrap().merge, Merge::Set, "{}", t.name());
        assert_eq!(t.parent(), Some((Table::Articles, "article_id")));
    }
    assert!(Table::ArticleVersions.is_append_only());
    assert!(Table::ArticleVersions.columns().iter().all(|c| c.merge == Merge::Event));
}

#[test]
fn an_article_is_written_whole_and_read_back_with_sorted_tags() {
    let (_dir, mut store, _) = temp_store();
    let category =
        store.write(|tx| categories::create(tx, &CategoryInput { name: "Billing".into(), parent_id: None })).unwrap();
    let mut form = input("  Refund SOP ", "# Refunds\n\n1. Check the order", ArticleKind::Sop);
    form.category_id = Some(category.clone());
    form.tags = vec!["退款".into(), "billing".into(), "billing".into()];
    let id = store.write(|tx| articles::create(tx, &form)).unwrap();
    let a = articles::get(store.conn(), &id).unwrap();
    assert_eq!(a.fields.title, "Refund SOP");
    assert_eq!(a.fields.tags, ["billing", "退款"]);
    assert_eq!(a.fields.category_id, Some(category));
    assert_eq!((a.status, a.changed_since_publish, a.conflicts), (ArticleStatus::Draft, false, 0));
    // Removing a tag is one set element written, not the list.
    form.tags = vec!["退款".into()];
    store.write(|tx| articles::update(tx, &id, &form)).unwrap();
    assert_eq!(articles::fields(store.conn(), &id).unwrap().tags, ["退款"]);
}

#[test]
fn bad_input_is_refused_with_its_field_and_nothing_is_written() {
    let (_dir, mut store, _) = temp_store();
    let id = create(&mut store, "Refund SOP", "Check the order");
    let before = snapshot(&store);
    let cases: Vec<(ArticleInput, (&str, ValidationRule))> = vec![
        (input("  ", "x", ArticleKind::Sop), ("title", ValidationRule::Required)),
        (input("t", &"长".repeat(BODY_MAX as usize + 1), ArticleKind::Sop), ("body", ValidationRule::TooLong)),
        (
            ArticleInput { review_on: Some("31/01/2027".into()), ..input("t", "b", ArticleKind::Sop) },
            ("reviewOn", ValidationRule::InvalidValue),
        ),
        (
            ArticleInput { tags: vec!["x".repeat(41)], ..input("t", "b", ArticleKind::Sop) },
            ("tags", ValidationRule::TooLong),
        ),
    ];
    for (form, expected) in cases {
        assert_eq!(rule_of(store.write(|tx| articles::create(tx, &form))), expected);
        assert_eq!(rule_of(store.write(|tx| articles::update(tx, &id, &form))), expected);
    }
    let unknown =
        ArticleInput { category_id: Some(crate::ids::KbCategoryId::new()), ..input("t", "b", ArticleKind::Sop) };
    assert!(matches!(
        store.write(|tx| articles::create(tx, &unknown)),
        Err(Error::NotFound { entity: "category", .. })
    ));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn publishing_keeps_numbered_versions_and_an_edit_shows_as_unpublished() {
    let (_dir, mut store, clock) = temp_store();
    let id = create(&mut store, "Refund SOP", "Refund in 3 days");
    let v1 = store.write(|tx| versions::publish(tx, &id)).unwrap();
    let a = articles::get(store.conn(), &id).unwrap();
    assert_eq!((a.status, a.changed_since_publish), (ArticleStatus::Published, false));
    // Publishing an unchanged article keeps no second version.
    assert_eq!(store.write(|tx| versions::publish(tx, &id)).unwrap(), v1);
    later(&clock);
    edit_body(&mut store, &id, "Refund in 5 days");
    let a = articles::get(store.conn(), &id).unwrap();
    assert_eq!((a.status, a.changed_since_publish), (ArticleStatus::Published, true));
    let v2 = store.write(|tx| versions::publish(tx, &id)).unwrap();
    let history = versions::list(store.conn(), &id).unwrap();
    let seen: Vec<_> = history.iter().map(|v| (&v.id, v.kind, v.number)).collect();
    assert_eq!(seen, [(&v1, VersionKind::Published, 1), (&v2, VersionKind::Published, 2)]);
    let diff = versions::diff(store.conn(), &id, Some(&v1), Some(&v2)).unwrap();
    let ops: Vec<_> = diff.iter().map(|l| (l.op, l.text.as_str())).collect();
    assert_eq!(ops, [(DiffOp::Delete, "Refund in 3 days"), (DiffOp::Insert, "Refund in 5 days")]);
}

#[test]
fn an_empty_body_cannot_be_published() {
    let (_dir, mut store, _) = temp_store();
    let id = create(&mut store, "Refund SOP", "  ");
    let before = snapshot(&store);
    assert_eq!(rule_of(store.write(|tx| versions::publish(tx, &id))), ("body", ValidationRule::Required));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn restoring_an_older_version_makes_it_the_draft_and_keeps_the_history() {
    let (_dir, mut store, clock) = temp_store();
    let id = create(&mut store, "Refund SOP", "Refund in 3 days");
    let v1 = store.write(|tx| versions::publish(tx, &id)).unwrap();
    later(&clock);
    edit_body(&mut store, &id, "Refund in 5 days");
    store.write(|tx| versions::publish(tx, &id)).unwrap();
    store.write(|tx| versions::restore(tx, &v1)).unwrap();
    let a = articles::get(store.conn(), &id).unwrap();
    assert_eq!(
        (a.fields.body.as_str(), a.status, a.changed_since_publish),
        ("Refund in 3 days", ArticleStatus::Draft, true)
    );
    assert_eq!(versions::list(store.conn(), &id).unwrap().len(), 2);
    // The draft compares against any version.
    assert!(versions::diff(store.conn(), &id, Some(&v1), None).unwrap().iter().all(|l| l.op == DiffOp::Equal));
    let other = create(&mut store, "Other", "x");
    assert_eq!(
        rule_of(versions::diff(store.conn(), &other, Some(&v1), None)),
        ("versionId", ValidationRule::InvalidValue)
    );
}

#[test]
fn search_finds_chinese_and_english_in_title_and_body_with_snippets() {
    let (_dir, mut store, clock) = temp_store();
    let refund = create(&mut store, "退款流程", "先核对订单，再办理退款。Refunds take 3 days.");
    later(&clock);
    let outage = create(&mut store, "Outage script", "Tell the customer 系统维护 is under way.");
    let find = |store: &Store, text: &str| -> Vec<ArticleId> {
        search::find(store.conn(), &ArticleQuery { text: Some(text.into()), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|h| h.article.id)
            .collect()
    };
    assert_eq!(find(&store, "退款"), std::slice::from_ref(&refund));
    assert_eq!(find(&store, "维护"), std::slice::from_ref(&outage));
    assert_eq!(find(&store, "refunds TAKE"), std::slice::from_ref(&refund));
    assert_eq!(find(&store, "script"), std::slice::from_ref(&outage));
    assert_eq!(find(&store, ""), [outage.clone(), refund.clone()]);
    let hit = search::find(store.conn(), &ArticleQuery { text: Some("核对".into()), ..Default::default() }).unwrap();
    let marked: String =
        hit[0].snippet.iter().map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() }).collect();
    assert_eq!(marked, "先[核对]订单，再办理退款。Refunds take 3 days.");
    // An edit is searchable at once, and the old text no longer is.
    edit_body(&mut store, &refund, "退货三日内办理");
    assert_eq!(find(&store, "核对"), Vec::<ArticleId>::new());
    assert_eq!(find(&store, "退货"), [refund]);
}

#[test]
fn filters_narrow_by_kind_category_subtree_tag_and_status() {
    let (_dir, mut store, clock) = temp_store();
    let billing =
        store.write(|tx| categories::create(tx, &CategoryInput { name: "Billing".into(), parent_id: None })).unwrap();
    let refunds = store
        .write(|tx| categories::create(tx, &CategoryInput { name: "Refunds".into(), parent_id: Some(billing.clone()) }))
        .unwrap();
    let mut script = input("Refund call", "Hello {customer_name}", ArticleKind::CallScript);
    script.category_id = Some(refunds.clone());
    script.tags = vec!["vip".into()];
    let script = store.write(|tx| articles::create(tx, &script)).unwrap();
    later(&clock);
    let policy = create(&mut store, "Refund policy", "Within 30 days");
    store.write(|tx| versions::publish(tx, &policy)).unwrap();
    let ids = |store: &Store, q: ArticleQuery| -> Vec<ArticleId> {
        search::find(store.conn(), &q).unwrap().into_iter().map(|h| h.article.id).collect()
    };
    assert_eq!(
        ids(&store, ArticleQuery { kind: Some(ArticleKind::CallScript), ..Default::default() }),
        std::slice::from_ref(&script)
    );
    assert_eq!(
        ids(&store, ArticleQuery { category_id: Some(billing.clone()), ..Default::default() }),
        std::slice::from_ref(&script)
    );
    assert_eq!(
        ids(&store, ArticleQuery { tag: Some("vip".into()), ..Default::default() }),
        std::slice::from_ref(&script)
    );
    assert_eq!(
        ids(&store, ArticleQuery { status: Some(ArticleStatus::Published), ..Default::default() }),
        std::slice::from_ref(&policy)
    );
    store.write(|tx| articles::archive(tx, &policy)).unwrap();
    assert_eq!(ids(&store, ArticleQuery::default()), [script]);
    assert_eq!(ids(&store, ArticleQuery { status: Some(ArticleStatus::Archived), ..Default::default() }), [policy]);
    let tree: Vec<_> = categories::list(store.conn()).unwrap().into_iter().map(|c| (c.name, c.depth)).collect();
    assert_eq!(tree, [("Billing".to_string(), 0), ("Refunds".to_string(), 1)]);
}

#[test]
fn a_category_cannot_move_under_itself_or_its_descendants() {
    let (_dir, mut store, _) = temp_store();
    let top = store.write(|tx| categories::create(tx, &CategoryInput { name: "A".into(), parent_id: None })).unwrap();
    let child = store
        .write(|tx| categories::create(tx, &CategoryInput { name: "B".into(), parent_id: Some(top.clone()) }))
        .unwrap();
    for parent in [&top, &child] {
        let form = CategoryInput { name: "A".into(), parent_id: Some(parent.clone()) };
        assert_eq!(
            rule_of(store.write(|tx| categories::update(tx, &top, &form))),
            ("parentId", ValidationRule::InvalidValue)
        );
    }
    let form = CategoryInput { name: "B2".into(), parent_id: None };
    store.write(|tx| categories::update(tx, &child, &form)).unwrap();
    assert!(categories::list(store.conn()).unwrap().iter().all(|c| c.depth == 0));
}

#[test]
fn links_show_on_both_sides_and_a_script_is_filled_in_for_the_case() {
    let (_dir, mut store, _) = temp_store();
    let case = new_case(&mut store);
    let script = store
        .write(|tx| {
            articles::create(
                tx,
                &input("Refund call", "您好 {customer_name}，工单 {case_reference}", ArticleKind::CallScript),
            )
        })
        .unwrap();
    store.write(|tx| links::link(tx, &script, &case)).unwrap();
    store.write(|tx| links::link(tx, &script, &case)).unwrap();
    let linked = links::for_case(store.conn(), &case).unwrap();
    assert_eq!(linked.iter().map(|a| &a.id).collect::<Vec<_>>(), [&script]);
    let reference = cases::get(store.conn(), &case).unwrap().reference;
    assert_eq!(links::cases_of(store.conn(), &script).unwrap()[0].reference, reference);
    assert_eq!(links::script_for_case(store.conn(), &script, &case).unwrap(), format!("您好 ，工单 {reference}"));
    store.write(|tx| links::unlink(tx, &script, &case)).unwrap();
    assert!(links::for_case(store.conn(), &case).unwrap().is_empty());
    let sop = create(&mut store, "Refund SOP", "x");
    assert_eq!(rule_of(links::script_for_case(store.conn(), &sop, &case)), ("articleId", ValidationRule::InvalidValue));
    let before = snapshot(&store);
    assert!(matches!(
        store.write(|tx| links::link(tx, &sop, &CaseId::new())),
        Err(Error::NotFound { entity: "case", .. })
    ));
    assert_eq!(snapshot(&store), before);
}

mod read_and_acknowledge {
    use super::*;
    use crate::ids::{AgentId, RoleId};
    use crate::people::{AgentInput, roles, roster};

    fn agent(store: &mut Store, name: &str, role: &str) -> AgentId {
        let input = AgentInput {
            name: name.into(),
            employee_id: String::new(),
            team_id: None,
            role_id: Some(roles::built_in_id(role)),
            hired_on: None,
        };
        store.write(|tx| roster::create(tx, &input)).unwrap()
    }

    fn today(store: &Store, clock: &TestClock) -> chrono::NaiveDate {
        crate::settings::today(store.conn(), clock.get()).unwrap()
    }

    fn outstanding(store: &Store, clock: &TestClock, article: &ArticleId) -> Vec<(String, u32)> {
        acks::status(store.conn(), article, today(store, clock))
            .unwrap()
            .outstanding
            .into_iter()
            .map(|o| (o.agent_name, o.version_number))
            .collect()
    }

    #[test]
    fn read_tables_are_events_of_their_article() {
        for t in [Table::ArticleReadRequests, Table::ArticleAcks] {
            assert!(t.is_synced() && t.is_append_only(), "{}", t.name());
            assert!(t.columns().iter().all(|c| c.merge == Merge::Event), "{}", t.name());
            assert_eq!(t.parent(), Some((Table::Articles, "article_id")));
        }
    }

    #[test]
    fn asked_roles_owe_the_latest_version_asked_and_a_bulk_ack_settles_it() {
        let (_dir, mut store, clock) = temp_store();
        let ann = agent(&mut store, "Ann", "agent");
        let bo = agent(&mut store, "Bo", "agent");
        agent(&mut store, "Cy", "qa");
        let id = create(&mut store, "Refund SOP", "Refund in 3 days");
        let v1 = store.write(|tx| acks::ask(tx, &id, &[roles::built_in_id("agent")], true)).unwrap();
        assert_eq!(outstanding(&store, &clock, &id), [("Ann".into(), 1), ("Bo".into(), 1)]);
        // Asking again for the same version writes nothing.
        let before = snapshot(&store);
        store.write(|tx| acks::ask(tx, &id, &[roles::built_in_id("agent")], false)).unwrap();
        assert_eq!(snapshot(&store), before);
        let day = today(&store, &clock).to_string();
        let added =
            store.write(|tx| acks::acknowledge(tx, &id, &[ann.clone(), bo.clone(), ann.clone()], &day)).unwrap();
        assert_eq!(added, 2);
        // Entered again (another device, the same briefing): one row each still.
        assert_eq!(store.write(|tx| acks::acknowledge(tx, &id, std::slice::from_ref(&ann), &day)).unwrap(), 0);
        let status = acks::status(store.conn(), &id, today(&store, &clock)).unwrap();
        assert!(status.outstanding.is_empty());
        assert_eq!(status.acknowledged.len(), 2);
        assert_eq!(status.requests.len(), 1);
        assert_eq!(status.latest_version_id, Some(v1));
        // A changed SOP published again without asking: the acks stand.
        later(&clock);
        edit_body(&mut store, &id, "Refund in 5 days");
        store.write(|tx| versions::publish(tx, &id)).unwrap();
        assert!(outstanding(&store, &clock, &id).is_empty());
        // Published and asked again: everyone asked must read it anew.
        later(&clock);
        edit_body(&mut store, &id, "Refund in 2 days");
        store.write(|tx| acks::ask(tx, &id, &[roles::built_in_id("agent")], true)).unwrap();
        assert_eq!(outstanding(&store, &clock, &id), [("Ann".into(), 3), ("Bo".into(), 3)]);
        store.write(|tx| acks::acknowledge(tx, &id, &[bo], &day)).unwrap();
        assert_eq!(outstanding(&store, &clock, &id), [("Ann".into(), 3)]);
        // The compliance view lists the same, and an archived article asks no one.
        let all = acks::outstanding(store.conn(), None, today(&store, &clock)).unwrap();
        assert_eq!(all.iter().map(|o| (o.agent_id.clone(), o.version_number)).collect::<Vec<_>>(), [(ann, 3)]);
        store.write(|tx| articles::archive(tx, &id)).unwrap();
        assert!(acks::outstanding(store.conn(), None, today(&store, &clock)).unwrap().is_empty());
    }

    #[test]
    fn agents_who_left_and_role_changes_follow_the_roster() {
        let (_dir, mut store, clock) = temp_store();
        let ann = agent(&mut store, "Ann", "agent");
        let bo = agent(&mut store, "Bo", "qa");
        let id = create(&mut store, "Outage script", "Say sorry");
        store.write(|tx| acks::ask(tx, &id, &[roles::built_in_id("agent")], true)).unwrap();
        assert_eq!(outstanding(&store, &clock, &id), [("Ann".into(), 1)]);
        let day = today(&store, &clock).to_string();
        store.write(|tx| roster::set_left(tx, &ann, Some(&day))).unwrap();
        assert!(outstanding(&store, &clock, &id).is_empty());
        // Bo moves from QA to agent: now asked.
        let mut input = AgentInput {
            name: "Bo".into(),
            employee_id: String::new(),
            team_id: None,
            role_id: Some(roles::built_in_id("agent")),
            hired_on: None,
        };
        store.write(|tx| roster::update(tx, &bo, &input)).unwrap();
        assert_eq!(outstanding(&store, &clock, &id), [("Bo".into(), 1)]);
        input.role_id = Some(roles::built_in_id("team_lead"));
        store.write(|tx| roster::update(tx, &bo, &input)).unwrap();
        assert!(outstanding(&store, &clock, &id).is_empty());
    }

    #[test]
    fn bad_requests_and_acks_are_refused_and_nothing_is_written() {
        let (_dir, mut store, clock) = temp_store();
        let ann = agent(&mut store, "Ann", "agent");
        let draft = create(&mut store, "Refund SOP", "Refund in 3 days");
        let before = snapshot(&store);
        let agent_role = [roles::built_in_id("agent")];
        assert_eq!(
            rule_of(store.write(|tx| acks::ask(tx, &draft, &agent_role, false))),
            ("articleId", ValidationRule::ArticleNotPublished)
        );
        assert_eq!(rule_of(store.write(|tx| acks::ask(tx, &draft, &[], true))), ("roleIds", ValidationRule::Required));
        assert_eq!(
            rule_of(store.write(|tx| acks::ask(tx, &draft, &[RoleId::new()], true))),
            ("roleIds", ValidationRule::InvalidValue)
        );
        let day = today(&store, &clock);
        assert_eq!(
            rule_of(store.write(|tx| acks::acknowledge(tx, &draft, std::slice::from_ref(&ann), &day.to_string()))),
            ("articleId", ValidationRule::ArticleNotPublished)
        );
        assert_eq!(snapshot(&store), before);
        store.write(|tx| versions::publish(tx, &draft)).unwrap();
        let before = snapshot(&store);
        let tomorrow = (day + Duration::days(1)).to_string();
        let cases: Vec<(Vec<AgentId>, String, (&str, ValidationRule))> = vec![
            (vec![], day.to_string(), ("agentIds", ValidationRule::Required)),
            (vec![ann.clone()], "10/03/2026".into(), ("ackedOn", ValidationRule::InvalidValue)),
            (vec![ann.clone()], tomorrow, ("ackedOn", ValidationRule::TooLate)),
        ];
        for (agents, on, expected) in cases {
            assert_eq!(rule_of(store.write(|tx| acks::acknowledge(tx, &draft, &agents, &on))), expected);
        }
        assert!(matches!(
            store.write(|tx| acks::acknowledge(tx, &draft, &[ann, AgentId::new()], &day.to_string())),
            Err(Error::NotFound { entity: "agent", .. })
        ));
        assert_eq!(snapshot(&store), before);
    }
}

#[test]
fn review_reminders_list_published_articles_due_today_or_before_longest_overdue_first() {
    let (_dir, mut store, clock) = temp_store();
    let today = crate::settings::today(store.conn(), clock.get()).unwrap();
    let day = |offset: i64| Some((today + Duration::days(offset)).to_string());
    let mut make = |title: &str, review_on: Option<String>, publish: bool| {
        let form = ArticleInput { review_on, ..input(title, "Body", ArticleKind::Policy) };
        let id = store.write(|tx| articles::create(tx, &form)).unwrap();
        if publish {
            store.write(|tx| versions::publish(tx, &id)).unwrap();
        }
        id
    };
    let today_due = make("Due today", day(0), true);
    let overdue = make("Overdue", day(-10), true);
    make("Next week", day(7), true);
    make("Draft overdue", day(-3), false);
    make("No date", None, true);
    let archived = make("Archived overdue", day(-5), true);
    store.write(|tx| articles::archive(tx, &archived)).unwrap();
    let due = review::due(store.conn(), today).unwrap();
    let seen: Vec<_> = due.articles.iter().map(|r| (&r.id, r.days_overdue)).collect();
    assert_eq!(seen, [(&overdue, 10), (&today_due, 0)]);
    assert_eq!(due.total, 2);
    // A new review date set on the article drops the reminder.
    let mut fields = articles::fields(store.conn(), &overdue).unwrap();
    fields.review_on = day(30);
    store.write(|tx| articles::update(tx, &overdue, &fields)).unwrap();
    assert_eq!(review::due(store.conn(), today).unwrap().total, 1);
}

#[test]
fn deleting_a_category_moves_its_articles_and_subcategories_to_its_parent() {
    let (_dir, mut store, _) = temp_store();
    let cat = |store: &mut Store, name: &str, parent: Option<&KbCategoryId>| {
        let form = CategoryInput { name: name.into(), parent_id: parent.cloned() };
        store.write(|tx| categories::create(tx, &form)).unwrap()
    };
    let billing = cat(&mut store, "Billing", None);
    let refunds = cat(&mut store, "Refunds", Some(&billing));
    let vip = cat(&mut store, "VIP refunds", Some(&refunds));
    let file = |store: &mut Store, title: &str, category: &KbCategoryId| {
        let form = ArticleInput { category_id: Some(category.clone()), ..input(title, "x", ArticleKind::Sop) };
        store.write(|tx| articles::create(tx, &form)).unwrap()
    };
    let a = file(&mut store, "Refund SOP", &refunds);
    let b = file(&mut store, "Refund script", &refunds);
    let usage = categories::usage(store.conn(), &refunds).unwrap();
    assert_eq!(usage, CategoryUsage { articles: 2, subcategories: 1 });
    assert_eq!(store.write(|tx| categories::delete(tx, &refunds)).unwrap(), usage);
    for id in [&a, &b] {
        assert_eq!(articles::fields(store.conn(), id).unwrap().category_id.as_ref(), Some(&billing));
    }
    let tree: Vec<_> = categories::list(store.conn()).unwrap().into_iter().map(|c| (c.id, c.depth)).collect();
    assert_eq!(tree, [(billing.clone(), 0), (vip.clone(), 1)]);
    // A top-level category's articles move to the top.
    store.write(|tx| categories::delete(tx, &billing)).unwrap();
    assert_eq!(articles::fields(store.conn(), &a).unwrap().category_id, None);
    assert_eq!(categories::list(store.conn()).unwrap()[0].depth, 0);
    // Deleting one that is gone is NotFound, and writes nothing.
    let before = snapshot(&store);
    assert!(matches!(
        store.write(|tx| categories::delete(tx, &billing)),
        Err(Error::NotFound { entity: "category", .. })
    ));
    assert_eq!(snapshot(&store), before);
    // A deleted category cannot be chosen for an article.
    let form = ArticleInput { category_id: Some(billing), ..input("t", "b", ArticleKind::Sop) };
    assert!(matches!(store.write(|tx| articles::create(tx, &form)), Err(Error::NotFound { .. })));
}

mod markdown_folders {
    use std::ops::ControlFlow;

    use super::*;
    use crate::knowledge::markdown::{self, FileProblem, MarkdownFile};

    fn file(name: &str, text: &str) -> MarkdownFile {
        MarkdownFile { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    fn titles(store: &Store) -> Vec<String> {
        search::find(store.conn(), &ArticleQuery::default()).unwrap().into_iter().map(|h| h.article.title).collect()
    }

    #[test]
    fn a_dry_run_lists_every_file_error_and_an_import_with_errors_writes_nothing() {
        let (_dir, mut store, _) = temp_store();
        let files = vec![
            file("good.md", "---\ntitle: 退款流程\nkind: sop\ncategory: 售后/退款\n---\n先核对订单"),
            file("bad-yaml.md", "---\ntitle: [oops\n---\nx"),
            file("no-title.md", "---\nkind: policy\n---\nBody"),
            file("long.md", &format!("---\ntitle: Long\n---\n{}", "长".repeat(BODY_MAX as usize + 1))),
        ];
        let check = markdown::dry_run(store.conn(), &files).unwrap();
        assert_eq!((check.files, check.ready), (4, 1));
        let problems: Vec<_> = check.errors.iter().map(|e| (e.file.as_str(), e.problem, e.limit)).collect();
        assert_eq!(
            problems,
            [
                ("bad-yaml.md", FileProblem::MalformedFrontMatter, None),
                ("no-title.md", FileProblem::EmptyTitle, None),
                ("long.md", FileProblem::BodyTooLong, Some(BODY_MAX)),
            ]
        );
        assert_eq!(check.new_categories, ["售后", "售后/退款"]);
        let before = snapshot(&store);
        assert!(matches!(
            markdown::import(&mut store, &files, |_| ControlFlow::Continue(())),
            Err(Error::ImportInvalid { rows: 3 })
        ));
        assert_eq!(snapshot(&store), before);
    }

    #[test]
    fn an_import_makes_drafts_and_categories_and_a_cancel_keeps_nothing() {
        let (_dir, mut store, _) = temp_store();
        let files = vec![
            file("a.md", "---\ntitle: Refund SOP\nkind: sop\ntags: [billing]\ncategory: Billing/Refunds\n---\n# Steps"),
            file("b.md", "---\ntitle: Refund call\nkind: call_script\ncategory: Billing\n---\nHello {customer_name}"),
        ];
        let before = snapshot(&store);
        let cancelled = markdown::import(&mut store, &files, |p| {
            if p.done == 1 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        assert!(matches!(cancelled, Err(Error::Cancelled)));
        assert_eq!(snapshot(&store), before);
        let mut seen = Vec::new();
        let made = markdown::import(&mut store, &files, |p| {
            seen.push((p.done, p.total));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(made, 2);
        assert_eq!(seen.last(), Some(&(2, 2)));
        let tree: Vec<_> = categories::list(store.conn()).unwrap().into_iter().map(|c| (c.name, c.depth)).collect();
        assert_eq!(tree, [("Billing".to_string(), 0), ("Refunds".to_string(), 1)]);
        let hits =
            search::find(store.conn(), &ArticleQuery { status: Some(ArticleStatus::Draft), ..Default::default() })
                .unwrap();
        assert_eq!(hits.len(), 2);
        // Importing again files under the same categories, not new ones.
        markdown::import(&mut store, &files[..1], |_| ControlFlow::Continue(())).unwrap();
        assert_eq!(categories::list(store.conn()).unwrap().len(), 2);
    }

    #[test]
    fn subfolders_are_read_and_give_the_category_path() {
        let dir = tempfile::tempdir().unwrap();
        let refunds = dir.path().join("Billing").join("Refunds");
        std::fs::create_dir_all(&refunds).unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join("Top.md"), "---\ntitle: Top\n---\nAt the top").unwrap();
        std::fs::write(refunds.join("refund.md"), "---\ntitle: 退款流程\nkind: sop\n---\n1. 核对").unwrap();
        // The front matter's category wins over the folders.
        std::fs::write(refunds.join("moved.md"), "---\ntitle: Moved\ncategory: Outages\n---\nText").unwrap();
        std::fs::write(dir.path().join("Billing").join("notes.txt"), "not Markdown").unwrap();
        std::fs::write(dir.path().join(".git").join("HEAD.md"), "---\ntitle: Hidden\n---\n").unwrap();
        let files = markdown::read_folder(dir.path()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Billing/Refunds/moved.md", "Billing/Refunds/refund.md", "Top.md"]);

        let (_dir, mut store, _) = temp_store();
        let check = markdown::dry_run(store.conn(), &files).unwrap();
        assert_eq!(check.new_categories, ["Billing", "Billing/Refunds", "Outages"]);
        markdown::import(&mut store, &files, |_| ControlFlow::Continue(())).unwrap();
        let tree = categories::list(store.conn()).unwrap();
        let refunds = tree.iter().find(|c| c.name == "Refunds").unwrap();
        assert_eq!(refunds.depth, 1);
        let article = |title: &str| {
            let hit = search::find(store.conn(), &ArticleQuery { text: Some(title.into()), ..ArticleQuery::default() })
                .unwrap()
                .into_iter()
                .find(|h| h.article.title == title)
                .unwrap();
            articles::fields(store.conn(), &hit.article.id).unwrap()
        };
        assert_eq!(article("退款流程").category_id, Some(refunds.id.clone()));
        let outages = tree.iter().find(|c| c.name == "Outages").unwrap();
        assert_eq!(article("Moved").category_id, Some(outages.id.clone()));
        assert_eq!(article("Top").category_id, None);
    }

    #[test]
    fn images_travel_as_files_beside_the_markdown_and_back() {
        const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let (_dir, mut store, _) = temp_store();
        let id = create(&mut store, "Refund form", "");
        let image = store.write(|tx| images::add_bytes(tx, &id, PNG)).unwrap();
        edit_body(&mut store, &id, &format!("Fill in:\n\n![the form](frontline-image:{image} \"Form\")\n"));
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(markdown::export_folder(store.conn(), dir.path(), |_| ControlFlow::Continue(())).unwrap(), 2);
        let picture = format!("images/{image}.png");
        assert_eq!(std::fs::read(dir.path().join(&picture)).unwrap(), PNG);
        let text = std::fs::read_to_string(dir.path().join("Refund form.md")).unwrap();
        assert!(text.contains(&format!("![the form]({picture} \"Form\")")), "{text}");

        let files = markdown::read_folder(dir.path()).unwrap();
        let (_dir2, mut other, _) = temp_store();
        let check = markdown::dry_run(other.conn(), &files).unwrap();
        assert_eq!((check.files, check.ready, check.errors.len()), (1, 1, 0));
        markdown::import(&mut other, &files, |_| ControlFlow::Continue(())).unwrap();
        let hit = &search::find(other.conn(), &ArticleQuery::default()).unwrap()[0];
        let body = articles::fields(other.conn(), &hit.article.id).unwrap().body;
        let stored = images::referenced(&body);
        assert_eq!(stored.len(), 1, "{body}");
        assert_eq!(body.trim_end(), format!("Fill in:\n\n![the form](frontline-image:{} \"Form\")", stored[0]));
        let back = images::get(other.conn(), &stored[0]).unwrap();
        assert_eq!(
            (back.article_id, images::bytes(other.conn(), &stored[0]).unwrap().1),
            (hit.article.id.clone(), PNG.to_vec())
        );
    }

    #[test]
    fn an_image_a_file_points_to_that_is_not_an_image_is_a_file_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pics")).unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n![x](pics/x.png) ![y](pics/missing.png)").unwrap();
        std::fs::write(dir.path().join("pics").join("x.png"), "<svg onload=alert(1)>").unwrap();
        // An image no file points to is not stored, nor checked.
        std::fs::write(dir.path().join("pics").join("unused.gif"), "not a gif").unwrap();
        let files = markdown::read_folder(dir.path()).unwrap();
        let (_dir, mut store, _) = temp_store();
        let check = markdown::dry_run(store.conn(), &files).unwrap();
        assert_eq!(check.files, 1);
        assert_eq!(
            check.errors.iter().map(|e| (e.file.as_str(), e.problem)).collect::<Vec<_>>(),
            [("pics/x.png", markdown::FileProblem::BadImage)]
        );
        let before = snapshot(&store);
        assert!(matches!(
            markdown::import(&mut store, &files, |_| ControlFlow::Continue(())),
            Err(Error::ImportInvalid { rows: 1 })
        ));
        assert_eq!(snapshot(&store), before);
    }

    #[test]
    fn an_export_reads_back_as_the_same_articles() {
        let (_dir, mut store, _) = temp_store();
        let billing = store
            .write(|tx| categories::create(tx, &CategoryInput { name: "Billing".into(), parent_id: None }))
            .unwrap();
        let mut form = input("退款: \"流程\"", "# 步骤\n\n1. 核对\n---\n结束", ArticleKind::Sop);
        form.category_id = Some(billing);
        form.tags = vec!["billing".into(), "退款".into()];
        let id = store.write(|tx| articles::create(tx, &form)).unwrap();
        store.write(|tx| versions::publish(tx, &id)).unwrap();
        create(&mut store, "Outage script", "Say sorry");
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(markdown::export_folder(store.conn(), dir.path(), |_| ControlFlow::Continue(())).unwrap(), 2);
        let files = markdown::read_folder(dir.path()).unwrap();
        assert_eq!(files.len(), 2);
        let (_dir2, mut other, _) = temp_store();
        markdown::import(&mut other, &files, |_| ControlFlow::Continue(())).unwrap();
        let mut imported: Vec<ArticleInput> = search::find(other.conn(), &ArticleQuery::default())
            .unwrap()
            .into_iter()
            .map(|h| articles::fields(other.conn(), &h.article.id).unwrap())
            .collect();
        imported.sort_by(|a, b| a.title.cmp(&b.title));
        let back = imported.iter().find(|a| a.title == form.title).unwrap();
        assert_eq!(
            (&back.body, &back.tags, back.kind, &back.owner, &back.review_on),
            (&form.body, &form.tags, form.kind, &form.owner, &form.review_on)
        );
        assert_eq!(categories::list(other.conn()).unwrap()[0].name, "Billing");
        assert_eq!(titles(&other).len(), 2);
    }
}
