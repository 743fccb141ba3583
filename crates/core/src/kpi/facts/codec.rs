//! The stored form of one case's KPI facts: one compact blob per case.
//!
//! **Why a blob.** The dashboard reads tens of thousands of these per request. As sixteen
//! separate columns they cost 70 ms to read for 76,000 cases; as one blob, 13 ms (measured
//! on the 100k-case demo, same machine and load). The columns a query selects on are
//! kept beside it as plain integers (`case_kpi_facts.created`, `relevant_until`).
//!
//! Layout (format 1), integers as LEB128 varints (signed ones zigzagged):
//! 1. format byte; priority, status and channel packed in one byte; the flags (the
//!    customer's tier among them);
//! 2. the name ids of category, root cause, assignee and team (0: none);
//! 3. relative to the creation time (kept in the row's `created` column, not here): the
//!    resolution, call-back due and done times, the instant the facts hold from and when
//!    a running resolution clock started — the last three, and the resolution, only when
//!    they are not what the status changes already say (they nearly always are);
//! 4. the business-time first response and resolution; handle seconds, responses, CSAT,
//!    NPS; the status changes, each relative to the one before.
//!
//! Times and durations are milliseconds; a case with any value finer than that (never
//! written by this store, but a timestamp from elsewhere may carry it) is written in
//! seconds and nanoseconds instead, so decoding always gives back exactly what was
//! encoded.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::Facts;
use crate::cases::{CaseChannel, CaseStatus, Priority};
use crate::customers::Tier;
use crate::{Error, Result};

const FORMAT: u8 = 1;

// Flags most cases set first, so most flags take two bytes.
const FIRST_RESPONSE: u64 = 1;
const RESOLVED_AT: u64 = 1 << 1;
const CALLBACK_DUE: u64 = 1 << 2;
const CALLBACK_DONE: u64 = 1 << 3;
const CSAT: u64 = 1 << 4;
const NPS: u64 = 1 << 5;
const SLA_DECIDED: u64 = 1 << 6;
const SLA_MET: u64 = 1 << 7;
const REOPENED: u64 = 1 << 8;
const RUNNING: u64 = 1 << 9;
const BUSINESS_HOURS: u64 = 1 << 10;
/// Times in seconds and nanoseconds rather than milliseconds.
const FINE: u64 = 1 << 11;
/// `resolved_at`, `settled` or the running clock's start written out: not the time the
/// status changes give ([`Implied`]).
const RESOLVED_AT_WRITTEN: u64 = 1 << 12;
const SETTLED_WRITTEN: u64 = 1 << 13;
const RUNNING_WRITTEN: u64 = 1 << 14;
/// The customer is VIP.
const VIP: u64 = 1 << 15;

/// The times the status changes usually imply: the latest resolution is the latest move
/// to resolved; the facts hold from the latest change (the first response normally comes
/// before it); a running clock started at the latest change (or at creation).
struct Implied {
    resolved_at: Option<DateTime<Utc>>,
    latest: DateTime<Utc>,
}

impl Implied {
    fn of(created_at: DateTime<Utc>, changes: &[(DateTime<Utc>, CaseStatus)]) -> Self {
        Implied {
            resolved_at: changes.iter().rev().find(|(_, to)| *to == CaseStatus::Resolved).map(|(at, _)| *at),
            latest: changes.iter().map(|(at, _)| *at).fold(created_at, DateTime::max),
        }
    }
}

