//! The KPI definitions of DESIGN.md as pure functions of case records and a period.
//!
//! Which cases each measure counts:
//! - **First response time**: cases *created* in the period that have been answered;
//!   business time from creation to the first response (or to resolution, which answers
//!   too), in the calendar the case's SLA policy counts in.
//! - **Resolution time, SLA compliance, FCR, AHT, CSAT, NPS**: cases *resolved* in the
//!   period and still resolved or closed; a reopened case counts at its latest resolution,
//!   once. Resolution time is business time worked, pending-customer time excluded (the
//!   SLA resolution clock's elapsed time, summed across reopenings).
//! - **Backlog**: active cases as of the period's end (or now, if sooner), by age and
//!   priority.
//! - **Call-backs**: due in the period; overdue as of the period's end (or now); the
//!   follow-up rate is the share of those already due that were done on time.
//!
//! A mean or share over no cases is `None` ("no data"), never 0 or NaN; every value
//! carries how many cases it is taken over, so a small sample is not read as a trend.

use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};

use super::period::Span;
use super::values::{AgeBucket, AgeCount, Average, Backlog, Callbacks, Kpis, Nps, PriorityCount, Share};
use crate::cases::{CaseChannel, Priority};
use crate::ids::{AgentId, TeamId};

/// One case, as the measures see it (read by `source.rs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaseRecord {
    pub created_at: DateTime<Utc>,
    pub priority: Priority,
    /// Business time to the first response, once answered.
    pub first_response: Option<Duration>,
    /// When it was resolved, if it is resolved or closed now.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Business time worked so far, pending-customer time excluded.
    pub resolution: Duration,
    /// Both SLA targets met (`None`: the policy sets neither, or one is still open).
    pub sla_met: Option<bool>,
    /// Contacts that were agent responses.
    pub responses: u32,
    /// Ever moved from resolved or closed back to work.
    pub reopened: bool,
    pub handle_seconds: u64,
    pub csat: Option<u8>,
    pub nps: Option<u8>,
    pub callback_due_at: Option<DateTime<Utc>>,
    pub callback_done_at: Option<DateTime<Utc>>,
    /// Status changes in time order: when, and whether the case was active after it.
    pub activity: Vec<(DateTime<Utc>, bool)>,
    pub channel: CaseChannel,
    // The names are shared (one allocation per distinct name, not per case): a dashboard
    // builds tens of thousands of records and allocating each its own names cost as much
    // as reading them.
    pub category: Rc<str>,
    /// The root cause given at its latest resolution, if any.
    pub root_cause: Option<Rc<str>>,
    pub assignee: Option<Rc<AgentId>>,
    pub team: Option<Rc<TeamId>>,
}

impl CaseRecord {
    /// Whether the case was open (created, not resolved or closed) at `t`.
    fn active_at(&self, t: DateTime<Utc>) -> bool {
        self.created_at < t && self.activity.iter().take_while(|(at, _)| *at <= t).last().is_none_or(|(_, a)| *a)
    }
}

/// Running mean of durations.
#[derive(Default)]
struct Mean {
    total: f64,
    n: u32,
}

impl Mean {
    fn add(&mut self, seconds: f64) {
        self.total += seconds;
        self.n += 1;
    }
    fn done(self) -> Average {
        Average { mean_seconds: (self.n > 0).then(|| self.total / f64::from(self.n)), cases: self.n }
    }
}

/// Running share.
#[derive(Default)]
struct Count {
    hits: u32,
    n: u32,
}

impl Count {
    fn add(&mut self, hit: bool) {
        self.hits += u32::from(hit);
        self.n += 1;
    }
    fn done(self) -> Share {
        Share { percent: percent(self.hits, self.n), hits: self.hits, cases: self.n }
    }
}

fn percent(part: u32, of: u32) -> Option<f64> {
    (of > 0).then(|| 100.0 * f64::from(part) / f64::from(of))
}

fn seconds(d: Duration) -> f64 {
    d.num_milliseconds() as f64 / 1000.0
}

/// Whether `r` counts among the cases resolved in `span` (resolution time, SLA, FCR, AHT,
/// CSAT, NPS).
pub(crate) fn resolved_in(r: &CaseRecord, span: &Span) -> bool {
    r.resolved_at.is_some_and(|at| span.contains(at))
}

/// The measures over cases created in a period.
#[derive(Default)]
pub(crate) struct CreatedTally {
    created: u32,
    frt: Mean,
}

impl CreatedTally {
    /// Counts `r`, a case created in the period.
    pub(crate) fn add(&mut self, r: &CaseRecord) {
        self.created += 1;
        if let Some(d) = r.first_response {
            self.frt.add(seconds(d));
        }
    }
}

