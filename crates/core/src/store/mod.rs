//! The local SQLite store: opening, migrating and the one write path.
//!
//! A [`Store`] owns one connection to one database file and the device's hybrid logical
//! clock. Reads go through [`Store::conn`]; every write goes through [`Store::write`],
//! which hands the closure a [`WriteTx`] and commits data, change log and clock together.

mod apply;
mod bulk;
mod held;
mod import;
mod open;
pub(crate) use open::{Access, CACHE_KIB, classify, restrict_permissions};
pub mod migrations;
pub mod outbox;
mod publish;
pub mod schema;
mod statements;
pub(crate) mod versions;
mod wire;
mod write;

use std::path::{Path, PathBuf};

use frontline_sync::{Clock, Hlc, NodeId};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use apply::Applied;
pub use held::{HeldChild, HeldRow, InsertHeld};
pub use schema::{Merge, Table};
pub(crate) use write::NewRow;
pub use write::{Changed, Touched, WriteTx};

use crate::derivations::HOOKS;
use crate::{Error, Now, Result, system_now};

/// Keys of the `meta` table.
pub(crate) mod meta {
    /// This database's node id, minted once.
    pub const NODE_ID: &str = "node_id";
    /// The last HLC stamp issued or observed, so a restart never reissues a stamp.
    pub const CLOCK: &str = "hlc_last";
    /// Present while the device is signed in to a server: changes go to the outbox.
    pub const OUTBOX: &str = "outbox";
    /// How far the server's clock is ahead of this computer's (ms, may be negative), as
    /// last measured: every time this device records is corrected by it.
    pub const CLOCK_OFFSET: &str = "clock_offset_ms";
}

/// What the domain adds to every connection and every write, so the store needs to know
/// no domain module: SQL functions the schema's triggers call, and the derivations that
/// must follow a change of their inputs (`crate::derivations` supplies the one set).
pub struct Hooks {
    /// Registers the SQL functions triggers and migrations call.
    pub functions: fn(&Connection) -> rusqlite::Result<()>,
    /// Local changes of these columns (empty: any column) of these tables are noted as
    /// touched; remote changes always are.
    pub watch_local: &'static [(Table, &'static [&'static str])],
    /// Watched tables whose changes reach only the rows that refer to them (a customer's
    /// tier: its cases): a row inserted locally has no referrer written before it, so its
    /// insert is not noted as touched (an import creating 5,000 customers would otherwise
    /// have every active case's due times worked out again at commit).
    pub reach_referrers: &'static [Table],
    /// Tables whose new rows pulled from the server are held until the transaction's
    /// derivations run, and inserted whole (see store/held.rs).
    pub derive_on_insert: &'static [Table],
    /// Sets the derived columns of new rows of a [`Hooks::derive_on_insert`] table, held
    /// until now, from what the transaction has stored (their children pulled with them),
    /// and hands them all to the [`InsertHeld`] given, in order, a part at a time or at
    /// once; it inserts them as they are left, noted as [`Changed::fresh`].
    pub derive_new: fn(&mut WriteTx<'_>, Table, Vec<HeldRow>, InsertHeld<'_>) -> Result<()>,
    /// Refreshes what derives from the changed rows; runs before every commit.
    pub derive: fn(&mut WriteTx<'_>, Changed) -> Result<()>,
    /// Fills derived data a migration asked for (see [`migrations::MIGRATIONS`]), in the
    /// transaction of the last migration an upgrade applies, so a database is never seen
    /// migrated without it.
    pub migrated: fn(&Connection) -> Result<()>,
}

/// An open local database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    now: Now,
    /// [`meta::CLOCK_OFFSET`], applied to `now`.
    offset_ms: i64,
    hooks: &'static Hooks,
}

/// What `frontline-cli info` and the status bar show about a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreInfo {
    /// The database file.
    pub path: PathBuf,
    /// Schema version (number of migrations applied).
    pub schema_version: u32,
    /// This device's node id.
    pub node_id: NodeId,
    /// Live (not deleted) rows per table, by SQL name.
    pub row_counts: Vec<(&'static str, u64)>,
    /// Changes recorded locally and not yet pushed to a server.
    pub pending_changes: u64,
}

impl Store {
    /// Opens (creating if needed) the database at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_clock(path, system_now())
    }

