//! Settings stored through the write path, on a real database file.

use super::*;
use crate::store::test_support::temp_store;

fn sample() -> Settings {
    let mut s = Settings::defaults();
    s.organisation_name = "华东客服中心".into();
    s.time_zone = "Asia/Shanghai".into();
    s.language = Language::ZhHant;
    s.theme = Theme::Dark;
    s.working_hours[5].open = true;
    s.working_hours[5].intervals = vec![super::OpeningInterval::new("10:00", "12:00"), super::OpeningInterval::new("13:00", "14:30")];
    s
}

fn logged_columns(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT col FROM outbox ORDER BY seq").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn fresh_database_reads_defaults() {
    let (_dir, store, _) = temp_store();
    let s = load(&store).unwrap();
    assert_eq!(s.organisation_name, "");
    assert_eq!(s.language, Language::En);
    assert_eq!(s.theme, Theme::System);
    assert_eq!(s.working_hours, default_week());
    assert!(s.time_zone.parse::<chrono_tz::Tz>().is_ok());
}

#[test]
fn saved_settings_survive_reopening_the_database() {
    let (dir, mut store, clock) = temp_store();
    let saved = save(&mut store, sample()).unwrap();
    assert_eq!(saved, sample());
    drop(store);
    let store = Store::open_with_clock(&dir.path().join("frontline.db"), clock.now()).unwrap();
    assert_eq!(load(&store).unwrap(), sample());
}

#[test]
fn only_changed_synced_columns_reach_the_outbox() {
    let (_dir, mut store, _) = temp_store();
    save(&mut store, sample()).unwrap();
    assert_eq!(logged_columns(&store), ["created_at", "organisation_name", "time_zone", "working_hours"]);
    // Language and theme are this device's: never in the outbox.
    let mut s = sample();
    s.language = Language::En;
    s.theme = Theme::Light;
    save(&mut store, s.clone()).unwrap();
    assert_eq!(logged_columns(&store).len(), 4);
    s.organisation_name = "East Support".into();
    save(&mut store, s).unwrap();
    assert_eq!(logged_columns(&store).last().unwrap(), "organisation_name");
    assert_eq!(logged_columns(&store).len(), 5);
}

#[test]
fn invalid_settings_change_nothing() {
    let (_dir, mut store, _) = temp_store();
    save(&mut store, sample()).unwrap();
    let before = load(&store).unwrap();
    let mut bad = sample();
    bad.organisation_name = "renamed".into();
    bad.time_zone = "Nowhere/Land".into();
    assert!(matches!(save(&mut store, bad), Err(crate::Error::Validation { field: "timeZone", .. })));
    assert_eq!(load(&store).unwrap(), before);
    assert_eq!(logged_columns(&store).len(), 4);
}

#[test]
fn wire_format_is_camel_case_with_named_enums() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["organisationName"], "华东客服中心");
    assert_eq!(json["language"], "zh-Hant");
    assert_eq!(json["theme"], "dark");
    assert_eq!(json["workingHours"][0]["weekday"], "mon");
    assert_eq!(json["workingHours"][5]["intervals"][1]["start"], "13:00");
}

#[test]
fn time_zone_list_is_sorted_and_complete() {
    let zones = time_zones();
    assert!(zones.len() > 400);
    assert!(zones.windows(2).all(|w| w[0] < w[1]));
    for z in ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Europe/London", "UTC"] {
        assert!(zones.iter().any(|x| x == z), "{z}");
    }
}