/// The measures over cases resolved in a period.
#[derive(Default)]
pub(crate) struct ResolvedTally {
    resolved: u32,
    resolution: Mean,
    aht: Mean,
    sla: Count,
    fcr: Count,
    csat: Count,
    promoters: u32,
    passives: u32,
    detractors: u32,
}

impl ResolvedTally {
    /// Counts `r`, a case resolved in the period ([`resolved_in`]).
    pub(crate) fn add(&mut self, r: &CaseRecord) {
        self.resolved += 1;
        self.resolution.add(seconds(r.resolution));
        if let Some(met) = r.sla_met {
            self.sla.add(met);
        }
        self.fcr.add(r.responses <= 1 && !r.reopened);
        if r.handle_seconds > 0 {
            self.aht.add(r.handle_seconds as f64);
        }
        if let Some(c) = r.csat.filter(|c| (1..=5).contains(c)) {
            self.csat.add(c >= 4);
        }
        match r.nps {
            Some(9..=10) => self.promoters += 1,
            Some(7..=8) => self.passives += 1,
            Some(0..=6) => self.detractors += 1,
            _ => {}
        }
    }

    /// SLA compliance, CSAT and NPS: what the trend chart shows.
    pub(crate) fn satisfaction(self) -> (Share, Share, Nps) {
        (self.sla.done(), self.csat.done(), nps(self.promoters, self.passives, self.detractors))
    }
}

fn nps(promoters: u32, passives: u32, detractors: u32) -> Nps {
    let answers = promoters + passives + detractors;
    Nps {
        score: percent(promoters, answers).zip(percent(detractors, answers)).map(|(p, d)| p - d),
        promoters,
        passives,
        detractors,
    }
}

/// The moment "as of the period's end" means: its end, or `now` while it runs.
pub(crate) fn as_of(span: &Span, now: DateTime<Utc>) -> DateTime<Utc> {
    span.end.min(now)
}

/// The backlog bucket of `r` at `as_of`, if it was open then.
pub(crate) fn backlog_age(r: &CaseRecord, as_of: DateTime<Utc>) -> Option<AgeBucket> {
    r.active_at(as_of).then(|| AgeBucket::of(as_of - r.created_at))
}

/// The KPIs of one period, counted a case at a time: a dashboard feeds each case to the
/// tallies of both its periods and to its charts as it is read, and never holds them all.
/// The backlog and overdue call-backs are taken at the period's end, or at `now` while
/// the period runs.
pub(crate) struct Tally {
    span: Span,
    as_of: DateTime<Utc>,
    created: CreatedTally,
    resolved: ResolvedTally,
    follow_up: Count,
    by_age: [u32; 4],
    by_priority: [u32; 4],
    due: u32,
    overdue: u32,
}

impl Tally {
    /// Nothing counted yet for `span` as of `now` (see [`compute`]).
    pub(crate) fn new(span: &Span, now: DateTime<Utc>) -> Self {
        Tally {
            span: *span,
            as_of: as_of(span, now),
            created: CreatedTally::default(),
            resolved: ResolvedTally::default(),
            follow_up: Count::default(),
            by_age: [0; 4],
            by_priority: [0; 4],
            due: 0,
            overdue: 0,
        }
    }

    /// Counts `r` in every measure it belongs to.
    pub(crate) fn add(&mut self, r: &CaseRecord) {
        let (span, as_of) = (&self.span, self.as_of);
        if span.contains(r.created_at) {
            self.created.add(r);
        }
        if resolved_in(r, span) {
            self.resolved.add(r);
        }
        if let Some(age) = backlog_age(r, as_of) {
            self.by_age[age as usize] += 1;
            self.by_priority[r.priority as usize] += 1;
        }
        if let Some(due_at) = r.callback_due_at {
            let done_by = |t: DateTime<Utc>| r.callback_done_at.is_some_and(|d| d <= t);
            if span.contains(due_at) {
                self.due += 1;
                if due_at <= as_of {
                    self.follow_up.add(done_by(due_at));
                }
            }
            if due_at < as_of && !done_by(as_of) {
                self.overdue += 1;
            }
        }
    }

