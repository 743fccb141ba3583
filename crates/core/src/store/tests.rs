//! Tests of opening, migrating and the write path, on real SQLite files.

use chrono::Duration;
use rusqlite::types::Value;

use super::test_support::{TestClock, outbox as change_log, temp_store};
use super::*;
use crate::Error;
use crate::store::schema::{DEVICE_ROW, WORKSPACE_ROW};

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

#[test]
fn new_database_is_migrated_and_owned() {
    let (_dir, store, _) = temp_store();
    assert_eq!(migrations::current_version(store.conn()).unwrap(), migrations::latest_version());
    let app_id: i32 = store.conn().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app_id, migrations::APPLICATION_ID);
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[cfg(unix)]
#[test]
fn database_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let path = data.join("frontline.db");
    let mut store = Store::open(&path).unwrap();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&path.with_extension("db-wal")), 0o600);
    assert_eq!(mode(&path.with_extension("db-shm")), 0o600);
}

#[test]
fn each_changed_column_gets_one_outbox_record() {
    let (_dir, mut store, _) = temp_store();
    let n = store
        .write(|tx| {
            tx.upsert(
                Table::WorkspaceSettings,
                WORKSPACE_ROW,
                &[("organisation_name", text("Acme")), ("time_zone", text("Europe/Berlin"))],
            )
        })
        .unwrap();
    assert_eq!(n, 2);
    let log = change_log(&store);
    let cols: Vec<&str> = log.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(cols, ["created_at", "organisation_name", "time_zone"]);
    assert!(log.iter().all(|r| r.1 == "workspace_settings" && r.2 == WORKSPACE_ROW));
    assert_eq!(log[1].4, text("Acme"));

    // Only the column that differs is written and logged.
    let n = store
        .write(|tx| {
            tx.upsert(
                Table::WorkspaceSettings,
                WORKSPACE_ROW,
                &[("organisation_name", text("Acme Ltd")), ("time_zone", text("Europe/Berlin"))],
            )
        })
        .unwrap();
    assert_eq!(n, 1);
    let log = change_log(&store);
    assert_eq!(log.len(), 4);
    assert_eq!((log[3].3.as_str(), &log[3].4), ("organisation_name", &text("Acme Ltd")));

    // Each column's newest stamp is what a merge will compare against.
    let newest: String = store
        .conn()
        .query_row(
            "SELECT hlc FROM column_versions WHERE tbl = 'workspace_settings' AND col = 'organisation_name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(newest, log[3].0);
}

#[test]
fn unchanged_write_logs_nothing_and_keeps_the_clock() {
    let (_dir, mut store, _) = temp_store();
    let vals = [("organisation_name", text("Acme"))];
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &vals)).unwrap();
    let clock = store.clock_last();
    let n = store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &vals)).unwrap();
    assert_eq!(n, 0);
    assert_eq!(change_log(&store).len(), 2);
    assert_eq!(store.clock_last(), clock);
}

#[test]
fn stamps_increase_in_log_order_even_when_wall_clock_goes_back() {
    let (_dir, mut store, clock) = temp_store();
    for (i, back) in [0, 3600, 7200].into_iter().enumerate() {
        clock.set(TestClock::new().get() - Duration::seconds(back));
        store
            .write(|tx| {
                tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("organisation_name", text(&format!("n{i}")))])
            })
            .unwrap();
    }
    let stamps: Vec<String> = change_log(&store).into_iter().map(|r| r.0).collect();
    assert_eq!(stamps.len(), 4);
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "{stamps:?}");
}

#[test]
fn clock_survives_reopen_and_never_reissues_a_stamp() {
    let (dir, mut store, clock) = temp_store();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    let last = store.clock_last();
    let node = store.node_id();
    drop(store);
    // The wall clock is now an hour behind what was stamped before.
    clock.set(clock.get() - Duration::hours(1));
    let mut store = Store::open_with_clock(&dir.path().join("frontline.db"), clock.now()).unwrap();
    assert_eq!(store.node_id(), node);
    assert_eq!(store.clock_last(), last);
    store
        .write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("Asia/Taipei"))]))
        .unwrap();
    let newest = change_log(&store).pop().unwrap().0;
    assert!(newest > last.to_string());
}