    /// Opens (creating if needed) the database at `path`, reading time from `now`.
    pub fn open_with_clock(path: &Path, now: Now) -> Result<Store> {
        let conn = open::open_file(path, migrations::latest_version(), Access::Write, HOOKS)?;
        Store::from_connection(conn, path.to_path_buf(), now)
    }

    /// Opens another connection to the database at `path` that can only read
    /// (`PRAGMA query_only`), after [`Store::open`] has created and migrated it. In WAL mode
    /// readers never wait for the writer, so the app answers queries on these while a long
    /// write (a bulk action, an import, a sync batch) holds the write connection.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = open::open_file(path, migrations::latest_version(), Access::Read, HOOKS)?;
        Store::from_connection(conn, path.to_path_buf(), system_now())
    }

    /// Opens an existing database only to look at it (`info`, backups): SQLite read-only,
    /// no migration, nothing on disk changed — it works on a read-only mount, on a file
    /// owned by someone else and while another process holds a long write. A database of
    /// an older schema is described as it is.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = open::open_file(path, migrations::latest_version(), Access::Inspect, HOOKS)?;
        let clock =
            read_clock(&conn)?.ok_or_else(|| Error::Corrupt { detail: "the database has no node id".into() })?;
        let offset_ms = read_offset(&conn)?;
        Ok(Store { conn, path: path.to_path_buf(), clock, now: system_now(), offset_ms, hooks: HOOKS })
    }

    /// A bare read-only connection for copying the file (see [`Store::open_read_only`]).
    pub(crate) fn inspect_connection(path: &Path) -> Result<Connection> {
        open::open_file(path, migrations::latest_version(), Access::Inspect, HOOKS)
    }

    fn from_connection(mut conn: Connection, path: PathBuf, now: Now) -> Result<Store> {
        let clock = match read_clock(&conn)? {
            Some(clock) => clock,
            None => mint_node_id(&mut conn)?,
        };
        let offset_ms = read_offset(&conn)?;
        Ok(Store { conn, path, clock, now, offset_ms, hooks: HOOKS })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }

    /// This device's node id.
    pub fn node_id(&self) -> NodeId {
        self.clock.node()
    }

    /// The last clock stamp issued or observed.
    pub fn clock_last(&self) -> Hlc {
        self.clock.last()
    }

    /// The time: the injected wall clock, corrected by the server's clock when sync has
    /// measured how far this computer's is off.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        (self.now)() + chrono::Duration::milliseconds(self.offset_ms)
    }

    /// Keeps how far the server's clock is ahead of this computer's. Stored only when it
    /// moved by more than a second, so measuring it on every request costs no writes.
    pub fn set_clock_offset(&mut self, offset_ms: i64) -> Result<()> {
        if (offset_ms - self.offset_ms).abs() <= 1_000 {
            return Ok(());
        }
        set_meta(&self.conn, meta::CLOCK_OFFSET, &offset_ms.to_string())?;
        self.offset_ms = offset_ms;
        Ok(())
    }

    /// Gives fresh stamps to unpushed changes stamped later than `bound_ms` (Unix ms, by
    /// the server's clock): made while this computer's clock ran fast, they would beat
    /// every colleague's edit until real time caught up. Their order is kept, and the
    /// clock goes back to the newest stamp at or below the bound. Returns how many.
    pub fn restamp_ahead(&mut self, bound_ms: u64) -> Result<u64> {
        let node = self.node_id();
        let bound = Hlc { wall_ms: bound_ms, counter: u16::MAX, node: NodeId::from_u64(u64::MAX) }.to_string();
        let now_ms = u64::try_from(self.now().timestamp_millis()).unwrap_or(0);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ahead: Vec<(i64, String, String, String, String)> = {
            let mut stmt = tx.prepare("SELECT seq, hlc, tbl, row_id, col FROM outbox WHERE hlc > ?1 ORDER BY seq")?;
            stmt.query_map([&bound], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                .collect::<Result<_, _>>()?
        };
        if ahead.is_empty() && self.clock.last().wall_ms <= bound_ms {
            return Ok(0);
        }
        let floor: Option<String> = tx
            .query_row("SELECT max(hlc) FROM column_versions WHERE hlc <= ?1", [&bound], |r| r.get(0))
            .optional()?
            .flatten();
        let floor = match floor {
            Some(f) => versions::parse(&f)?,
            None => Hlc::zero(node),
        };
        let mut clock = Clock::new(node, floor);
        // The cells of a row written whole share one stamp, held once for the row
        // (versions.rs): they get one new stamp again.
        let mut restamped: std::collections::HashMap<(&str, &str, &str), String> = Default::default();
        for (seq, old, tbl, row, col) in &ahead {
            let new = &*restamped
                .entry((tbl.as_str(), row.as_str(), old.as_str()))
                .or_insert_with(|| clock.tick(now_ms).to_string());
            tx.execute("UPDATE outbox SET hlc = ?2 WHERE seq = ?1", rusqlite::params![seq, new])?;
            tx.execute(
                "UPDATE column_versions SET hlc = ?5 WHERE tbl = ?1 AND row_id = ?2 AND col IN (?3, '*') AND hlc = ?4",
                rusqlite::params![tbl, row, col, old, new],
            )?;
        }
        set_meta(&tx, meta::CLOCK, &clock.last().to_string())?;
        tx.commit()?;
        self.clock = clock;
        Ok(ahead.len() as u64)
    }

    /// Runs `f` in one immediate transaction. Data, change log and the persisted clock are
    /// committed together; if `f` fails, nothing of it remains — and the in-memory clock
    /// only advances after the commit succeeded.
    ///
    /// The clock is one per database, not one per connection: the app, a sync worker and
    /// the CLI may each hold a [`Store`] on the same file, so the transaction starts from
    /// the newest stamp any of them persisted and never issues a lower one.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>) -> Result<T> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let clock = match read_clock(&tx)? {
            Some(persisted) if persisted.node() == self.clock.node() => {
                Clock::new(persisted.node(), persisted.last().max(self.clock.last()))
            }
            // Another process gave the database a new node id (a restore): adopt it.
            Some(persisted) => persisted,
            None => self.clock.clone(),
        };
        let mut wtx = WriteTx::new(tx, clock, now, self.hooks)?;
        let out = f(&mut wtx)?;
        let clock = wtx.commit()?;
        self.clock = clock;
        Ok(out)
    }

    /// Schema version, node id, row counts and pending changes.
    pub fn info(&self) -> Result<StoreInfo> {
        let mut row_counts = Vec::with_capacity(Table::ALL.len());
        for t in Table::ALL {
            // An inspected database may be of an older schema, without the newer tables.
            let exists: bool = self.conn.query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t.name()],
                |r| r.get(0),
            )?;
            if !exists {
                continue;
            }
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM {} WHERE deleted_at IS NULL", t.name()),
                [],
                |r| r.get(0),
            )?;
            row_counts.push((t.name(), n as u64));
        }
        let has_outbox: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'",
            [],
            |r| r.get(0),
        )?;
        let pending = if has_outbox { outbox::pending(&self.conn)? } else { 0 };
        Ok(StoreInfo {
            path: self.path.clone(),
            schema_version: migrations::current_version(&self.conn)?,
            node_id: self.node_id(),
            row_counts,
            pending_changes: pending,
        })
    }

    /// Gives this database a new node id, keeping the clock's position. Used after a
    /// restore: the restored file may carry the id of a device that is still in use, and
    /// two devices sharing a node id could mint equal stamps for different changes.
    /// `floor` is a stamp the clock must stay above (the replaced database's clock).
    pub fn rotate_node_id(&mut self, floor: Option<Hlc>) -> Result<NodeId> {
        let node = NodeId::random();
        let last = floor.map_or(self.clock.last(), |f| f.max(self.clock.last()));
        let clock = Clock::new(node, last);
        let tx = self.conn.transaction()?;
        set_meta(&tx, meta::NODE_ID, &node.to_string())?;
        set_meta(&tx, meta::CLOCK, &clock.last().to_string())?;
        tx.commit()?;
        self.clock = clock;
        Ok(node)
    }
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// Reads the node id and the persisted clock, without a write lock; `None` when the
/// database has no node id yet.
fn read_clock(conn: &Connection) -> Result<Option<Clock>> {
    let bad = |what: &str, v: &str| Error::Corrupt { detail: format!("stored {what} {v:?} is invalid") };
    let Some(node) = get_meta(conn, meta::NODE_ID)? else {
        return Ok(None);
    };
    let node = node.parse::<NodeId>().map_err(|_| bad("node id", &node))?;
    let last = match get_meta(conn, meta::CLOCK)? {
        Some(v) => v.parse::<Hlc>().map_err(|_| bad("clock", &v))?,
        None => Hlc::zero(node),
    };
    Ok(Some(Clock::new(node, last)))
}

