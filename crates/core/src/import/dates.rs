//! The dates helpdesk exports and spreadsheets write, read into UTC instants.
//!
//! Accepted, with or without seconds and fractions of a second:
//! - ISO 8601 / RFC 3339: `2026-03-05T14:22:10Z`, `2026-03-05T14:22:10+08:00`,
//!   `2026-03-05T14:22` (no offset);
//! - year first with a space: `2026-03-05 14:22[:10]`, also followed by an offset the way
//!   Zendesk writes it (`2026-03-05 14:22:10 +0800`, `+08:00`, `UTC`, `Z`) — Freshdesk
//!   writes the same without an offset; `2026/03/05 14:22`; a date alone (`2026-03-05`,
//!   `2026/3/5`) is its midnight;
//! - day or month first (`05/03/2026 14:22`, `5.3.2026`, `03/05/2026 2:22 PM`) only when
//!   the mapping says which comes first ([`DateOrder`]): `03/05/2026` is the 3rd of May
//!   in one country and the 5th of March in another, and guessing would silently misdate
//!   a whole file;
//! - RFC 2822 (`Thu, 05 Mar 2026 14:22:10 +0800`), which some exports and mail tools use.
//!
//! A time without an offset is read in the mapping's time zone (an IANA name), so a file
//! written in Shanghai keeps its times whatever this computer's zone is. A local time
//! that does not exist there (the hour skipped by a DST change) is refused; one that
//! occurs twice takes the earlier.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Which comes first in a date written with the year last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Not said: a date with the year last is refused as ambiguous.
    #[default]
    Unknown,
    /// `DD/MM/YYYY` (most of the world, also Hong Kong).
    DayFirst,
    /// `MM/DD/YYYY` (the United States).
    MonthFirst,
}

/// Why a date was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date in any accepted form (or not a real day, such as 31 April).
    Unreadable,
    /// Day and month could be either way round, and the mapping does not say which.
    Ambiguous,
    /// A local time the time zone skips (a DST change).
    Nonexistent,
}

/// Reads `text` as an instant; a time without an offset is in `tz`.
pub fn parse(text: &str, order: DateOrder, tz: Tz) -> Result<DateTime<Utc>, DateProblem> {
    let t = text.trim();
    if t.is_empty() || t.len() > 64 {
        return Err(DateProblem::Unreadable);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    if t.as_bytes()[0].is_ascii_alphabetic() {
        return DateTime::parse_from_rfc2822(t).map(|d| d.with_timezone(&Utc)).map_err(|_| DateProblem::Unreadable);
    }
    let (date_part, rest) = split_date(t);
    let date = parse_date(date_part, order)?;
    let (time, offset) = parse_time_and_offset(rest)?;
    let naive = NaiveDateTime::new(date, time);
    match offset {
        Some(off) => match off.from_local_datetime(&naive) {
            LocalResult::Single(d) => Ok(d.with_timezone(&Utc)),
            _ => Err(DateProblem::Unreadable),
        },
        None => match tz.from_local_datetime(&naive) {
            LocalResult::Single(d) => Ok(d.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, _) => Ok(earlier.with_timezone(&Utc)),
            LocalResult::None => Err(DateProblem::Nonexistent),
        },
    }
}

/// The date part (up to the first space or `T`) and the rest.
fn split_date(t: &str) -> (&str, &str) {
    match t.find([' ', 'T']) {
        Some(i) => (&t[..i], t[i + 1..].trim_start()),
        None => (t, ""),
    }
}

fn parse_date(s: &str, order: DateOrder) -> Result<NaiveDate, DateProblem> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.')).ok_or(DateProblem::Unreadable)?;
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(DateProblem::Unreadable);
    }
    let n = |p: &str| p.parse::<u32>().map_err(|_| DateProblem::Unreadable);
    let (y, m, d) = if parts[0].len() == 4 {
        (n(parts[0])?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 {
        match order {
            DateOrder::DayFirst => (n(parts[2])?, n(parts[1])?, n(parts[0])?),
            DateOrder::MonthFirst => (n(parts[2])?, n(parts[0])?, n(parts[1])?),
            DateOrder::Unknown => return Err(DateProblem::Ambiguous),
        }
    } else {
        return Err(DateProblem::Unreadable);
    };
    let year = i32::try_from(y).map_err(|_| DateProblem::Unreadable)?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or(DateProblem::Unreadable)
}

/// `HH:MM[:SS[.fff]]`, an optional `AM`/`PM`, then an optional offset (`Z`, `UTC`, `GMT`,
/// `+0800`, `+08:00`, `+08`). Nothing at all is midnight.
fn parse_time_and_offset(rest: &str) -> Result<(NaiveTime, Option<FixedOffset>), DateProblem> {
    if rest.is_empty() {
        return Ok((NaiveTime::MIN, None));
    }
    // The clock time runs up to the first character that cannot be part of it.
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ',')).unwrap_or(rest.len());
    let (clock, mut tail) = (&rest[..end], rest[end..].trim_start());
    let mut time = parse_clock(clock)?;
    let upper = tail.to_ascii_uppercase();
    for (marker, pm) in [("AM", false), ("PM", true)] {
        if upper.starts_with(marker) {
            let h = chrono::Timelike::hour(&time);
            if !(1..=12).contains(&h) {
                return Err(DateProblem::Unreadable);
            }
            let h24 = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            time = chrono::Timelike::with_hour(&time, h24).ok_or(DateProblem::Unreadable)?;
            tail = tail[2..].trim_start();
            break;
        }
    }
    Ok((time, parse_offset(tail)?))
}