#[test]
fn failed_transaction_leaves_no_partial_change() {
    let (_dir, mut store, _) = temp_store();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    let clock = store.clock_last();
    let log_before = change_log(&store);
    let err = store
        .write(|tx| {
            tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("organisation_name", text("Half"))])?;
            tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("no_such_column", text("x"))])
        })
        .unwrap_err();
    assert!(matches!(err, Error::Internal(_)), "{err:?}");
    assert_eq!(change_log(&store), log_before);
    assert_eq!(store.clock_last(), clock);
    let name: Option<String> = store
        .conn()
        .query_row("SELECT organisation_name FROM workspace_settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, None);
}

#[test]
fn local_only_tables_are_not_logged() {
    let (_dir, mut store, _) = temp_store();
    store
        .write(|tx| tx.upsert(Table::DevicePreferences, DEVICE_ROW, &[("language", text("zh-Hans"))]))
        .unwrap();
    assert!(change_log(&store).is_empty());
    assert_eq!(store.info().unwrap().pending_changes, 0);
}

#[test]
fn delete_is_a_logged_tombstone() {
    let (_dir, mut store, _) = temp_store();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    assert!(store.write(|tx| tx.delete(Table::WorkspaceSettings, WORKSPACE_ROW)).unwrap());
    assert!(!store.write(|tx| tx.delete(Table::WorkspaceSettings, WORKSPACE_ROW)).unwrap());
    assert_eq!(change_log(&store).last().unwrap().3, "deleted_at");
    let info = store.info().unwrap();
    assert_eq!(info.row_counts[0], ("workspace_settings", 0));
}

#[test]
fn duplicate_column_in_one_write_is_refused() {
    let (_dir, mut store, _) = temp_store();
    let err = store
        .write(|tx| {
            tx.upsert(
                Table::WorkspaceSettings,
                WORKSPACE_ROW,
                &[("time_zone", text("UTC")), ("time_zone", text("Asia/Taipei"))],
            )
        })
        .unwrap_err();
    assert!(matches!(err, Error::Internal(_)));
    assert!(change_log(&store).is_empty());
}

#[test]
fn older_database_is_upgraded_by_newer_migrations_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // A database as the first release left it.
    {
        let mut conn = open::open_file(&path, 1, Access::Write, crate::derivations::HOOKS).unwrap();
        assert_eq!(migrations::current_version(&conn).unwrap(), 1);
        conn.execute(
            "INSERT INTO workspace_settings (id, organisation_name, created_at, updated_at)
             VALUES ('workspace', 'Kept', 't', 't')",
            [],
        )
        .unwrap();
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'device_preferences'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
        drop(conn.transaction().unwrap());
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(migrations::current_version(store.conn()).unwrap(), migrations::latest_version());
    let kept: String =
        store.conn().query_row("SELECT organisation_name FROM workspace_settings", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, "Kept");
    store.conn().query_row("SELECT count(*) FROM device_preferences", [], |r| r.get::<_, i64>(0)).unwrap();
}

#[test]
fn database_from_a_newer_frontline_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    let future = migrations::latest_version() + 5;
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", future).unwrap();
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(Error::SchemaTooNew { found, supported }) => {
            assert_eq!((found, supported), (future, migrations::latest_version()));
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn non_database_file_gives_a_clear_error_and_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let junk: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    match Store::open(&path) {
        Err(Error::NotADatabase { path: p }) => assert_eq!(p, path),
        other => panic!("expected NotADatabase, got {:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), junk);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Store::open(&path), Err(Error::ForeignDatabase { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn damaged_database_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("organisation_name", text("x"))]))
            .unwrap();
        store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    // Keep the header, garble everything after the first page.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).and_then(|s| s.info()).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. } | Error::NotADatabase { .. }), "{err:?}");
}

#[test]
fn info_reports_version_node_counts_and_pending() {
    let (_dir, mut store, _) = temp_store();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    let info = store.info().unwrap();
    assert_eq!(info.schema_version, migrations::latest_version());
    assert_eq!(info.node_id, store.node_id());
    assert_eq!(info.row_counts.len(), Table::ALL.len());
    assert_eq!(info.row_counts[..2], [("workspace_settings", 1), ("device_preferences", 0)]);
    // The built-in journey stages and roles come with every database; nothing else is there.
    let built_in = [("journey_stages", 7), ("roles", 4)];
    assert!(info.row_counts[2..].iter().all(|(t, n)| *n == 0 || built_in.contains(&(*t, *n))), "{info:?}");
    assert_eq!(info.pending_changes, 2);
}

#[test]
fn a_reader_sees_committed_writes_and_cannot_write() {
    let (dir, mut store, _) = temp_store();
    let mut reader = Store::open_reader(&dir.path().join("frontline.db")).unwrap();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("Asia/Shanghai"))])).unwrap();
    let seen: String =
        reader.conn().query_row("SELECT time_zone FROM workspace_settings", [], |r| r.get(0)).unwrap();
    assert_eq!(seen, "Asia/Shanghai");
    let logged = change_log(&store).len();
    let refused = reader.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))]));
    assert!(refused.is_err(), "a reader must not write");
    assert_eq!(change_log(&store).len(), logged, "nothing logged by the refused write");
}