/// Encodes `f`, whose names are already ids, but for its creation time (the `created`
/// column: [`created_column`]).
pub(super) fn encode(f: &Facts<i64>) -> Vec<u8> {
    // A leap second's nanoseconds (1e9 and up) are kept only in the fine form.
    let fine = !f.times().all(|t| t.timestamp_subsec_nanos() < 1_000_000_000 && t.timestamp_subsec_nanos() % 1_000_000 == 0)
        || !f.durations().all(|d| d.subsec_nanos() % 1_000_000 == 0);
    let implied = Implied::of(f.created_at, &f.changes);
    let resolved_at = f.resolved_at.filter(|t| Some(*t) != implied.resolved_at);
    let settled = Some(f.settled).filter(|t| *t != implied.latest);
    let since = f.running.map(|(since, _)| since).filter(|t| *t != implied.latest);
    let mut flags = 0;
    let mut set = |bit: u64, on: bool| {
        if on {
            flags |= bit;
        }
    };
    set(FIRST_RESPONSE, f.first_response.is_some());
    set(RESOLVED_AT, f.resolved_at.is_some());
    set(CALLBACK_DUE, f.callback_due_at.is_some());
    set(CALLBACK_DONE, f.callback_done_at.is_some());
    set(CSAT, f.csat.is_some());
    set(NPS, f.nps.is_some());
    set(SLA_DECIDED, f.sla_met.is_some());
    set(SLA_MET, f.sla_met == Some(true));
    set(REOPENED, f.reopened);
    set(RUNNING, f.running.is_some());
    set(BUSINESS_HOURS, f.running.is_some_and(|(_, business)| business));
    set(FINE, fine);
    set(RESOLVED_AT_WRITTEN, resolved_at.is_some());
    set(SETTLED_WRITTEN, settled.is_some());
    set(RUNNING_WRITTEN, since.is_some());
    set(VIP, f.tier == Tier::Vip);

    let mut w = Writer { out: Vec::with_capacity(40 + 6 * f.changes.len()), fine };
    w.out.push(FORMAT);
    w.out.push(index(Priority::ALL, f.priority) | index(CaseStatus::ALL, f.status) << 2 | index(CaseChannel::ALL, f.channel) << 5);
    w.unsigned(flags);
    if fine {
        w.unsigned(u64::from(f.created_at.timestamp_subsec_nanos()));
    }
    w.name(Some(f.category));
    w.name(f.root_cause);
    w.name(f.assignee);
    w.name(f.team);
    let from = f.created_at;
    for t in [resolved_at, f.callback_due_at, f.callback_done_at, settled, since].into_iter().flatten() {
        w.time(t, from);
    }
    if let Some(d) = f.first_response {
        w.duration(d);
    }
    w.duration(f.resolution);
    w.unsigned(f.handle_seconds);
    w.unsigned(u64::from(f.responses));
    for v in [f.csat, f.nps].into_iter().flatten() {
        w.out.push(v);
    }
    w.unsigned(f.changes.len() as u64);
    let mut previous = from;
    for &(at, status) in &f.changes {
        w.time(at, previous);
        w.out.push(index(CaseStatus::ALL, status));
        previous = at;
    }
    w.out
}

/// The `created` column of `f`: its creation time in Unix milliseconds, rounded down.
pub(super) fn created_column(f: &Facts<i64>) -> i64 {
    f.created_at.timestamp_millis()
}

