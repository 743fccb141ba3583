//! Devices syncing through the real server: each device is the real `frontline-cli` on
//! a database of its own (built beside this binary by `cargo nextest run --workspace`),
//! so these tests cover the whole chain — the device's store, its sync client over HTTP,
//! the server and its storage — on SQLite and on PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{BIN, Db, PASSWORD, Server};

/// The CLI binary, beside the server's.
fn cli() -> PathBuf {
    let path = Path::new(BIN).with_file_name(format!("frontline-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run the tests with `cargo nextest run --workspace` (or build frontline-cli)",
        path.display()
    );
    path
}

/// One device: a database, and optionally a wall clock shifted by libfaketime.
struct Device {
    dir: tempfile::TempDir,
    clock: Option<&'static str>,
}

impl Device {
    fn new() -> Device {
        Device { dir: tempfile::tempdir().expect("temp dir"), clock: None }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("frontline.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = match self.clock {
            Some(offset) => {
                let mut c = Command::new("faketime");
                c.args(["-f", offset]).arg(cli());
                c
            }
            None => Command::new(cli()),
        };
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env("FRONTLINE_CREDENTIALS", "file")
            .env("FRONTLINE_PASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .output()
            .expect("run frontline-cli")
    }

    /// Runs a command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn login(&self, server: &Server, workspace: &str, email: &str) {
        self.ok(&["login", "--server", &server.url, "--workspace", workspace, "--user", email]);
    }

    fn sync(&self) {
        self.ok(&["sync"]);
    }

    /// A new case; its id.
    fn new_case(&self, title: &str) -> String {
        let out = self.ok(&["case", "new", "--title", title, "--priority", "P3", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v["id"].as_str().expect("id").to_owned()
    }

    fn title(&self, id: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(&self.ok(&["case", "show", id, "--json"])).expect("json");
        v["case"]["title"].as_str().expect("title").to_owned()
    }

    /// The canonical export.
    fn export(&self) -> String {
        let file = self.dir.path().join(format!("export-{}.json", rand::random::<u32>()));
        self.ok(&["export", "--json", file.to_str().expect("path")]);
        std::fs::read_to_string(file).expect("export")
    }

    fn conflicts(&self) -> Vec<serde_json::Value> {
        serde_json::from_str::<Vec<serde_json::Value>>(&self.ok(&["conflicts", "--json"])).expect("json")
    }
}

/// Runs `test` on SQLite, and on PostgreSQL when the test run provides one.
fn on_every_backend(test: impl Fn(&Db)) {
    test(&Db::sqlite());
    if let Some(db) = Db::postgres() {
        test(&db);
    }
}

/// Every permutation of `0..n`.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for rest in orders(n - 1) {
        for i in 0..=rest.len() {
            let mut o = rest.clone();
            o.insert(i, n - 1);
            out.push(o);
        }
    }
    out
}

#[test]
fn two_and_three_devices_editing_offline_converge_in_every_order() {
    on_every_backend(|db| {
        for devices in [2usize, 3] {
            for (round, order) in orders(devices).into_iter().enumerate() {
                let ws = format!("w{devices}x{round}");
                let email = db.team(&ws);
                let server = Server::start(db);
                let team: Vec<Device> = (0..devices).map(|_| Device::new()).collect();
                for d in &team {
                    d.login(&server, &ws, &email);
                }
                let shared = team[0].new_case("Refund not received");
                let other = team[0].new_case("Parcel lost");
                team[0].sync();
                for d in &team[1..] {
                    d.sync();
                }
                // Offline, each device works on the same cases.
                team[0].ok(&["case", "set", &shared, "title=Refund not received (card)", "tags=vip"]);
                team[0].ok(&["case", "note", &other, "courier called"]);
                team[1].ok(&["case", "set", &shared, "priority=P1", "tags=refund", "status=open"]);
                team[1].ok(&["case", "note", &shared, "customer called again"]);
                team[1].new_case("Invoice wrong");
                if devices == 3 {
                    team[2].ok(&["case", "set", &shared, "title=Refund missing", "category=Billing"]);
                    team[2].ok(&["case", "set", &other, "status=open"]);
                }
                for &i in &order {
                    team[i].sync();
                }
                for d in &team {
                    d.sync();
                }
                let first = team[0].export();
                for (i, d) in team.iter().enumerate().skip(1) {
                    assert!(d.export() == first, "{devices} devices, order {order:?}: device {i} differs from device 0");
                }
                assert!(first.contains("customer called again") && first.contains("Invoice wrong"));
            }
        }
    });
}

#[test]
fn a_concurrent_edit_shows_as_a_conflict_on_the_device_that_lost_and_keep_mine_wins() {
    on_every_backend(|db| {
        let email = db.team("conflicts");
        let server = Server::start(db);
        let (a, b) = (Device::new(), Device::new());
        a.login(&server, "conflicts", &email);
        b.login(&server, "conflicts", &email);
        let id = a.new_case("Router keeps rebooting");
        a.sync();
        b.sync();
        a.ok(&["case", "set", &id, "title=Router reboots hourly"]);
        std::thread::sleep(std::time::Duration::from_millis(20));
        b.ok(&["case", "set", &id, "title=Router reboots at night"]);
        a.sync();
        b.sync();
        a.sync();
        assert_eq!(a.title(&id), "Router reboots at night");
        let lost = a.conflicts();
        assert_eq!(lost.len(), 1, "{lost:?}");
        assert_eq!(lost[0]["field"], "title");
        assert_eq!(lost[0]["mine"], "Router reboots hourly");
        assert!(b.conflicts().is_empty());
        let conflict = lost[0]["id"].as_i64().expect("id").to_string();
        a.ok(&["conflicts", "--keep-mine", &conflict]);
        a.sync();
        b.sync();
        assert_eq!(b.title(&id), "Router reboots hourly");
        assert!(a.conflicts().is_empty() && b.conflicts().is_empty());
        assert!(a.export() == b.export());
    });
}

#[test]
fn a_viewer_receives_but_cannot_send() {
    on_every_backend(|db| {
        let email = db.team("roles");
        db.user("roles", "viewer@roles.test", "viewer");
        let server = Server::start(db);
        let (sup, viewer) = (Device::new(), Device::new());
        sup.login(&server, "roles", &email);
        viewer.login(&server, "roles", "viewer@roles.test");
        let id = sup.new_case("Seen by the viewer");
        sup.sync();
        viewer.sync();
        assert_eq!(viewer.title(&id), "Seen by the viewer", "a viewer receives");
        viewer.ok(&["case", "set", &id, "title=Changed by the viewer"]);
        let out = viewer.run(&["sync"]);
        assert!(!out.status.success(), "a viewer's changes are refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("viewer"), "the refusal says why: {err}");
        sup.sync();
        assert_eq!(sup.title(&id), "Seen by the viewer");
        let status: serde_json::Value = serde_json::from_str(&viewer.ok(&["status", "--json"])).expect("json");
        assert_eq!(status["lastErrorCode"], "forbidden");
    });
}

#[test]
fn a_server_killed_during_a_sync_and_restarted_loses_and_duplicates_nothing() {
    on_every_backend(|db| {
        let email = db.team("crash");
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
        let listen = format!("127.0.0.1:{port}");
        let mut server = Server::start_on(db, &listen);
        let (a, b) = (Device::new(), Device::new());
        a.login(&server, "crash", &email);
        b.login(&server, "crash", &email);
        for i in 0..40 {
            a.new_case(&format!("Case {i}"));
        }
        // The server dies while a is sending; a's sync fails and keeps what it had.
        let sync = Command::new(cli())
            .arg("--db")
            .arg(a.db())
            .arg("sync")
            .env("FRONTLINE_CREDENTIALS", "file")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sync");
        std::thread::sleep(std::time::Duration::from_millis(30));
        server.kill();
        let _ = sync.wait_with_output();
        let server = Server::start_on(db, &listen);
        a.sync();
        b.sync();
        a.sync();
        assert!(a.export() == b.export());
        let list: serde_json::Value = serde_json::from_str(&b.ok(&["case", "list", "--json", "--limit", "500"])).expect("json");
        assert_eq!(list["total"], 40, "every case once");
        drop(server);
    });
}

#[test]
fn a_device_whose_clock_runs_a_day_ahead_cannot_dominate_later_edits() {
    let has_faketime = Command::new("faketime").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(has_faketime, "libfaketime's `faketime` is needed (apt-get install faketime; `cargo xtask test` installs it)");
    on_every_backend(|db| {
        let email = db.team("clocks");
        let server = Server::start(db);
        let real = Device::new();
        let mut fast = Device::new();
        fast.clock = Some("+1d");
        real.login(&server, "clocks", &email);
        fast.login(&server, "clocks", &email);
        let id = real.new_case("Outage");
        real.sync();
        fast.sync();
        fast.ok(&["case", "set", &id, "title=Outage (fast clock)"]);
        fast.sync();
        std::thread::sleep(std::time::Duration::from_millis(50));
        real.ok(&["case", "set", &id, "title=Outage fixed"]);
        real.sync();
        fast.sync();
        assert_eq!(real.title(&id), "Outage fixed", "the later real-time edit wins");
        assert_eq!(fast.title(&id), "Outage fixed");
        assert!(real.export() == fast.export());
    });
}

/// A file of the core's import tests.
fn import_fixture(name: &str) -> String {
    format!("{}/../core/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn imported_cases_reach_another_device_once_whether_imported_before_or_after_signing_in() {
    on_every_backend(|db| {
        let email = db.team("import");
        let server = Server::start(db);
        let (a, b) = (Device::new(), Device::new());
        // Imported before signing in: published at sign-in.
        a.ok(&["import", &import_fixture("zendesk.csv")]);
        a.login(&server, "import", &email);
        // Imported while signed in: logged for sync as it is written, each cell once.
        a.ok(&["import", &import_fixture("freshdesk.csv")]);
        let outbox = rusqlite::Connection::open_with_flags(a.db(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open a's database");
        let (twice, external_ids): (i64, i64) = outbox
            .query_row(
                "SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox GROUP BY tbl, row_id, col HAVING count(*) > 1)),
                        (SELECT count(*) FROM outbox WHERE tbl = 'cases' AND col = 'external_id')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("read a's outbox");
        assert_eq!((twice, external_ids), (0, 6 + 7), "every case and cell in a's outbox once");
        drop(outbox);
        a.sync();
        b.login(&server, "import", &email);
        b.sync();
        assert!(a.export() == b.export(), "b holds exactly what a imported");
        let list: serde_json::Value = serde_json::from_str(&b.ok(&["case", "list", "--json", "--limit", "500"])).expect("json");
        assert_eq!(list["total"], 13);
        // The external ids came along: importing the file again on b adds nothing.
        let again: serde_json::Value =
            serde_json::from_str(&b.ok(&["import", &import_fixture("zendesk.csv"), "--json"])).expect("json");
        assert_eq!((again["cases"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(7)));
    });
}