#[test]
fn a_write_held_up_by_a_long_write_elsewhere_says_busy_and_works_after_it() {
    let (dir, mut store, _) = temp_store();
    store.conn().busy_timeout(std::time::Duration::from_millis(50)).unwrap();
    let other = rusqlite::Connection::open(dir.path().join("frontline.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let write = |store: &mut Store| {
        store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))]))
    };
    assert!(matches!(write(&mut store), Err(Error::Busy)), "a held write lock is reported as busy");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(write(&mut store).unwrap(), 1);
}

#[test]
fn opening_and_inspecting_need_no_write_lock() {
    let (dir, _store, _) = temp_store();
    let path = dir.path().join("frontline.db");
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held', 'x');").unwrap();
    let started = std::time::Instant::now();
    let writer = Store::open(&path).unwrap();
    let reader = Store::open_reader(&path).unwrap();
    let inspected = Store::open_read_only(&path).unwrap();
    assert!(started.elapsed() < open::BUSY_TIMEOUT, "no open waited for the held write lock");
    assert_eq!(inspected.info().unwrap().node_id, writer.node_id());
    assert_eq!(reader.node_id(), writer.node_id());
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn inspecting_changes_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
        store.conn().query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.info().unwrap().row_counts[0], ("workspace_settings", 1));
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "bytes unchanged (still not WAL)");
    assert!(!path.with_extension("db-wal").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644, "mode unchanged");
    }
}

#[cfg(unix)]
#[test]
fn files_that_are_not_frontlines_keep_their_mode_and_bytes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "meeting at 10, bring the SLA report").unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE contacts (name TEXT)").unwrap();
    let other_app = dir.path().join("other-app.db");
    {
        let c = rusqlite::Connection::open(&other_app).unwrap();
        c.pragma_update(None, "application_id", 0x1234).unwrap();
        c.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    for p in [&notes, &other, &other_app] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let before = std::fs::read(p).unwrap();
        for result in [Store::open(p).err(), Store::open_read_only(p).err(), Store::open_reader(p).err()] {
            assert!(
                matches!(result, Some(Error::NotADatabase { .. } | Error::ForeignDatabase { .. })),
                "{}: {result:?}",
                p.display()
            );
        }
        assert_eq!(std::fs::read(p).unwrap(), before, "{} bytes", p.display());
        assert_eq!(std::fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o644, "{} mode", p.display());
    }
}

#[test]
fn a_directory_an_empty_file_and_a_missing_path_each_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(Store::open(dir.path()), Err(Error::NotAFile { .. })));
    assert!(matches!(Store::open_read_only(dir.path()), Err(Error::NotAFile { .. })));
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(Store::open_read_only(&empty), Err(Error::EmptyFile { .. })));
    assert_eq!(std::fs::read(&empty).unwrap(), b"", "inspecting an empty file leaves it empty");
    let missing = dir.path().join("missing.db");
    match Store::open_read_only(&missing) {
        Err(Error::Io { source, .. }) => assert_eq!(source.kind(), std::io::ErrorKind::NotFound),
        other => panic!("expected not found, got {:?}", other.err()),
    }
    assert!(!missing.exists(), "inspecting does not create");
    // A writer makes an empty file (say, left by a crash) into a database.
    Store::open(&empty).unwrap();
}

