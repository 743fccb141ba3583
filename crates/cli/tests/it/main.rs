//! The CLI as a user runs it: a real binary on real files.

use std::path::Path;
use std::process::{Command, Output};

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-cli")).arg("--db").arg(db).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn info_creates_and_describes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("frontline.db");
    let out = cli(&db, &["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("database:        {}", db.display())), "{text}");
    let version = frontline_core::store::migrations::latest_version();
    assert!(text.contains(&format!("schema version:  {version}")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("node id:") && l.split_whitespace().last().unwrap().len() == 16));
    assert!(text.contains("rows cases"), "{text}");
}

#[test]
fn backup_then_restore_round_trips_and_keeps_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("frontline.db");
    assert!(cli(&db, &["info"]).status.success());
    let backup = dir.path().join("backup.db");
    let out = cli(&db, &["backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("backup written to"));
    assert!(stderr(&out).contains("100%"), "progress is shown: {}", stderr(&out));

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
    assert!(cli(&db, &["info"]).status.success());
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
