//! The placeholders of communication templates, in one place: which exist, finding the
//! unknown ones in a text (refused when a template is saved), and filling a text with a
//! run's values. Pure functions: the run's values are gathered by the caller
//! (templates.rs), so filling is tested without a database.
//!
//! A placeholder is `{name}` with `name` made of ASCII lower-case letters, digits and `_`;
//! any other brace is plain text, so `{` in a message never needs escaping.

/// The incident's name: the title of the plan's version the run follows.
pub const INCIDENT_NAME: &str = "incident_name";
/// When the run was activated, in the reader's time zone.
pub const START_TIME: &str = "start_time";
/// When service is expected back, as typed in when filling.
pub const EXPECTED_RECOVERY: &str = "expected_recovery";
/// Who leads the response.
pub const COMMANDER: &str = "commander";

/// Every placeholder, in the order the template form lists them (exported to the UI as
/// `PLAN_PLACEHOLDERS`).
pub const PLACEHOLDERS: [&str; 4] = [INCIDENT_NAME, START_TIME, EXPECTED_RECOVERY, COMMANDER];

/// Whether `name` is a known placeholder.
pub fn is_known(name: &str) -> bool {
    PLACEHOLDERS.contains(&name)
}

/// Each `{name}` of `text` with its byte range, in order.
fn occurrences(text: &str) -> Vec<(usize, usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let name_len = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'_')
                .count();
            let end = i + 1 + name_len;
            if name_len > 0 && bytes.get(end) == Some(&b'}') {
                out.push((i, end + 1, &text[i + 1..end]));
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The placeholders of `text` that are not known, each once, in order of appearance.
pub fn unknown(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in occurrences(text) {
        if !is_known(name) && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// The values to fill a template with; `None` (or an empty value) when the run has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    /// `{incident_name}`.
    pub incident_name: Option<String>,
    /// `{start_time}`.
    pub start_time: Option<String>,
    /// `{expected_recovery}`.
    pub expected_recovery: Option<String>,
    /// `{commander}`.
    pub commander: Option<String>,
}

impl Values {
    fn get(&self, name: &str) -> Option<&str> {
        let v = match name {
            INCIDENT_NAME => &self.incident_name,
            START_TIME => &self.start_time,
            EXPECTED_RECOVERY => &self.expected_recovery,
            COMMANDER => &self.commander,
            _ => return None,
        };
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
}

/// `text` with each known placeholder replaced by its value. A placeholder without a value
/// (or an unknown one, from a newer peer) is left as it is, so the gap shows in the message;
/// the names left are returned, each once, for the form to point at.
pub fn fill(text: &str, values: &Values) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut missing: Vec<String> = Vec::new();
    let mut from = 0;
    for (start, end, name) in occurrences(text) {
        out.push_str(&text[from..start]);
        match values.get(name) {
            Some(v) => out.push_str(v),
            None => {
                out.push_str(&text[start..end]);
                if !missing.iter().any(|n| n == name) {
                    missing.push(name.to_owned());
                }
            }
        }
        from = end;
    }
    out.push_str(&text[from..]);
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            incident_name: Some("Telephony outage".into()),
            start_time: Some("2026-12-06 14:05 (UTC+08:00)".into()),
            expected_recovery: Some("16:00".into()),
            commander: Some("Ann Lee".into()),
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let (text, missing) =
            fill("{incident_name} since {start_time}, back by {expected_recovery}. {commander}", &values());
        assert_eq!(text, "Telephony outage since 2026-12-06 14:05 (UTC+08:00), back by 16:00. Ann Lee");
        assert!(missing.is_empty());
    }

    #[test]
    fn chinese_text_around_and_in_values_is_kept_whole() {
        let v =
            Values { incident_name: Some("电话系统故障".into()), commander: Some("王芳".into()), ..values() };
        let (text, missing) =
            fill("【{incident_name}】自{start_time}起，负责人：{commander}。预计{expected_recovery}恢复。", &v);
        assert_eq!(text, "【电话系统故障】自2026-12-06 14:05 (UTC+08:00)起，负责人：王芳。预计16:00恢复。");
        assert!(missing.is_empty());
    }

    #[test]
    fn a_missing_value_leaves_its_placeholder_and_is_reported_once() {
        let v = Values { expected_recovery: None, commander: Some("  ".into()), ..values() };
        let (text, missing) = fill("Back by {expected_recovery} ({expected_recovery}); {commander}", &v);
        assert_eq!(text, "Back by {expected_recovery} ({expected_recovery}); {commander}");
        assert_eq!(missing, ["expected_recovery", "commander"]);
    }

    #[test]
    fn braces_that_are_not_placeholders_are_plain_text() {
        let (text, missing) = fill("{ not one } {Commander} {} {commander", &values());
        assert_eq!(text, "{ not one } {Commander} {} {commander");
        assert!(missing.is_empty());
        assert!(unknown("{ not one } {Commander} {} {commander").is_empty());
    }

    #[test]
    fn unknown_placeholders_are_named_once_in_order() {
        assert_eq!(unknown("{incident} {commander} {eta} {incident}"), ["incident", "eta"]);
        assert!(unknown("{incident_name}{start_time}{expected_recovery}{commander}").is_empty());
        assert_eq!(unknown("预计{恢复时间}和{eta_2}"), ["eta_2"]);
    }
}
