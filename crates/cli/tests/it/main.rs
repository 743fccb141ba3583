//! The CLI as a user runs it: a real binary on real files.

use std::path::Path;
use std::process::{Command, Output};

pub(crate) fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-cli")).arg("--db").arg(db).args(args).output().unwrap()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn info_describes_a_database_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("frontline.db");
    let out = cli(&db, &["info"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
    assert!(!dir.path().join("data").exists(), "info creates nothing");

    assert!(cli(&db, &["demo", "--cases", "20"]).status.success());
    let out = cli(&db, &["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("database:        {}", db.display())), "{text}");
    let version = frontline_core::store::migrations::latest_version();
    assert!(text.contains(&format!("schema version:  {version}")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("node id:") && l.split_whitespace().last().unwrap().len() == 16));
    assert!(text.contains("rows cases                  20"), "{text}");
}

#[test]
fn backup_then_restore_round_trips_and_keeps_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "5"]).status.success());
    let backup = dir.path().join("backup.db");
    let out = cli(&db, &["backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("backup written to"));
    // Progress is drawn on a terminal only: a pipe or a log gets no `\r` lines.
    assert!(!stderr(&out).contains('\r'), "no progress lines off a terminal: {:?}", stderr(&out));

    let again = cli(&db, &["backup", backup.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));

    let out = cli(&db, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("previous database kept at"), "{}", stdout(&out));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("frontline.before-restore-"));
    assert!(kept);
}

#[test]
fn bad_files_give_clear_errors_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "5"]).status.success());
    let before = std::fs::read(&db).unwrap();

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database at all, just some text that is long enough").unwrap();
    let out = cli(&db, &["restore", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not a Frontline database"), "{}", stderr(&out));

    let out = cli(&junk, &["info"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not a Frontline database"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&junk).unwrap(), b"this is not a database at all, just some text that is long enough");

    let out = cli(&db, &["restore", dir.path().join("missing.db").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

fn case_count(db: &Path) -> u64 {
    let out = cli(db, &["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out).lines().find(|l| l.starts_with("rows cases ")).unwrap().to_owned();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// Issue #13: processes (not threads) opening, migrating, backing up and writing one file
/// at once, over and over: every one succeeds (waiting its turn) and the data is intact.
#[test]
fn many_processes_open_migrate_back_up_and_write_one_file_at_once() {
    let exe = env!("CARGO_BIN_EXE_frontline-cli");
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("frontline.db");
        let spawn = |args: &[&str]| {
            Command::new(exe)
                .arg("--db")
                .arg(&db)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        // A new path: four writers create and migrate it together.
        let writers: Vec<_> = (0..4).map(|_| spawn(&["demo", "--cases", "25", "--force"])).collect();
        for w in writers {
            let out = w.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: writer failed: {}", stderr(&out));
        }
        assert_eq!(case_count(&db), 100, "round {round}");
        // An existing file: writers, inspectors and backups at once.
        let mut children = Vec::new();
        for i in 0..3 {
            children.push(("write", spawn(&["demo", "--cases", "25", "--force", "--seed", &i.to_string()])));
            children.push(("info", spawn(&["info"])));
            let copy = dir.path().join(format!("copy-{i}.db"));
            children.push(("backup", spawn(&["backup", copy.to_str().unwrap()])));
        }
        for (what, child) in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {what} failed: {}", stderr(&out));
        }
        assert_eq!(case_count(&db), 175, "round {round}");
        assert_eq!(integrity(&db), "ok");
        for i in 0..3 {
            let copy = dir.path().join(format!("copy-{i}.db"));
            assert_eq!(integrity(&copy), "ok", "round {round}: copy {i}");
            let n = case_count(&copy);
            assert!((100..=175).contains(&n) && n.is_multiple_of(25), "round {round}: copy {i} holds {n} cases");
        }
    }
}

/// Issue #13: reading needs no write lock — `info` and `backup` answer while another
/// process is in the middle of one long write, and the copy is consistent.
#[test]
fn info_and_backup_work_during_a_long_write_in_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "10"]).status.success());
    let mut demo = Command::new(env!("CARGO_BIN_EXE_frontline-cli"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--cases", "30000", "--force"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the demo is generating: its one transaction holds the write lock.
    let probe = rusqlite::Connection::open(&db).unwrap();
    let writing = |probe: &rusqlite::Connection| probe.execute_batch("BEGIN IMMEDIATE; ROLLBACK").is_err();
    let started = std::time::Instant::now();
    while !writing(&probe) {
        assert!(demo.try_wait().unwrap().is_none(), "the demo ended before it was seen writing");
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the demo never took the write lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let copy = dir.path().join("during.db");
    let backup = cli(&db, &["backup", copy.to_str().unwrap()]);
    let info = cli(&db, &["info"]);
    let still_writing = demo.try_wait().unwrap().is_none() && writing(&probe);
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(info.status.success(), "{}", stderr(&info));
    assert!(still_writing, "the demo should still be writing; make it larger if this machine is that fast");
    assert!(stdout(&info).contains("rows cases                  10"), "{}", stdout(&info));
    assert_eq!(integrity(&copy), "ok");
    assert_eq!(case_count(&copy), 10, "the copy is the state before the long write");
    assert!(demo.wait().unwrap().success());
    assert_eq!(case_count(&db), 30_010);
}

fn stderr_of(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(!out.status.success(), "expected a failure: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("error:").count(), 1, "one error, printed once: {err:?}");
    assert!(err.ends_with('\n'), "{err:?}");
    err
}

#[test]
fn an_os_error_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    // The database's directory would have to be made inside a file: ENOTDIR (os error 20).
    let err = stderr_of(&file.join("data").join("frontline.db"), &["info"]);
    assert_eq!(err.matches("os error 20").count(), 1, "{err}");
    assert!(err.starts_with("error: cannot open "), "{err}");
}

#[test]
fn missing_directory_and_empty_paths_each_get_their_own_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "1"]).status.success());
    let missing = dir.path().join("missing.db");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let sub = dir.path().join("folder");
    std::fs::create_dir(&sub).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_owned();

    // restore FILE
    assert!(stderr_of(&db, &["restore", &s(&missing)]).contains(&format!("{}: no such file", missing.display())));
    assert!(stderr_of(&db, &["restore", &s(&sub)]).contains("is a directory, not a database file"));
    assert!(stderr_of(&db, &["restore", &s(&empty)]).contains("is empty (0 bytes), not a Frontline database"));

    // backup with a --db that is missing, a directory or empty: nothing is created.
    let out = dir.path().join("out.db");
    assert!(stderr_of(&missing, &["backup", &s(&out)]).contains(&format!("{}: no such file", missing.display())));
    assert!(!missing.exists(), "backing up a mistyped --db must not create it");
    assert!(stderr_of(&sub, &["backup", &s(&out)]).contains("is a directory, not a database file"));
    assert!(stderr_of(&empty, &["backup", &s(&out)]).contains("is empty (0 bytes)"));
    assert!(!out.exists());

    // backup PATH that is a directory or in no directory
    assert!(stderr_of(&db, &["backup", &s(&sub)]).contains("is a directory; name a file inside it"));
    assert!(
        stderr_of(&db, &["backup", &s(&dir.path().join("nope/out.db"))]).contains("no such directory to write it in")
    );

    // --db that is a directory, for any command: refused before it is touched.
    #[cfg(unix)]
    let mode = || std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&sub).unwrap().permissions());
    #[cfg(unix)]
    let before = mode();
    assert!(stderr_of(&sub, &["info"]).contains("is a directory, not a database file"));
    #[cfg(unix)]
    assert_eq!(mode(), before, "the directory's permissions are untouched");
}

#[test]
fn info_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "1"]).status.success());
    // `frontline-cli info | head -0`, made certain: the pipe's reader is gone before it runs.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_frontline-cli"))
        .arg("--db")
        .arg(&db)
        .arg("info")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?} {}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "", "no panic, no message");
}