#[test]
fn the_clock_is_one_per_database_not_one_per_connection() {
    let (dir, mut first, clock) = temp_store();
    let path = dir.path().join("frontline.db");
    let ahead = TestClock::new();
    ahead.set(clock.get() + Duration::hours(1));
    let mut fast = Store::open_with_clock(&path, ahead.now()).unwrap();
    fast.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    // `first` was opened before that write and its own wall clock is an hour behind it.
    first.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("organisation_name", text("A"))])).unwrap();
    let log = change_log(&first);
    let stamps: Vec<&String> = log.iter().map(|(hlc, ..)| hlc).collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "stamps never go back across connections: {stamps:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_database_on_a_read_only_mount_can_be_inspected_and_backed_up() {
    // Needs root to mount; say so plainly elsewhere rather than pretending to pass.
    let is_root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !is_root {
        eprintln!("skipped: mounting a read-only file system needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let mount = |args: &[&str]| std::process::Command::new("mount").args(args).status().unwrap().success();
    assert!(mount(&["-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt.to_str().unwrap()]), "mount tmpfs");
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let path = mnt.join("frontline.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    }
    // A WAL database whose -shm cannot be created: the hard case for SQLite read-only.
    let _ = std::fs::remove_file(path.with_extension("db-shm"));
    assert!(mount(&["-o", "remount,ro", mnt.to_str().unwrap()]), "remount read-only");
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.info().unwrap().row_counts[0], ("workspace_settings", 1));
    drop(store);
    let copy = dir.path().join("copy.db");
    crate::backup::backup(&path, &copy, |_| std::ops::ControlFlow::Continue(())).unwrap();
    assert_eq!(Store::open_read_only(&copy).unwrap().info().unwrap().row_counts[0], ("workspace_settings", 1));
}

#[test]
fn before_signing_in_changes_are_versioned_but_not_recorded_for_pushing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("frontline.db")).unwrap();
    store.write(|tx| tx.upsert(Table::WorkspaceSettings, WORKSPACE_ROW, &[("time_zone", text("UTC"))])).unwrap();
    assert!(change_log(&store).is_empty());
    let versions: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM column_versions WHERE tbl NOT IN ('journey_stages', 'roles')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 2, "created_at and time_zone (besides the built-in stages' and roles' fixed versions)");
}

#[test]
fn derived_columns_are_never_versioned_or_pushed_and_data_cannot_be_written_as_derived() {
    let (_dir, mut store, _) = temp_store();
    let case = store
        .write(|tx| {
            crate::cases::create(
                tx,
                &crate::cases::NewCase {
                    title: "Refund".into(),
                    description: String::new(),
                    customer_id: None,
                    channel: crate::cases::CaseChannel::Email,
                    category: String::new(),
                    priority: crate::cases::Priority::P2,
                },
            )
        })
        .unwrap();
    let logged: Vec<String> = change_log(&store).into_iter().filter(|r| r.1 == "cases").map(|r| r.3).collect();
    for col in &logged {
        assert_ne!(Table::Cases.column(col).unwrap().merge, Merge::Derived, "{col} was pushed");
    }
    assert!(logged.contains(&"title".to_owned()));
    let derived_versions: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM column_versions WHERE tbl = 'cases' AND col IN ('status', 'first_response_due_at', 'tags')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(derived_versions, 0);
    let refused = store.write(|tx| tx.upsert(Table::Cases, case.as_str(), &[("status", text("closed"))]));
    assert!(matches!(refused, Err(Error::Internal(_))), "a derived column is not written as data");
    let refused = store.write(|tx| tx.set_derived(Table::Cases, case.as_str(), &[("title", text("x"))]));
    assert!(matches!(refused, Err(Error::Internal(_))), "data is not written as derived");
}

#[test]
fn an_event_row_travels_whole_as_one_record() {
    let (_dir, mut store, _) = temp_store();
    let case = store
        .write(|tx| {
            crate::cases::create(
                tx,
                &crate::cases::NewCase {
                    title: "Refund".into(),
                    description: String::new(),
                    customer_id: None,
                    channel: crate::cases::CaseChannel::Email,
                    category: String::new(),
                    priority: crate::cases::Priority::P2,
                },
            )
        })
        .unwrap();
    store.write(|tx| crate::cases::add_note(tx, &case, "called back")).unwrap();
    let events: Vec<_> = change_log(&store).into_iter().filter(|r| r.1 == "case_events").collect();
    assert_eq!(events.len(), 2, "created and note, one record each");
    for (_, _, _, col, value) in &events {
        assert_eq!(col, "");
        let Value::Text(json) = value else { panic!("row json") };
        let row: serde_json::Value = serde_json::from_str(json).unwrap();
        for c in ["case_id", "at", "kind", "data", "created_at"] {
            assert!(row.get(c).is_some(), "{c} missing from {json}");
        }
    }
}
