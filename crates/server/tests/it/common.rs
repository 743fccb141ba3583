//! The harness: test databases (SQLite in a temp dir, or a fresh PostgreSQL schema),
//! the real `frontline-server` binary started on 127.0.0.1:0, admin commands, and a
//! small HTTP client.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use frontline_sync::protocol::{Body, Change, Outgoing, PROTOCOL_HEADER, SignInResponse, Value};
use frontline_sync::{Hlc, NodeId};
use serde::de::DeserializeOwned;
use serde_json::json;

pub const BIN: &str = env!("CARGO_BIN_EXE_frontline-server");
pub const PASSWORD: &str = "correct horse battery";

/// Where a test's data lives.
pub enum Db {
    /// SQLite in a temp dir.
    Sqlite(tempfile::TempDir),
    /// A fresh schema of the PostgreSQL database at `FRONTLINE_TEST_PG_URL`.
    Postgres { url: String, schema: String, base: String },
}

static SCHEMAS: AtomicU64 = AtomicU64::new(0);

impl Db {
    pub fn sqlite() -> Db {
        Db::Sqlite(tempfile::tempdir().expect("temp dir"))
    }

    /// A fresh schema, or `None` (with the reason printed) when no PostgreSQL is given.
    #[allow(clippy::print_stdout, reason = "the skip is reported plainly, in the test's output")]
    pub fn postgres() -> Option<Db> {
        let Ok(base) = std::env::var("FRONTLINE_TEST_PG_URL") else {
            println!("PostgreSQL tests skipped: FRONTLINE_TEST_PG_URL not set");
            return None;
        };
        let schema = format!(
            "t_{}_{}_{:08x}",
            std::process::id(),
            SCHEMAS.fetch_add(1, Ordering::Relaxed),
            rand::random::<u32>()
        );
        pg_execute(&base, &format!("CREATE SCHEMA {schema}"));
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
        Some(Db::Postgres { url, schema, base })
    }

    /// The storage options for the binary.
    pub fn args(&self) -> Vec<String> {
        match self {
            Db::Sqlite(dir) => vec!["--data".into(), dir.path().display().to_string()],
            Db::Postgres { url, .. } => vec!["--database-url".into(), url.clone()],
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        match self {
            Db::Sqlite(dir) => Some(dir.path()),
            Db::Postgres { .. } => None,
        }
    }

    /// Runs an admin command; panics unless it succeeds. Returns its standard output.
    pub fn admin(&self, args: &[&str]) -> String {
        let out = self.admin_raw(args, None);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs an admin command with an optional password in the environment.
    pub fn admin_raw(&self, args: &[&str], password: Option<&str>) -> std::process::Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args).args(self.args()).env_remove("FRONTLINE_PASSWORD").stdin(Stdio::null());
        if let Some(p) = password {
            cmd.env("FRONTLINE_PASSWORD", p);
        }
        cmd.output().expect("run frontline-server")
    }

    pub fn workspace(&self, name: &str) {
        self.admin(&["workspace", "create", name]);
    }

