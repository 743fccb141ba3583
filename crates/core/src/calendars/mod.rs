//! Business calendars: when a team works.
//!
//! The **workspace calendar** is the workspace's time zone and working hours (Settings)
//! with the days listed for it. A team may count in a **named calendar** of its own (a
//! Taipei team beside a Shanghai one): its own time zone, working hours and days. A case
//! counts its SLA in its team's calendar, the workspace's otherwise ([`Calendars`]).
//!
//! - `days.rs`: holidays and make-up working days, per calendar.
//! - `ics.rs`: reading them from an iCalendar file, previewed before anything is saved.
//! - `sets.rs`: the ready sets of public holidays shipped with the app.

pub mod days;
pub mod ics;
pub mod sets;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{CalendarId, TeamId};
use crate::input::TextRule;
use crate::settings::{self, WorkingDay};
use crate::sla::BusinessCalendar;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 80, true);

/// A named calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Calendar {
    /// Id.
    pub id: CalendarId,
    /// Name ("Taipei").
    pub name: String,
    /// IANA time zone its hours and days are read in.
    pub time_zone: String,
    /// Weekly working hours, Monday first, seven entries.
    pub working_hours: Vec<WorkingDay>,
    /// The teams counting in it, ordered by name.
    pub teams: Vec<TeamId>,
}

/// Input of the calendar form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CalendarInput {
    /// Name, required.
    pub name: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Weekly working hours, Monday first, seven entries.
    pub working_hours: Vec<WorkingDay>,
}

/// Which calendar a case counts in, as the SLA panel names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CalendarLabel {
    /// The named calendar; `None` for the workspace's.
    pub id: Option<CalendarId>,
    /// Its name; empty for the workspace's (the UI names it in the user's language).
    pub name: String,
    /// Its time zone.
    pub time_zone: String,
}

/// Every live named calendar, by name.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Calendar>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, time_zone, working_hours FROM calendars WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, CalendarId>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut teams: HashMap<CalendarId, Vec<TeamId>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT calendar_id, id FROM teams WHERE deleted_at IS NULL AND calendar_id IS NOT NULL ORDER BY name COLLATE NOCASE",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, CalendarId>(0)?, r.get::<_, TeamId>(1)?)))? {
        let (calendar, team) = row?;
        teams.entry(calendar).or_default().push(team);
    }
    rows.into_iter()
        .map(|(id, name, time_zone, hours)| {
            let teams = teams.remove(&id).unwrap_or_default();
            Ok(Calendar { id, name, time_zone, working_hours: settings::week_from_stored(&hours)?, teams })
        })
        .collect()
}

/// Fails with `NotFound` unless the calendar exists.
pub fn require(conn: &rusqlite::Connection, id: &CalendarId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM calendars WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "calendar", id: id.to_string() })
}

/// Checks a calendar's input (its name free among the others but `except`) and returns
/// the row's values.
fn check(
    conn: &rusqlite::Connection,
    input: &CalendarInput,
    except: Option<&CalendarId>,
) -> Result<[(&'static str, Value); 3]> {
    let name = NAME.check(&input.name)?;
    if input.time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error::invalid("timeZone", ValidationRule::InvalidTimeZone));
    }
    settings::validate_week(&input.working_hours)?;
    let taken = conn
        .prepare_cached(
            "SELECT 1 FROM calendars WHERE deleted_at IS NULL AND name = ?1 COLLATE NOCASE AND id IS NOT ?2",
        )?
        .query_row(rusqlite::params![name, except], |_| Ok(()))
        .optional()?
        .is_some();
    if taken {
        return Err(Error::invalid("name", ValidationRule::Duplicate));
    }
    let hours = serde_json::to_string(&input.working_hours).map_err(|e| Error::Internal(e.to_string()))?;
    Ok([
        ("name", Value::Text(name)),
        ("time_zone", Value::Text(input.time_zone.clone())),
        ("working_hours", Value::Text(hours)),
    ])
}

/// Adds a named calendar.
pub fn create(tx: &mut WriteTx<'_>, input: &CalendarInput) -> Result<CalendarId> {
    let values = check(tx.conn(), input, None)?;
    let id = CalendarId::new();
    tx.insert(Table::Calendars, id.as_str(), &values)?;
    Ok(id)
}

/// Changes a named calendar; the due times of its teams' active cases follow.
pub fn update(tx: &mut WriteTx<'_>, id: &CalendarId, input: &CalendarInput) -> Result<()> {
    require(tx.conn(), id)?;
    let values = check(tx.conn(), input, Some(id))?;
    tx.upsert(Table::Calendars, id.as_str(), &values)?;
    Ok(())
}