/// Decodes what [`encode`] wrote, given the `created` column; `dates` remembers the
/// calendar dates met so far.
pub(super) fn decode(bytes: &[u8], created: i64, dates: &mut Dates) -> Result<Facts<i64>> {
    let bad = || Error::Corrupt { detail: "a case's stored KPI facts are unreadable".into() };
    let mut r = Reader { bytes, at: 0, fine: false, dates };
    if r.byte().ok_or_else(bad)? != FORMAT {
        return Err(bad());
    }
    let packed = r.byte().ok_or_else(bad)?;
    let priority = *Priority::ALL.get(usize::from(packed & 0b11)).ok_or_else(bad)?;
    let status = *CaseStatus::ALL.get(usize::from(packed >> 2 & 0b111)).ok_or_else(bad)?;
    let channel = *CaseChannel::ALL.get(usize::from(packed >> 5)).ok_or_else(bad)?;
    let flags = r.unsigned().ok_or_else(bad)?;
    let has = |bit: u64| flags & bit != 0;
    r.fine = has(FINE);
    let created_at = if r.fine {
        let nanos = u32::try_from(r.unsigned().ok_or_else(bad)?).map_err(|_| bad())?;
        DateTime::from_timestamp(created.div_euclid(1000), nanos).map(|at| Stamp { at, ms: created })
    } else {
        r.dates.at(created)
    }
    .ok_or_else(bad)?;
    let category = r.name().ok_or_else(bad)?.ok_or_else(bad)?;
    let root_cause = r.name().ok_or_else(bad)?;
    let assignee = r.name().ok_or_else(bad)?;
    let team = r.name().ok_or_else(bad)?;
    let mut time_if = |on: bool| if on { r.time(created_at).ok_or_else(bad).map(|t| Some(t.at)) } else { Ok(None) };
    let resolved_written = time_if(has(RESOLVED_AT_WRITTEN))?;
    let callback_due_at = time_if(has(CALLBACK_DUE))?;
    let callback_done_at = time_if(has(CALLBACK_DONE))?;
    let settled_written = time_if(has(SETTLED_WRITTEN))?;
    let since_written = time_if(has(RUNNING_WRITTEN))?;
    let first_response = if has(FIRST_RESPONSE) { Some(r.duration().ok_or_else(bad)?) } else { None };
    let resolution = r.duration().ok_or_else(bad)?;
    let handle_seconds = r.unsigned().ok_or_else(bad)?;
    let responses = u32::try_from(r.unsigned().ok_or_else(bad)?).map_err(|_| bad())?;
    let csat = if has(CSAT) { Some(r.byte().ok_or_else(bad)?) } else { None };
    let nps = if has(NPS) { Some(r.byte().ok_or_else(bad)?) } else { None };
    let n = usize::try_from(r.unsigned().ok_or_else(bad)?).map_err(|_| bad())?;
    let mut changes = Vec::with_capacity(n.min(bytes.len()));
    let mut previous = created_at;
    for _ in 0..n {
        let at = r.time(previous).ok_or_else(bad)?;
        let status = *CaseStatus::ALL.get(usize::from(r.byte().ok_or_else(bad)?)).ok_or_else(bad)?;
        changes.push((at.at, status));
        previous = at;
    }
    let created_at = created_at.at;
    if r.at != bytes.len() {
        return Err(bad());
    }
    let implied = Implied::of(created_at, &changes);
    let resolved_at = match resolved_written {
        Some(t) => Some(t),
        None if has(RESOLVED_AT) => Some(implied.resolved_at.ok_or_else(bad)?),
        None => None,
    };
    Ok(Facts {
        created_at,
        priority,
        channel,
        status,
        category,
        root_cause,
        assignee,
        team,
        tier: if has(VIP) { Tier::Vip } else { Tier::Standard },
        resolved_at,
        handle_seconds,
        csat,
        nps,
        callback_due_at,
        callback_done_at,
        responses,
        reopened: has(REOPENED),
        changes,
        first_response,
        resolution,
        running: has(RUNNING).then(|| (since_written.unwrap_or(implied.latest), has(BUSINESS_HOURS))),
        sla_met: has(SLA_DECIDED).then_some(has(SLA_MET)),
        settled: settled_written.unwrap_or(implied.latest),
    })
}

fn index<T: PartialEq + Copy>(all: &[T], v: T) -> u8 {
    all.iter().position(|x| *x == v).unwrap_or(0) as u8
}

struct Writer {
    out: Vec<u8>,
    fine: bool,
}

