//! The dashboard on a real database with a small fixed data set, against values worked
//! out by hand.
//!
//! Workspace: Asia/Shanghai (UTC+8), Monday–Friday 09:00–17:00. A "Berlin" team counts in
//! its own calendar (Europe/Berlin, same hours), which moves to summer time on Sunday 29
//! March 2026. Built-in SLA targets: P1 30 min / 4 h around the clock; P2 1 h / 8 h and
//! P3 4 h / 24 h in business hours. Times below are Shanghai's unless marked Z or Berlin.
//!
//! - **A** (P2, email): created Mon 2 March 16:30; answered Tue 09:30 (business FRT 30 +
//!   30 = 60 min, although 17 hours passed); resolved Tue 11:00 (resolution 30 + 120 =
//!   150 min); handle 600 s; call-back due Wed 15:00, done late on Thu: CSAT 5, NPS 10.
//! - **B** (P2, phone): created Mon 10:00, opened, answered 10:20, pending the customer
//!   11:00–15:00, resolved 16:00, reopened Tue 10:00, resolved again 12:00 (resolution 60 +
//!   60 + 120 = 240 min: the pause and the night while resolved do not count); two
//!   responses, handle 120 + 180 s; call-back due Wed 10:00, done Wed 09:00: CSAT 3, NPS 6.
//! - **C** (P1, chat): created Mon 20:00, resolved unanswered Tue 08:00 (around the clock:
//!   FRT = resolution = 720 min, both targets breached); call-back due Tue 12:00, done
//!   11:30: CSAT 4, NPS 9.
//! - **D** (P3, chat): created Tue 07:30 = Mon 23:30Z, still new: Tuesday's case in
//!   Shanghai, Monday's in UTC.
//! - **E** (P2, Berlin team): created Fri 27 March 16:00 Berlin (UTC+1), answered and
//!   resolved Mon 30 March 10:00 Berlin (UTC+2): business FRT 60 + 60 = 120 min in Berlin's
//!   calendar (in Shanghai's it would be 420).

use chrono::{DateTime, Utc};

