//! How a report's values read, in the PDF and the CLI's text report alike: a duration in
//! minutes or hours, a share with one decimal, "No data" rather than 0.

use super::ReportUnit;
use crate::export::labels::Label;
use crate::settings::Language;

/// A value as the report prints it, in `lang`.
pub fn value_text(lang: Language, unit: ReportUnit, v: Option<f64>) -> String {
    let Some(v) = v else { return Label::NoData.text(lang).to_owned() };
    match unit {
        ReportUnit::Seconds if v.abs() >= 3600.0 => format!("{:.1} {}", v / 3600.0, Label::Hour.text(lang)),
        ReportUnit::Seconds => format!("{} {}", (v / 60.0).round(), Label::Min.text(lang)),
        ReportUnit::Percent => format!("{v:.1}%"),
        ReportUnit::Score => format!("{v:+.0}"),
        ReportUnit::Cases => format!("{v:.0}"),
    }
}

/// The change from `before` to `now`: points for shares, the unit's own otherwise; empty
/// when either has no data.
pub fn change_text(lang: Language, unit: ReportUnit, now: Option<f64>, before: Option<f64>) -> String {
    match (now, before) {
        (Some(a), Some(b)) => match unit {
            ReportUnit::Percent => format!("{:+.1} pts", a - b),
            ReportUnit::Seconds => {
                let d = value_text(lang, unit, Some(a - b));
                if a >= b { format!("+{d}") } else { d }
            }
            ReportUnit::Score | ReportUnit::Cases => format!("{:+.0}", a - b),
        },
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_people_say_them() {
        assert_eq!(value_text(Language::En, ReportUnit::Seconds, Some(750.0)), "13 min");
        assert_eq!(value_text(Language::ZhHans, ReportUnit::Seconds, Some(5400.0)), "1.5 小时");
        assert_eq!(value_text(Language::En, ReportUnit::Percent, None), "No data");
        assert_eq!(value_text(Language::En, ReportUnit::Score, Some(-4.0)), "-4");
        assert_eq!(change_text(Language::En, ReportUnit::Percent, Some(87.5), Some(90.0)), "-2.5 pts");
        assert_eq!(change_text(Language::En, ReportUnit::Cases, Some(4.0), Some(0.0)), "+4");
        assert_eq!(change_text(Language::En, ReportUnit::Cases, Some(4.0), None), "");
    }
}
