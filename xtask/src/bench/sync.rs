//! Sync at the benchmark size, end to end with the release binaries on loopback:
//!
//! 1. A device holding the 100k-case demo database (its demo marker removed, so it may
//!    publish it — the app itself never does that) signs in and sends everything.
//! 2. A new device signs in and receives everything: the initial sync (three runs, each
//!    a new device).
//! 3. The first device changes 100 cells and sends them; the new device's `sync` then
//!    receives them: the incremental sync (five runs).
//! 4. `push_load` (crates/server/examples): 50 concurrent devices pushing as fast as the
//!    server answers, on SQLite and on PostgreSQL (three runs each).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

const PASSWORD: &str = "bench-password-1";
const EMAIL: &str = "sup@bench.test";
pub const INITIAL_TARGET: Duration = Duration::from_secs(15);
pub const INCREMENTAL_TARGET: Duration = Duration::from_millis(100);

pub struct SyncBench {
    /// Changes the first device published and sent.
    pub published: u64,
    /// MB of the first device's database in use with everything published (outbox full),
    /// and after the first push compacted the pushed records.
    pub published_mb: f64,
    pub compacted_mb: f64,
    /// MB of a new device's database after its initial sync.
    pub received_mb: f64,
    pub first_push: Duration,
    pub initial: Vec<Duration>,
    pub incremental: Vec<Duration>,
    /// Pushes per second with 50 devices, per run.
    pub push_sqlite: Vec<f64>,
    pub push_postgres: Result<Vec<f64>, String>,
}

/// The binaries it runs.
pub struct Bins<'a> {
    pub cli: &'a Path,
    pub server: &'a Path,
    pub push_load: &'a Path,
}

pub fn run(bins: &Bins<'_>, demo_db: &Path, dir: &Path, postgres: Result<String, String>) -> Result<SyncBench> {
    // The demo database as if it were real: without its demo marker it may sign in.
    rusqlite::Connection::open(demo_db)?.execute("DELETE FROM demo_rows", [])?;
    let data = dir.join("server");
    let server = Server::start(bins.server, &["--data", &data.display().to_string()])?;
    server.team(bins.server, &["--data", &data.display().to_string()], "bench")?;

    let first = Device { cli: bins.cli, db: demo_db.to_path_buf() };
    let login = first.run(&["login", "--server", &server.url, "--workspace", "bench", "--user", EMAIL])?;
    let published: u64 = login
        .split(';')
        .find_map(|part| part.trim().strip_suffix(" changes to send")?.parse().ok())
        .context("login did not say how many changes it published")?;
    let published_mb = used_mb(demo_db)?;
    let begin = Instant::now();
    first.run(&["sync"])?;
    let first_push = begin.elapsed();
    let compacted_mb = used_mb(demo_db)?;

    let mut initial = Vec::new();
    let mut received_mb = 0.0;
    let mut receiver = None;
    for i in 0..3 {
        let d = Device { cli: bins.cli, db: dir.join(format!("device-{i}.db")) };
        d.run(&["login", "--server", &server.url, "--workspace", "bench", "--user", EMAIL])?;
        let begin = Instant::now();
        d.run(&["sync"])?;
        initial.push(begin.elapsed());
        if i == 0 {
            received_mb = used_mb(&d.db)?;
            receiver = Some(d);
        } else {
            super::demo::remove_db(&d.db);
        }
    }
    let receiver = receiver.context("no receiving device")?;
    let ids = first.case_ids(50)?;
    let mut incremental = Vec::new();
    for round in 0..5 {
        // 50 title edits: 100 changes (the title cell and the timeline entry of each).
        for id in &ids {
            first.run(&["case", "set", id, &format!("title=Bench edit {round}")])?;
        }
        first.run(&["sync"])?;
        let begin = Instant::now();
        let out = receiver.run(&["sync", "--json"])?;
        incremental.push(begin.elapsed());
        let report: serde_json::Value = serde_json::from_str(&out)?;
        if report["applied"].as_u64() != Some(100) {
            bail!("the incremental sync applied {} changes, not 100", report["applied"]);
        }
    }
    drop(server);

    let push_sqlite = push_runs(bins, &["--data", &dir.join("push-sqlite").display().to_string()])?;
    let push_postgres = match postgres {
        Ok(url) => Ok(push_runs(bins, &["--database-url", &url])?),
        Err(why) => Err(why),
    };
    Ok(SyncBench {
        published,
        published_mb,
        compacted_mb,
        received_mb,
        first_push,
        initial,
        incremental,
        push_sqlite,
        push_postgres,
    })
}

