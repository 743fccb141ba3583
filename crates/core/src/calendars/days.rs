//! The dates of a calendar that differ from their weekday: **holidays**, whole local days
//! on which the team does not work (business-hours clocks stop), and **make-up working
//! days** (调休), worked with the hours of a chosen weekday although the date would be
//! closed. Dates are read in the calendar's time zone.
//!
//! Each row belongs to one calendar: the workspace's (`calendar_id` empty) or a named one.
//! Adding, changing or removing one recomputes the due times cached on active cases in the
//! same transaction (`crate::derivations`).

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{CalendarId, HolidayId};
use crate::input::TextRule;
use crate::settings::Weekday;
use crate::sla::DayRule;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 80, false);
/// A day may be up to about ten years before today (the SLA of older cases is still
/// derived through the calendar) and up to about five years after it (the next years'
/// public holidays; a later date is a typo, such as year 9999). The UI's date picker
/// offers the same window.
pub const DAYS_BACK: u32 = 3650;
/// See [`DAYS_BACK`].
pub const DAYS_AHEAD: u32 = 1825;
/// The stored and wire form of a date.
const DATE_FORMAT: &str = "%Y-%m-%d";

crate::text_enum::text_enum! {
    /// What a listed date is.
    pub enum DayKind {
        /// Nobody works.
        Holiday = "holiday",
        /// A make-up working day, worked with the hours of `works_as`.
        Workday = "workday",
    }
}

/// Input of the day form (and of each day an import or a holiday set adds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HolidayInput {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// What it is ("National Day"); may be empty.
    pub name: String,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// For a make-up working day: whose hours it has. Ignored for a holiday.
    pub works_as: Option<Weekday>,
    /// The calendar; `None` for the workspace's.
    pub calendar_id: Option<CalendarId>,
}

impl HolidayInput {
    /// A holiday of the workspace calendar.
    pub fn holiday(date: &str, name: &str) -> Self {
        HolidayInput { date: date.into(), name: name.into(), kind: DayKind::Holiday, works_as: None, calendar_id: None }
    }

    /// A make-up working day of the workspace calendar.
    pub fn workday(date: &str, name: &str, works_as: Weekday) -> Self {
        HolidayInput { kind: DayKind::Workday, works_as: Some(works_as), ..Self::holiday(date, name) }
    }
}

/// A stored holiday or make-up working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Holiday {
    /// Id.
    pub id: HolidayId,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Name; may be empty.
    pub name: String,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// For a make-up working day: whose hours it has.
    pub works_as: Option<Weekday>,
    /// The calendar; `None` for the workspace's.
    pub calendar_id: Option<CalendarId>,
}

/// Parses a strict `YYYY-MM-DD` date (no other widths or signs).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, DATE_FORMAT).ok()
}

/// The stored form of a date.
pub(crate) fn format_date(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

const SELECT: &str = "SELECT id, date, name, kind, works_as, calendar_id FROM holidays WHERE deleted_at IS NULL";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Holiday> {
    let kind: String = r.get(3)?;
    let works_as: Option<String> = r.get(4)?;
    Ok(Holiday {
        id: r.get(0)?,
        date: r.get(1)?,
        name: r.get(2)?,
        // A kind or weekday only a newer version knows reads as a plain holiday.
        kind: DayKind::parse(&kind).unwrap_or(DayKind::Holiday),
        works_as: works_as.as_deref().and_then(Weekday::from_name),
        calendar_id: r.get(5)?,
    })
}

/// Every live day of every calendar, earliest first.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Holiday>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY date, id"))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live days of one calendar (`None`: the workspace's) as the business calendar reads
/// them. A date that is not `YYYY-MM-DD`, or a make-up day without a weekday (only a
/// foreign writer could store either), is skipped: it names no day to change.
pub fn rules(conn: &rusqlite::Connection, calendar: Option<&CalendarId>) -> Result<Vec<(NaiveDate, DayRule)>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} AND calendar_id IS ?1 ORDER BY date, kind DESC, id"))?;
    let rows = stmt.query_map([calendar], read)?;
    let mut out = Vec::new();
    for day in rows {
        let day = day?;
        let Some(date) = parse_date(&day.date) else { continue };
        match (day.kind, day.works_as) {
            (DayKind::Holiday, _) => out.push((date, DayRule::Holiday)),
            (DayKind::Workday, Some(w)) => out.push((date, DayRule::WorksAs(w))),
            (DayKind::Workday, None) => {}
        }
    }
    // Two devices may each have added the same date offline; a holiday then wins (it is
    // last for its date: `kind DESC` puts 'workday' first), the safer reading for a clock.
    Ok(out)
}

/// The dates `calendar` already lists (either kind), for previews of what an import adds.
pub(crate) fn listed(conn: &rusqlite::Connection, calendar: Option<&CalendarId>) -> Result<std::collections::HashSet<String>> {
    Ok(rules(conn, calendar)?.into_iter().map(|(d, _)| format_date(d)).collect())
}

/// Refuses a `date` outside [`DAYS_BACK`]..[`DAYS_AHEAD`] days around `today`.
fn check_window(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if date < today - chrono::Days::new(DAYS_BACK.into()) {
        return Err(Error::Validation { field: "date", rule: ValidationRule::TooEarly, limit: Some(DAYS_BACK) });
    }
    if date > today + chrono::Days::new(DAYS_AHEAD.into()) {
        return Err(Error::Validation { field: "date", rule: ValidationRule::TooLate, limit: Some(DAYS_AHEAD) });
    }
    Ok(date)
}

