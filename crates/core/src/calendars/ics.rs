//! Holidays and make-up working days from an iCalendar (`.ics`) file, the form in which
//! official and company calendars are published.
//!
//! [`preview`] only reads: it lists each all-day event as the days it would add (a
//! multi-day event is one day each), marks the dates the calendar already lists, and says
//! why any other event was left out (a timed or repeating event). Nothing is saved until
//! the user applies the preview (`days::create_many`).
//!
//! A **make-up working day** is recognised by its title (补班, 上班, 補行上班, "make-up",
//! "working day"…, the words publishers use), or by Apple's `X-APPLE-SPECIAL-DAY:
//! WORK-HOLIDAY`; it takes the weekday hours the user picks in the preview.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::days::{self, DayKind, HolidayInput};
use crate::ids::CalendarId;
use crate::settings::Weekday;
use crate::{Error, Result, ValidationRule};

/// Largest file read, in bytes (a national calendar for ten years is about 100 kB).
pub const FILE_MAX_BYTES: u32 = 1_000_000;
/// Most days one file may add.
pub const DAYS_MAX: u32 = 2_000;
/// Longest all-day event taken, in days (a Golden Week is 7 to 9; longer is a mistake or
/// a "season", not a holiday).
const EVENT_DAYS_MAX: u64 = 31;

/// Words in an event's title that mark a make-up working day, lower-case.
const WORKDAY_WORDS: &[&str] =
    &["补班", "補班", "上班", "make-up", "makeup", "make up", "working day", "workday", "work day"];

/// One day the import would add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportedDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The event's title.
    pub name: String,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// The calendar already lists this date: it is left as it is.
    pub already_listed: bool,
}

/// An event the import leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SkippedEvent {
    /// The event's title.
    pub name: String,
    /// Its start as written in the file.
    pub start: String,
    /// Why.
    pub reason: SkipReason,
}

crate::text_enum::text_enum! {
    /// Why an event is not imported.
    pub enum SkipReason {
        /// It has a time of day: not a whole-day holiday.
        Timed = "timed",
        /// It repeats (RRULE/RDATE): the dates it means depend on rules this import does
        /// not expand; published holiday calendars list each date.
        Repeating = "repeating",
        /// Longer than a month.
        TooLong = "too_long",
        /// Outside the dates a calendar may hold (about ten years back, five ahead).
        OutOfRange = "out_of_range",
        /// No start date, or one that is not a date.
        NoDate = "no_date",
    }
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The calendar's own name (`X-WR-CALNAME`), if it gives one.
    pub calendar_name: Option<String>,
    /// The days, earliest first.
    pub days: Vec<ImportedDay>,
    /// Events left out.
    pub skipped: Vec<SkippedEvent>,
}

/// Reads `content` (an `.ics` file's text) against the days `calendar` already lists.
///
/// Errors (field `file`): `TooLong` over [`FILE_MAX_BYTES`], `InvalidValue` for text
/// that is not an iCalendar calendar or is malformed, `Required` for a calendar without a
/// single all-day event to import, `TooMany` over [`DAYS_MAX`] days.
pub fn preview(
    conn: &rusqlite::Connection,
    calendar: Option<&CalendarId>,
    content: &str,
    today: NaiveDate,
) -> Result<ImportPreview> {
    let mut preview = read(content, today)?;
    let listed = days::listed(conn, calendar)?;
    for day in &mut preview.days {
        day.already_listed = listed.contains(&day.date);
    }
    Ok(preview)
}

/// The days of a preview to create: those not already listed, make-up days working as
/// `works_as`.
pub fn to_inputs(days: &[ImportedDay], works_as: Weekday, calendar: Option<&CalendarId>) -> Vec<HolidayInput> {
    days.iter()
        .filter(|d| !d.already_listed)
        .map(|d| HolidayInput {
            date: d.date.clone(),
            name: d.name.clone(),
            kind: d.kind,
            works_as: (d.kind == DayKind::Workday).then_some(works_as),
            calendar_id: calendar.cloned(),
        })
        .collect()
}

fn bad_file() -> Error {
    Error::invalid("file", ValidationRule::InvalidValue)
}

