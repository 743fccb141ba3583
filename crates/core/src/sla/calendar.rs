//! Business hours: the instants at which an SLA clock may count.
//!
//! A calendar is a weekly pattern (one or more opening intervals per weekday: a lunch
//! break splits a day in two) and exceptions by date: holidays, on which nobody works,
//! and make-up working days (调休), worked with the hours of a chosen weekday although
//! the date would be closed, as mainland China does around its Golden Weeks.
//!
//! SLA targets are promises in the team's *working* time ("8 business hours"), so the clock
//! must skip nights, weekends and holidays, and a Monday in Shanghai is a different stretch
//! of UTC than a Monday in New York. Opening hours are kept as local wall-clock times in
//! one time zone and converted to UTC day by day, which is what keeps them right across
//! daylight-saving changes: on the spring-forward day an 00:00–03:00 shift really is two
//! hours long, on the fall-back day four.
//!
//! Conversion rules for wall-clock times that do not map to exactly one instant:
//! - a time in a gap (skipped by a spring-forward) moves to the first instant after the
//!   gap, so an opening at 02:30 on that day opens when the clocks show 03:00;
//! - an ambiguous time (repeated by a fall-back) takes the earlier instant.
//!
//! Both functions walk local days, but skip whole weeks arithmetically (the nominal weekly
//! hours, adjusted for its holidays and make-up days) whenever the UTC offset is steady
//! across the week, so a target of
//! hundreds of hours costs a few dozen steps, and a span of years a few hundred.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::{GapInfo, Tz};

use crate::settings::{INTERVALS_PER_DAY_MAX, Weekday, WorkingDay};
use crate::{Error, Result, ValidationRule};

const MINUTES_PER_DAY: u32 = 24 * 60;

/// Offsets are sampled this often to prove a week has no UTC-offset change. Comparing only
/// the week's two ends would not do: two changes can cancel out, and in chrono-tz 0.10's
/// data for 1900–2100 the closest pair (Gaza's Ramadan rules, Brazil in 2000) is 167 hours
/// apart, inside one week. A pair would have to fall within 12 hours to slip through.
const OFFSET_SAMPLE: Duration = Duration::hours(12);
const SAMPLES_PER_WEEK: i32 = 14;

/// More than any UTC-offset change (the largest, a skipped or repeated day, is 24 hours),
/// so no local week can hold more than its nominal hours plus this.
const MAX_WEEKLY_GAIN: Duration = Duration::hours(26);

/// What a date is, when it is not what its weekday says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRule {
    /// Nobody works (a public holiday, a company day off).
    Holiday,
    /// Worked with the opening hours of this weekday (a make-up working day, 调休).
    WorksAs(Weekday),
}

/// A team's business hours in one time zone: opening intervals per weekday, and dates
/// that differ from their weekday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    tz: Tz,
    /// Opening intervals of each weekday (Monday first), in minutes after local midnight:
    /// each `start < end <= 1440`, sorted, apart; empty when closed.
    hours: [Vec<(u32, u32)>; 7],
    /// Local dates that are holidays or make-up working days.
    exceptions: BTreeMap<NaiveDate, DayRule>,
    /// Sum of the local interval lengths of one regular week (positive: checked at
    /// construction).
    weekly: Duration,
    /// Open 00:00–24:00 every day with no exceptions: business time is wall time.
    continuous: bool,
}

impl BusinessCalendar {
    /// A calendar from the team's weekly hours (as edited in Settings) and the dates that
    /// differ from their weekday.
    ///
    /// Weekdays missing from `week` are closed; closed days' times are not looked at. An
    /// end of `24:00` is accepted and means "until midnight". Errors (field
    /// `workingHours`): `InvalidTime` for a time that is not `HH:MM`, `EndBeforeStart`,
    /// `Overlap` for intervals of one day that overlap or touch, `TooMany` for more than
    /// [`INTERVALS_PER_DAY_MAX`] intervals a day, `Required` for an open day with no
    /// interval, `InvalidValue` for a weekday listed twice or a week with no open hours at
    /// all (a clock on such a calendar could never reach any target). When a date is
    /// given twice, the last rule wins.
    pub fn new(
        tz: Tz,
        week: &[WorkingDay],
        exceptions: impl IntoIterator<Item = (NaiveDate, DayRule)>,
    ) -> Result<Self> {
        let mut hours: [Vec<(u32, u32)>; 7] = Default::default();
        let mut seen = [false; 7];
        for day in week {
            let i = day.weekday.index();
            if std::mem::replace(&mut seen[i], true) {
                return Err(Error::invalid("workingHours", ValidationRule::InvalidValue));
            }
            if day.open {
                hours[i] = day_intervals(day)?;
            }
        }
        let weekly_minutes: u32 = hours.iter().flatten().map(|(s, e)| e - s).sum();
        if weekly_minutes == 0 {
            return Err(Error::invalid("workingHours", ValidationRule::InvalidValue));
        }
        let exceptions: BTreeMap<NaiveDate, DayRule> = exceptions.into_iter().collect();
        let continuous = exceptions.is_empty() && hours.iter().all(|h| h.as_slice() == [(0, MINUTES_PER_DAY)]);
        Ok(Self { tz, hours, exceptions, weekly: Duration::minutes(weekly_minutes.into()), continuous })
    }