use super::*;
use crate::calendars::{self, CalendarInput};
use crate::cases::{
    self, CallbackResult, CaseChannel, CaseQuery, CaseStatus, Contact, Direction, NewCase, Priority, Resolution,
};
use crate::ids::{CaseId, TeamId};
use crate::settings::{self, default_week};
use crate::store::Store;
use crate::store::test_support::{TestClock, temp_store};
use crate::{Error, ValidationRule};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The data set above (the report's tests use it too), with the clock at Tuesday 31
/// March 2026, 20:00 in Shanghai.
pub(crate) struct Data {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub berlin: TeamId,
}

fn at(store: &mut Store, clock: &TestClock, time: &str, f: impl FnOnce(&mut crate::store::WriteTx<'_>) -> crate::Result<()>) {
    clock.set(utc(time));
    store.write(f).unwrap();
}

fn case(store: &mut Store, clock: &TestClock, time: &str, priority: Priority, channel: CaseChannel) -> CaseId {
    clock.set(utc(time));
    let input = NewCase {
        title: "Refund not received".into(),
        description: String::new(),
        customer_id: None,
        channel,
        category: "Billing".into(),
        priority,
    };
    store.write(|tx| cases::create(tx, &input)).unwrap()
}

fn contact(channel: CaseChannel, handle_seconds: u32) -> Contact {
    Contact { channel, direction: Direction::Outbound, summary: "Answered".into(), handle_seconds }
}

fn resolution() -> Resolution {
    Resolution { root_cause: "Bank delay".into(), resolution_summary: "Refund re-sent".into() }
}

fn answer(csat: u8, nps: u8) -> CallbackResult {
    CallbackResult { outcome: "Reached".into(), csat: Some(csat), nps: Some(nps), comment: None }
}

pub(crate) fn data() -> Data {
    let (dir, mut store, clock) = temp_store();
    let mut s = settings::Settings::defaults();
    s.time_zone = "Asia/Shanghai".into();
    s.working_hours = default_week();
    settings::save(&mut store, s).unwrap();
    let berlin = store.write(|tx| crate::people::create_team(tx, "Berlin")).unwrap();
    let input = CalendarInput { name: "Berlin".into(), time_zone: "Europe/Berlin".into(), working_hours: default_week() };
    let calendar = store.write(|tx| calendars::create(tx, &input)).unwrap();
    store.write(|tx| calendars::set_team_calendar(tx, &berlin, Some(&calendar))).unwrap();

    let (s, c) = (&mut store, &clock);
    let b = case(s, c, "2026-03-02T02:00:00Z", Priority::P2, CaseChannel::Phone);
    at(s, c, "2026-03-02T02:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::Open, None));
    at(s, c, "2026-03-02T02:20:00Z", |tx| cases::log_contact(tx, &b, &contact(CaseChannel::Email, 120)));
    at(s, c, "2026-03-02T03:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::PendingCustomer, None));
    at(s, c, "2026-03-02T07:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::Open, None));
    at(s, c, "2026-03-02T08:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::Resolved, Some(&resolution())));
    let a = case(s, c, "2026-03-02T08:30:00Z", Priority::P2, CaseChannel::Email);
    let cc = case(s, c, "2026-03-02T12:00:00Z", Priority::P1, CaseChannel::Chat);
    case(s, c, "2026-03-02T23:30:00Z", Priority::P3, CaseChannel::Chat); // D
    at(s, c, "2026-03-03T00:00:00Z", |tx| cases::transition(tx, &cc, CaseStatus::Resolved, Some(&resolution())));
    at(s, c, "2026-03-03T00:10:00Z", |tx| cases::schedule_callback(tx, &cc, "2026-03-03T04:00:00Z"));
    at(s, c, "2026-03-03T01:30:00Z", |tx| cases::log_contact(tx, &a, &contact(CaseChannel::Email, 600)));
    at(s, c, "2026-03-03T02:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::Open, None));
    at(s, c, "2026-03-03T02:30:00Z", |tx| cases::log_contact(tx, &b, &contact(CaseChannel::Email, 180)));
    at(s, c, "2026-03-03T03:00:00Z", |tx| cases::transition(tx, &a, CaseStatus::Resolved, Some(&resolution())));
    at(s, c, "2026-03-03T03:10:00Z", |tx| cases::schedule_callback(tx, &a, "2026-03-04T07:00:00Z"));
    at(s, c, "2026-03-03T03:30:00Z", |tx| cases::record_callback(tx, &cc, &answer(4, 9)));
    at(s, c, "2026-03-03T04:00:00Z", |tx| cases::transition(tx, &b, CaseStatus::Resolved, Some(&resolution())));
    at(s, c, "2026-03-03T04:10:00Z", |tx| cases::schedule_callback(tx, &b, "2026-03-04T02:00:00Z"));
    at(s, c, "2026-03-04T01:00:00Z", |tx| cases::record_callback(tx, &b, &answer(3, 6)));
    at(s, c, "2026-03-05T03:00:00Z", |tx| cases::record_callback(tx, &a, &answer(5, 10)));

    let e = case(s, c, "2026-03-27T15:00:00Z", Priority::P2, CaseChannel::Email);
    at(s, c, "2026-03-27T15:00:00Z", |tx| cases::assign(tx, &e, None, Some(&berlin)));
    at(s, c, "2026-03-30T08:00:00Z", |tx| cases::log_contact(tx, &e, &contact(CaseChannel::Email, 0)));
    at(s, c, "2026-03-30T08:00:00Z", |tx| cases::transition(tx, &e, CaseStatus::Resolved, Some(&resolution())));
    clock.set(utc("2026-03-31T12:00:00Z"));
    Data { _dir: dir, store, berlin }
}

fn days(from: &str, to: &str) -> PeriodRequest {
    PeriodRequest { preset: PeriodPreset::Custom, from: Some(from.into()), to: Some(to.into()) }
}

fn ask(d: &Data, period: PeriodRequest, filter: KpiFilter) -> Dashboard {
    dashboard(d.store.conn(), &DashboardRequest { period, filter }, d.store.now()).unwrap()
}

fn minutes(a: &Average) -> Option<f64> {
    a.mean_seconds.map(|s| s / 60.0)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

#[test]
fn every_kpi_of_two_shanghai_days_matches_the_hand_computed_values() {
    let d = data();
    let k = ask(&d, days("2026-03-02", "2026-03-03"), KpiFilter::default());
    assert_eq!(k.time_zone, "Asia/Shanghai");
    assert_eq!((k.current.period.start.as_str(), k.current.period.end.as_str()), ("2026-03-01T16:00:00.000Z", "2026-03-03T16:00:00.000Z"));
    let c = &k.current.kpis;
    assert_eq!((c.created, c.resolved), (4, 3));
    // FRT: A 60 (business hours across the night), B 20, C 720 (P1, around the clock).
    assert_eq!(c.first_response.cases, 3, "D has no answer yet");
    assert!(close(minutes(&c.first_response), (60.0 + 20.0 + 720.0) / 3.0), "{:?}", c.first_response);
    // Resolution: A 150, B 240 (pause, and the night while resolved, excluded), C 720.
    assert!(close(minutes(&c.resolution), (150.0 + 240.0 + 720.0) / 3.0), "{:?}", c.resolution);
    assert_eq!((c.sla_compliance.hits, c.sla_compliance.cases), (2, 3), "C breached both");
    assert_eq!((c.first_contact_resolution.hits, c.first_contact_resolution.cases), (2, 3), "B was reopened");
    assert_eq!(c.handle_time, Average { mean_seconds: Some(450.0), cases: 2 }, "(600 + 300) / 2; C logged none");
    assert_eq!((c.csat.hits, c.csat.cases), (2, 3));
    assert!(close(c.nps.score, 100.0 / 3.0), "two promoters, one detractor: {:?}", c.nps);
    assert_eq!(c.backlog.total, 1, "D, at the period's end");
    assert_eq!(c.backlog.by_age[0], AgeCount { age: AgeBucket::UnderOneDay, cases: 1 });
    assert_eq!(c.backlog.by_priority[2], PriorityCount { priority: Priority::P3, cases: 1 });
    assert_eq!((c.callbacks.due, c.callbacks.overdue), (1, 0));
    assert_eq!(c.callbacks.follow_up.percent, Some(100.0));
}

#[test]
fn an_empty_previous_period_says_no_data() {
    let d = data();
    let k = ask(&d, days("2026-03-02", "2026-03-03"), KpiFilter::default());
    let p = &k.previous;
    assert_eq!((p.period.first_day.as_str(), p.period.last_day.as_str()), ("2026-02-28", "2026-03-01"));
    assert_eq!((p.kpis.created, p.kpis.resolved, p.kpis.backlog.total), (0, 0, 0));
    assert_eq!(p.kpis.first_response.mean_seconds, None);
    assert_eq!(p.kpis.resolution.mean_seconds, None);
    assert_eq!(p.kpis.sla_compliance.percent, None);
    assert_eq!(p.kpis.csat.percent, None);
    assert_eq!(p.kpis.nps.score, None);
}

#[test]
fn a_case_counts_on_the_teams_local_day() {
    let d = data();
    let monday = ask(&d, days("2026-03-02", "2026-03-02"), KpiFilter::default());
    let tuesday = ask(&d, days("2026-03-03", "2026-03-03"), KpiFilter::default());
    assert_eq!(monday.current.kpis.created, 3, "A, B, C");
    assert_eq!(tuesday.current.kpis.created, 1, "D: 23:30 UTC Monday is Tuesday in Shanghai");
    assert_eq!(tuesday.previous.kpis.created, 3, "Monday is Tuesday's previous period");
}

#[test]
fn call_backs_done_late_lower_the_follow_up_rate() {
    let d = data();
    let k = ask(&d, days("2026-03-04", "2026-03-05"), KpiFilter::default());
    let cb = &k.current.kpis.callbacks;
    assert_eq!((cb.due, cb.overdue), (2, 0));
    assert_eq!((cb.follow_up.hits, cb.follow_up.cases), (1, 2), "B on time, A a day late");
}

#[test]
fn a_teams_cases_count_business_hours_in_its_own_calendar_across_dst() {
    let d = data();
    let berlin = KpiFilter { teams: vec![d.berlin.clone()], ..KpiFilter::default() };
    // The week of the spring-forward Sunday, in Berlin's days.
    let k = ask(&d, days("2026-03-23", "2026-03-29"), berlin.clone());
    assert_eq!(k.time_zone, "Europe/Berlin");
    let span = utc(&k.current.period.end) - utc(&k.current.period.start);
    assert_eq!(span.num_hours(), 167);
    let c = &k.current.kpis;
    assert_eq!(c.created, 1, "only the Berlin team's case");
    assert!(close(minutes(&c.first_response), 120.0), "{:?}", c.first_response);
    assert_eq!(c.resolved, 0, "resolved the Monday after");
    assert_eq!(c.backlog.total, 1, "open at the week's end");
    assert_eq!(c.backlog.by_age[1], AgeCount { age: AgeBucket::OneToThreeDays, cases: 1 }, "Fri 16:00 to Sun 24:00");
    let monday = ask(&d, days("2026-03-30", "2026-03-30"), berlin);
    let c = &monday.current.kpis;
    assert_eq!(c.resolved, 1);
    assert!(close(minutes(&c.resolution), 120.0), "{:?}", c.resolution);
    assert_eq!((c.sla_compliance.hits, c.sla_compliance.cases), (0, 1), "two business hours to answer a P2");
}

#[test]
fn filters_narrow_every_measure() {
    let d = data();
    let p1 = KpiFilter { priorities: vec![Priority::P1], ..KpiFilter::default() };
    let c = ask(&d, days("2026-03-02", "2026-03-03"), p1).current.kpis;
    assert_eq!((c.created, c.resolved), (1, 1));
    assert!(close(minutes(&c.first_response), 720.0));
    let chat = KpiFilter { channels: vec![CaseChannel::Chat], ..KpiFilter::default() };
    let c = ask(&d, days("2026-03-02", "2026-03-03"), chat).current.kpis;
    assert_eq!((c.created, c.resolved, c.backlog.total), (2, 1, 1), "C and D");
}

#[test]
fn each_drill_down_lists_the_cases_its_tile_counts() {
    let d = data();
    let k = ask(&d, days("2026-03-02", "2026-03-03"), KpiFilter::default());
    let total = |q: &CaseQuery| cases::query::list(d.store.conn(), q, d.store.now()).unwrap().total;
    assert_eq!(total(&k.drills.created), k.current.kpis.created);
    assert_eq!(total(&k.drills.resolved), k.current.kpis.resolved);
    assert_eq!(total(&k.drills.backlog), 1, "D is still open");
    assert_eq!(total(&k.drills.callbacks_due), k.current.kpis.callbacks.due);
    assert_eq!(total(&k.drills.callbacks_overdue), 0);
    let berlin = KpiFilter { teams: vec![d.berlin.clone()], ..KpiFilter::default() };
    let k = ask(&d, days("2026-03-30", "2026-03-30"), berlin);
    assert_eq!(total(&k.drills.resolved), 1);
}

#[test]
fn an_unknown_team_or_agent_is_a_validation_error() {
    let d = data();
    let run = |filter: KpiFilter| {
        dashboard(d.store.conn(), &DashboardRequest { period: PeriodRequest::preset(PeriodPreset::Days30), filter }, d.store.now())
    };
    let ghost_team = KpiFilter { teams: vec![TeamId::new()], ..KpiFilter::default() };
    assert!(matches!(run(ghost_team), Err(Error::Validation { field: "teams", rule: ValidationRule::InvalidValue, .. })));
    let ghost_agent = KpiFilter { assignees: vec![crate::ids::AgentId::new()], ..KpiFilter::default() };
    assert!(matches!(run(ghost_agent), Err(Error::Validation { field: "assignees", .. })));
    let too_many = KpiFilter { categories: vec!["x".into(); 101], ..KpiFilter::default() };
    assert!(matches!(run(too_many), Err(Error::Validation { field: "categories", rule: ValidationRule::TooMany, .. })));
}

#[test]
fn the_charts_of_two_shanghai_days_add_up_to_the_tiles() {
    let d = data();
    let k = ask(&d, days("2026-03-02", "2026-03-03"), KpiFilter::default());
    let ch = &k.charts;
    assert_eq!(ch.granularity, Granularity::Day);
    let days: Vec<(&str, u32)> = ch.volume.iter().map(|v| (v.period.first_day.as_str(), v.total)).collect();
    assert_eq!(days, [("2026-03-02", 3), ("2026-03-03", 1)], "D is Tuesday's in Shanghai");
    let chats = |v: &VolumePoint| v.by_channel.iter().find(|c| c.channel == CaseChannel::Chat).unwrap().cases;
    assert_eq!((chats(&ch.volume[0]), chats(&ch.volume[1])), (1, 1));
    // Resolved Tuesday (Shanghai): A, B (again), C — C breached both targets.
    assert_eq!(ch.trend[0].sla_compliance.cases, 0, "B's first resolution was undone by the reopening");
    assert_eq!((ch.trend[1].sla_compliance.hits, ch.trend[1].sla_compliance.cases), (2, 3));
    assert_eq!((ch.trend[1].csat.hits, ch.trend[1].csat.cases), (2, 3));
    assert_eq!(ch.backlog.iter().map(|c| c.cases).sum::<u32>(), k.current.kpis.backlog.total);
    // Each backlog cell's drill-down: the backlog list narrowed to its priority and age.
    for cell in &ch.backlog {
        let q = CaseQuery {
            priorities: vec![cell.priority],
            created_from: cell.created_from.clone(),
            created_to: Some(cell.created_to.clone()),
            ..k.drills.backlog.clone()
        };
        let listed = cases::query::list(d.store.conn(), &q, d.store.now()).unwrap().total;
        // D is still open now, as at the period's end, so the list (as of now) agrees.
        assert_eq!(listed, cell.cases, "{:?} {:?}", cell.age, cell.priority);
    }
    assert_eq!(ch.top_categories, [RankedCount { name: "Billing".into(), cases: 4 }]);
    assert_eq!(ch.top_root_causes, [RankedCount { name: "Bank delay".into(), cases: 3 }]);
    // The root cause's drill-down: the resolved list, narrowed to that cause.
    let list = |causes: &[&str]| {
        let q = CaseQuery { root_causes: causes.iter().map(|c| c.to_string()).collect(), ..k.drills.resolved.clone() };
        cases::query::list(d.store.conn(), &q, d.store.now()).unwrap().total
    };
    assert_eq!(list(&["Bank delay"]), 3);
    assert_eq!(list(&["Outage"]), 0);
}

#[test]
fn a_ninety_day_dashboard_charts_weeks() {
    let d = data();
    let k = ask(&d, PeriodRequest::preset(PeriodPreset::Days90), KpiFilter::default());
    assert_eq!(k.charts.granularity, Granularity::Week);
    assert_eq!(k.charts.volume.iter().map(|v| v.period.days).sum::<u32>(), 90);
    assert_eq!(k.charts.volume.iter().map(|v| v.total).sum::<u32>(), k.current.kpis.created);
}

#[test]
fn the_team_leaderboard_names_each_team_and_counts_its_own_cases() {
    let d = data();
    let request = LeaderboardRequest { period: days("2026-03-01", "2026-03-31"), filter: KpiFilter::default(), by: LeaderboardBy::Team };
    let board = leaderboard(d.store.conn(), &request, d.store.now()).unwrap();
    assert_eq!(board.time_zone, "Asia/Shanghai");
    let rows: Vec<(Option<&str>, u32, u32)> =
        board.rows.iter().map(|r| (r.name.as_deref(), r.kpis.created, r.kpis.resolved)).collect();
    assert_eq!(rows, [(Some("Berlin"), 1, 1), (None, 4, 3)], "E is Berlin's; A–D have no team");
    // The Berlin row is the dashboard filtered on Berlin, in the same days.
    let berlin = KpiFilter { teams: vec![d.berlin.clone()], ..KpiFilter::default() };
    let filtered = ask(&d, days("2026-03-01", "2026-03-31"), berlin);
    assert_eq!(board.rows[0].kpis.first_response, filtered.current.kpis.first_response);
    let drill = board.rows[0].drills.as_ref().unwrap();
    let listed = cases::query::list(d.store.conn(), &drill.resolved, d.store.now()).unwrap();
    assert_eq!(listed.total, 1);
}

#[test]
fn a_leaderboard_refuses_a_bad_period_like_the_dashboard() {
    let d = data();
    let request = LeaderboardRequest { period: days("2026-03-05", "2026-03-01"), filter: KpiFilter::default(), by: LeaderboardBy::Agent };
    match leaderboard(d.store.conn(), &request, d.store.now()) {
        Err(Error::Validation { field: "to", rule: ValidationRule::EndBeforeStart, .. }) => {}
        other => panic!("{other:?}"),
    }
}