/// Parses the file: a pure function of its text and today's date.
fn read(content: &str, today: NaiveDate) -> Result<ImportPreview> {
    if content.len() > FILE_MAX_BYTES as usize {
        return Err(Error::Validation { field: "file", rule: ValidationRule::TooLong, limit: Some(FILE_MAX_BYTES) });
    }
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if !content.trim_start().to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        return Err(bad_file());
    }
    let unfolded = icalendar::parser::unfold(content);
    let parsed = icalendar::parser::read_calendar(&unfolded).map_err(|_| bad_file())?;
    let prop = |props: &[icalendar::parser::Property<'_>], name: &str| {
        props.iter().find(|p| p.name.as_str().eq_ignore_ascii_case(name)).map(|p| p.val.as_str().to_owned())
    };
    let calendar_name = prop(&parsed.properties, "X-WR-CALNAME").map(|n| unescape(&n)).filter(|n| !n.trim().is_empty());

    let mut out = ImportPreview { calendar_name, days: Vec::new(), skipped: Vec::new() };
    for event in parsed.components.iter().filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT")) {
        let props = &event.properties;
        let name = prop(props, "SUMMARY").map(|s| unescape(&s)).unwrap_or_default().trim().to_owned();
        let start_prop = props.iter().find(|p| p.name.as_str().eq_ignore_ascii_case("DTSTART"));
        let start_text = start_prop.map(|p| p.val.as_str().to_owned()).unwrap_or_default();
        let skip = |reason| SkippedEvent { name: name.clone(), start: start_text.clone(), reason };
        if prop(props, "RRULE").is_some() || prop(props, "RDATE").is_some() {
            out.skipped.push(skip(SkipReason::Repeating));
            continue;
        }
        let Some(start) = start_prop else {
            out.skipped.push(skip(SkipReason::NoDate));
            continue;
        };
        let Some(first) = whole_day(start.val.as_str()) else {
            let timed = start.val.as_str().contains('T');
            out.skipped.push(skip(if timed { SkipReason::Timed } else { SkipReason::NoDate }));
            continue;
        };
        // DTEND is exclusive for all-day events; without it (or DURATION) the event is one day.
        let end = prop(props, "DTEND").and_then(|e| whole_day(&e)).unwrap_or_else(|| first + Days::new(1));
        let length = (end - first).num_days();
        if length > EVENT_DAYS_MAX as i64 {
            out.skipped.push(skip(SkipReason::TooLong));
            continue;
        }
        let apple_work = prop(props, "X-APPLE-SPECIAL-DAY").is_some_and(|v| v.eq_ignore_ascii_case("WORK-HOLIDAY"));
        let kind = if apple_work || is_workday_title(&name) { DayKind::Workday } else { DayKind::Holiday };
        let window = first..end.max(first + Days::new(1));
        let mut date = window.start;
        while date < window.end {
            let probe = HolidayInput { date: days::format_date(date), name: name.clone(), kind, works_as: Some(Weekday::Mon), calendar_id: None };
            match days::check(&probe, today) {
                Ok(_) => out.days.push(ImportedDay { date: probe.date, name: name.clone(), kind, already_listed: false }),
                Err(Error::Validation { field: "date", .. }) => {
                    out.skipped.push(SkippedEvent { name: name.clone(), start: probe.date, reason: SkipReason::OutOfRange })
                }
                Err(e) => return Err(e),
            }
            date = date + Days::new(1);
        }
        if out.days.len() > DAYS_MAX as usize {
            return Err(Error::Validation { field: "file", rule: ValidationRule::TooMany, limit: Some(DAYS_MAX) });
        }
    }
    if out.days.is_empty() {
        return Err(Error::invalid("file", ValidationRule::Required));
    }
    // One entry per date: a holiday wins over a make-up day given for the same date.
    out.days.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
    out.days.dedup_by(|later, earlier| later.date == earlier.date);
    Ok(out)
}

/// A `DTSTART`/`DTEND` value that is a date without a time (`20261001`).
fn whole_day(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    (v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| NaiveDate::parse_from_str(v, "%Y%m%d").ok())
        .flatten()
}

fn is_workday_title(name: &str) -> bool {
    let lower = name.to_lowercase();
    WORKDAY_WORDS.iter().any(|w| lower.contains(w)) || lower.ends_with("(班)") || lower.ends_with("（班）")
}

/// TEXT values escape `,` `;` `\` and newlines (RFC 5545 3.3.11).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
