//! Files out of the CLI: CSV of case lists, saved views and KPIs.

use std::path::Path;

use super::{cli, stderr, stdout};

/// The headers and rows of a CSV file the CLI wrote (after checking its byte-order mark).
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte-order mark");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect();
    (headers, rows)
}

#[test]
fn case_list_writes_every_case_of_a_queue_or_view_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "700", "--lang", "zh-Hans"]).status.success());

    let all = dir.path().join("all.csv");
    let out = cli(&db, &["case", "list", "--csv", all.to_str().unwrap(), "--lang", "zh-Hant"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("exported 700 cases to {}\n", all.display()));
    let (headers, rows) = read_csv(&all);
    assert_eq!(headers[..3], ["案件編號", "標題", "狀態"]);
    assert_eq!(rows.len(), 700, "every case, not --limit's 100");

    let vip = dir.path().join("vip.csv");
    let out = cli(&db, &["case", "list", "--queue", "vip", "--csv", vip.to_str().unwrap(), "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (headers, rows) = read_csv(&vip);
    assert_eq!(headers[7], "VIP customer");
    assert!(!rows.is_empty() && rows.len() < 700);
    assert!(rows.iter().all(|r| r[7] == "true"), "the queue's cases only");

    // An existing file is never overwritten, and nothing partial is left behind.
    let again = cli(&db, &["case", "list", "--csv", all.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert!(!dir.path().join("all.csv.partial").exists());

    let nothing = cli(&db, &["case", "list", "--view", "Nope", "--csv", dir.path().join("x.csv").to_str().unwrap()]);
    assert!(stderr(&nothing).contains("no saved view is called \"Nope\""), "{}", stderr(&nothing));
    assert!(!dir.path().join("x.csv").exists());
}

#[test]
fn kpi_writes_the_tiles_as_csv_in_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());
    let file = dir.path().join("kpi.csv");
    let out = cli(&db, &["kpi", "--period", "7d", "--csv", file.to_str().unwrap(), "--lang", "zh-Hans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (headers, rows) = read_csv(&file);
    assert_eq!(headers[..3], ["指标", "键", "单位"]);
    assert!(headers[3].starts_with("本期（"), "{headers:?}");
    let frt = rows.iter().find(|r| r[1] == "first_response").unwrap();
    assert_eq!(frt[0], "首次响应时间");
    assert_eq!(frt[2], "秒");
    // The same numbers as --json, to the CSV's two decimals.
    let json: serde_json::Value = serde_json::from_str(&stdout(&cli(&db, &["kpi", "--period", "7d", "--json"]))).unwrap();
    let created = rows.iter().find(|r| r[1] == "created").unwrap();
    assert_eq!(created[3], json["current"]["kpis"]["created"].to_string());
    let csat = rows.iter().find(|r| r[1] == "csat").unwrap();
    match json["current"]["kpis"]["csat"]["percent"].as_f64() {
        Some(p) => assert!((csat[3].parse::<f64>().unwrap() - p).abs() < 0.006, "{} vs {p}", csat[3]),
        None => assert_eq!(csat[3], ""),
    }
}

#[test]
fn import_json_reads_an_export_into_an_empty_database_only() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.db"), dir.path().join("new.db"));
    assert!(cli(&old, &["demo", "--cases", "200", "--lang", "zh-Hant"]).status.success());
    let first = dir.path().join("first.json");
    assert!(cli(&old, &["export", "--json", first.to_str().unwrap()]).status.success());

    let out = cli(&new, &["import-json", first.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("imported ") && stdout(&out).contains("(200 cases)"), "{}", stdout(&out));
    let second = dir.path().join("second.json");
    assert!(cli(&new, &["export", "--json", second.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap(), "the same bytes");
    assert_eq!(stdout(&cli(&new, &["case", "list", "--limit", "5"])), stdout(&cli(&old, &["case", "list", "--limit", "5"])));

    // A second import into the now non-empty database is refused, and changes nothing.
    let again = cli(&new, &["import-json", first.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("the database is not empty"), "{}", stderr(&again));
    assert!(stderr(&again).contains("the database is unchanged"), "{}", stderr(&again));

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"tickets\":[]}").unwrap();
    let fresh = dir.path().join("fresh.db");
    let refused = cli(&fresh, &["import-json", bad.to_str().unwrap()]);
    assert!(stderr(&refused).contains("not a Frontline export"), "{}", stderr(&refused));
    let info = stdout(&cli(&fresh, &["info"]));
    assert!(info.lines().any(|l| l.starts_with("rows cases") && l.ends_with(" 0")), "{info}");
}