/// Writes the sync section of BENCHMARKS.md.
pub fn render(md: &mut String, b: &SyncBench) {
    md.push_str("\n## Sync (release `frontline-cli` devices and `frontline-server` on SQLite, loopback)\n\n");
    md.push_str("The 100k-case database (its demo marker removed for the benchmark) signs in and sends everything; \
");
    md.push_str("a new device's first `sync` receives it all (three new devices); 50 title edits (100 changes) \
");
    md.push_str("are sent and a device's `sync` receives them (five rounds; the time includes starting the CLI). \
");
    md.push_str("The CLI allocates with mimalloc; the desktop app keeps the system allocator (its idle memory), so its \
");
    md.push_str("first sync takes about a second longer. PostgreSQL pushes go to a database made afresh for the run.\n\n");
    md.push_str("| measure | value | target | |\n|---|---:|---:|---|\n");
    let _ = writeln!(md, "| first push of the 100k-case database ({} changes) | {:.1} s | — | |", b.published, b.first_push.as_secs_f64());
    let _ = writeln!(
        md,
        "| its database in use: everything published, then pushed and compacted | {:.0} MB → {:.0} MB | — | |",
        b.published_mb, b.compacted_mb
    );
    md.push_str("| the same 100k-case demo before outbox compaction and local-only derived columns (issue 14's own figure, not this run) | 2160 MB | — | |\n");
    let _ = writeln!(md, "| a new device's database after its initial sync | {:.0} MB | — | |", b.received_mb);
    let i = super::median(&b.initial);
    let _ = writeln!(
        md,
        "| initial sync of 100,000 cases to a new device | {:.1} s ({}) | ≤ {} s | {} |",
        i.as_secs_f64(),
        super::secs(&b.initial),
        INITIAL_TARGET.as_secs(),
        super::ok(i <= INITIAL_TARGET)
    );
    let n = super::median(&b.incremental);
    let _ = writeln!(
        md,
        "| incremental sync of 100 changes | {} ms ({}) | ≤ {} ms | {} |",
        n.as_millis(),
        b.incremental.iter().map(|d| d.as_millis().to_string()).collect::<Vec<_>>().join(", "),
        INCREMENTAL_TARGET.as_millis(),
        super::ok(n <= INCREMENTAL_TARGET)
    );
    let rate = |v: &[f64]| format!("{:.0} ({})", super::median(v), v.iter().map(|x| format!("{x:.0}")).collect::<Vec<_>>().join(", "));
    let _ = writeln!(md, "| server pushes/s, 50 devices, 20 changes each, SQLite | {} | — | |", rate(&b.push_sqlite));
    match &b.push_postgres {
        Ok(v) => {
            let _ = writeln!(md, "| server pushes/s, 50 devices, 20 changes each, PostgreSQL | {} | — | |", rate(v));
        }
        Err(why) => {
            let _ = writeln!(md, "| server pushes/s, PostgreSQL | not measured: {why} | — | |");
        }
    }

}

/// MB of a database's pages in use (freed pages are reused, not given back to the file
/// system until a VACUUM).
fn used_mb(db: &Path) -> Result<f64> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let pages: i64 = conn.query_row("SELECT page_count - freelist_count FROM pragma_page_count, pragma_freelist_count", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok((pages * size) as f64 / 1e6)
}

/// Three `push_load` runs of 50 devices for 15 s against a fresh workspace each.
fn push_runs(bins: &Bins<'_>, storage: &[&str]) -> Result<Vec<f64>> {
    let server = Server::start(bins.server, storage)?;
    let mut out = Vec::new();
    for i in 0..3 {
        let ws = format!("load-{}-{i}", std::process::id());
        server.team(bins.server, storage, &ws)?;
        let o = Command::new(bins.push_load)
            .args(["--url", &server.url, "--workspace", &ws, "--email", EMAIL, "--devices", "50", "--seconds", "15"])
            .env("FRONTLINE_PASSWORD", PASSWORD)
            .stderr(Stdio::inherit())
            .output()
            .context("running push_load")?;
        if !o.status.success() {
            bail!("push_load failed ({})", o.status);
        }
        let line: serde_json::Value = serde_json::from_slice(&o.stdout).context("push_load printed no JSON")?;
        out.push(line["pushes_per_s"].as_f64().context("no pushes_per_s")?);
    }
    Ok(out)
}

struct Device<'a> {
    cli: &'a Path,
    db: PathBuf,
}

impl Device<'_> {
    fn run(&self, args: &[&str]) -> Result<String> {
        let o = Command::new(self.cli)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("FRONTLINE_CREDENTIALS", "file")
            .env("FRONTLINE_PASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running frontline-cli {args:?}"))?;
        if !o.status.success() {
            bail!("frontline-cli {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
        }
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    }

    fn case_ids(&self, n: u32) -> Result<Vec<String>> {
        let page: serde_json::Value =
            serde_json::from_str(&self.run(&["case", "list", "--json", "--limit", &n.to_string()])?)?;
        let ids: Vec<String> = page["rows"]
            .as_array()
            .context("no rows")?
            .iter()
            .filter_map(|r| r["id"].as_str().map(str::to_owned))
            .collect();
        Ok(ids)
    }
}

/// A `frontline-server serve` on a free loopback port.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(bin: &Path, storage: &[&str]) -> Result<Server> {
        let mut child = Command::new(bin)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(storage)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting frontline-server")?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().context("no stdout")?).read_line(&mut line)?;
        let url = line.trim().strip_prefix("listening on ").context("the server did not say where it listens")?;
        Ok(Server { url: url.to_owned(), child })
    }

    /// Creates workspace `ws` with the bench supervisor.
    fn team(&self, bin: &Path, storage: &[&str], ws: &str) -> Result<()> {
        let admin = |args: &[&str]| -> Result<()> {
            let o = Command::new(bin).args(args).args(storage).env("FRONTLINE_PASSWORD", PASSWORD).output()?;
            if !o.status.success() {
                bail!("frontline-server {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
            }
            Ok(())
        };
        admin(&["workspace", "create", ws])?;
        admin(&["user", "add", "--workspace", ws, "--email", EMAIL, "--role", "supervisor"])
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
