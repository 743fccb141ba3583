//! Calendars on a real database: a team's own calendar decides its cases' due times,
//! and every change to a calendar moves them in the same transaction.

use super::days::{self, DayKind, HolidayInput};
use super::*;
use crate::settings::Weekday;
use crate::cases::{self, CaseChannel, NewCase, Priority, case_sla};
use crate::ids::CaseId;
use crate::settings::{OpeningInterval, default_week};
use crate::store::Store;
use crate::store::test_support::temp_store;

/// Workspace in Shanghai, Monday–Friday 09:00–17:00, with Tuesday 3 March 2026 a holiday.
/// The test clock reads Monday 2 March 2026, 09:00 UTC (17:00 in Shanghai and Taipei).
fn store() -> (tempfile::TempDir, Store) {
    let (dir, mut store, _clock) = temp_store();
    let mut s = settings::Settings::defaults();
    s.time_zone = "Asia/Shanghai".into();
    settings::save(&mut store, s).unwrap();
    store.write(|tx| days::create(tx, &HolidayInput::holiday("2026-03-03", "Company day"))).unwrap();
    (dir, store)
}

fn taipei() -> CalendarInput {
    CalendarInput { name: "Taipei".into(), time_zone: "Asia/Taipei".into(), working_hours: default_week() }
}

fn new_case(store: &mut Store, team: Option<&TeamId>) -> CaseId {
    let case = NewCase {
        title: "Card declined".into(),
        description: String::new(),
        customer_id: None,
        channel: CaseChannel::Phone,
        category: "Billing".into(),
        priority: Priority::P2,
    };
    store
        .write(|tx| {
            let id = cases::create(tx, &case)?;
            if let Some(t) = team {
                cases::assign(tx, &id, None, Some(t))?;
            }
            Ok(id)
        })
        .unwrap()
}