    pub fn user(&self, workspace: &str, email: &str, role: &str) {
        let out = self
            .admin_raw(&["user", "add", "--workspace", workspace, "--email", email, "--role", role], Some(PASSWORD));
        assert!(out.status.success(), "user add failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// A workspace with one supervisor, `sup@<ws>`.
    pub fn team(&self, workspace: &str) -> String {
        self.workspace(workspace);
        let email = format!("sup@{workspace}.test");
        self.user(workspace, &email, "supervisor");
        email
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Db::Postgres { schema, base, .. } = self {
            pg_execute(base, &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// Runs one statement on PostgreSQL (on its own thread and runtime, so it works from
/// sync tests, async tests and `Drop`).
pub fn pg_execute(url: &str, sql: &str) {
    let (url, sql) = (url.to_owned(), sql.to_owned());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let (client, conn) =
                tokio_postgres::connect(&url, tokio_postgres::NoTls).await.expect("connect to PostgreSQL");
            tokio::spawn(conn);
            client.batch_execute(&sql).await.expect("PostgreSQL statement");
        });
    })
    .join()
    .expect("PostgreSQL thread");
}

/// A running `frontline-server serve`.
pub struct Server {
    child: Child,
    pub url: String,
    pub log: PathBuf,
    agent: ureq::Agent,
    _log_dir: tempfile::TempDir,
}

impl Server {
    pub fn start(db: &Db) -> Server {
        Server::start_with(db, &[], &[])
    }

    /// Starts the binary with extra arguments and environment, reads the address it
    /// prints, and waits until `/healthz` answers.
    pub fn start_with(db: &Db, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_full(db, extra, env, agent(None))
    }

    /// Like [`Server::start_with`], talking through `agent` (e.g. one trusting a test CA).
    pub fn start_full(db: &Db, extra: &[&str], env: &[(&str, &str)], agent: ureq::Agent) -> Server {
        Server::start_listening(db, "127.0.0.1:0", extra, env, agent)
    }

    /// Starts the binary on a given address (a restart on the port devices know).
    pub fn start_on(db: &Db, listen: &str) -> Server {
        Server::start_listening(db, listen, &[], &[], agent(None))
    }

    fn start_listening(db: &Db, listen: &str, extra: &[&str], env: &[(&str, &str)], agent: ureq::Agent) -> Server {
        let log_dir = tempfile::tempdir().expect("temp dir");
        let log = log_dir.path().join("server.log");
        let mut cmd = Command::new(BIN);
        cmd.args(["serve", "--listen", listen])
            .args(db.args())
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start frontline-server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        let Some(url) = line.trim().strip_prefix("listening on ").map(str::to_owned) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("server did not start: {line:?}\n{}", std::fs::read_to_string(&log).unwrap_or_default());
        };
        let server = Server { child, url, log, agent, _log_dir: log_dir };
        server.wait_healthy();
        server
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.get("/healthz", None).status == 200 {
                return;
            }
            assert!(Instant::now() < deadline, "server at {} never became healthy", self.url);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops the server abruptly (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status().expect("kill -TERM");
        assert!(status.success());
        self.child.wait().expect("wait for the server")
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Reply {
        self.try_request(method, path, token, headers, body)
            .unwrap_or_else(|e| panic!("{method} {}{path}: {e}", self.url))
    }

    /// A request whose transport failure (e.g. a killed server) is an `Err`, not a panic.
    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Result<Reply, ureq::Error> {
        let uri = format!("{}{path}", self.url);
        let mut builder = ureq::http::Request::builder().method(method).uri(&uri);
        if let Some(t) = token {
            builder = builder.header("authorization", format!("Bearer {t}"));
        }
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        let result = match body {
            Some((content_type, bytes)) => {
                if !content_type.is_empty() {
                    builder = builder.header("content-type", content_type);
                }
                self.agent.run(builder.body(bytes).expect("request"))
            }
            None => self.agent.run(builder.body(()).expect("request")),
        };
        result.map(Reply::from)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request("GET", path, token, &[], None)
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &serde_json::Value) -> Reply {
        let bytes = serde_json::to_vec(body).expect("json");
        self.request("POST", path, token, &[(PROTOCOL_HEADER, "1")], Some(("application/json", bytes)))
    }

    pub fn sign_in(&self, workspace: &str, email: &str, password: &str, node: NodeId) -> Reply {
        self.post(
            "/v1/devices",
            None,
            &json!({
                "workspace": workspace, "email": email, "password": password,
                "device_name": "test laptop", "node": node, "app_version": "0.1.0-test"
            }),
        )
    }

    /// Signs a new device (with a fresh node) in; panics unless it works.
    pub fn device(&self, workspace: &str, email: &str) -> Device {
        let node = NodeId::random();
        let reply = self.sign_in(workspace, email, PASSWORD, node);
        assert_eq!(reply.status, 200, "sign-in failed: {}", reply.body);
        let r: SignInResponse = reply.json();
        Device { token: r.token, id: r.device_id, node, next_seq: AtomicU64::new(1) }
    }

    pub fn push(&self, device: &Device, changes: Vec<Outgoing>) -> Reply {
        self.post("/v1/sync/push", Some(&device.token), &json!({ "node": device.node, "changes": changes }))
    }

    /// A push whose transport failure is an `Err`.
    pub fn try_push(&self, device: &Device, changes: &[Outgoing]) -> Result<Reply, ureq::Error> {
        let body = serde_json::to_vec(&json!({ "node": device.node, "changes": changes })).expect("json");
        self.try_request("POST", "/v1/sync/push", Some(&device.token), &[], Some(("application/json", body)))
    }

    pub fn pull(&self, device: &Device, after: u64, limit: u32) -> Reply {
        self.get(&format!("/v1/sync/pull?after={after}&limit={limit}&node={}", device.node), Some(&device.token))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP agent that keeps 4xx/5xx as answers, optionally trusting one extra CA.
pub fn agent(ca_pem: Option<&str>) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .max_idle_connections_per_host(64);
    if let Some(pem) = ca_pem {
        let certs = ureq::tls::parse_pem(pem.as_bytes())
            .filter_map(Result::ok)
            .filter_map(|item| match item {
                ureq::tls::PemItem::Certificate(c) => Some(c),
                _ => None,
            })
            .collect::<Vec<_>>();
        config = config.tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(certs)))
                .build(),
        );
    }
    config.build().into()
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl From<ureq::http::Response<ureq::Body>> for Reply {
    fn from(mut r: ureq::http::Response<ureq::Body>) -> Self {
        let mut body = String::new();
        let _ = r.body_mut().as_reader().read_to_string(&mut body);
        Reply { status: r.status().as_u16(), headers: r.headers().clone(), body }
    }
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub fn value(&self) -> serde_json::Value {
        self.json()
    }

    /// The error code of an `ErrorBody`.
    pub fn code(&self) -> String {
        self.value()["error"]["code"].as_str().unwrap_or_else(|| panic!("not an ErrorBody: {}", self.body)).to_owned()
    }
}

/// A signed-in device.
pub struct Device {
    pub token: String,
    pub id: String,
    pub node: NodeId,
    next_seq: AtomicU64,
}

impl Device {
    /// Wraps changes as the next outbox entries.
    pub fn outbox(&self, changes: Vec<Change>) -> Vec<Outgoing> {
        changes
            .into_iter()
            .map(|change| Outgoing { seq: self.next_seq.fetch_add(1, Ordering::Relaxed), change })
            .collect()
    }

    /// A stamp of this device at `wall_ms`.
    pub fn hlc(&self, wall_ms: u64) -> Hlc {
        Hlc { wall_ms, counter: 0, node: self.node }
    }
}

/// Now, in Unix ms.
pub fn now_ms() -> u64 {
    frontline_server::clock::now_ms()
}

/// A cell change.
pub fn cell(table: &str, row: &str, column: &str, value: Value, hlc: Hlc, base: Option<Hlc>) -> Change {
    Change { table: table.into(), row: row.into(), hlc, base, body: Body::Cell { column: column.into(), value } }
}
