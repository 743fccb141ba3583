//! When things happen in demo data: case intake shaped like a real contact centre's day
//! and week, and agents' actions moved into the centre's opening hours.
//!
//! Both work in the team's time zone, so a demo database shows the morning peak at 10:00
//! local time whatever zone the machine is in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use rand::Rng;
use rand::rngs::StdRng;

/// Relative intake per local hour of the day (a morning peak and an afternoon plateau).
const HOUR_WEIGHTS: [f64; 24] = [
    0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.40, 1.00, 1.60, 1.80, 1.70, 1.20, 1.40, 1.60, 1.50, 1.30, 1.00, 0.70,
    0.50, 0.40, 0.30, 0.20, 0.10,
];

/// Relative intake per weekday, Monday first (Mondays are busiest, Sundays quiet).
const DAY_WEIGHTS: [f64; 7] = [1.25, 1.05, 1.0, 1.0, 0.95, 0.45, 0.30];

/// Opening hours of the contact centre, Monday to Saturday (agents' actions fall in them).
const OPEN: u32 = 8;
const CLOSE: u32 = 19;
/// Actions due outside opening hours land in this long a stretch after opening.
const MORNING_RUSH_MINUTES: i64 = 90;

/// `n` case creation times in `(start, end]`, sorted, following the day and week shape.
pub(super) fn creation_times(
    rng: &mut StdRng,
    tz: Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    n: u32,
) -> Vec<DateTime<Utc>> {
    // One bucket per local hour in the span, weighted by hour of day and day of week.
    let mut buckets: Vec<(DateTime<Utc>, f64)> = Vec::new();
    let mut day = start.with_timezone(&tz).date_naive();
    let last = end.with_timezone(&tz).date_naive();
    while day <= last {
        let dw = DAY_WEIGHTS[day.weekday().num_days_from_monday() as usize];
        for (hour, hw) in HOUR_WEIGHTS.iter().enumerate() {
            let Some(local) = day.and_hms_opt(hour as u32, 0, 0) else { continue };
            // A DST gap has no such hour; an ambiguous hour counts once.
            let Some(at) = tz.from_local_datetime(&local).earliest() else { continue };
            let at = at.with_timezone(&Utc);
            if at + Duration::hours(1) > start && at < end {
                buckets.push((at, dw * hw));
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    let mut cumulative = Vec::with_capacity(buckets.len());
    let mut sum = 0.0;
    for (_, w) in &buckets {
        sum += w;
        cumulative.push(sum);
    }
    let mut out = Vec::with_capacity(n as usize);
    while out.len() < n as usize {
        let x = rng.random::<f64>() * sum;
        let i = cumulative.partition_point(|&c| c <= x).min(buckets.len().saturating_sub(1));
        let Some((at, _)) = buckets.get(i) else { break };
        let t = *at + Duration::milliseconds(rng.random_range(0..3_600_000));
        if t > start && t <= end {
            out.push(t);
        }
    }
    out.sort();
    out
}

/// `t` if the centre is open then, else a time shortly after the next opening: the night
/// (or Sunday) between the previous closing and the next opening maps linearly onto the
/// first [`MORNING_RUSH_MINUTES`] of the next opening, so the order of two actions
/// planned for the same night is kept. Never earlier than `t`.
pub(super) fn working_time(tz: Tz, t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&tz).naive_local();
    if is_open(local) {
        return t;
    }
    let next_open = next_opening(local);
    let prev_close = previous_closing(local);
    let night = (next_open - prev_close).num_milliseconds().max(1);
    let into = (local - prev_close).num_milliseconds().clamp(0, night);
    let offset = Duration::milliseconds(MORNING_RUSH_MINUTES * 60_000 * into / night);
    tz.from_local_datetime(&(next_open + offset)).earliest().map_or(t, |d| d.with_timezone(&Utc)).max(t)
}

fn is_working_day(d: NaiveDate) -> bool {
    d.weekday() != Weekday::Sun
}

fn is_open(local: NaiveDateTime) -> bool {
    is_working_day(local.date()) && (OPEN..CLOSE).contains(&local.hour())
}

fn at(d: NaiveDate, hour: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

fn next_opening(local: NaiveDateTime) -> NaiveDateTime {
    let mut d = local.date();
    if local.hour() >= OPEN || !is_working_day(d) {
        d = d.succ_opt().unwrap_or(d);
    }
    while !is_working_day(d) {
        d = d.succ_opt().unwrap_or(d);
    }
    at(d, OPEN)
}

fn previous_closing(local: NaiveDateTime) -> NaiveDateTime {
    let mut d = local.date();
    if local.hour() < CLOSE || !is_working_day(d) {
        d = d.pred_opt().unwrap_or(d);
    }
    while !is_working_day(d) {
        d = d.pred_opt().unwrap_or(d);
    }
    at(d, CLOSE)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn open_hours_are_kept() {
        let t = utc("2026-03-04T10:15:00Z"); // Wednesday
        assert_eq!(working_time(Tz::UTC, t), t);
    }

    #[test]
    fn night_maps_into_the_next_morning_in_order() {
        let evening = working_time(Tz::UTC, utc("2026-03-04T19:30:00Z"));
        let small_hours = working_time(Tz::UTC, utc("2026-03-05T03:00:00Z"));
        assert!(evening >= utc("2026-03-05T08:00:00Z") && evening < small_hours);
        assert!(small_hours < utc("2026-03-05T09:30:00Z"));
    }

    #[test]
    fn sunday_maps_to_monday_and_saturday_is_open() {
        let sat = utc("2026-03-07T11:00:00Z");
        assert_eq!(working_time(Tz::UTC, sat), sat);
        let sun = working_time(Tz::UTC, utc("2026-03-08T12:00:00Z"));
        assert_eq!(sun.weekday(), Weekday::Mon);
        assert_eq!(sun.hour(), 8);
    }

    #[test]
    fn local_time_zone_is_respected() {
        // 02:00 UTC is 10:00 in Shanghai: open.
        let t = utc("2026-03-04T02:00:00Z");
        assert_eq!(working_time(chrono_tz::Asia::Shanghai, t), t);
        assert_ne!(working_time(Tz::UTC, t), t);
    }

    #[test]
    fn creation_times_are_sorted_in_range_and_peak_in_the_morning() {
        let end = utc("2026-03-31T12:00:00Z");
        let start = end - Duration::days(90);
        let mut rng = StdRng::seed_from_u64(1);
        let times = creation_times(&mut rng, Tz::UTC, start, end, 5_000);
        assert_eq!(times.len(), 5_000);
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert!(times.iter().all(|t| *t > start && *t <= end));
        let at = |h: u32| times.iter().filter(|t| t.hour() == h).count();
        assert!(at(10) > 5 * at(3), "10h {} vs 3h {}", at(10), at(3));
    }
}