/// The cached resolution due time (P2: eight business hours).
fn resolution_due(store: &Store, id: &CaseId) -> String {
    store.conn().query_row("SELECT resolution_due_at FROM cases WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

#[test]
fn a_holiday_in_one_teams_calendar_is_a_working_day_in_anothers() {
    let (_d, mut store) = store();
    let taipei_team = store.write(|tx| crate::people::create_team(tx, "Taipei desk")).unwrap();
    let calendar = store.write(|tx| create(tx, &taipei())).unwrap();
    store.write(|tx| set_team_calendar(tx, &taipei_team, Some(&calendar))).unwrap();

    let shanghai_case = new_case(&mut store, None);
    let taipei_case = new_case(&mut store, Some(&taipei_team));
    // Both start counting at the next opening after 17:00 local; the workspace skips its
    // Tuesday holiday, Taipei works it.
    assert_eq!(resolution_due(&store, &shanghai_case), "2026-03-04T09:00:00.000Z");
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-03T09:00:00.000Z");
    let sla = case_sla(&store, &taipei_case).unwrap();
    assert_eq!((sla.calendar.name.as_str(), sla.calendar.time_zone.as_str()), ("Taipei", "Asia/Taipei"));
    assert_eq!(sla.calendar.id, Some(calendar.clone()));
    let sla = case_sla(&store, &shanghai_case).unwrap();
    assert_eq!((sla.calendar.id, sla.calendar.time_zone.as_str()), (None, "Asia/Shanghai"));

    // Taipei's own holiday (Taiwan's 28 February falls on a Saturday in 2026; say the team
    // takes Tuesday) moves only its cases.
    let day = HolidayInput { calendar_id: Some(calendar.clone()), ..HolidayInput::holiday("2026-03-03", "補假") };
    store.write(|tx| days::create(tx, &day)).unwrap();
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-04T09:00:00.000Z");
    assert_eq!(resolution_due(&store, &shanghai_case), "2026-03-04T09:00:00.000Z");

    // A lunch break in Taipei's hours moves its cases at once.
    let mut lunch = taipei();
    for d in &mut lunch.working_hours {
        d.intervals = vec![OpeningInterval::new("09:00", "12:00"), OpeningInterval::new("13:00", "17:00")];
    }
    store.write(|tx| update(tx, &calendar, &lunch)).unwrap();
    // Seven hours on Wednesday, the eighth on Thursday 09:00–10:00 Taipei time.
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-05T02:00:00.000Z");

    // Moved back to no team, the case counts in the workspace calendar again.
    store.write(|tx| cases::assign(tx, &taipei_case, None, None)).unwrap();
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-04T09:00:00.000Z");
    store.write(|tx| cases::assign(tx, &taipei_case, None, Some(&taipei_team))).unwrap();
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-05T02:00:00.000Z");

    // Removing the calendar puts its teams back on the workspace's, and removes its days.
    store.write(|tx| delete(tx, &calendar)).unwrap();
    assert_eq!(resolution_due(&store, &taipei_case), "2026-03-04T09:00:00.000Z");
    assert!(list(store.conn()).unwrap().is_empty());
    assert_eq!(days::list(store.conn()).unwrap().len(), 1, "only the workspace's own day is left");
}

#[test]
fn a_make_up_saturday_brings_a_friday_evening_case_due_that_saturday() {
    let (_d, mut store, clock) = temp_store();
    let mut s = settings::Settings::defaults();
    s.time_zone = "Asia/Shanghai".into();
    settings::save(&mut store, s).unwrap();
    // Friday 9 October 2026, 18:00 in Shanghai: after hours.
    clock.set("2026-10-09T10:00:00Z".parse().unwrap());
    let case = new_case(&mut store, None);
    assert_eq!(resolution_due(&store, &case), "2026-10-12T09:00:00.000Z", "Monday 17:00 without a make-up day");
    let saturday = HolidayInput::workday("2026-10-10", "国庆节 补班", Weekday::Fri);
    store.write(|tx| days::create(tx, &saturday)).unwrap();
    assert_eq!(resolution_due(&store, &case), "2026-10-10T09:00:00.000Z", "Saturday 17:00");
    let listed = days::list(store.conn()).unwrap();
    assert_eq!((listed[0].kind, listed[0].works_as), (DayKind::Workday, Some(Weekday::Fri)));
}

#[test]
fn a_ready_set_applies_once_and_all_or_nothing() {
    let (_d, mut store, clock) = temp_store();
    clock.set("2026-09-01T00:00:00Z".parse().unwrap());
    let inputs = sets::to_inputs(store.conn(), None, "cn-2026").unwrap();
    assert_eq!(inputs.len(), sets::get("cn-2026").unwrap().days.len());
    let added = store.write(|tx| days::create_many(tx, &inputs)).unwrap();
    assert_eq!(added as usize, inputs.len());
    // Applied again, nothing is left to add, and the preview says why.
    assert!(sets::to_inputs(store.conn(), None, "cn-2026").unwrap().is_empty());
    assert!(sets::preview(store.conn(), None, "cn-2026").unwrap().iter().all(|d| d.already_listed));
    // A batch with one bad day writes none of it.
    let before = days::list(store.conn()).unwrap();
    let batch = [HolidayInput::holiday("2027-01-01", "元旦"), HolidayInput::holiday("2027-02-30", "bad")];
    assert!(store.write(|tx| days::create_many(tx, &batch)).is_err());
    assert_eq!(days::list(store.conn()).unwrap(), before);
}

#[test]
fn calendar_input_is_checked() {
    let (_d, mut store) = store();
    let rule = |store: &mut Store, input: CalendarInput| match store.write(|tx| create(tx, &input)) {
        Err(Error::Validation { field, rule, .. }) => (field, rule),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(rule(&mut store, CalendarInput { name: "  ".into(), ..taipei() }), ("name", ValidationRule::Required));
    assert_eq!(
        rule(&mut store, CalendarInput { time_zone: "Asia/Taipai".into(), ..taipei() }),
        ("timeZone", ValidationRule::InvalidTimeZone)
    );
    let mut overlap = taipei();
    overlap.working_hours[0].intervals.push(OpeningInterval::new("16:00", "20:00"));
    assert_eq!(rule(&mut store, overlap), ("workingHours", ValidationRule::Overlap));
    store.write(|tx| create(tx, &taipei())).unwrap();
    assert_eq!(rule(&mut store, CalendarInput { name: "taipei".into(), ..taipei() }), ("name", ValidationRule::Duplicate));
    let missing = CalendarId("no-such-calendar".into());
    let day = HolidayInput { calendar_id: Some(missing), ..HolidayInput::holiday("2026-03-04", "") };
    assert!(matches!(store.write(|tx| days::create(tx, &day)), Err(Error::NotFound { .. })));
    assert_eq!(list(store.conn()).unwrap().len(), 1);
}

#[test]
fn a_malformed_ics_file_saves_nothing() {
    let (_d, mut store) = store();
    let before = days::list(store.conn()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for content in ["BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260310\r\n", "holiday,2026-03-10\r\n"] {
        let result = store.write(|tx| {
            let preview = ics::preview(tx.conn(), None, content, today)?;
            days::create_many(tx, &ics::to_inputs(&preview.days, Weekday::Mon, None))
        });
        assert!(matches!(result, Err(Error::Validation { field: "file", .. })), "{result:?}");
    }
    assert_eq!(days::list(store.conn()).unwrap(), before);
}