/// A checked day, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedDay {
    pub date: NaiveDate,
    pub name: String,
    pub kind: DayKind,
    pub works_as: Option<Weekday>,
}

/// Checks one input against the rules that need no database: a strict date within the
/// window around `today`, a short name, a weekday for a make-up day.
pub(crate) fn check(input: &HolidayInput, today: NaiveDate) -> Result<CheckedDay> {
    let date = parse_date(input.date.trim()).ok_or(Error::invalid("date", ValidationRule::InvalidValue))?;
    let date = check_window(date, today)?;
    let name = NAME.check(&input.name)?;
    let works_as = match input.kind {
        DayKind::Holiday => None,
        DayKind::Workday => Some(input.works_as.ok_or(Error::invalid("worksAs", ValidationRule::Required))?),
    };
    Ok(CheckedDay { date, name, kind: input.kind, works_as })
}

/// Adds a holiday or make-up day (within the window around the transaction's today, in
/// UTC) to its calendar; the cached due times of active cases follow.
pub fn create(tx: &mut WriteTx<'_>, input: &HolidayInput) -> Result<HolidayId> {
    let day = check(input, tx.now().date_naive())?;
    if let Some(calendar) = &input.calendar_id {
        super::require(tx.conn(), calendar)?;
    }
    insert(tx, &day, input.calendar_id.as_ref())
}

/// Stores a checked day, refusing a date its calendar already lists.
pub(crate) fn insert(tx: &mut WriteTx<'_>, day: &CheckedDay, calendar: Option<&CalendarId>) -> Result<HolidayId> {
    if rules(tx.conn(), calendar)?.iter().any(|(d, _)| *d == day.date) {
        return Err(Error::invalid("date", ValidationRule::Duplicate));
    }
    let id = HolidayId::new();
    tx.insert(
        Table::Holidays,
        id.as_str(),
        &[
            ("date", Value::Text(format_date(day.date))),
            ("name", Value::Text(day.name.clone())),
            ("kind", day.kind.into()),
            ("works_as", day.works_as.map_or(Value::Null, |w| Value::Text(w.name().into()))),
            ("calendar_id", calendar.map_or(Value::Null, |c| Value::Text(c.to_string()))),
        ],
    )?;
    Ok(id)
}

/// Adds several days at once (an import, a holiday set), all or none; returns how many.
pub fn create_many(tx: &mut WriteTx<'_>, inputs: &[HolidayInput]) -> Result<u32> {
    if inputs.len() > super::ics::DAYS_MAX as usize {
        return Err(Error::Validation { field: "days", rule: ValidationRule::TooMany, limit: Some(super::ics::DAYS_MAX) });
    }
    for input in inputs {
        create(tx, input)?;
    }
    Ok(inputs.len() as u32)
}

/// Removes a holiday or make-up day (the cached due times of active cases follow).
pub fn delete(tx: &mut WriteTx<'_>, id: &HolidayId) -> Result<()> {
    if !tx.delete(Table::Holidays, id.as_str())? {
        return Err(Error::NotFound { entity: "holiday", id: id.to_string() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_stay_within_ten_years_back_and_five_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let back = today - chrono::Days::new(DAYS_BACK.into());
        let ahead = today + chrono::Days::new(DAYS_AHEAD.into());
        for ok in [back, back.succ_opt().unwrap(), today, ahead.pred_opt().unwrap(), ahead] {
            assert_eq!(check_window(ok, today).unwrap(), ok);
        }
        let refused = |d: NaiveDate| match check_window(d, today) {
            Err(Error::Validation { field: "date", rule, limit }) => (rule, limit),
            other => panic!("{other:?}"),
        };
        assert_eq!(refused(back.pred_opt().unwrap()), (ValidationRule::TooEarly, Some(3650)));
        assert_eq!(refused(ahead.succ_opt().unwrap()), (ValidationRule::TooLate, Some(1825)));
        assert_eq!(refused(parse_date("0001-01-01").unwrap()), (ValidationRule::TooEarly, Some(3650)));
        assert_eq!(refused(parse_date("9999-12-31").unwrap()), (ValidationRule::TooLate, Some(1825)));
    }

    #[test]
    fn dates_must_be_strict_iso() {
        for ok in ["2026-10-01", "2024-02-29"] {
            assert!(parse_date(ok).is_some(), "{ok}");
        }
        for bad in
            ["2026-1-01", "2026-02-30", "2025-02-29", "20261001", "2026/10/01", "+2026-10-01", "", "2026-10-01T00"]
        {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_make_up_day_needs_the_weekday_whose_hours_it_has() {
        let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let mut day = HolidayInput::workday("2026-10-10", "National Day make-up", Weekday::Fri);
        assert_eq!(check(&day, today).unwrap().works_as, Some(Weekday::Fri));
        day.works_as = None;
        assert!(matches!(
            check(&day, today),
            Err(Error::Validation { field: "worksAs", rule: ValidationRule::Required, .. })
        ));
        // A holiday ignores a weekday given by mistake.
        let holiday = HolidayInput { works_as: Some(Weekday::Mon), ..HolidayInput::holiday("2026-10-01", "") };
        assert_eq!(check(&holiday, today).unwrap().works_as, None);
    }
}