    /// Like [`BusinessCalendar::new`], with the time zone given by its IANA name (as
    /// stored in Settings); an unknown name is `InvalidTimeZone` on field `timeZone`.
    pub fn from_zone_name(
        time_zone: &str,
        week: &[WorkingDay],
        exceptions: impl IntoIterator<Item = (NaiveDate, DayRule)>,
    ) -> Result<Self> {
        let tz = time_zone.parse::<Tz>().map_err(|_| Error::invalid("timeZone", ValidationRule::InvalidTimeZone))?;
        Self::new(tz, week, exceptions)
    }

    /// Every minute counts ("calendar hours"), for targets promised around the clock.
    pub fn around_the_clock() -> Self {
        Self {
            tz: Tz::UTC,
            hours: std::array::from_fn(|_| vec![(0, MINUTES_PER_DAY)]),
            exceptions: BTreeMap::new(),
            weekly: Duration::weeks(1),
            continuous: true,
        }
    }

    /// The time zone the opening hours and holidays are read in.
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// Business time in `[from, to)`; zero when `to <= from`.
    pub fn business_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        if self.continuous {
            return to - from;
        }
        let first = self.local_date(from);
        let last = self.local_date(to);
        let mut total = Duration::zero();
        let mut day = first;
        while day <= last {
            // A whole local week strictly after `from`'s day and before `to`'s lies inside
            // [from, to) entirely, so it counts in full.
            if day > first
                && let Some(next_week) = day.checked_add_days(Days::new(7)).filter(|w| *w <= last)
            {
                total += self.week_time(day);
                day = next_week;
                continue;
            }
            for (start, end) in self.windows(day) {
                let (start, end) = (start.max(from), end.min(to));
                if start < end {
                    total += end - start;
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        total
    }

    /// The first instant at which `amount` of business time has elapsed, counting from the
    /// first business instant at or after `from` (so a case created at night starts
    /// counting at the next opening, and a zero amount yields that opening).
    ///
    /// A negative amount counts as zero. An amount that would end beyond the dates chrono
    /// can represent yields [`DateTime::<Utc>::MAX_UTC`] rather than panicking.
    pub fn add_business_time(&self, from: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        let amount = amount.max(Duration::zero());
        if self.continuous {
            return from.checked_add_signed(amount).unwrap_or(DateTime::<Utc>::MAX_UTC);
        }
        if self.ends_beyond_range(from, amount) {
            return DateTime::<Utc>::MAX_UTC;
        }
        let first = self.local_date(from);
        let mut day = first;
        let mut remaining = amount;
        // Weeks are skipped until one holds the end; from then on days are walked (holidays
        // can make a later week shorter, but it is never worth re-measuring whole weeks).
        let mut skipping = true;
        loop {
            if skipping && day > first {
                if let Some(next_week) = day.checked_add_days(Days::new(7)) {
                    let week = self.week_time(day);
                    if week < remaining {
                        remaining -= week;
                        day = next_week;
                        continue;
                    }
                }
                skipping = false;
            }
            for (start, end) in self.windows(day) {
                let start = start.max(from);
                if start < end {
                    if remaining <= end - start {
                        return start + remaining;
                    }
                    remaining -= end - start;
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => return DateTime::<Utc>::MAX_UTC,
            }
        }
    }

    /// The opening intervals of local date `day` in wall-clock minutes: its weekday's, a
    /// make-up day's chosen weekday's, none on a holiday.
    fn intervals(&self, day: NaiveDate) -> &[(u32, u32)] {
        let weekday = match self.exceptions.get(&day) {
            Some(DayRule::Holiday) => return &[],
            Some(DayRule::WorksAs(w)) => w.index(),
            None => day.weekday().num_days_from_monday() as usize,
        };
        &self.hours[weekday]
    }

    /// The open intervals of local date `day`, in UTC, earliest first; none when closed
    /// (weekday off, holiday, or an interval entirely inside a daylight-saving gap).
    pub(super) fn windows(&self, day: NaiveDate) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        self.intervals(day).iter().filter_map(move |&(start, end)| {
            let start = self.local_instant(day, start)?;
            let end = self.local_instant(day, end)?;
            (start < end).then_some((start, end))
        })
    }

    /// Business time of the seven local days starting at `first`.
    fn week_time(&self, first: NaiveDate) -> Duration {
        let days = (0..7).filter_map(|i| first.checked_add_days(Days::new(i)));
        match self.local_instant(first, 0) {
            Some(midnight) if self.offset_steady_for_a_week(midnight) => {
                // A regular week is known; one with exceptions is summed day by day on
                // the wall clock (still exact: the offset does not move).
                let last = first.checked_add_days(Days::new(6)).unwrap_or(first);
                if self.exceptions.range(first..=last).next().is_none() {
                    return self.weekly;
                }
                days.map(|d| self.nominal(d)).fold(Duration::zero(), |a, b| a + b)
            }
            _ => days.flat_map(|d| self.windows(d)).map(|(s, e)| e - s).fold(Duration::zero(), |a, b| a + b),
        }
    }

    /// Whether the UTC offset is the same throughout the week from `start`: then every
    /// local interval is exactly as long as on the wall clock.
    fn offset_steady_for_a_week(&self, start: DateTime<Utc>) -> bool {
        let offset_at = |t: DateTime<Utc>| self.tz.offset_from_utc_datetime(&t.naive_utc()).fix();
        let first = offset_at(start);
        (1..=SAMPLES_PER_WEEK)
            .all(|i| start.checked_add_signed(OFFSET_SAMPLE * i).is_some_and(|t| offset_at(t) == first))
    }

    /// Opening hours of `day` as on the wall clock.
    fn nominal(&self, day: NaiveDate) -> Duration {
        Duration::minutes(self.intervals(day).iter().map(|(s, e)| i64::from(e - s)).sum())
    }

    /// Cheap bound: even at the most business time a week can hold, `amount` would end
    /// past the representable dates. Keeps absurd inputs from walking ~13 million weeks.
    fn ends_beyond_range(&self, from: DateTime<Utc>, amount: Duration) -> bool {
        let per_week = (self.weekly + MAX_WEEKLY_GAIN).num_seconds();
        let weeks = amount.num_seconds() / per_week;
        Duration::try_weeks(weeks).and_then(|w| from.checked_add_signed(w)).is_none()
    }

    /// The local date of `t`; at the very edges of chrono's range, where the local time is
    /// not representable, the UTC date.
    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        let offset = self.tz.offset_from_utc_datetime(&t.naive_utc()).fix();
        t.naive_utc().checked_add_offset(offset).map_or(t.date_naive(), |local| local.date())
    }

    /// The instant of `minutes` after local midnight of `day` (1440 = next midnight).
    fn local_instant(&self, day: NaiveDate, minutes: u32) -> Option<DateTime<Utc>> {
        let (day, minutes) =
            if minutes >= MINUTES_PER_DAY { (day.succ_opt()?, minutes - MINUTES_PER_DAY) } else { (day, minutes) };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(minutes * 60, 0)?;
        self.resolve(day.and_time(time))
    }

    /// Local wall-clock time to UTC: a gap moves to the first instant after it, an
    /// ambiguous time takes the earlier instant.
    fn resolve(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
            LocalResult::None => match GapInfo::new(&local, &self.tz).and_then(|gap| gap.end) {
                Some(after_gap) => Some(after_gap.with_timezone(&Utc)),
                // Only at the edges of the zone's table: read with the offset in force there.
                None => {
                    let offset = self.tz.offset_from_utc_datetime(&local).fix();
                    local.checked_sub_offset(offset).map(|t| t.and_utc())
                }
            },
        }
    }
}

