//! `report`: the service report as text, JSON and a PDF file.

use super::{cli, stderr, stdout};

/// The text a PDF reader extracts, without whitespace (extractors space glyphs
/// differently).
fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn report_writes_a_pdf_holding_every_kpi_name_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());
    let pdf = dir.path().join("week.pdf");
    let out = cli(&db, &["report", "--period", "week", "--pdf", pdf.to_str().unwrap(), "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("saved the weekly report "), "{}", stdout(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    for name in [
        "Weeklyservicereport",
        "Casescreated",
        "Firstresponsetime",
        "Resolutiontime",
        "SLAcompliance",
        "First-contactresolution",
        "Averagehandletime",
        "CSAT",
        "NPS",
        "Backlog",
        "Call-backsoverdue",
    ] {
        assert!(text.contains(name), "{name} missing from the PDF's text: {text}");
    }

    let again = cli(&db, &["report", "--period", "week", "--pdf", pdf.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read(&pdf).unwrap(), bytes, "the file is left as it was");

    let zh = dir.path().join("month.pdf");
    let out = cli(&db, &["report", "--period", "month", "--pdf", zh.to_str().unwrap(), "--lang", "zh-Hant"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(&zh).unwrap());
    for name in ["服務月報", "首次回應時間", "SLA達成率", "待處理量"] {
        assert!(text.contains(name), "{name} missing from the PDF's text: {text}");
    }
}

#[test]
fn report_prints_the_calendar_week_or_month_as_text_or_json_and_refuses_a_bad_of() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());

    let out = cli(&db, &["report", "--period", "week"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Weekly service report "), "{text}");
    for name in ["First response time", "SLA compliance", "CSAT", "NPS", "Backlog", "Day by day"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }

    let json = |args: &[&str]| -> serde_json::Value {
        let out = cli(&db, args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let week = json(&["report", "--period", "week", "--json"]);
    assert_eq!(week["current"]["days"], 7);
    assert_eq!(week["previous"]["days"], 7);
    assert_eq!(week["days"].as_array().unwrap().len(), 7);
    let monday = week["current"]["firstDay"].as_str().unwrap();
    let monday = chrono::NaiveDate::parse_from_str(monday, "%Y-%m-%d").unwrap();
    assert_eq!(chrono::Datelike::weekday(&monday), chrono::Weekday::Mon);
    let earlier = week["period"]["earlier"].as_str().unwrap().to_owned();
    let before = json(&["report", "--period", "week", "--of", &earlier, "--json"]);
    assert_eq!(before["current"], week["previous"], "the week before is the previous week's report");
    assert_eq!(before["period"]["later"], week["current"]["firstDay"]);

    let month = json(&["report", "--period", "month", "--json"]);
    assert_eq!(month["current"]["firstDay"].as_str().unwrap()[8..], *"01");
    let days = month["current"]["days"].as_u64().unwrap();
    assert!((28..=31).contains(&days) && month["days"].as_array().unwrap().len() as u64 == days);

    let refused = |args: &[&str]| {
        let out = cli(&db, args);
        assert!(!out.status.success(), "{}", stdout(&out));
        stderr(&out)
    };
    assert!(refused(&["report", "--period", "month", "--of", "2099-01-01"]).contains("that month has not ended yet"));
    assert!(refused(&["report", "--period", "week", "--of", "5 March"]).contains("--of must be a day as YYYY-MM-DD"));
    assert!(refused(&["report", "--period", "week", "--of", "1990-01-01"]).contains("a report goes back at most 3660 days"));
    assert!(refused(&["report", "--period", "fortnight"]).contains("unknown period \"fortnight\"; use week or month"));
}
