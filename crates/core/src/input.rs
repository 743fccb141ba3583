//! Rules for input shared by every form and query: free text (trimmed, length-limited,
//! no control characters; newlines only where the field is multi-line), lists (a most
//! number of items), ids (the shape of a UUID) and times (a window around now).
//!
//! Every input that reaches the store passes one of these, so nothing unbounded is
//! written or sent to SQLite, and the refusal names the field, the rule and the limit.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::{Error, Result, ValidationRule};

/// How a text field is checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextRule {
    /// Wire name of the field (camelCase), for the error.
    pub field: &'static str,
    /// Maximum length in characters.
    pub max: u32,
    /// Whether an empty value is refused.
    pub required: bool,
    /// Whether line breaks and tabs are allowed.
    pub multiline: bool,
}

impl TextRule {
    pub const fn line(field: &'static str, max: u32, required: bool) -> Self {
        TextRule { field, max, required, multiline: false }
    }

    pub const fn block(field: &'static str, max: u32, required: bool) -> Self {
        TextRule { field, max, required, multiline: true }
    }

    /// Checks `value` and returns it trimmed.
    pub fn check(self, value: &str) -> Result<String> {
        let v = value.trim();
        if self.required && v.is_empty() {
            return Err(Error::invalid(self.field, ValidationRule::Required));
        }
        if v.chars().count() > self.max as usize {
            return Err(Error::Validation { field: self.field, rule: ValidationRule::TooLong, limit: Some(self.max) });
        }
        let bad = |c: char| c.is_control() && !(self.multiline && matches!(c, '\n' | '\t' | '\r'));
        if v.chars().any(bad) {
            return Err(Error::invalid(self.field, ValidationRule::InvalidValue));
        }
        Ok(v.to_owned())
    }
}

/// Refuses a list of more than `max` items (`TooMany`, with the limit).
pub(crate) fn check_count(field: &'static str, len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(Error::Validation { field, rule: ValidationRule::TooMany, limit: Some(max as u32) });
    }
    Ok(())
}

/// Longest id accepted: the text of a UUID (`8-4-4-4-12` hex digits).
pub(crate) const ID_MAX: usize = 36;

/// Refuses anything that cannot be an id of ours: longer than [`ID_MAX`], or with other
/// characters than ASCII letters, digits and `-`. (Whether it exists is for the caller.)
pub(crate) fn check_id(field: &'static str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > ID_MAX || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Error::invalid(field, ValidationRule::InvalidValue));
    }
    Ok(())
}

/// A window of time around now that a date input must fall in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeWindow {
    /// Wire name of the field (camelCase), for the error.
    pub field: &'static str,
    /// How many days before now are still accepted.
    pub days_back: u32,
    /// How many days after now are still accepted.
    pub days_ahead: u32,
}

impl TimeWindow {
    /// Checks `t` against the window around `now` (both ends included): `TooEarly` or
    /// `TooLate`, with the number of days as the limit.
    pub fn check(self, t: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        if t < now - Duration::days(i64::from(self.days_back)) {
            return Err(Error::Validation {
                field: self.field,
                rule: ValidationRule::TooEarly,
                limit: Some(self.days_back),
            });
        }
        if t > now + Duration::days(i64::from(self.days_ahead)) {
            return Err(Error::Validation {
                field: self.field,
                rule: ValidationRule::TooLate,
                limit: Some(self.days_ahead),
            });
        }
        Ok(t)
    }
}

/// Parses a day given as exactly `YYYY-MM-DD` (`InvalidValue` on `field` otherwise).
pub(crate) fn parse_day(s: &str, field: &'static str) -> Result<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or(Error::invalid(field, ValidationRule::InvalidValue))
}

/// Refuses a day more than `back` days before or `ahead` days after `today`.
pub(crate) fn check_day_window(day: NaiveDate, today: NaiveDate, field: &'static str, back: u32, ahead: u32) -> Result<()> {
    let offset = (day - today).num_days();
    if offset < -i64::from(back) {
        return Err(Error::Validation { field, rule: ValidationRule::TooEarly, limit: Some(back) });
    }
    if offset > i64::from(ahead) {
        return Err(Error::Validation { field, rule: ValidationRule::TooLate, limit: Some(ahead) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn table_of_inputs() {
        let line = TextRule::line("title", 5, true);
        let block = TextRule::block("notes", 5, false);
        let cases: &[(TextRule, &str, Result<&str, ValidationRule>)] = &[
            (line, "  abc ", Ok("abc")),
            (line, "", Err(ValidationRule::Required)),
            (line, "   ", Err(ValidationRule::Required)),
            (line, "abcdef", Err(ValidationRule::TooLong)),
            (line, "客服中心好", Ok("客服中心好")),
            (line, "a\nb", Err(ValidationRule::InvalidValue)),
            (line, "a\u{7}", Err(ValidationRule::InvalidValue)),
            (block, "a\nb", Ok("a\nb")),
            (block, "", Ok("")),
            (block, "a\u{0}", Err(ValidationRule::InvalidValue)),
        ];
        for (rule, input, want) in cases {
            let got = rule.check(input);
            match (got, want) {
                (Ok(v), Ok(w)) => assert_eq!(v, *w, "{input:?}"),
                (Err(Error::Validation { rule: r, .. }), Err(w)) => assert_eq!(r, *w, "{input:?}"),
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    fn rule(r: Result<impl std::fmt::Debug>) -> Option<(ValidationRule, Option<u32>)> {
        match r {
            Ok(_) => None,
            Err(Error::Validation { rule, limit, .. }) => Some((rule, limit)),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn lists_below_at_and_above_the_limit() {
        assert_eq!(rule(check_count("statuses", 99, 100)), None);
        assert_eq!(rule(check_count("statuses", 100, 100)), None);
        assert_eq!(rule(check_count("statuses", 101, 100)), Some((ValidationRule::TooMany, Some(100))));
    }

    #[test]
    fn ids_have_the_shape_of_a_uuid() {
        assert_eq!(rule(check_id("me", &crate::ids::AgentId::new().0)), None);
        assert_eq!(rule(check_id("me", &"a".repeat(ID_MAX))), None);
        for bad in ["".to_owned(), "a".repeat(ID_MAX + 1), "a b".into(), "x'); DROP".into(), "客服".into()] {
            assert_eq!(rule(check_id("me", &bad)), Some((ValidationRule::InvalidValue, None)), "{bad:?}");
        }
    }

    #[test]
    fn times_below_at_and_above_the_window() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let w = TimeWindow { field: "dueAt", days_back: 365, days_ahead: 730 };
        let back = now - Duration::days(365);
        let ahead = now + Duration::days(730);
        assert_eq!(rule(w.check(back, now)), None);
        assert_eq!(rule(w.check(back + Duration::seconds(1), now)), None);
        assert_eq!(rule(w.check(back - Duration::seconds(1), now)), Some((ValidationRule::TooEarly, Some(365))));
        assert_eq!(rule(w.check(ahead, now)), None);
        assert_eq!(rule(w.check(ahead - Duration::seconds(1), now)), None);
        assert_eq!(rule(w.check(ahead + Duration::seconds(1), now)), Some((ValidationRule::TooLate, Some(730))));
    }
}