#[test]
fn a_backup_removes_and_reports_what_a_killed_one_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "3"]).status.success());
    let dest = dir.path().join("backup.db");
    // What `kill -9` during a backup leaves.
    let partial = dir.path().join("backup.db.partial");
    std::fs::write(&partial, b"half a database").unwrap();
    let out = cli(&db, &["backup", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("removed {}, left by an interrupted backup", partial.display())),
        "{}",
        stderr(&out)
    );
    assert!(!partial.exists());
    assert_eq!(integrity(&dest), "ok");

    // And a restore: the copy aside a killed restore left half-written.
    let aside = dir.path().join("frontline.before-restore-20260101T000000.000Z.db.partial");
    std::fs::write(&aside, b"half a copy").unwrap();
    let out = cli(&db, &["restore", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("removed {}, left by an interrupted restore", aside.display())),
        "{}",
        stderr(&out)
    );
    assert!(!aside.exists());
}

#[test]
fn demo_follows_the_core_rule_on_size_and_existing_cases() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    let err = stderr_of(&db, &["demo", "--cases", "100001"]);
    assert_eq!(err, "error: --cases must be from 1 to 100000 (got 100001)\n");
    let err = stderr_of(&db, &["demo", "--cases", "0"]);
    assert_eq!(err, "error: --cases must be from 1 to 100000 (got 0)\n");
    let out = cli(&db, &["demo", "--cases", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr_of(&db, &["demo", "--cases", "5"]);
    assert!(err.contains("already has 5 cases") && err.contains("--force"), "{err}");
    assert!(err.starts_with("error: "), "the progress line is not left open before the error: {err:?}");
    let out = cli(&db, &["demo", "--cases", "5", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created 5 cases"));
}

/// SIGTERM (and Ctrl-C) cancel a long run cleanly, and the message starts on its own line
/// after the `\r` progress line.
#[cfg(unix)]
#[test]
fn a_terminated_demo_cancels_cleanly_and_says_so_on_its_own_line() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline-cli"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--cases", "100000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    // Wait until the demo is generating (its one transaction holds the write lock; the
    // progress line is drawn on a terminal only), then terminate.
    let started = std::time::Instant::now();
    while !db.exists() || rusqlite::Connection::open(&db).unwrap().execute_batch("BEGIN IMMEDIATE; ROLLBACK").is_ok() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the demo never started writing");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    err.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    let text = String::from_utf8_lossy(&seen).into_owned();
    assert_eq!(status.code(), Some(1), "{text}");
    assert_eq!(text, "error: cancelled; the database is unchanged\n");
    let out = cli(&db, &["info"]);
    assert!(stdout(&out).lines().any(|l| l.starts_with("rows cases") && l.ends_with(" 0")), "{}", stdout(&out));
}

#[test]
fn kpi_prints_the_dashboards_numbers_and_refuses_a_bad_period_or_team() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());

    let out = cli(&db, &["kpi"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for name in [
        "First response time",
        "Resolution time",
        "SLA compliance",
        "First-contact resolution",
        "CSAT",
        "NPS",
        "Backlog",
        "Call-backs overdue",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.lines().next().unwrap().contains("(30 days, "), "{text}");

    let out = cli(&db, &["kpi", "--period", "7d", "--priority", "P1", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["current"]["period"]["days"], 7);
    assert_eq!(json["previous"]["period"]["days"], 7);
    assert_eq!(json["drills"]["created"]["priorities"], serde_json::json!(["p1"]));
    let created = json["current"]["kpis"]["created"].as_u64().unwrap();
    let all: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&db, &["kpi", "--period", "7d", "--json"]))).unwrap();
    assert!(created <= all["current"]["kpis"]["created"].as_u64().unwrap());

    let backwards = cli(&db, &["kpi", "--period", "2026-03-05..2026-03-01"]);
    assert!(!backwards.status.success());
    assert!(stderr(&backwards).contains("invalid to: the end is not after the start"), "{}", stderr(&backwards));
    let long = cli(&db, &["kpi", "--period", "2025-01-01..2026-06-01"]);
    assert!(stderr(&long).contains("a period can be at most 366 days long"), "{}", stderr(&long));
    let unknown = cli(&db, &["kpi", "--period", "fortnight"]);
    assert!(stderr(&unknown).contains("unknown period \"fortnight\""), "{}", stderr(&unknown));
    let nobody = cli(&db, &["kpi", "--team", "Nobody"]);
    assert!(stderr(&nobody).contains("team Nobody not found"), "{}", stderr(&nobody));
}