fn parse_clock(s: &str) -> Result<NaiveTime, DateProblem> {
    let s = s.replace(',', ".");
    for format in ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(&s, format) {
            return Ok(t);
        }
    }
    Err(DateProblem::Unreadable)
}

fn parse_offset(s: &str) -> Result<Option<FixedOffset>, DateProblem> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if matches!(s.to_ascii_uppercase().as_str(), "Z" | "UTC" | "GMT") {
        return Ok(Some(FixedOffset::east_opt(0).ok_or(DateProblem::Unreadable)?));
    }
    let (sign, digits) = match s.as_bytes()[0] {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return Err(DateProblem::Unreadable),
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return Err(DateProblem::Unreadable);
    }
    let hours: i32 = digits[..2].parse().map_err(|_| DateProblem::Unreadable)?;
    let minutes: i32 = if digits.len() == 4 { digits[2..].parse().map_err(|_| DateProblem::Unreadable)? } else { 0 };
    if hours > 14 || minutes > 59 {
        return Err(DateProblem::Unreadable);
    }
    Ok(Some(FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or(DateProblem::Unreadable)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn table_of_accepted_forms() {
        let cases: &[(&str, DateOrder, &str)] = &[
            ("2026-03-05T14:22:10Z", DateOrder::Unknown, "2026-03-05T14:22:10Z"),
            ("2026-03-05T14:22:10.250+08:00", DateOrder::Unknown, "2026-03-05T06:22:10.250Z"),
            ("2026-03-05T14:22", DateOrder::Unknown, "2026-03-05T06:22:00Z"),
            ("2026-03-05 14:22", DateOrder::Unknown, "2026-03-05T06:22:00Z"),
            ("2026-03-05 14:22:10", DateOrder::Unknown, "2026-03-05T06:22:10Z"),
            // Zendesk's export: an offset after the time.
            ("2026-03-05 14:22:10 +0100", DateOrder::Unknown, "2026-03-05T13:22:10Z"),
            ("2026-03-05 14:22:10 -07:00", DateOrder::Unknown, "2026-03-05T21:22:10Z"),
            ("2026-03-05 14:22:10 UTC", DateOrder::Unknown, "2026-03-05T14:22:10Z"),
            ("2026-03-05 14:22:10 +08", DateOrder::Unknown, "2026-03-05T06:22:10Z"),
            ("2026/03/05 14:22", DateOrder::Unknown, "2026-03-05T06:22:00Z"),
            ("2026/3/5", DateOrder::Unknown, "2026-03-04T16:00:00Z"),
            ("2026-03-05", DateOrder::Unknown, "2026-03-04T16:00:00Z"),
            ("05/03/2026 14:22", DateOrder::DayFirst, "2026-03-05T06:22:00Z"),
            ("5.3.2026", DateOrder::DayFirst, "2026-03-04T16:00:00Z"),
            ("03/05/2026 2:22 PM", DateOrder::MonthFirst, "2026-03-05T06:22:00Z"),
            ("03/05/2026 12:05 am", DateOrder::MonthFirst, "2026-03-04T16:05:00Z"),
            ("Thu, 05 Mar 2026 14:22:10 +0800", DateOrder::Unknown, "2026-03-05T06:22:10Z"),
            ("  2026-03-05 14:22:10,5 ", DateOrder::Unknown, "2026-03-05T06:22:10.500Z"),
        ];
        for (text, order, want) in cases {
            assert_eq!(parse(text, *order, SHANGHAI), Ok(utc(want)), "{text:?}");
        }
    }

    #[test]
    fn table_of_refusals() {
        let cases: &[(&str, DateOrder, DateProblem)] = &[
            ("", DateOrder::Unknown, DateProblem::Unreadable),
            ("yesterday", DateOrder::Unknown, DateProblem::Unreadable),
            ("05/03/2026", DateOrder::Unknown, DateProblem::Ambiguous),
            ("25/03/2026", DateOrder::Unknown, DateProblem::Ambiguous),
            ("25/03/2026", DateOrder::MonthFirst, DateProblem::Unreadable),
            ("2026-04-31", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-02-29 10:00", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-03-05 25:00", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-03-05 14:22 +2500", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-03-05 14:22 PST", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-03-05 13:00 PM", DateOrder::Unknown, DateProblem::Unreadable),
            ("26-03-05", DateOrder::Unknown, DateProblem::Unreadable),
            ("2026-03", DateOrder::Unknown, DateProblem::Unreadable),
            ("1234567890", DateOrder::Unknown, DateProblem::Unreadable),
        ];
        for (text, order, want) in cases {
            assert_eq!(parse(text, *order, SHANGHAI), Err(*want), "{text:?}");
        }
    }

    #[test]
    fn naive_times_follow_the_zone_across_a_dst_change() {
        let ny = chrono_tz::America::New_York;
        // 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice.
        assert_eq!(parse("2026-03-08 02:30", DateOrder::Unknown, ny), Err(DateProblem::Nonexistent));
        assert_eq!(parse("2026-03-08 03:30", DateOrder::Unknown, ny), Ok(utc("2026-03-08T07:30:00Z")));
        assert_eq!(parse("2026-11-01 01:30", DateOrder::Unknown, ny), Ok(utc("2026-11-01T05:30:00Z")));
        assert_eq!(parse("2026-11-01 01:30 -05:00", DateOrder::Unknown, ny), Ok(utc("2026-11-01T06:30:00Z")));
    }
}