/// An open day's intervals in minutes, checked: valid times, each ending after it starts,
/// sorted and apart (touching intervals are one interval written twice: refused, so what
/// the editor shows is what the clock counts).
fn day_intervals(day: &WorkingDay) -> Result<Vec<(u32, u32)>> {
    if day.intervals.is_empty() {
        return Err(Error::invalid("workingHours", ValidationRule::Required));
    }
    if day.intervals.len() > INTERVALS_PER_DAY_MAX as usize {
        return Err(Error::Validation {
            field: "workingHours",
            rule: ValidationRule::TooMany,
            limit: Some(INTERVALS_PER_DAY_MAX),
        });
    }
    let mut out = Vec::with_capacity(day.intervals.len());
    for interval in &day.intervals {
        let (Some(start), Some(end)) = (parse_hhmm(&interval.start, false), parse_hhmm(&interval.end, true)) else {
            return Err(Error::invalid("workingHours", ValidationRule::InvalidTime));
        };
        if end <= start {
            return Err(Error::invalid("workingHours", ValidationRule::EndBeforeStart));
        }
        out.push((start, end));
    }
    out.sort_unstable();
    if out.windows(2).any(|w| w[1].0 <= w[0].1) {
        return Err(Error::invalid("workingHours", ValidationRule::Overlap));
    }
    Ok(out)
}

/// Minutes after midnight of a strict `HH:MM` (24 h); `24:00` only where `allow_midnight_end`.
fn parse_hhmm(s: &str, allow_midnight_end: bool) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' || ![b[0], b[1], b[3], b[4]].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |i: usize| u32::from(b[i] - b'0');
    let (h, m) = (digit(0) * 10 + digit(1), digit(3) * 10 + digit(4));
    match (h, m) {
        (0..=23, 0..=59) => Some(h * 60 + m),
        (24, 0) if allow_midnight_end => Some(MINUTES_PER_DAY),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