/// Removes a named calendar with its days; its teams count in the workspace calendar
/// again.
pub fn delete(tx: &mut WriteTx<'_>, id: &CalendarId) -> Result<()> {
    require(tx.conn(), id)?;
    let teams: Vec<TeamId> = tx
        .conn()
        .prepare_cached("SELECT id FROM teams WHERE calendar_id = ?1 AND deleted_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for team in teams {
        tx.upsert(Table::Teams, team.as_str(), &[("calendar_id", Value::Null)])?;
    }
    let days: Vec<String> = tx
        .conn()
        .prepare_cached("SELECT id FROM holidays WHERE calendar_id = ?1 AND deleted_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for day in days {
        tx.delete(Table::Holidays, &day)?;
    }
    tx.delete(Table::Calendars, id.as_str())?;
    Ok(())
}

/// Sets the calendar a team counts in (`None`: the workspace's); the due times of the
/// active cases follow.
pub fn set_team_calendar(tx: &mut WriteTx<'_>, team: &TeamId, calendar: Option<&CalendarId>) -> Result<()> {
    crate::people::ensure_team(tx.conn(), team)?;
    if let Some(c) = calendar {
        require(tx.conn(), c)?;
    }
    tx.upsert(Table::Teams, team.as_str(), &[("calendar_id", calendar.map_or(Value::Null, |c| Value::Text(c.to_string())))])?;
    Ok(())
}

/// The calendars cases count in, built on first need and kept for one evaluation pass
/// (refreshing the due times of 30,000 cases must not rebuild a calendar per case).
pub(crate) struct Calendars {
    settings: settings::Settings,
    /// Each team's named calendar, for teams that have one.
    team_calendar: HashMap<TeamId, CalendarId>,
    /// By calendar (None: the workspace's), with the label the SLA panel shows.
    built: RefCell<HashMap<Option<CalendarId>, Arc<BuiltCalendar>>>,
}

/// A calendar ready to count in, and how the SLA panel names it. Shared (`Arc`): the due
/// times of a first sync's new cases are worked out on a thread of their own.
pub(crate) type BuiltCalendar = (BusinessCalendar, CalendarLabel);

impl Calendars {
    /// Reads what choosing a calendar needs (not the calendars themselves).
    pub(crate) fn load(conn: &rusqlite::Connection, settings: settings::Settings) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT t.id, t.calendar_id FROM teams t JOIN calendars c ON c.id = t.calendar_id
             WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL",
        )?;
        let team_calendar = stmt
            .query_map([], |r| Ok((r.get::<_, TeamId>(0)?, r.get::<_, CalendarId>(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Calendars { settings, team_calendar, built: RefCell::default() })
    }

    /// The calendar a case of `team` counts in, and its label.
    pub(crate) fn for_team(
        &self,
        conn: &rusqlite::Connection,
        team: Option<&TeamId>,
    ) -> Result<Arc<BuiltCalendar>> {
        let id = team.and_then(|t| self.team_calendar.get(t)).cloned();
        if let Some(c) = self.built.borrow().get(&id) {
            return Ok(c.clone());
        }
        let built = Arc::new(build(conn, &self.settings, id.as_ref())?);
        self.built.borrow_mut().insert(id, built.clone());
        Ok(built)
    }
}

/// Builds one calendar: a named one, or the workspace's.
fn build(
    conn: &rusqlite::Connection,
    s: &settings::Settings,
    id: Option<&CalendarId>,
) -> Result<(BusinessCalendar, CalendarLabel)> {
    let named: Option<(String, String, String)> = match id {
        None => None,
        Some(id) => conn
            .prepare_cached("SELECT name, time_zone, working_hours FROM calendars WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
    };
    let (label, week) = match named {
        Some((name, time_zone, hours)) => {
            (CalendarLabel { id: id.cloned(), name, time_zone }, settings::week_from_stored(&hours)?)
        }
        None => (CalendarLabel { id: None, name: String::new(), time_zone: s.time_zone.clone() }, s.working_hours.clone()),
    };
    let tz: chrono_tz::Tz =
        label.time_zone.parse().map_err(|_| Error::Internal(format!("bad time zone {}", label.time_zone)))?;
    let calendar = BusinessCalendar::new(tz, &week, days::rules(conn, label.id.as_ref())?)?;
    Ok((calendar, label))
}

/// The workspace calendar (Settings' time zone and hours, with its days).
pub fn workspace_calendar(conn: &rusqlite::Connection, s: &settings::Settings) -> Result<BusinessCalendar> {
    Ok(build(conn, s, None)?.0)
}

#[cfg(test)]
mod tests;
