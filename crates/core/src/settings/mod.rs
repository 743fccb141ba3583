//! Settings: the workspace's (organisation name, time zone, working hours — shared by the
//! team and synced) and this device's (language, theme — never synced).
//!
//! The UI edits them as one [`Settings`] value; [`save`] validates it and writes only the
//! columns that changed, each through the store's write path. The workspace's time zone
//! and hours are its default business calendar (`crate::calendars`).

mod validate;
mod working_hours;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

pub use validate::validate;
pub(crate) use validate::validate_week;
pub(crate) use working_hours::from_stored as week_from_stored;
pub use working_hours::{INTERVALS_PER_DAY_MAX, OpeningInterval, Weekday, WorkingDay, default_week};

use crate::store::schema::{DEVICE_ROW, Table, WORKSPACE_ROW};
use crate::{Error, Result, Store};

/// Longest organisation name accepted, in characters.
pub const ORGANISATION_NAME_MAX: u32 = 120;

/// Language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (简体中文).
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Traditional Chinese (繁體中文).
    #[serde(rename = "zh-Hant")]
    ZhHant,
}

/// Colour theme of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follow the operating system.
    #[default]
    System,
}

/// Every setting the Settings screen edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Shown in the title bar and on reports; may be empty.
    pub organisation_name: String,
    /// IANA time zone of the team (business hours and SLA clocks run in it).
    pub time_zone: String,
    /// Interface language on this device.
    pub language: Language,
    /// Colour theme on this device.
    pub theme: Theme,
    /// The team's weekly working hours, Monday first, seven entries.
    pub working_hours: Vec<WorkingDay>,
}

impl Settings {
    /// What a new database starts with: no name, the computer's time zone (UTC if unknown),
    /// English, the system theme and Monday–Friday 09:00–17:00.
    pub fn defaults() -> Settings {
        Settings {
            organisation_name: String::new(),
            time_zone: system_time_zone().to_owned(),
            language: Language::default(),
            theme: Theme::default(),
            working_hours: default_week(),
        }
    }
}

/// The computer's IANA time zone (`TZ` if it names one, else the system's; UTC if
/// unknown), read once: settings are loaded on every
/// SLA refresh, and the answer does not change while the app runs.
fn system_time_zone() -> &'static str {
    static TZ: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TZ.get_or_init(|| {
        // A `TZ` naming a zone is what this process's clock reads in (a user or a launcher
        // set it); the system's zone otherwise.
        let from_env = std::env::var("TZ").ok().map(|tz| tz.trim_start_matches(':').to_owned());
        from_env
            .into_iter()
            .chain(iana_time_zone::get_timezone().ok())
            .find(|tz| tz.parse::<chrono_tz::Tz>().is_ok())
            .unwrap_or_else(|| "UTC".to_owned())
    })
}

/// Every IANA time zone name, sorted, for the time-zone picker.
pub fn time_zones() -> Vec<String> {
    let mut v: Vec<String> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_owned()).collect();
    v.sort();
    v
}

/// Reads the settings; anything never saved comes from [`Settings::defaults`].
pub fn load(store: &Store) -> Result<Settings> {
    load_with(store.conn())
}

/// [`load`] on a bare connection (inside a write transaction, for instance).
pub fn load_with(conn: &rusqlite::Connection) -> Result<Settings> {
    let d = Settings::defaults();
    let ws: Option<(Option<String>, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT organisation_name, time_zone, working_hours FROM workspace_settings
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([WORKSPACE_ROW], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let dev: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT language, theme FROM device_preferences WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([DEVICE_ROW], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (name, tz, hours) = ws.unwrap_or_default();
    let (language, theme) = dev.unwrap_or_default();
    Ok(Settings {
        organisation_name: name.unwrap_or(d.organisation_name),
        time_zone: tz.unwrap_or(d.time_zone),
        language: language.map(|s| from_text(&s, "language")).transpose()?.unwrap_or(d.language),
        theme: theme.map(|s| from_text(&s, "theme")).transpose()?.unwrap_or(d.theme),
        working_hours: hours.map(|s| working_hours::from_stored(&s)).transpose()?.unwrap_or(d.working_hours),
    })
}

/// The workspace's time zone: the one its days (feedback dates, training completions,
/// review and expiry dates) are in.
pub(crate) fn workspace_zone(conn: &rusqlite::Connection) -> Result<chrono_tz::Tz> {
    Ok(load_with(conn)?.time_zone.parse().unwrap_or(chrono_tz::UTC))
}

/// Today in the workspace's time zone: the day dates people enter are judged against
/// (a feedback date, an insight's review, a training record's expiry).
pub fn today(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>) -> Result<chrono::NaiveDate> {
    Ok(now.with_timezone(&workspace_zone(conn)?).date_naive())
}

/// Validates and stores `settings`, writing only what changed; returns what is now stored.
pub fn save(store: &mut Store, settings: Settings) -> Result<Settings> {
    let settings = validate(settings)?;
    store.write(|tx| {
        tx.upsert(
            Table::WorkspaceSettings,
            WORKSPACE_ROW,
            &[
                ("organisation_name", Value::Text(settings.organisation_name.clone())),
                ("time_zone", Value::Text(settings.time_zone.clone())),
                ("working_hours", Value::Text(to_json(&settings.working_hours)?)),
            ],
        )?;
        tx.upsert(
            Table::DevicePreferences,
            DEVICE_ROW,
            &[
                ("language", Value::Text(to_text(&settings.language)?)),
                ("theme", Value::Text(to_text(&settings.theme)?)),
            ],
        )?;
        // Due times cached on cases follow a new calendar at commit (crate::derivations).
        Ok(())
    })?;
    load(store)
}

fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(e.to_string()))
}

/// Enum as its bare wire name (`"zh-Hans"`, not `"\"zh-Hans\""`).
fn to_text<T: Serialize>(v: &T) -> Result<String> {
    match serde_json::to_value(v).map_err(|e| Error::Internal(e.to_string()))? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(Error::Internal(format!("{other} is not a name"))),
    }
}

fn from_text<T: for<'de> Deserialize<'de>>(s: &str, what: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| Error::Internal(format!("stored {what} {s:?} is unknown: {e}")))
}

#[cfg(test)]
mod tests;
