use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
}

/// Shaped like the mainland-China calendars publishers put out: all-day VEVENTs, a
/// multi-day holiday with an exclusive DTEND, a make-up day titled 补班, a folded line,
/// escapes, a timezone block and an alarm, no RRULE.
const GOLDEN_WEEK: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Holidays CN//ZH\r
X-WR-CALNAME:中国大陆节假日\r
BEGIN:VTIMEZONE\r
TZID:Asia/Shanghai\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+0800\r
TZOFFSETTO:+0800\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:2026-national-day@example\r
DTSTAMP:20251120T000000Z\r
DTSTART;VALUE=DATE:20261001\r
DTEND;VALUE=DATE:20261008\r
SUMMARY:国庆节\\, 中秋节\r
DESCRIPTION:10月1日至7日放假调休，共7天。9月20日（周日）、10月10日（周六）上班。\r
 （折行）\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER:-PT15M\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2026-10-10-work@example\r
DTSTAMP:20251120T000000Z\r
DTSTART;VALUE=DATE:20261010\r
SUMMARY:国庆节 补班\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2026-09-20-work@example\r
DTSTAMP:20251120T000000Z\r
DTSTART;VALUE=DATE:20260920\r
DTEND;VALUE=DATE:20260921\r
SUMMARY:上班\r
X-APPLE-SPECIAL-DAY:WORK-HOLIDAY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:meeting@example\r
DTSTAMP:20251120T000000Z\r
DTSTART;TZID=Asia/Shanghai:20261012T090000\r
DTEND;TZID=Asia/Shanghai:20261012T100000\r
SUMMARY:Team meeting\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly@example\r
DTSTAMP:20251120T000000Z\r
DTSTART;VALUE=DATE:20261016\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Casual Friday\r
END:VEVENT\r
END:VCALENDAR\r
";

#[test]
fn a_published_holiday_calendar_reads_as_days_and_make_up_days() {
    let p = read(GOLDEN_WEEK, today()).unwrap();
    assert_eq!(p.calendar_name.as_deref(), Some("中国大陆节假日"));
    let days: Vec<(&str, DayKind)> = p.days.iter().map(|d| (d.date.as_str(), d.kind)).collect();
    assert_eq!(
        days,
        [
            ("2026-09-20", DayKind::Workday),
            ("2026-10-01", DayKind::Holiday),
            ("2026-10-02", DayKind::Holiday),
            ("2026-10-03", DayKind::Holiday),
            ("2026-10-04", DayKind::Holiday),
            ("2026-10-05", DayKind::Holiday),
            ("2026-10-06", DayKind::Holiday),
            ("2026-10-07", DayKind::Holiday),
            ("2026-10-10", DayKind::Workday),
        ]
    );
    assert_eq!(p.days[1].name, "国庆节, 中秋节", "TEXT escapes are read");
    let skipped: Vec<(&str, SkipReason)> = p.skipped.iter().map(|s| (s.name.as_str(), s.reason)).collect();
    assert_eq!(skipped, [("Team meeting", SkipReason::Timed), ("Casual Friday", SkipReason::Repeating)]);
}

#[test]
fn make_up_days_take_the_chosen_weekday_and_listed_dates_are_left_alone() {
    let mut p = read(GOLDEN_WEEK, today()).unwrap();
    p.days[1].already_listed = true;
    let inputs = to_inputs(&p.days, Weekday::Fri, None);
    assert_eq!(inputs.len(), p.days.len() - 1);
    assert!(inputs.iter().all(|i| i.date != "2026-10-01"));
    assert_eq!(inputs[0].works_as, Some(Weekday::Fri));
    assert_eq!(inputs[1].works_as, None);
}

#[test]
fn malformed_files_are_refused_with_the_reason() {
    let rule = |content: &str| match read(content, today()) {
        Err(Error::Validation { field: "file", rule, .. }) => rule,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(rule(""), ValidationRule::InvalidValue);
    assert_eq!(rule("date,name\n2026-10-01,National Day\n"), ValidationRule::InvalidValue);
    assert_eq!(rule("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n"), ValidationRule::InvalidValue);
    assert_eq!(rule("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"), ValidationRule::Required);
    let only_meeting = GOLDEN_WEEK.split("BEGIN:VEVENT").next().unwrap().to_owned()
        + "BEGIN:VEVENT\r\nDTSTART:20261012T090000Z\r\nSUMMARY:m\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(rule(&only_meeting), ValidationRule::Required);
    assert_eq!(rule(&"X".repeat(FILE_MAX_BYTES as usize + 1)), ValidationRule::TooLong);
}

#[test]
fn absurd_events_are_left_out_not_expanded() {
    let event = |start: &str, end: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let p = read(&event("20260101", "20270101"), today()).unwrap();
    assert_eq!(p.skipped[0].reason, SkipReason::TooLong);
    assert_eq!(p.days.len(), 1);
    let p = read(&event("99990101", "99990102"), today()).unwrap();
    assert_eq!(p.skipped[0].reason, SkipReason::OutOfRange);
}

#[test]
fn a_date_given_as_holiday_and_make_up_day_is_a_holiday() {
    let both = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:补班\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:Company day off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let p = read(both, today()).unwrap();
    assert_eq!(p.days.len(), 1);
    assert_eq!(p.days[0].kind, DayKind::Holiday);
}

#[test]
fn workday_titles_in_three_languages() {
    for title in ["补班", "國慶日 補行上班", "调休上班", "Make-up working day", "春节 (班)", "Workday"] {
        assert!(is_workday_title(title), "{title}");
    }
    for title in ["国庆节", "春節", "National Day", "Christmas"] {
        assert!(!is_workday_title(title), "{title}");
    }
}