impl Writer {
    fn unsigned(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    fn signed(&mut self, v: i64) {
        self.unsigned(((v << 1) ^ (v >> 63)) as u64);
    }

    fn name(&mut self, id: Option<i64>) {
        self.unsigned(id.map_or(0, |id| u64::try_from(id).unwrap_or(0)));
    }

    /// `t` relative to `from`.
    fn time(&mut self, t: DateTime<Utc>, from: DateTime<Utc>) {
        if self.fine {
            self.signed(t.timestamp() - from.timestamp());
            self.unsigned(u64::from(t.timestamp_subsec_nanos()));
        } else {
            self.signed(t.timestamp_millis() - from.timestamp_millis());
        }
    }

    fn duration(&mut self, d: Duration) {
        if self.fine {
            self.signed(d.num_seconds());
            self.signed(i64::from(d.subsec_nanos()));
        } else {
            self.signed(d.num_milliseconds());
        }
    }
}

/// A time as decoded, with its Unix milliseconds (rounded down).
#[derive(Clone, Copy)]
struct Stamp {
    at: DateTime<Utc>,
    ms: i64,
}

/// Makes times from Unix milliseconds, remembering the calendar dates it has met: the
/// half a million times a dashboard decodes fall on a few hundred days, and working out a
/// date is most of what converting a time costs.
#[derive(Default)]
pub(crate) struct Dates {
    first_day: i64,
    dates: Vec<Option<NaiveDate>>,
}

/// Days a [`Dates`] remembers, from the first it met (half before, half after).
const DATES_KEPT: i64 = 8192;

impl Dates {
    fn at(&mut self, ms: i64) -> Option<Stamp> {
        const DAY_MS: i64 = 86_400_000;
        let (day, in_day) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS));
        let time = NaiveTime::from_num_seconds_from_midnight_opt((in_day / 1000) as u32, (in_day % 1000) as u32 * 1_000_000)?;
        Some(Stamp { at: NaiveDateTime::new(self.date(day)?, time).and_utc(), ms })
    }

    fn date(&mut self, day: i64) -> Option<NaiveDate> {
        // Days from 1 January of the year 1 to the Unix epoch.
        let make = || NaiveDate::from_num_days_from_ce_opt(i32::try_from(day.checked_add(719_163)?).ok()?);
        if self.dates.is_empty() {
            self.first_day = day.saturating_sub(DATES_KEPT / 2);
        }
        let Some(i) = day.checked_sub(self.first_day).filter(|i| (0..DATES_KEPT).contains(i)) else { return make() };
        let i = i as usize;
        if self.dates.len() <= i {
            self.dates.resize(i + 1, None);
        }
        if self.dates[i].is_none() {
            self.dates[i] = make();
        }
        self.dates[i]
    }
}

struct Reader<'a, 'd> {
    bytes: &'a [u8],
    at: usize,
    fine: bool,
    dates: &'d mut Dates,
}

impl Reader<'_, '_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn unsigned(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn signed(&mut self) -> Option<i64> {
        let v = self.unsigned()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn name(&mut self) -> Option<Option<i64>> {
        let v = i64::try_from(self.unsigned()?).ok()?;
        Some((v != 0).then_some(v))
    }

    fn time(&mut self, from: Stamp) -> Option<Stamp> {
        if self.fine {
            let secs = from.at.timestamp().checked_add(self.signed()?)?;
            let nanos = u32::try_from(self.unsigned()?).ok()?;
            DateTime::from_timestamp(secs, nanos).map(|at| Stamp { at, ms: at.timestamp_millis() })
        } else {
            let ms = from.ms.checked_add(self.signed()?)?;
            self.dates.at(ms)
        }
    }

    fn duration(&mut self) -> Option<Duration> {
        if self.fine {
            let secs = Duration::try_seconds(self.signed()?)?;
            secs.checked_add(&Duration::nanoseconds(self.signed()?))
        } else {
            Duration::try_milliseconds(self.signed()?)
        }
    }
}

#[cfg(test)]
impl Dates {
    pub(crate) fn at_ms(&mut self, ms: i64) -> Option<DateTime<Utc>> {
        self.at(ms).map(|s| s.at)
    }
}
