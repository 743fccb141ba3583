//! Backup and restore on real files, including while another connection writes.

use std::ops::ControlFlow;

use rusqlite::types::Value;

use super::*;
use crate::settings::{self, Settings};
use crate::store::schema::{Table, WORKSPACE_ROW};
use crate::store::test_support::temp_store;

fn named(store: &mut Store, name: &str) {
    let mut s = Settings::defaults();
    s.organisation_name = name.into();
    settings::save(store, s).unwrap();
}

/// Makes the database about 1,000 pages, so a copy takes several steps.
fn bulk(store: &mut Store) {
    let filler = Value::Text("x".repeat(4_000_000));
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, "filler", &[("organisation_name", filler)])).unwrap();
}

fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

#[test]
fn backup_is_a_consistent_private_standalone_copy() {
    let (dir, mut store, _) = temp_store();
    named(&mut store, "Acme");
    let dest = dir.path().join("backup.db");
    let mut seen = Vec::new();
    backup(store.path(), &dest, |p| {
        seen.push(p);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert!(seen.last().is_some_and(|p| p.done == p.total && p.total > 0));
    assert!(!dest.with_extension("db-wal").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let copy = Store::open(&dest).unwrap();
    assert_eq!(settings::load(&copy).unwrap().organisation_name, "Acme");
    assert_eq!(inspect(&dest).unwrap().node_id, store.node_id().to_string());
}

#[test]
fn backup_while_another_connection_writes_stays_consistent() {
    let (dir, mut store, _) = temp_store();
    named(&mut store, "Acme");
    bulk(&mut store);
    let path = dir.path().join("frontline.db");
    let mut writer = Store::open(&path).unwrap();
    let dest = dir.path().join("during.db");
    let mut writes = 0;
    backup(store.path(), &dest, |_| {
        // Another process keeps writing between steps.
        writes += 1;
        writer
            .write(|tx| {
                tx.upsert(
                    Table::WorkspaceSettings,
                    WORKSPACE_ROW,
                    &[("organisation_name", Value::Text(format!("w{writes}")))],
                )
            })
            .unwrap();
        ControlFlow::Continue(())
    })
    .unwrap();
    assert!(writes > 1, "the copy took several steps");
    let copy = Store::open(&dest).unwrap();
    let check: String = copy.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    // The snapshot is the state when the backup began, none of the writes made during it.
    assert_eq!(settings::load(&copy).unwrap().organisation_name, "Acme");
}

#[test]
fn backup_refuses_to_overwrite_and_cancel_leaves_no_file() {
    let (dir, mut store, _) = temp_store();
    bulk(&mut store);
    let dest = dir.path().join("b.db");
    std::fs::write(&dest, b"keep me").unwrap();
    assert!(matches!(backup(store.path(), &dest, go), Err(Error::AlreadyExists { .. })));
    assert_eq!(std::fs::read(&dest).unwrap(), b"keep me");
    let dest2 = dir.path().join("c.db");
    assert!(matches!(backup(store.path(), &dest2, |_| ControlFlow::Break(())), Err(Error::Cancelled)));
    assert!(!dest2.exists());
    assert!(!dir.path().join("c.db.partial").exists());
}

#[test]
fn restore_replaces_data_keeps_old_aside_and_rotates_node_id() {
    let (dir, mut store, clock) = temp_store();
    named(&mut store, "Before backup");
    let saved = dir.path().join("saved.db");
    backup(store.path(), &saved, go).unwrap();
    named(&mut store, "After backup");
    let old_node = store.node_id();
    let old_clock = store.clock_last();
    drop(store);

    let db = dir.path().join("frontline.db");
    let out = restore(&db, &saved, clock.now(), go).unwrap();
    let aside = out.kept_aside.unwrap();
    let restored = Store::open(&db).unwrap();
    assert_eq!(settings::load(&restored).unwrap().organisation_name, "Before backup");
    assert_ne!(restored.node_id(), old_node);
    assert_eq!(out.node_id, restored.node_id().to_string());
    let (new, old) = (restored.clock_last(), old_clock);
    assert!((new.wall_ms, new.counter) >= (old.wall_ms, old.counter), "clock must not go back");
    let kept = Store::open(&aside).unwrap();
    assert_eq!(settings::load(&kept).unwrap().organisation_name, "After backup");
}

#[test]
fn restore_of_a_bad_file_changes_nothing() {
    let (dir, mut store, clock) = temp_store();
    named(&mut store, "Precious");
    drop(store);
    let db = dir.path().join("frontline.db");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x42u8; 8192]).unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    let missing = dir.path().join("missing.db");

    assert!(matches!(restore(&db, &junk, clock.now(), go), Err(Error::NotADatabase { .. })));
    assert!(matches!(restore(&db, &other, clock.now(), go), Err(Error::ForeignDatabase { .. })));
    assert!(matches!(restore(&db, &missing, clock.now(), go), Err(Error::Io { .. })));
    let store = Store::open(&db).unwrap();
    assert_eq!(settings::load(&store).unwrap().organisation_name, "Precious");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert!(files.is_empty(), "nothing is set aside when validation fails");
}

#[test]
fn cancelled_restore_leaves_the_database_as_it_was() {
    let (dir, mut store, clock) = temp_store();
    named(&mut store, "Old");
    bulk(&mut store);
    let saved = dir.path().join("saved.db");
    backup(store.path(), &saved, go).unwrap();
    named(&mut store, "Current");
    drop(store);
    let db = dir.path().join("frontline.db");
    let mut finished_aside = false;
    // Let the aside copy finish, then cancel the restore copy in its first step.
    let res = restore(&db, &saved, clock.now(), |p| {
        if finished_aside {
            return ControlFlow::Break(());
        }
        finished_aside = p.done == p.total;
        ControlFlow::Continue(())
    });
    assert!(matches!(res, Err(Error::Cancelled)));
    let store = Store::open(&db).unwrap();
    assert_eq!(settings::load(&store).unwrap().organisation_name, "Current");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "a cancelled restore changed nothing, so it keeps no copy: {left:?}");
}

