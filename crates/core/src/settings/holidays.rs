//! Holidays: whole local days on which the team does not work, so business-hours SLA
//! clocks do not run (dates are read in the team's time zone by the calendar).
//!
//! Like the other calendar settings, adding or removing one recomputes the due times
//! cached on active cases in the same transaction.

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::HolidayId;
use crate::input::TextRule;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 80, false);
/// A holiday may be up to about ten years before today (the SLA of older cases is still
/// derived through the calendar) and up to about five years after it (the next years'
/// public holidays; a later date is a typo, such as year 9999). The UI's date picker
/// offers the same window.
pub const DAYS_BACK: u32 = 3650;
/// See [`DAYS_BACK`].
pub const DAYS_AHEAD: u32 = 1825;
/// The stored and wire form of a date.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// Input of the holiday form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HolidayInput {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// What it is ("National Day"); may be empty.
    pub name: String,
}

/// A stored holiday.
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
}

/// Parses a strict `YYYY-MM-DD` date (no other widths or signs).
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, DATE_FORMAT).ok()
}

/// Every live holiday, earliest first.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Holiday>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, date, name FROM holidays WHERE deleted_at IS NULL ORDER BY date, id")?;
    let rows = stmt.query_map([], |r| Ok(Holiday { id: r.get(0)?, date: r.get(1)?, name: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live holidays' dates, for the business calendar. A date that is not `YYYY-MM-DD`
/// (only a foreign writer could store one) is skipped: it names no day to close.
pub fn dates(conn: &rusqlite::Connection) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT date FROM holidays WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for d in rows {
        out.extend(parse_date(&d?));
    }
    Ok(out)
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

/// Adds a holiday (within the window around the transaction's today, in UTC) and
/// refreshes the cached due times of active cases.
pub fn create(tx: &mut WriteTx<'_>, input: &HolidayInput) -> Result<HolidayId> {
    let date = parse_date(input.date.trim()).ok_or(Error::invalid("date", ValidationRule::InvalidValue))?;
    let date = check_window(date, tx.now().date_naive())?;
    let name = NAME.check(&input.name)?;
    if dates(tx.conn())?.contains(&date) {
        return Err(Error::invalid("date", ValidationRule::Duplicate));
    }
    let id = HolidayId::new();
    tx.insert(
        Table::Holidays,
        id.as_str(),
        &[("date", Value::Text(date.format(DATE_FORMAT).to_string())), ("name", Value::Text(name))],
    )?;
    Ok(id)
}

/// Removes a holiday (the cached due times of active cases follow, see
/// `crate::derivations`).
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
}