    /// The KPIs counted.
    pub(crate) fn done(self) -> Kpis {
        let (created, resolved) = (self.created, self.resolved);
        Kpis {
            created: created.created,
            resolved: resolved.resolved,
            first_response: created.frt.done(),
            resolution: resolved.resolution.done(),
            sla_compliance: resolved.sla.done(),
            first_contact_resolution: resolved.fcr.done(),
            handle_time: resolved.aht.done(),
            csat: resolved.csat.done(),
            nps: nps(resolved.promoters, resolved.passives, resolved.detractors),
            backlog: Backlog {
                total: self.by_age.iter().sum(),
                by_age: AgeBucket::ALL.iter().map(|&age| AgeCount { age, cases: self.by_age[age as usize] }).collect(),
                by_priority: Priority::ALL
                    .iter()
                    .map(|&priority| PriorityCount { priority, cases: self.by_priority[priority as usize] })
                    .collect(),
            },
            callbacks: Callbacks { due: self.due, overdue: self.overdue, follow_up: self.follow_up.done() },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The KPIs of `span` over `records`, as of `now`.
    pub(crate) fn compute<'a>(
        records: impl IntoIterator<Item = &'a CaseRecord>,
        span: &Span,
        now: DateTime<Utc>,
    ) -> Kpis {
        let mut tally = Tally::new(span, now);
        records.into_iter().for_each(|r| tally.add(r));
        tally.done()
    }

    pub(crate) fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// 2–8 March 2026, UTC.
    pub(crate) fn week() -> Span {
        Span {
            first: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            days: 7,
            start: utc("2026-03-02T00:00:00Z"),
            end: utc("2026-03-09T00:00:00Z"),
        }
    }

    pub(crate) fn record(created: &str) -> CaseRecord {
        CaseRecord {
            created_at: utc(created),
            priority: Priority::P3,
            first_response: None,
            resolved_at: None,
            resolution: Duration::zero(),
            sla_met: None,
            responses: 0,
            reopened: false,
            handle_seconds: 0,
            csat: None,
            nps: None,
            callback_due_at: None,
            callback_done_at: None,
            activity: Vec::new(),
            channel: CaseChannel::Phone,
            category: "".into(),
            root_cause: None,
            assignee: None,
            team: None,
        }
    }

    pub(crate) fn resolved(created: &str, at: &str) -> CaseRecord {
        CaseRecord { resolved_at: Some(utc(at)), activity: vec![(utc(at), false)], ..record(created) }
    }

    #[test]
    fn an_empty_period_has_no_data_not_zero() {
        let k = compute(&[], &week(), utc("2026-03-10T00:00:00Z"));
        assert_eq!(k.first_response, Average { mean_seconds: None, cases: 0 });
        assert_eq!(k.resolution.mean_seconds, None);
        assert_eq!(k.sla_compliance.percent, None);
        assert_eq!(k.first_contact_resolution.percent, None);
        assert_eq!(k.handle_time.mean_seconds, None);
        assert_eq!(k.csat.percent, None);
        assert_eq!(k.nps.score, None);
        assert_eq!(k.callbacks.follow_up.percent, None);
        assert_eq!((k.created, k.resolved, k.backlog.total, k.callbacks.due), (0, 0, 0, 0), "counts are real zeros");
        assert_eq!(k.backlog.by_age.len(), 4);
        assert_eq!(k.backlog.by_priority.len(), 4);
    }

    #[test]
    fn first_response_counts_cases_created_in_the_period_that_were_answered() {
        let answered = |created: &str, minutes: i64| CaseRecord {
            first_response: Some(Duration::minutes(minutes)),
            ..record(created)
        };
        let records = [
            answered("2026-03-02T09:00:00Z", 30),
            answered("2026-03-05T09:00:00Z", 90),
            record("2026-03-06T09:00:00Z"),        // not answered yet: not in the mean
            answered("2026-03-01T23:59:00Z", 600), // created the day before
        ];
        let k = compute(&records, &week(), utc("2026-03-10T00:00:00Z"));
        assert_eq!(k.created, 3);
        assert_eq!(k.first_response, Average { mean_seconds: Some(3600.0), cases: 2 });
    }

    #[test]
    fn resolved_measures_count_cases_resolved_in_the_period() {
        let records = [
            CaseRecord {
                resolution: Duration::hours(2),
                sla_met: Some(true),
                responses: 1,
                handle_seconds: 300,
                csat: Some(5),
                nps: Some(10),
                ..resolved("2026-02-27T09:00:00Z", "2026-03-02T11:00:00Z")
            },
            CaseRecord {
                resolution: Duration::hours(6),
                sla_met: Some(false),
                responses: 1,
                reopened: true,
                handle_seconds: 900,
                csat: Some(3),
                nps: Some(6),
                ..resolved("2026-03-03T09:00:00Z", "2026-03-04T15:00:00Z")
            },
            CaseRecord {
                resolution: Duration::hours(1),
                sla_met: None, // no targets
                responses: 3,
                csat: Some(4),
                nps: Some(8),
                ..resolved("2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z")
            },
            // Resolved after the period: not counted.
            CaseRecord { resolution: Duration::hours(50), ..resolved("2026-03-05T09:00:00Z", "2026-03-09T10:00:00Z") },
        ];
        let k = compute(&records, &week(), utc("2026-03-10T00:00:00Z"));
        assert_eq!(k.resolved, 3);
        assert_eq!(k.resolution, Average { mean_seconds: Some(3.0 * 3600.0), cases: 3 });
        assert_eq!(k.sla_compliance, Share { percent: Some(50.0), hits: 1, cases: 2 });
        assert_eq!(k.first_contact_resolution.hits, 1, "one reopened, one with three contacts");
        assert_eq!(k.handle_time, Average { mean_seconds: Some(600.0), cases: 2 });
        assert_eq!(k.csat.hits, 2);
        assert!((k.csat.percent.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        // One promoter, one passive, one detractor: 33.3 − 33.3.
        assert_eq!(k.nps.score, Some(0.0));
        assert_eq!((k.nps.promoters, k.nps.passives, k.nps.detractors), (1, 1, 1));
    }

    #[test]
    fn backlog_is_taken_at_the_periods_end_by_age_and_priority() {
        let records = [
            CaseRecord { priority: Priority::P1, ..record("2026-03-08T12:00:00Z") }, // 12 h
            record("2026-03-06T00:00:00Z"),                                          // 3 d exactly
            record("2026-02-01T00:00:00Z"),                                          // weeks
            resolved("2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"),                // closed before the end
            resolved("2026-03-01T00:00:00Z", "2026-03-09T10:00:00Z"),                // still open at the end
            record("2026-03-09T01:00:00Z"),                                          // created after it
        ];
        let k = compute(&records, &week(), utc("2026-03-20T00:00:00Z"));
        assert_eq!(k.backlog.total, 4);
        let ages: Vec<u32> = k.backlog.by_age.iter().map(|a| a.cases).collect();
        assert_eq!(ages, [1, 0, 1, 2]);
        assert_eq!(k.backlog.by_priority[0], PriorityCount { priority: Priority::P1, cases: 1 });
        assert_eq!(k.backlog.by_priority[2].cases, 3);
        // While the period runs, the backlog is now's.
        let k = compute(&records, &week(), utc("2026-03-04T00:00:00Z"));
        assert_eq!(k.backlog.total, 3, "as of 4 March: the February case, and the two created 1 March");
    }

    #[test]
    fn a_reopened_case_is_in_the_backlog_between_its_resolutions() {
        let r = CaseRecord {
            resolved_at: Some(utc("2026-03-06T00:00:00Z")),
            activity: vec![
                (utc("2026-03-03T00:00:00Z"), false),
                (utc("2026-03-04T00:00:00Z"), true),
                (utc("2026-03-06T00:00:00Z"), false),
            ],
            ..record("2026-03-02T00:00:00Z")
        };
        assert!(r.active_at(utc("2026-03-02T12:00:00Z")));
        assert!(!r.active_at(utc("2026-03-03T12:00:00Z")));
        assert!(r.active_at(utc("2026-03-05T00:00:00Z")));
        assert!(!r.active_at(utc("2026-03-07T00:00:00Z")));
    }

    #[test]
    fn call_backs_due_overdue_and_done_on_time() {
        let cb = |due: &str, done: Option<&str>| CaseRecord {
            callback_due_at: Some(utc(due)),
            callback_done_at: done.map(utc),
            ..resolved("2026-02-20T00:00:00Z", "2026-02-21T00:00:00Z")
        };
        let records = [
            cb("2026-03-03T10:00:00Z", Some("2026-03-03T09:00:00Z")), // on time
            cb("2026-03-04T10:00:00Z", Some("2026-03-05T09:00:00Z")), // late
            cb("2026-03-05T10:00:00Z", None),                         // overdue
            cb("2026-02-25T10:00:00Z", None),                         // overdue, due before the period
            cb("2026-03-08T18:00:00Z", None),                         // due later today
        ];
        let k = compute(&records, &week(), utc("2026-03-08T12:00:00Z"));
        assert_eq!(k.callbacks.due, 4);
        assert_eq!(k.callbacks.overdue, 2, "the late one was overdue until it was done; not now");
        assert_eq!(k.callbacks.follow_up, Share { percent: Some(100.0 / 3.0), hits: 1, cases: 3 });
    }
}