#[test]
fn a_restore_that_fails_after_the_copy_aside_says_where_the_copy_is() {
    let (dir, mut store, clock) = temp_store();
    named(&mut store, "Old");
    let saved = dir.path().join("saved.db");
    backup(store.path(), &saved, go).unwrap();
    named(&mut store, "Current");
    drop(store);
    let db = dir.path().join("frontline.db");
    // The backup disappears while the current database is being copied aside.
    let res = restore(&db, &saved, clock.now(), |_| {
        let _ = std::fs::remove_file(&saved);
        ControlFlow::Continue(())
    });
    let Err(Error::RestoreFailed { kept_aside, .. }) = res else { panic!("{res:?}") };
    assert!(kept_aside.file_name().unwrap().to_string_lossy().starts_with("frontline.before-restore-"));
    let copy = Store::open(&kept_aside).unwrap();
    assert_eq!(settings::load(&copy).unwrap().organisation_name, "Current");
    let store = Store::open(&db).unwrap();
    assert_eq!(settings::load(&store).unwrap().organisation_name, "Current");
}

#[test]
fn inspect_names_a_missing_file_a_directory_and_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let message = |p: &std::path::Path| {
        let e = inspect(p).unwrap_err();
        let mut text = e.to_string();
        if let Some(cause) = std::error::Error::source(&e) {
            text = format!("{text}: {cause}");
        }
        text
    };
    assert!(message(&dir.path().join("missing.db")).ends_with("missing.db: no such file"));
    assert!(message(dir.path()).ends_with(" is a directory, not a database file"), "{}", message(dir.path()));
    assert!(message(&empty).ends_with("empty.db is empty (0 bytes), not a Frontline database"), "{}", message(&empty));
}