#[test]
fn kpi_by_agent_prints_a_leaderboard_whose_rows_add_up_to_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());
    let out = cli(&db, &["kpi", "--period", "90d", "--by", "agent", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let board: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = board["rows"].as_array().unwrap();
    assert!(rows.len() > 1, "the demo's agents: {board}");
    let sum = |key: &str| rows.iter().map(|r| r["kpis"][key].as_u64().unwrap()).sum::<u64>();
    let all: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&db, &["kpi", "--period", "90d", "--json"]))).unwrap();
    assert_eq!(sum("created"), all["current"]["kpis"]["created"].as_u64().unwrap());
    assert_eq!(sum("resolved"), all["current"]["kpis"]["resolved"].as_u64().unwrap());
    assert!(all["charts"]["volume"].as_array().unwrap().len() >= 13, "90 days in weeks");

    let text = stdout(&cli(&db, &["kpi", "--by", "team"]));
    assert!(text.lines().next().unwrap().ends_with("per team"), "{text}");
    assert!(text.contains("SLA "), "{text}");
    let bad = cli(&db, &["kpi", "--by", "floor"]);
    assert!(stderr(&bad).contains("unknown leaderboard \"floor\"; use agent or team"), "{}", stderr(&bad));
}

#[test]
fn voc_painpoints_prints_the_heat_maps_and_their_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["demo", "--cases", "300"]).status.success());

    let out = cli(&db, &["voc", "painpoints", "--period", "90d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for heading in ["Cases: journey stage x root cause", "Feedback: journey stage x theme", "CSAT"] {
        assert!(text.contains(heading), "{heading} missing from:\n{text}");
    }

    let out = cli(&db, &["voc", "painpoints", "--period", "90d", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["period"]["days"], 90);
    let rows = json["cases"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7, "the seven built-in stages");
    let counted: u64 = rows.iter().map(|r| r["total"]["count"].as_u64().unwrap()).sum();
    assert!(counted > 0, "{json}");

    let backwards = cli(&db, &["voc", "painpoints", "--period", "2026-03-05..2026-03-01"]);
    assert!(stderr(&backwards).contains("invalid to: the end is not after the start"), "{}", stderr(&backwards));
}
mod export;
mod import;
mod report;
mod training;
