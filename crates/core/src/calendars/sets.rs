//! Ready sets of public holidays (and mainland China's make-up working days) for the
//! regions Frontline's teams work in, for the current and the next year, shipped with the
//! app (`sets/sets.json`). Each set names its source; a set whose official arrangement
//! was not yet published when it was made says so (`complete: false`). A user applies a
//! set to a calendar through the same preview as an `.ics` import, and can edit the days
//! afterwards like any other.

use serde::{Deserialize, Serialize};

use super::days::{self, DayKind, HolidayInput};
use super::ics::ImportedDay;
use crate::ids::CalendarId;
use crate::settings::Weekday;
use crate::{Error, Result};

crate::text_enum::text_enum! {
    /// A region with a holiday set.
    pub enum Region {
        /// Mainland China.
        Cn = "cn",
        /// Taiwan.
        Tw = "tw",
        /// Hong Kong.
        Hk = "hk",
    }
}

/// One day of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Its name in the region's language.
    pub name: String,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// A make-up day's hours: those of the weekday whose rest it makes up for.
    pub works_as: Option<Weekday>,
}

/// A ready set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HolidaySet {
    /// `cn-2026`.
    pub id: String,
    /// Region.
    pub region: Region,
    /// Year.
    pub year: i32,
    /// Where the dates come from.
    pub source: String,
    /// False while the official arrangement of the year was not yet published: then the
    /// set holds the days fixed by law only.
    pub complete: bool,
    /// The days, earliest first.
    pub days: Vec<SetDay>,
}

#[derive(Deserialize)]
struct File {
    sets: Vec<HolidaySet>,
}

/// Every shipped set.
pub fn all() -> Vec<HolidaySet> {
    let file: File = serde_json::from_str(include_str!("sets/sets.json")).expect("the shipped holiday sets are valid");
    file.sets
}

/// The set `id`.
pub fn get(id: &str) -> Result<HolidaySet> {
    all().into_iter().find(|s| s.id == id).ok_or_else(|| Error::NotFound { entity: "holiday set", id: id.into() })
}

/// A set as the import preview shows it, marking the dates `calendar` already lists.
pub fn preview(conn: &rusqlite::Connection, calendar: Option<&CalendarId>, id: &str) -> Result<Vec<ImportedDay>> {
    let listed = days::listed(conn, calendar)?;
    Ok(get(id)?
        .days
        .into_iter()
        .map(|d| ImportedDay { already_listed: listed.contains(&d.date), date: d.date, name: d.name, kind: d.kind })
        .collect())
}

/// The days of set `id` not yet in `calendar`, to create.
pub fn to_inputs(conn: &rusqlite::Connection, calendar: Option<&CalendarId>, id: &str) -> Result<Vec<HolidayInput>> {
    let listed = preview(conn, calendar, id)?;
    Ok(get(id)?
        .days
        .into_iter()
        .zip(listed)
        .filter(|(_, p)| !p.already_listed)
        .map(|(d, _)| HolidayInput {
            date: d.date,
            name: d.name,
            kind: d.kind,
            works_as: d.works_as,
            calendar_id: calendar.cloned(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendars::days::parse_date;

    #[test]
    fn every_set_is_dated_sorted_and_well_formed() {
        let sets = all();
        for region in Region::ALL {
            for year in [2026, 2027] {
                assert!(sets.iter().any(|s| s.region == *region && s.year == year), "{region:?} {year}");
            }
        }
        for set in &sets {
            assert_eq!(set.id, format!("{}-{}", set.region.as_str(), set.year));
            assert!(!set.source.trim().is_empty());
            assert!(!set.days.is_empty());
            let mut previous = None;
            for day in &set.days {
                let date = parse_date(&day.date).unwrap_or_else(|| panic!("{}: {}", set.id, day.date));
                assert_eq!(chrono::Datelike::year(&date), set.year, "{}", day.date);
                assert!(previous < Some(date), "{}: {} twice or out of order", set.id, day.date);
                previous = Some(date);
                assert_eq!(day.works_as.is_some(), day.kind == DayKind::Workday, "{}", day.date);
            }
        }
    }

    #[test]
    fn mainland_2026_follows_the_state_council_notice() {
        let set = get("cn-2026").unwrap();
        let workdays: Vec<(&str, Weekday)> = set
            .days
            .iter()
            .filter(|d| d.kind == DayKind::Workday)
            .map(|d| (d.date.as_str(), d.works_as.unwrap()))
            .collect();
        // 国办发明电〔2025〕7号: 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、
        // 9月20日（周日）、10月10日（周六）上班.
        assert_eq!(
            workdays.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
            ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
        );
        // Each works with the hours of the weekday whose rest it makes up for.
        assert_eq!(workdays[0].1, Weekday::Fri);
        // The Golden Week: 1 to 7 October off (the 4th is a Sunday, closed anyway).
        for d in [1, 2, 3, 5, 6, 7] {
            let date = format!("2026-10-{d:02}");
            assert!(set.days.iter().any(|x| x.date == date && x.kind == DayKind::Holiday), "{date}");
        }
        assert!(set.complete);
        assert!(!get("cn-2027").unwrap().complete, "2027's arrangement was not published when the set was made");
    }

    #[test]
    fn an_unknown_set_is_not_found() {
        assert!(matches!(get("xx-2026"), Err(Error::NotFound { .. })));
    }
}