fn read_offset(conn: &Connection) -> Result<i64> {
    Ok(get_meta(conn, meta::CLOCK_OFFSET)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Gives a database without a node id one (databases made before the first migration
/// minted it). Re-checks under the write lock: another process may have just done it.
fn mint_node_id(conn: &mut Connection) -> Result<Clock> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let clock = match read_clock(&tx)? {
        Some(clock) => clock,
        None => {
            let node = NodeId::random();
            set_meta(&tx, meta::NODE_ID, &node.to_string())?;
            Clock::new(node, Hlc::zero(node))
        }
    };
    tx.commit()?;
    Ok(clock)
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::{Arc, Mutex};

    use chrono::{DateTime, TimeZone, Utc};

    use super::*;

    /// A wall clock tests can move, including backwards.
    #[derive(Clone)]
    pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

    impl TestClock {
        pub fn new() -> Self {
            TestClock(Arc::new(Mutex::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())))
        }
        pub fn set(&self, t: DateTime<Utc>) {
            *self.0.lock().unwrap() = t;
        }
        pub fn get(&self) -> DateTime<Utc> {
            *self.0.lock().unwrap()
        }
        pub fn now(&self) -> Now {
            let inner = self.0.clone();
            Arc::new(move || *inner.lock().unwrap())
        }
    }

    /// A fresh store in a temp dir with a pinned clock, recording its changes in the
    /// outbox as a signed-in device does.
    pub fn temp_store() -> (tempfile::TempDir, Store, TestClock) {
        let dir = tempfile::tempdir().unwrap();
        let clock = TestClock::new();
        let store = Store::open_with_clock(&dir.path().join("frontline.db"), clock.now()).unwrap();
        set_meta(store.conn(), meta::OUTBOX, "1").unwrap();
        (dir, store, clock)
    }

    /// The outbox: (stamp, table, row, column, value), oldest first.
    pub fn outbox(store: &Store) -> Vec<(String, String, String, String, rusqlite::types::Value)> {
        let mut stmt = store.conn().prepare("SELECT hlc, tbl, row_id, col, value FROM outbox ORDER BY seq").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A store on `path` migrated only to `version`, as an older release left it.
    pub fn store_at_version(path: &Path, version: u32) -> Store {
        Store::from_connection(
            open::open_file(path, version, Access::Write, HOOKS).unwrap(),
            path.to_path_buf(),
            system_now(),
        )
        .unwrap()
    }
}

#[cfg(test)]
mod tests;
